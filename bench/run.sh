#!/usr/bin/env bash
# Builds the release preset's benchmark targets, runs every benchmark and prints one table.
# Exit status: non-zero when a benchmark misses a goal or cannot run. `make bench` calls this.
#
# Each bench/<name>/run.sh prints its results as Markdown table rows on stdout,
#   | <name> | <measure> | <value> | <goal> | PASS or MISS (or — for a reference figure) |
# progress on stderr, and exits non-zero when a goal is missed. BENCH_BUILD_DIR names the build.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
cmake --preset release >/dev/null || exit 2
cmake --build --preset release --target bench || exit 2
export BENCH_BUILD_DIR="$ROOT/build/release"
BUDGET_SECONDS="${BENCH_BUDGET_SECONDS:-165}"  # per benchmark: with availability, under 6 min in all

rows=()
failed=0
started=$SECONDS

# Availability fan-out: its own output, turned into rows.
echo "== availability" >&2
if output=$("$BENCH_BUILD_DIR/bench/availability_fanout" \
    --sim "$BENCH_BUILD_DIR/tools/calcom-sim/calcom-sim" \
    --fixture "$ROOT/tools/calcom-sim/fixtures/default.json" \
    --latency-ms "${BENCH_LATENCY_MS:-200}" --runs "${BENCH_RUNS:-7}"); then status=0; else status=$?; fi
echo "$output" >&2
one=$(sed -n 's/^ *1 interviewer *: median *\([0-9.]*\) ms.*/\1/p' <<<"$output")
eight=$(sed -n 's/^ *8 interviewers: median *\([0-9.]*\) ms.*/\1/p' <<<"$output")
ratio=$(sed -n 's/^ *ratio 8\/1: \([0-9.]*\)x.*/\1/p' <<<"$output")
cached=$(sed -n 's/^ *8 interviewers again within the cache window: \([0-9.]*\) ms.*/\1/p' <<<"$output")
if [ -n "$ratio" ] && [ -n "$cached" ]; then
  rows+=("| availability | 8 interviewers vs 1, simulator +${BENCH_LATENCY_MS:-200} ms (median) | ${eight} ms vs ${one} ms: ${ratio}× | ≤ 1.3× | $([ "$status" = 0 ] && echo PASS || echo MISS) |")
  cached_ok=$(awk -v c="$cached" 'BEGIN { print (c < 5) ? "PASS" : "MISS" }')
  rows+=("| availability | 8 interviewers again within the cache window | ${cached} ms | < 5 ms | ${cached_ok} |")
  [ "$cached_ok" = PASS ] || failed=1
else
  rows+=("| availability | did not run (exit status $status) | — | — | MISS |")
fi
[ "$status" = 0 ] || failed=1

# Every bench/<name>/run.sh.
for script in "$ROOT"/bench/*/run.sh; do
  name=$(basename "$(dirname "$script")")
  echo "== $name" >&2
  output=$(timeout --kill-after=10 "$BUDGET_SECONDS" "$script")
  status=$?
  found=0
  while IFS= read -r line; do
    if [[ "$line" == "| "* ]]; then rows+=("$line"); found=1; fi
  done <<<"$output"
  if [ "$status" != 0 ]; then
    failed=1
    if [ "$status" = 124 ]; then rows+=("| $name | did not finish within ${BUDGET_SECONDS} s | — | — | MISS |")
    elif [ "$found" = 0 ]; then rows+=("| $name | did not run (exit status $status) | — | — | MISS |"); fi
  fi
done

echo
echo "Benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $((SECONDS - started)) s"
echo
echo "| Benchmark | Measure | Value | Goal | Result |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
exit "$failed"
