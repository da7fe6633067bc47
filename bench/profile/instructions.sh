#!/usr/bin/env bash
# Instructions (Ir) per request of the release service under callgrind, one line per path: the
# API benchmark's database, seeded the same way, and a fixed, seeded sequence of keep-alive
# requests (see instructions.py). Independent of the machine's load, so two builds compare
# within ~1 %: run it once per build.
#
#   bench/profile/instructions.sh [BUILD_DIR]
#
# BUILD_DIR holds the poblysh-interviews measured (default: this checkout's build/release). The
# tools (seeder, simulator, webhook_deliveries) are this checkout's release build, built here when
# needed. Knobs: PROFILE_SEED (8), BENCH_API_INTERVIEWS (100000). Not part of `make bench` or CTest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/build/release"
SERVICE="$(cd "${1:-$TOOLS}" && pwd)/poblysh-interviews"
(cd "$ROOT" && cmake --preset release >/dev/null &&
  cmake --build --preset release -j"${JOBS:-2}" --target poblysh-interviews seed_interviews calcom-sim webhook_deliveries) >&2
exec /usr/bin/python3 "$ROOT/bench/profile/instructions.py" --tools "$TOOLS" --service "$SERVICE"
