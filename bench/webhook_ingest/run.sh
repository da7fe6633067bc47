#!/usr/bin/env bash
# Webhook ingest benchmark: prints its table rows on stdout (progress on stderr); exit status 1
# when a goal is missed. Uses $BENCH_BUILD_DIR (bench/run.sh has built it) or builds
# build/release itself. WEBHOOK_INGEST_DELIVERIES / _CONNECTIONS / _HTTP_THREADS / _ROUNDS override (the
# service's own default when _HTTP_THREADS is unset or 0).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -z "${BENCH_BUILD_DIR:-}" ]]; then
  BENCH_BUILD_DIR="$ROOT/build/release"
  [[ -f "$BENCH_BUILD_DIR/CMakeCache.txt" ]] || cmake --preset release >&2
  cmake --build "$BENCH_BUILD_DIR" --target webhook_ingest -j"${JOBS:-2}" >&2
fi
exec "$BENCH_BUILD_DIR/bench/webhook_ingest/webhook_ingest" --service "$BENCH_BUILD_DIR/poblysh-interviews" \
  --deliveries "${WEBHOOK_INGEST_DELIVERIES:-30000}" --connections "${WEBHOOK_INGEST_CONNECTIONS:-64}" \
  --http-threads "${WEBHOOK_INGEST_HTTP_THREADS:-0}" --baseline-seconds "${WEBHOOK_INGEST_BASELINE_SECONDS:-4}" \
  --rounds "${WEBHOOK_INGEST_ROUNDS:-3}"
