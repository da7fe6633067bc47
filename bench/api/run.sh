#!/usr/bin/env bash
# API benchmark: list and detail of 100,000 interviews next to /healthz, memory, start-up.
# Expects the release preset's bench target built (bench/run.sh does it). Prints table rows
# (| benchmark | measure | value | goal | result |); exit 1 when a goal is missed.
# Knobs: BENCH_API_SECONDS (per endpoint and round, 5), BENCH_API_ROUNDS (2),
# BENCH_API_INTERVIEWS (100000), BENCH_API_STARTS (7), BENCH_API_REUSE_DB=1 (keep the seeded file).
set -euo pipefail
exec /usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/api_bench.py" "$@"
