#!/usr/bin/env bash
# Runs the service the way a newcomer wants it: SQLite under ./data, demo data, and the
# Cal.com simulator as a sandbox when no Cal.com API key is configured.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/poblysh-interviews
sim=build/release/tools/calcom-sim/calcom-sim
mkdir -p data

export POBLYSH_DEMO_DATA="${POBLYSH_DEMO_DATA:-true}"
export POBLYSH_HTTP_ADDRESS="${POBLYSH_HTTP_ADDRESS:-127.0.0.1:8080}"
export POBLYSH_DATABASE_URL="${POBLYSH_DATABASE_URL:-sqlite://data/poblysh.db}"
export POBLYSH_STATIC_DIR="${POBLYSH_STATIC_DIR:-web/dist}"

sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if [ -z "${POBLYSH_CALCOM_API_KEY:-}" ] && [ -z "${POBLYSH_CALCOM_API_KEY_FILE:-}" ] && [ -x "$sim" ]; then
  rm -f data/calcom-sim.ready
  "$sim" --listen 127.0.0.1:0 --ready-file data/calcom-sim.ready \
    --fixture tools/calcom-sim/fixtures/default.json >data/calcom-sim.log 2>&1 &
  sim_pid=$!
  for _ in $(seq 100); do [ -s data/calcom-sim.ready ] && break; sleep 0.1; done
  export POBLYSH_CALCOM_BASE_URL="http://$(cat data/calcom-sim.ready)"
  export POBLYSH_CALCOM_API_KEY="cal_test_poblysh_ops_5f1c2e9a7b3d4c60a8e1"  # the simulator fixture's own test key, not a Cal.com key
  export POBLYSH_CALCOM_AVAILABILITY_SLUG="${POBLYSH_CALCOM_AVAILABILITY_SLUG:-founder-interview}"
  export POBLYSH_CALCOM_SANDBOX=true
  export POBLYSH_CALCOM_SENDS_ATTENDEE_EMAILS=false  # the simulator emails nobody; we invite everyone
  echo "No Cal.com API key configured: using the Cal.com simulator at $POBLYSH_CALCOM_BASE_URL (bookings are simulated)."
  # The simulator signs its webhooks like Cal.com: give it our endpoint and a fresh secret, so
  # sandbox bookings move to "confirmed" (and reschedules and cancellations arrive) as they would.
  if [ -z "${POBLYSH_CALCOM_WEBHOOK_SECRET:-}" ]; then
    POBLYSH_CALCOM_WEBHOOK_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export POBLYSH_CALCOM_WEBHOOK_SECRET
  fi
  "$bin" calcom webhooks install --url "http://$POBLYSH_HTTP_ADDRESS/webhooks/calcom" >data/calcom-sim-webhook.log 2>&1 ||
    echo "Could not register the sandbox webhook (see data/calcom-sim-webhook.log); bookings will stay 'scheduled'."
fi

# The service writes a new admin's login to data/initial-admin.txt (mode 0600), never to its
# output; it is shown from there once the service is listening. The saved login belongs to the
# database next to it: a fresh database makes a new one.
db_file="${POBLYSH_DATABASE_URL#sqlite://}"
rm -f data/service.ready
POBLYSH_READY_FILE=data/service.ready "$bin" serve &
service_pid=$!
# A background job of a script ignores Ctrl-C: pass it on as a stop.
trap 'kill -TERM "$service_pid" 2>/dev/null || true' INT TERM
for _ in $(seq 300); do
  [ -s data/service.ready ] && break
  kill -0 "$service_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -s data/service.ready ]; then
  if [ -f data/initial-admin.txt ] && [ -f "$db_file" ]; then
    echo "Admin login (from data/initial-admin.txt, readable by you only): $(cat data/initial-admin.txt)"
  fi
  echo "Poblysh Interviews: http://$POBLYSH_HTTP_ADDRESS/  (Ctrl-C stops)"
fi
status=0
wait "$service_pid" || status=$?
# After a Ctrl-C, wait returns early: wait for the service's own orderly stop.
wait "$service_pid" 2>/dev/null || true
cleanup
exit "$status"
