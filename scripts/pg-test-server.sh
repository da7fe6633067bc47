#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (CTest fixture `postgres`): Debian's server
# binaries run directly (no pg_ctlcluster, no systemd), data under <dir>, loopback only, trust
# authentication, a free port. `start` writes the database URL to <dir>/url; `stop` shuts the
# server down and removes its data. Both are idempotent: a server left by a killed run is
# stopped before a new one starts.
#
#   scripts/pg-test-server.sh start|stop <dir>
set -euo pipefail

usage() { echo "usage: $0 start|stop <dir>" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd -P)

# The newest installed server (Debian installs each major version side by side).
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  echo "pg-test-server: no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi
version=$(basename "$(dirname "$bin")")

# initdb and postgres refuse to run as root: as root they run as Debian's `postgres` user.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then (cd "$dir" && runuser -u postgres -- "$@"); else "$@"; fi
}

# Data and socket directories live under <dir>, unless (as root) the postgres user cannot reach
# <dir>, e.g. a checkout under /root: then under /tmp, and <dir>/server-home says where.
server_home() {
  if [ -f "$dir/server-home" ]; then cat "$dir/server-home"; else echo "$dir"; fi
}

stop_server() {
  local home data
  home=$(server_home)
  data=$home/data
  # Immediate: the data is removed next, so the shutdown checkpoint (~10 s of fsync after a
  # test run) would be wasted; clients still connected are cut off as with a fast shutdown.
  if [ -f "$data/postmaster.pid" ]; then
    as_server_user "$bin/pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi
  if [ "$home" != "$dir" ]; then rm -rf "$home"; fi
  rm -rf "$dir/data" "$dir/sockets" "$dir/server-home" "$dir/url"
}

start_server() {
  stop_server
  local home="$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      home=$(mktemp -d /tmp/poblysh-pg-test.XXXXXX)
      chown postgres: "$home"
      echo "$home" >"$dir/server-home"
    fi
  fi
  local data="$home/data"

  local locale=C
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
  # --no-sync: a crash during initdb only loses throwaway data; the server itself keeps fsync on.
  as_server_user "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale="$locale" \
    --no-sync --no-instructions >"$dir/initdb.log" 2>&1 ||
    { echo "pg-test-server: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }

  # Unix socket paths are limited to 107 bytes; a deep build directory goes TCP only.
  local sockets="$home/sockets"
  if [ ${#sockets} -gt 90 ]; then sockets=""; else mkdir -p "$sockets"; fi
  [ "$(id -u)" -ne 0 ] || [ -z "$sockets" ] || chown postgres: "$sockets"

  # Connections: the doubled suite runs under `ctest -j2`; one test holds at most two services
  # (4 pooled connections each), a CLI command (4) and its schema's own connection, so ~2 x 17,
  # plus connections of killed services the server has not reaped yet. 100 leaves room.
  cat >"$data/pg_hba.conf" <<EOF
local all all trust
host  all all 127.0.0.1/32 trust
EOF
  cat >>"$data/postgresql.conf" <<EOF

# scripts/pg-test-server.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockets'
max_connections = 100
shared_buffers = 16MB
fsync = on
logging_collector = off
EOF

  # A free port: the server itself is the probe (binding fails when the port is taken).
  local port="" attempt candidate
  for attempt in $(seq 1 20); do
    candidate=$((20000 + RANDOM % 40000))
    if as_server_user "$bin/pg_ctl" start -D "$data" -l "$data/server.log" -o "-p $candidate" -w -t 60 \
        >/dev/null 2>&1; then
      port=$candidate
      break
    fi
    if ! grep -qiE 'could not (bind|create listen)|address already in use' "$data/server.log" 2>/dev/null; then
      echo "pg-test-server: PostgreSQL did not start (attempt $attempt):" >&2
      tail -n 20 "$data/server.log" >&2 || true
      exit 1
    fi
  done
  [ -n "$port" ] || { echo "pg-test-server: no free port after 20 attempts" >&2; exit 1; }

  local ready=""
  for attempt in $(seq 1 100); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U postgres; then ready=1; break; fi
    sleep 0.1
  done
  [ -n "$ready" ] || { echo "pg-test-server: server on port $port does not accept connections" >&2; exit 1; }

  # The role owns its database, so it may create the schemas tests work in (not a superuser,
  # like a production role).
  "$bin/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE poblysh LOGIN" -c "CREATE DATABASE poblysh_test OWNER poblysh" >/dev/null

  local url="postgresql://poblysh@127.0.0.1:$port/poblysh_test"
  echo "$url" >"$dir/url"
  echo "PostgreSQL $version for tests at $url (data in $data)"
}

case "$action" in
  start) start_server ;;
  stop) stop_server; echo "PostgreSQL for tests stopped, data removed ($dir)" ;;
  *) usage ;;
esac
