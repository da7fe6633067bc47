#!/usr/bin/env bash
# Builds the release preset's benchmark targets and runs them. Exit status: non-zero when a
# benchmark misses its limit. `make bench` calls this after building the release preset.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
cmake --preset release >/dev/null
cmake --build --preset release --target bench
BUILD="$ROOT/build/release"
"$BUILD/bench/availability_fanout" \
  --sim "$BUILD/tools/calcom-sim/calcom-sim" \
  --fixture "$ROOT/tools/calcom-sim/fixtures/default.json" \
  --latency-ms "${BENCH_LATENCY_MS:-200}" --runs "${BENCH_RUNS:-7}"
