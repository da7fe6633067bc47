#!/usr/bin/env bash
# Starts the Cal.com simulator and Prism (proxy mode, validating against a patched copy of
# Cal.com's OpenAPI document) on free 127.0.0.1 ports, runs the given command with their
# addresses in the environment, then stops both. Exit status: the command's, or 90+ when the
# harness itself failed.
#
#   tests/contract/with-sim-and-prism.sh <command> [args…]
#
# Exported to the command:
#   CALCOM_SIM_URL        http://127.0.0.1:<sim>        (the simulator, direct)
#   CALCOM_SIM_ADMIN_URL  http://127.0.0.1:<sim>/_sim   (reset, clock, faults, deliveries)
#   PRISM_URL             http://127.0.0.1:<prism>      (Cal.com API through Prism --errors)
#   CALCOM_TEST_API_KEY   the fixture's valid key; CALCOM_TEST_API_KEY_NO_WEBHOOKS lacks webhooks
#   CALCOM_SIM_LOG, PRISM_LOG  log files (kept in HARNESS_DIR when the command fails)
#
# Inputs (environment, all optional):
#   CALCOM_SIM_BIN   simulator binary (default: build/*/tools/calcom-sim/calcom-sim, newest)
#   CALCOM_SIM_ARGS  extra simulator flags, e.g. "--rate-limit 20 --now 2026-05-04T08:00:00Z"
#   PRISM_SPEC_OUT   where to write the patched spec (default: inside HARNESS_DIR)
#   HARNESS_TIMEOUT  seconds the command may run (default 600)
#   HARNESS_KEEP_LOGS=1  keep the logs (e.g. sanitizer reports at shutdown) even on success
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PRISM_DIR="$ROOT/scripts/prism"
HARNESS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/sim-prism.XXXXXX")"
SIM_PID=""
PRISM_PID=""
KEEP_LOGS="${HARNESS_KEEP_LOGS:-0}"

fail() { echo "with-sim-and-prism: $*" >&2; KEEP_LOGS=1; exit 90; }

stop() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  stop "$PRISM_PID"
  stop "$SIM_PID"
  if [ "$status" -ne 0 ] || [ "$KEEP_LOGS" -ne 0 ]; then
    echo "with-sim-and-prism: logs kept in $HARNESS_DIR" >&2
    tail -n 40 "$HARNESS_DIR/prism.log" 2>/dev/null | grep -E "✖|Violation|error" >&2 || true
  else
    rm -rf "$HARNESS_DIR"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 91' INT TERM

[ "$#" -ge 1 ] || fail "usage: $0 <command> [args…]"
command -v node >/dev/null || fail "node is required"

# 1. Prism from the lockfile, installed once; flock keeps parallel test runs from racing.
if [ ! -x "$PRISM_DIR/node_modules/.bin/prism" ]; then
  (
    flock 9
    if [ ! -x "$PRISM_DIR/node_modules/.bin/prism" ]; then
      (cd "$PRISM_DIR" && npm ci --no-audit --no-fund >"$HARNESS_DIR/npm.log" 2>&1) || {
        cat "$HARNESS_DIR/npm.log" >&2
        exit 1
      }
    fi
  ) 9>"$PRISM_DIR/.npm-ci.lock" || fail "npm ci in scripts/prism failed"
fi

# 2. The patched spec.
SPEC="${PRISM_SPEC_OUT:-$HARNESS_DIR/openapi-v2.patched.json}"
node "$PRISM_DIR/patch-spec.js" --out "$SPEC" >"$HARNESS_DIR/patch.log" 2>&1 || {
  cat "$HARNESS_DIR/patch.log" >&2
  fail "patching the spec failed"
}

# 3. The simulator on a free port (it picks one and writes it to the ready file).
SIM_BIN="${CALCOM_SIM_BIN:-}"
if [ -z "$SIM_BIN" ]; then
  SIM_BIN="$(ls -t "$ROOT"/build/*/tools/calcom-sim/calcom-sim 2>/dev/null | head -n 1 || true)"
fi
[ -x "$SIM_BIN" ] || fail "calcom-sim binary not found; build it or set CALCOM_SIM_BIN"
export CALCOM_SIM_LOG="$HARNESS_DIR/sim.log"
# shellcheck disable=SC2086  # CALCOM_SIM_ARGS is a list of flags
"$SIM_BIN" --listen 127.0.0.1:0 --ready-file "$HARNESS_DIR/sim.addr" ${CALCOM_SIM_ARGS:-} >"$CALCOM_SIM_LOG" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 100); do
  [ -s "$HARNESS_DIR/sim.addr" ] && break
  kill -0 "$SIM_PID" 2>/dev/null || { cat "$CALCOM_SIM_LOG" >&2; fail "calcom-sim exited during start-up"; }
  sleep 0.1
done
[ -s "$HARNESS_DIR/sim.addr" ] || fail "calcom-sim did not become ready in 10 s"
SIM_ADDR="$(head -n 1 "$HARNESS_DIR/sim.addr")"

# 4. Prism in proxy mode. Its port is chosen by asking the kernel for a free one; if another
# process takes it first Prism fails to bind and we try again with a new port.
export PRISM_LOG="$HARNESS_DIR/prism.log"
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'; }
PRISM_PORT=""
for attempt in 1 2 3; do
  PORT="$(free_port)"
  "$PRISM_DIR/node_modules/.bin/prism" proxy "$SPEC" "http://$SIM_ADDR" --errors --host 127.0.0.1 --port "$PORT" \
    >"$PRISM_LOG" 2>&1 &
  PRISM_PID=$!
  # Loading the 1 MB document takes a few seconds; any HTTP answer means it is serving.
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/v2/me"; then PRISM_PORT="$PORT"; break; fi
    kill -0 "$PRISM_PID" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$PRISM_PORT" ] && break
  stop "$PRISM_PID"
  PRISM_PID=""
  echo "with-sim-and-prism: prism did not start (attempt $attempt)" >&2
done
[ -n "$PRISM_PORT" ] || { cat "$PRISM_LOG" >&2; fail "prism did not start"; }

export CALCOM_SIM_URL="http://$SIM_ADDR"
export CALCOM_SIM_ADMIN_URL="$CALCOM_SIM_URL/_sim"
export PRISM_URL="http://127.0.0.1:$PRISM_PORT"
export CALCOM_TEST_API_KEY="cal_test_poblysh_ops_5f1c2e9a7b3d4c60a8e1"
export CALCOM_TEST_API_KEY_NO_WEBHOOKS="cal_test_poblysh_nohooks_9a27d1c4e8b05f36"
export CALCOM_PATCHED_SPEC="$SPEC"

set +e
timeout --kill-after=10 "${HARNESS_TIMEOUT:-600}" "$@"
STATUS=$?
set -e
[ "$STATUS" -eq 124 ] && echo "with-sim-and-prism: command timed out after ${HARNESS_TIMEOUT:-600} s" >&2
exit "$STATUS"
