#!/usr/bin/env bash
# Gets the browser tests ready: npm packages exactly as the lockfiles say (only when a lockfile
# changed), a fresh build of the web app into web/dist, and a check that Chromium is there.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

for dir in web tests/browser; do
  lock="$root/$dir/package-lock.json"
  stamp="$root/$dir/node_modules/.installed-from-lock"
  if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
    echo "npm ci in $dir"
    (cd "$root/$dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
done

echo "building web/dist"
(cd "$root/web" && npm run build --silent)

chromium="${POBLYSH_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "Chromium is not installed at $chromium: apt-get install chromium" \
       "(scripts/install-deps.sh does it when POBLYSH_WITH_BROWSER is set)." >&2
  exit 1
fi
