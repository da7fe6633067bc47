#!/usr/bin/env bash
# Runs one libFuzzer target of the fuzz build (cmake --preset fuzz) over its seed corpus.
#   fuzz/run.sh <target|all> [seconds]   fuzz for a while (default 60 s per target); new inputs
#                                        go to build/fuzz/corpus/<target>, crashes to
#                                        build/fuzz/artifacts/<target>/
#   fuzz/run.sh --runs N <target>        the CTest smoke run: the corpus plus N mutations
# Exit status is non-zero on any crash, leak, sanitizer report or violated property.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fuzz_dir="${POBLYSH_FUZZ_DIR:-$here/../build/fuzz}"
targets=(webhook calcom_response api_request markdown time)

runs=""
if [ "${1:-}" = "--runs" ]; then runs="$2"; shift 2; fi
target="${1:?usage: fuzz/run.sh [--runs N] <target|all> [seconds]}"
seconds="${2:-60}"

if [ "$target" = "all" ]; then
  for each in "${targets[@]}"; do "$0" ${runs:+--runs "$runs"} "$each" "$seconds"; done
  exit 0
fi

binary="$fuzz_dir/fuzz/fuzz_$target"
if [ ! -x "$binary" ]; then
  echo "fuzz/run.sh: $binary is missing: build it with 'cmake --preset fuzz && cmake --build --preset fuzz'" >&2
  # A CTest smoke run in a build without the fuzz build beside it (a plain `ctest` of the release
  # preset) is skipped (CTest's SKIP_RETURN_CODE); `make test` builds it first, and CI fails.
  if [ -n "$runs" ] && [ "${CI:-}" != "true" ]; then exit 77; fi
  exit 1
fi

# Every sanitizer report is fatal; leaks are checked at exit and per input.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}"

work="${POBLYSH_FUZZ_WORK_DIR:-$fuzz_dir}"
artifacts="$work/artifacts/$target"
mkdir -p "$artifacts"
dict=()
[ -f "$here/$target.dict" ] && dict=(-dict="$here/$target.dict")
# libFuzzer's own exit status for a finding is 77, which CTest reads as "skipped" (the code this
# script uses when the fuzz build is missing): every finding exits 1 instead, so it fails the test.
common=(-max_len=8192 -timeout=10 -rss_limit_mb=2048 -error_exitcode=1 -timeout_exitcode=1
  -artifact_prefix="$artifacts/" -print_final_stats=1 "${dict[@]}")

if [ -n "$runs" ]; then
  # New inputs go to a scratch directory (libFuzzer writes to its first corpus directory), so a
  # test never changes the committed corpus.
  scratch="$work/scratch/$target"
  rm -rf "$scratch" && mkdir -p "$scratch"
  exec "$binary" "${common[@]}" -runs="$runs" -seed=1 "$scratch" "$here/corpus/$target"
fi

grown="$fuzz_dir/corpus/$target"
mkdir -p "$grown"
echo "== fuzz_$target for ${seconds}s (new inputs: $grown)"
"$binary" "${common[@]}" -max_total_time="$seconds" "$grown" "$here/corpus/$target"
