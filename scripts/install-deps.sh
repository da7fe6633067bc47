#!/usr/bin/env bash
# Installs everything the build, the service and the tests need, from Debian and npm.
# Idempotent and quick when all is there: apt-get runs only when a package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates curl
  # make mutate compiles each mutated file again once restored: a cache hit with ccache
  ccache
  # clang with libFuzzer and its sanitizer runtimes, for the fuzz preset (fuzz/)
  clang-14 libclang-rt-14-dev
  # C++ libraries
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev nlohmann-json3-dev libspdlog-dev
  libcurl4-openssl-dev libssl-dev libsodium-dev libsqlite3-dev libpq-dev libpqxx-dev
  libmd4c-dev libical-dev libhowardhinnant-date-dev
  libcli11-dev libtomlplusplus-dev libexpected-dev libgtest-dev libgmock-dev libjemalloc-dev
  libsimdjson-dev
  # servers and tools the tests start
  sqlite3 postgresql python3 python3-aiosmtpd wrk
)
# Node and npm: the machine's own when present (Node 20), Debian's otherwise.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
# The tests' extras (`make build`): Debian's Chromium for the browser tests; nginx and openssl for
# the deploy guide's test (tests/deploy), which runs its own nginx on 127.0.0.1.
if [ -n "${POBLYSH_WITH_BROWSER:-}" ]; then packages+=(chromium nginx openssl); fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -q
  $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
  # Where systemd runs, Debian starts the nginx it just installed with its default site on port
  # 80 of every address; the tests start their own, so that one is stopped and disabled.
  if [[ " ${missing[*]} " == *" nginx "* ]] && [ -d /run/systemd/system ]; then
    $sudo_cmd systemctl disable --now nginx.service >/dev/null 2>&1 || true
  fi
fi

# npm packages, exactly as the lockfiles say.
for lock in scripts/prism/package-lock.json web/package-lock.json tests/browser/package-lock.json; do
  [ -f "$lock" ] || continue
  dir=$(dirname "$lock")
  stamp="$dir/node_modules/.installed-from-lock"
  if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
    echo "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
done
