#!/usr/bin/env bash
# deploy.guide (label `deploy`): docs/deploy.md followed on loopback, so the guide cannot drift
# from what works. The guide's own blocks (each marked `<!-- deploy-test: NAME -->`) are read
# from the file and run, with only names, ports and paths made local (see `localize`):
#
#   a throwaway PostgreSQL cluster (Debian's server binaries) with the guide's TLS certificates,
#   settings and pg_hba line, its role and database; the secrets as files (mode 0600); the TOML;
#   `migrate` and `user add`; the Cal.com webhook installed with the simulator standing in for
#   Cal.com; two instances started as the systemd unit says (its Environment, EnvironmentFile,
#   LoadCredential and ExecStart lines); Debian's nginx with the guide's server blocks and a
#   self-signed certificate in front of them. Then through the proxy: sign in, book and confirm
#   an interview, the webhook, a database restart (JSON answers during the outage, success
#   within seconds after it), the guide's backup and restore, and nginx's own answer when no
#   instance is left.
#
#   guide_test.sh --binary B --sim S --fixture F --guide docs/deploy.md --work DIR
#
# DIR/t keeps the logs, the guide's blocks as run (DIR/t/guide) and their output (DIR/t/terminal)
# when the test fails, or always with DEPLOY_KEEP=1.
#
# Everything listens on 127.0.0.1; every process it starts is stopped on exit. As root,
# PostgreSQL runs as Debian's `postgres` user (it refuses root), as the guide's `runuser` says.
set -euo pipefail

self=$(cd "$(dirname "$0")" && pwd -P)/$(basename "$0")
repo=$(cd "$(dirname "$0")/../.." && pwd -P)

# ---------------------------------------------------------------------------------------------
# Instances as the guide's systemd unit describes them. Called from the test's `systemctl`
# stand-in (a separate process), so the state lives in files under $DEPLOY_WORK/run.

unit_start() {  # port
  local port=$1 work=$DEPLOY_WORK
  local creds=$work/run/credentials/poblysh-interviews@$port
  local line exec_line="" kv file spec
  local -a environment=()
  rm -rf "$creds"
  install -d -m 0700 "$creds"
  while IFS= read -r line; do
    case $line in
      Environment=*)
        kv=${line#Environment=}
        kv=${kv//%i/$port}
        environment+=("${kv//%d/$creds}")
        ;;
      EnvironmentFile=*)
        file=${line#EnvironmentFile=}
        if [[ $file == -* ]]; then
          file=${file#-}
          [ -f "$file" ] || continue
        fi
        while IFS= read -r kv; do
          [[ -z $kv || $kv == \#* ]] || environment+=("$kv")
        done <"$file"
        ;;
      LoadCredential=*)
        spec=${line#LoadCredential=}
        # systemd refuses to start the unit when a credential's file is missing; so does this.
        install -m 0400 "${spec#*:}" "$creds/${spec%%:*}"
        ;;
      ExecStart=*) exec_line=${line#ExecStart=} ;;
    esac
  done <"$work/guide/unit"
  [ -n "$exec_line" ] || { echo "the unit has no ExecStart" >&2; return 1; }
  local -a argv
  read -ra argv <<<"$exec_line"
  local dir=$work/run/poblysh-interviews@$port
  install -d -m 0700 "$dir"
  rm -f "$dir/ready"
  (
    umask 077  # UMask=0077
    cd "$dir"
    exec env "${environment[@]}" POBLYSH_READY_FILE="$dir/ready" "${argv[@]}" \
      >>"$work/logs/instance-$port.out" 2>>"$work/logs/instance-$port.log" </dev/null
  ) &
  echo $! >"$dir/pid"
  local _
  for _ in $(seq 300); do
    [ -s "$dir/ready" ] && return 0
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "instance on port $port did not start; its log:" >&2
  tail -n 20 "$work/logs/instance-$port.log" >&2 || true
  return 1
}

unit_stop() {  # port
  local dir=$DEPLOY_WORK/run/poblysh-interviews@$1 pid _
  [ -f "$dir/pid" ] || return 0
  pid=$(cat "$dir/pid")
  if kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/pid"
}

running_ports() {
  local pidfile
  for pidfile in "$DEPLOY_WORK"/run/poblysh-interviews@*/pid; do
    [ -f "$pidfile" ] || continue
    basename "$(dirname "$pidfile")" | sed 's/^poblysh-interviews@//'
  done
}

# `systemctl stop 'poblysh-interviews@*'`, `systemctl start poblysh-interviews@PORT …`
fake_systemctl() {
  local action=$1 name port
  shift
  for name in "$@"; do
    case $action:$name in
      stop:'poblysh-interviews@*')
        for port in $(running_ports); do unit_stop "$port"; done
        ;;
      stop:poblysh-interviews@*) unit_stop "${name#poblysh-interviews@}" ;;
      start:poblysh-interviews@*) unit_start "${name#poblysh-interviews@}" ;;
      *) echo "systemctl stand-in: '$action $name' is not something this test can do" >&2; return 2 ;;
    esac
  done
}

if [ "${1:-}" = __systemctl ]; then
  shift
  fake_systemctl "$@"
  exit
fi

# ---------------------------------------------------------------------------------------------
# Arguments and the work directory.

binary="" sim="" fixture="" guide="" work=""
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2 ;;
    --sim) sim=$2 ;;
    --fixture) fixture=$2 ;;
    --guide) guide=$2 ;;
    --work) work=$2 ;;
    *) echo "usage: $0 --binary B --sim S --fixture F --guide docs/deploy.md --work DIR" >&2; exit 2 ;;
  esac
  shift 2
done
for file in "$binary" "$sim" "$fixture" "$guide"; do
  [ -f "$file" ] || { echo "deploy.guide: missing $file" >&2; exit 2; }
done
[ -n "$work" ] || { echo "deploy.guide: --work DIR is required" >&2; exit 2; }
binary=$(realpath "$binary") sim=$(realpath "$sim") fixture=$(realpath "$fixture") guide=$(realpath "$guide")
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "deploy.guide: nginx is not installed (scripts/install-deps.sh with POBLYSH_WITH_BROWSER=1)" >&2; exit 1; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] && [ -x "$pg_bin/postgres" ] || { echo "deploy.guide: no PostgreSQL server under /usr/lib/postgresql" >&2; exit 1; }
for tool in openssl curl setsid; do
  command -v "$tool" >/dev/null || { echo "deploy.guide: $tool is not installed" >&2; exit 1; }
done
py=/usr/bin/python3  # Debian's, for JSON (not whatever python3 is first on PATH)

# Settings the developer's shell may hold would change what the guide's commands do; the
# service also refuses POBLYSH_* names it does not know.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(POBLYSH_|PG)' || true)

started=$(date +%s.%N)
elapsed() { awk -v s="$started" -v n="$(date +%s.%N)" 'BEGIN { printf "%5.1f", n - s }'; }
say() { echo "[$(elapsed)s] $*"; }

mkdir -p "$work"
work=$(cd "$work" && pwd -P)
T=$work/t
export DEPLOY_WORK=$T
is_root=0
[ "$(id -u)" -ne 0 ] || is_root=1

pg_home=""
nginx_pid="" sim_pid="" sink_pid=""
cleanup() {
  local status=$?
  set +e
  for port in $(running_ports 2>/dev/null); do unit_stop "$port"; done
  [ -z "$nginx_pid" ] || { kill -QUIT "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; }
  [ -z "$sim_pid" ] || { kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; }
  [ -z "$sink_pid" ] || { kill "$sink_pid" 2>/dev/null; wait "$sink_pid" 2>/dev/null; }
  if [ -n "$pg_home" ] && [ -f "$pg_home/data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" stop -D "$pg_home/data" -m immediate -w -t 30 >/dev/null 2>&1
  fi
  if [ "$status" -eq 0 ] && [ -z "${DEPLOY_KEEP:-}" ]; then
    rm -rf "$T"
    [ -z "$pg_home" ] || [ "$pg_home" = "$T/pg" ] || rm -rf "$pg_home"
  else
    echo "deploy.guide: logs and files kept in $T" >&2
  fi
  return "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "FAIL: $*" >&2
  local file
  for file in "$T"/logs/*.log; do
    [ -s "$file" ] || continue
    echo "--- last lines of $file" >&2
    tail -n 15 "$file" >&2
  done
  exit 1
}
check() {  # description, then a command that must succeed
  local what=$1
  shift
  "$@" || fail "$what"
}

# Processes a killed run left (a CTest timeout kills without a trap): each by the id its pid
# file holds, and only if that process is still the program this test started.
kill_stale() {  # pid file, text its command line contains, signal
  local pid _
  [ -f "$1" ] || return 0
  pid=$(head -n 1 "$1")
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2" || return 0
  kill "-$3" "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
for pidfile in "$T"/run/poblysh-interviews@*/pid; do kill_stale "$pidfile" "$binary" KILL; done
kill_stale "$T/nginx/nginx.pid" nginx TERM   # the master stops its workers
kill_stale "$T/run/sim.pid" "$sim" KILL
kill_stale "$T/run/sink.pid" smtp_sink.py KILL
if [ -f "$T/pg-home" ]; then
  old_pg=$(cat "$T/pg-home")
  kill_stale "$old_pg/data/postmaster.pid" postgres QUIT  # immediate shutdown: its backends go too
  [ "$old_pg" = "$T/pg" ] || rm -rf "$old_pg"
fi
rm -rf "$T"
install -d -m 0755 "$T"  # PostgreSQL's user must reach its directory inside
umask 077
mkdir -p "$T"/{bin,logs,terminal,run,guide,pki,client,web,tls,nginx/tmp,mail}
sim_url=""

# Five free ports on 127.0.0.1: PostgreSQL, two instances, nginx's HTTPS and HTTP.
read -r pg_port p1 p2 https_port http_port < <($py -c '
import socket
socks = [socket.socket() for _ in range(5)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')

# ---------------------------------------------------------------------------------------------
# The guide's blocks, made local.

block() {  # name: the fenced block after <!-- deploy-test: name -->
  local text
  text=$(awk -v marker="<!-- deploy-test: $1 -->" '
    $0 == marker { armed = 1; next }
    armed && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' "$guide")
  [ -n "$text" ] || fail "docs/deploy.md has no block marked '<!-- deploy-test: $1 -->'"
  printf '%s\n' "$text"
}

pg_conf=""  # stands for /etc/postgresql/15/main: $pg_home/conf, once the cluster's home is chosen
localize() {  # stdin → stdout: the guide's names, ports and paths → this test's
  local text
  text=$(cat)
  local -a pairs=(
    "/etc/letsencrypt/live/interviews.example.com/fullchain.pem" "$T/tls/proxy.crt"
    "/etc/letsencrypt/live/interviews.example.com/privkey.pem" "$T/tls/proxy.key"
    "https://interviews.example.com" "https://localhost:$https_port"
    "interviews.example.com" "localhost"
    "listen 443 ssl http2;" "listen 127.0.0.1:$https_port ssl http2;"
    "listen 80;" "listen 127.0.0.1:$http_port;"
    "127.0.0.1:8081" "127.0.0.1:$p1"
    "127.0.0.1:8082" "127.0.0.1:$p2"
    "poblysh-interviews@8081" "poblysh-interviews@$p1"
    "poblysh-interviews@8082" "poblysh-interviews@$p2"
    "db.internal:5432" "localhost:$pg_port"
    "db.internal" "localhost"
    "10.0.0.0/8" "127.0.0.1/32"
    "listen_addresses = '*'" "listen_addresses = '127.0.0.1'"
    "/etc/postgresql/15/main" "$pg_conf"
    "/usr/local/bin/poblysh-interviews" "$binary"
    "/usr/local/share/poblysh-interviews/web" "$T/web"
    "https://api.cal.com" "$sim_url"
    "/etc/poblysh" "$T/etc/poblysh"
    "/backups" "$T/backups"
  )
  local i
  for ((i = 0; i < ${#pairs[@]}; i += 2)); do text=${text//"${pairs[i]}"/"${pairs[i + 1]}"}; done
  # Not root: files keep their owner (the PostgreSQL server runs as this user then).
  [ "$is_root" -eq 1 ] || text=${text//"-o postgres -g postgres "/}
  # A path the table missed would reach the real system: refuse to run it.
  if grep -nE "(^|[^A-Za-z0-9_./-])/(etc|backups|var|usr/local|srv)/" <<<"$text" >&2; then
    fail "a block of the guide names a system path this test does not replace (above)"
  fi
  printf '%s\n' "$text"
}

# A block of shell commands, as the guide writes them, in a shell of its own without a
# controlling terminal (prompts then read standard input). The certificate commands and the
# secrets (which install the CA certificate) run in root's own directory of certificates.
run_block() {  # name, standard input from the caller
  local code dir=$T
  case $1 in pg-tls | secrets) dir=$T/pki ;; esac
  code=$(block "$1" | localize)
  printf '%s\n' "$code" >"$T/guide/$1.sh"
  (cd "$dir" && PATH="$T/bin:$PATH" setsid -w bash -eo pipefail "$T/guide/$1.sh") \
    >"$T/terminal/$1.out" 2>"$T/terminal/$1.err" ||
    { cat "$T/terminal/$1.out" "$T/terminal/$1.err" >&2; fail "the guide's '$1' commands failed"; }
}

# Stand-ins on PATH for what the guide's commands call: the binary under test, systemd, and
# runuser pointed at this test's cluster.
cat >"$T/bin/poblysh-interviews" <<EOF
#!/bin/sh
exec "$binary" "\$@"
EOF
cat >"$T/bin/systemctl" <<EOF
#!/bin/sh
exec bash "$self" __systemctl "\$@"
EOF
cat >"$T/bin/runuser" <<'EOF'
#!/bin/sh
# runuser -u USER -- COMMAND…, aimed at the test's cluster (its socket directory and port).
[ "$1" = -u ] && [ "$3" = -- ] || { echo "runuser stand-in: expected -u USER -- COMMAND" >&2; exit 2; }
user=$2
shift 3
export PGHOST="$DEPLOY_PG_SOCKETS" PGPORT="$DEPLOY_PG_PORT"
if [ "$(id -u)" -eq 0 ]; then exec /usr/sbin/runuser -u "$user" -- "$@"; fi
PGUSER=$user exec "$@"
EOF
chmod 0700 "$T"/bin/*

as_pg() {  # the cluster's own commands: as `postgres` when root
  if [ "$is_root" -eq 1 ]; then /usr/sbin/runuser -u postgres -- "$@"; else "$@"; fi
}

json() {  # file, Python expression over d (the parsed file); prints the value
  $py -c 'import json, sys
d = json.load(open(sys.argv[1]))
v = eval(sys.argv[2])
print(v if isinstance(v, str) else json.dumps(v))' "$1" "$2"
}

# ---------------------------------------------------------------------------------------------
say "PostgreSQL: a throwaway cluster on 127.0.0.1:$pg_port ($("$pg_bin/postgres" --version))"
pg_home=$T/pg
install -d -m 0700 "$pg_home"
if [ "$is_root" -eq 1 ]; then
  chown postgres: "$pg_home"
  if ! /usr/sbin/runuser -u postgres -- test -w "$pg_home"; then
    pg_home=$(mktemp -d /tmp/poblysh-deploy-pg.XXXXXX)
    chown postgres: "$pg_home"
  fi
fi
echo "$pg_home" >"$T/pg-home"
export DEPLOY_PG_SOCKETS=$pg_home/sockets DEPLOY_PG_PORT=$pg_port
as_pg mkdir -m 0700 "$pg_home/sockets"
pg_conf=$pg_home/conf
install -d -m 0755 "$pg_conf" "$pg_conf/conf.d"
locale=C
if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
as_pg "$pg_bin/initdb" -D "$pg_home/data" -U postgres --auth=trust --encoding=UTF8 --locale="$locale" \
  --no-sync --no-instructions >"$T/logs/initdb.log" 2>&1 || fail "initdb failed"

say "the guide's TLS certificates for the database"
run_block pg-tls </dev/null
check "the server key is 0600" test "$(stat -c %a "$pg_conf/server.key")" = 600
check "the CA key is not readable by others" test "$(stat -c %a "$T/pki/db-ca.key")" = 600

# Debian's postgresql.conf includes conf.d and trusts the local socket for `postgres` (peer);
# the rest is the guide's.
block pg-conf | localize >"$pg_conf/conf.d/poblysh.conf"
chmod 0644 "$pg_conf/conf.d/poblysh.conf"
cat >>"$pg_home/data/postgresql.conf" <<EOF
port = $pg_port
unix_socket_directories = '$pg_home/sockets'
logging_collector = off
include_dir = '$pg_conf/conf.d'
EOF
{
  echo "local all postgres trust"
  block pg-hba | localize
} >"$pg_home/data/pg_hba.conf"
pg_start() {
  as_pg "$pg_bin/pg_ctl" start -D "$pg_home/data" -l "$pg_home/server.log" -w -t 60 >/dev/null ||
    { cat "$pg_home/server.log" >&2; fail "PostgreSQL did not start"; }
}
pg_start
psql_super() { PGHOST=$pg_home/sockets PGPORT=$pg_port as_pg psql -X -q -At -v ON_ERROR_STOP=1 -d postgres "$@"; }

# ---------------------------------------------------------------------------------------------
# Secrets (throwaway), given to the guide's prompts on standard input; never printed.
pg_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
calcom_key=cal_test_poblysh_ops_5f1c2e9a7b3d4c60a8e1  # the simulator fixture's own test key

say "the guide's role and database"
run_block pg-role < <(printf '%s\n%s\n' "$pg_password" "$pg_password")

say "Cal.com simulator and an SMTP sink on loopback"
"$sim" --listen 127.0.0.1:0 --ready-file "$T/run/sim.ready" --fixture "$fixture" \
  >"$T/logs/calcom-sim.out" 2>"$T/logs/calcom-sim.log" </dev/null &
sim_pid=$!
echo "$sim_pid" >"$T/run/sim.pid"
/usr/bin/python3 "$repo/scripts/smtp-sink/smtp_sink.py" --dir "$T/mail" --ready-file "$T/run/smtp.port" \
  >"$T/logs/smtp-sink.out" 2>"$T/logs/smtp-sink.log" </dev/null &
sink_pid=$!
echo "$sink_pid" >"$T/run/sink.pid"
for _ in $(seq 100); do [ -s "$T/run/sim.ready" ] && [ -s "$T/run/smtp.port" ] && break; sleep 0.1; done
[ -s "$T/run/sim.ready" ] || fail "the Cal.com simulator did not start"
[ -s "$T/run/smtp.port" ] || fail "the SMTP sink did not start"
sim_url=http://$(cat "$T/run/sim.ready")
smtp_url=smtp://127.0.0.1:$(cat "$T/run/smtp.port")

say "the guide's secrets"
run_block secrets < <(printf '%s\n%s\n%s\n' "$calcom_key" "$smtp_url" "$pg_password")
for file in calcom-api-key smtp-url pgpass; do
  check "secrets/$file is 0600" test "$(stat -c %a "$T/etc/poblysh/secrets/$file")" = 600
done
check "the secrets directory is 0700" test "$(stat -c %a "$T/etc/poblysh/secrets")" = 700
check "/etc/poblysh is readable by the service's dynamic user" test "$(stat -c %a "$T/etc/poblysh")" = 755
check "the database's CA certificate is readable by the service" test "$(stat -c %a "$T/etc/poblysh/db-ca.crt")" = 644

say "the guide's TOML"
block toml | localize >"$T/etc/poblysh/poblysh.toml"
chmod 0644 "$T/etc/poblysh/poblysh.toml"
# What /etc/poblysh/env (EnvironmentFile in the unit) holds here: the simulator's fixture has no
# `30min` event type, and it is the sandbox.
printf '%s\n' POBLYSH_CALCOM_AVAILABILITY_SLUG=founder-interview POBLYSH_CALCOM_SANDBOX=true >"$T/etc/poblysh/env"
block unit | localize >"$T/guide/unit"
printf '<!doctype html><title>Poblysh Interviews</title><p>app\n' >"$T/web/index.html"

say "the guide's migrate and user add (TLS, sslmode=verify-full, password from pgpass)"
run_block first-admin </dev/null
admin_email=$(sed -n 's/.*--email \([^ ]*\).*/\1/p' "$T/guide/first-admin.sh")
admin_password=$(sed -n 's/^Generated password (shown once): //p' "$T/terminal/first-admin.out")
[ -n "$admin_password" ] || fail "user add printed no generated password"

say "the guide's calcom webhooks install"
run_block webhook-install </dev/null
secret_file=$T/etc/poblysh/secrets/calcom-webhook-secret
check "the webhook secret file is 0600" test "$(stat -c %a "$secret_file")" = 600
check "the webhook secret file holds the secret" grep -qE '^[A-Za-z0-9_-]{20,}$' "$secret_file"
check "the install's output is removed" test ! -e "$T/etc/poblysh/secrets/webhook-install.out"
webhook_secret=$(cat "$secret_file")
grep -q 'Registered Cal.com webhook' "$T/terminal/webhook-install.out" || fail "the install registered nothing"
grep -qF -- "$webhook_secret" "$T/terminal/webhook-install.out" && fail "the guide's commands show the webhook secret"

say "two instances as the unit runs them, on 127.0.0.1:$p1 and :$p2"
unit_start "$p1" &
first=$!
unit_start "$p2" || fail "the second instance did not start"
wait "$first" || fail "the first instance did not start"
for port in "$p1" "$p2"; do
  curl -sS -o "$T/client/ready.json" -w '%{http_code}' "http://127.0.0.1:$port/readyz" >"$T/client/status"
  [ "$(cat "$T/client/status")" = 200 ] || fail "instance $port is not ready: $(cat "$T/client/ready.json")"
  grep '"msg":"instance budget"' "$T/logs/instance-$port.log" | grep -q '"calcom_instance_requests_per_minute":60,' ||
    fail "instance $port does not take half of the 120 requests a minute (request_share = 1/2)"
done
check "the instances reach PostgreSQL over TLS only" test \
  "$(psql_super -c "SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.usename = 'poblysh'" | cut -d'|' -f2)" = 0
check "the instances hold connections" test \
  "$(psql_super -c "SELECT count(*) FROM pg_stat_activity WHERE usename = 'poblysh'")" -gt 0

say "nginx $("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///') with the guide's server blocks and a self-signed certificate"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -noenc -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$T/tls/proxy.key" -out "$T/tls/proxy.crt" \
  >"$T/logs/openssl-proxy.log" 2>&1 || fail "openssl could not make the proxy's certificate"
block nginx | localize >"$T/nginx/poblysh.conf"
{
  [ "$is_root" -eq 0 ] || echo "user root root;"  # workers read the root-only key and temp paths
  cat <<EOF
worker_processes 1;
error_log $T/logs/nginx-error.log info;
events { worker_connections 256; }
http {
    access_log $T/logs/nginx-access.log;
    client_body_temp_path $T/nginx/tmp/body;
    proxy_temp_path $T/nginx/tmp/proxy;
    fastcgi_temp_path $T/nginx/tmp/fastcgi;
    uwsgi_temp_path $T/nginx/tmp/uwsgi;
    scgi_temp_path $T/nginx/tmp/scgi;
    include $T/nginx/poblysh.conf;
}
EOF
} >"$T/nginx/nginx.conf"
"$nginx_bin" -t -p "$T/nginx" -e "$T/logs/nginx-error.log" -c "$T/nginx/nginx.conf" -g "pid $T/nginx/nginx.pid;" \
  >"$T/logs/nginx-t.log" 2>&1 || { cat "$T/logs/nginx-t.log" >&2; fail "nginx -t refuses the guide's configuration"; }
"$nginx_bin" -p "$T/nginx" -e "$T/logs/nginx-error.log" -c "$T/nginx/nginx.conf" \
  -g "daemon off; pid $T/nginx/nginx.pid;" </dev/null >"$T/logs/nginx.out" 2>&1 &
nginx_pid=$!
proxy=https://localhost:$https_port
for _ in $(seq 100); do
  curl -sf --cacert "$T/tls/proxy.crt" -o /dev/null "$proxy/healthz" 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || fail "nginx stopped"
  sleep 0.1
done

# Requests through the proxy, as a browser or script would send them.
touch "$T/client/jar"
csrf=""
api() {  # method path [body] → prints the status; the answer is in $T/client/answer
  local -a args=(-sS --cacert "$T/tls/proxy.crt" -b "$T/client/jar" -c "$T/client/jar" -X "$1"
    -o "$T/client/answer" -D "$T/client/headers" -w '%{http_code}' --max-time 30)
  [ -z "$csrf" ] || args+=(-H "X-CSRF-Token: $csrf")
  [ $# -lt 3 ] || args+=(-H 'Content-Type: application/json' --data-binary "$3")
  curl "${args[@]}" "$proxy$2" || echo 000
}
expect() {  # status method path [body]: the call must answer that status
  local want=$1 got
  shift
  got=$(api "$@")
  [ "$got" = "$want" ] || fail "$1 $2 answered $got, not $want: $(head -c 600 "$T/client/answer")"
}

check "the HTTP server redirects to HTTPS" test "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/x")" = "301 https://127.0.0.1/x"

say "sign in through the proxy as the admin from user add"
$py -c 'import json, sys; print(json.dumps({"email": sys.argv[1], "password": sys.argv[2]}))' \
  "$admin_email" "$admin_password" >"$T/client/login.json"
expect 200 POST /api/v1/session "@$T/client/login.json"
csrf=$(json "$T/client/answer" 'd["csrf_token"]')
grep -qi '^set-cookie:.*; *secure' "$T/client/headers" || fail "the session cookie is not Secure behind the proxy"

say "book and confirm one interview through the proxy"
expect 201 POST /api/v1/team-members '{"name":"Alice Martin","email":"alice@poblysh.test","role":"Editor","calcom_username":"alice-editor"}'
alice=$(json "$T/client/answer" 'd["id"]')
expect 201 POST /api/v1/startups '{"name":"Northwind Robotics"}'
startup=$(json "$T/client/answer" 'd["id"]')
expect 201 POST /api/v1/interviews "{\"startup_id\":$startup,\"contact\":{\"name\":\"Lena Fischer\",\"email\":\"lena@northwind.example\",\"title\":\"CEO\"}}"
interview=$(json "$T/client/answer" 'd["id"]')
expect 200 PUT "/api/v1/interviews/$interview/team" "{\"primary_team_member_id\":$alice}"
expect 200 GET "/api/v1/interviews/$interview/booking-options"
start=$(json "$T/client/answer" '[t for t in d["event_types"] if t["id"] == 1001][0]["slots"][0]["start"]')
expect 200 PUT "/api/v1/interviews/$interview/booking" "{\"event_type_id\":1001,\"start_time\":\"$start\"}"
expect 200 POST "/api/v1/interviews/$interview/confirm" '{}'
check "the confirmed interview is scheduled" test "$(json "$T/client/answer" 'd["status"]')" = scheduled
booking_uid=$(json "$T/client/answer" 'd["calcom_booking_uid"]')

say "the webhook: the simulator, like Cal.com, refuses the self-signed certificate and does not retry"
curl -sS -o "$T/client/deliveries.json" "$sim_url/_sim/deliveries?waitMs=5000"
sleep 1
curl -sS -o "$T/client/deliveries.json" "$sim_url/_sim/deliveries?waitMs=1000"
$py - "$T/client/deliveries.json" "$booking_uid" "$proxy/webhooks/calcom" "$T/client/delivery" <<'EOF' ||
import json, sys
deliveries = [d for d in json.load(open(sys.argv[1]))["data"] if d["bookingUid"] == sys.argv[2]]
assert len(deliveries) == 1, f"expected one delivery, sent once: {deliveries}"
d = deliveries[0]
assert d["subscriberUrl"] == sys.argv[3], d["subscriberUrl"]
assert d["state"] == "failed" and "certificate" in d["error"], f"the delivery did not fail on the certificate: {d}"
open(sys.argv[4] + ".body", "wb").write(d["body"].encode())
open(sys.argv[4] + ".signature", "w").write(d["signature"])
EOF
  fail "the webhook delivery is not what the guide says"
# The same delivery, byte for byte, through the proxy as Cal.com would send it to a trusted
# certificate: nginx passes the body and signature unchanged and the instance applies it.
status=$(curl -sS --cacert "$T/tls/proxy.crt" -o "$T/client/answer" -w '%{http_code}' \
  -H 'Content-Type: application/json' -H "X-Cal-Signature-256: $(cat "$T/client/delivery.signature")" \
  -H 'X-Cal-Webhook-Version: 2021-10-20' --data-binary "@$T/client/delivery.body" "$proxy/webhooks/calcom")
[ "$status" = 200 ] || fail "the webhook through the proxy answered $status: $(cat "$T/client/answer")"
expect 200 GET "/api/v1/interviews/$interview"
check "the webhook moved the interview to confirmed" test "$(json "$T/client/answer" 'd["status"]')" = confirmed

say "database restart: the proxy answers JSON during the outage, and recovers at once after it"
as_pg "$pg_bin/pg_ctl" stop -D "$pg_home/data" -m fast -w -t 30 >/dev/null || fail "pg_ctl stop failed"
outage_html=0 outage_json=0
for _ in $(seq 6); do
  for path in "/api/v1/interviews/$interview" /readyz; do
    got=$(api GET "$path")
    if [ "$got" = 503 ] && grep -qi '^content-type: application/json' "$T/client/headers" &&
      $py -c 'import json,sys; json.load(open(sys.argv[1]))["error"]["code"]' "$T/client/answer" >/dev/null 2>&1; then
      outage_json=$((outage_json + 1))
    else
      outage_html=$((outage_html + 1))
      say "during the outage $path answered $got: $(head -c 300 "$T/client/answer")"
    fi
  done
  sleep 0.15
done
[ "$outage_html" -eq 0 ] || fail "$outage_html answers during the outage were not the service's JSON 503"
api GET /readyz >/dev/null
check "readyz names the database" test "$(json "$T/client/answer" 'sorted(d["error"]["details"]["fields"])')" = '["database"]'
pg_start
back=$(date +%s.%N)
recovered=""
for _ in $(seq 50); do
  got=$(api GET "/api/v1/interviews/$interview")
  if [ "$got" = 200 ]; then
    recovered=$(awk -v s="$back" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }')
    break
  fi
  sleep 0.1
done
[ -n "$recovered" ] || fail "requests through the proxy still fail 5 s after the database is back: $got $(head -c 300 "$T/client/answer")"
awk -v r="$recovered" 'BEGIN { exit !(r <= 2.0) }' || fail "requests through the proxy recovered only after ${recovered}s"
for _ in 1 2 3 4; do expect 200 GET /readyz; done
grep -q 'no live upstreams' "$T/logs/nginx-error.log" && fail "nginx marked every instance down (no live upstreams)"
say "  ${outage_json} JSON 503s during the outage; requests succeed ${recovered}s after PostgreSQL is back"

say "the guide's backup: pg_dump with umask 077"
run_block backup </dev/null
dump=$(ls "$T"/backups/poblysh-*.dump)
check "the dump is readable by its owner only" test "$(stat -c %a "$dump")" = 600
check "the backups directory is 0700" test "$(stat -c %a "$T/backups")" = 700
rows_before=$(psql_super -d poblysh -c "SELECT id, status, calcom_booking_uid FROM interviews ORDER BY id")

say "the guide's restore: instances stopped, a fresh database, renamed into place, instances started"
run_block restore </dev/null
check "the restored database is the one in use" test "$(psql_super -d poblysh -c "SELECT id, status, calcom_booking_uid FROM interviews ORDER BY id")" = "$rows_before"
check "the old database is kept" test "$(psql_super -c "SELECT count(*) FROM pg_database WHERE datname = 'poblysh_before_restore'")" = 1
grep -q '^Changes applied:' "$T/terminal/restore.out" || fail "calcom sync after the restore printed no report"
ok=""
for _ in $(seq 80); do
  if [ "$(api GET "/api/v1/interviews/$interview")" = 200 ]; then ok=1; break; fi
  sleep 0.1
done
[ -n "$ok" ] || fail "after the restore the interview is not served: $(head -c 300 "$T/client/answer")"
check "the restored interview is confirmed (the session survived too)" test "$(json "$T/client/answer" 'd["status"]')" = confirmed

say "no instance left: nginx answers 503 in the service's error shape"
fake_systemctl stop 'poblysh-interviews@*'
got=$(api GET "/api/v1/interviews/$interview")
[ "$got" = 503 ] || fail "with no instance the proxy answered $got"
grep -qi '^content-type: application/json' "$T/client/headers" || fail "nginx's answer is not JSON: $(cat "$T/client/headers")"
check "nginx's answer has the service's error shape" test "$(json "$T/client/answer" 'sorted(d["error"])')" = '["code", "details", "message", "request_id"]'
check "nginx's answer says upstream_unavailable" test "$(json "$T/client/answer" 'd["error"]["code"]')" = upstream_unavailable

mails=$(find "$T/mail" -name '*.eml' | wc -l)
say "the SMTP relay from the secret file received $mails message(s)"
[ "$mails" -gt 0 ] || fail "no email reached the SMTP relay named in secrets/smtp-url"

say "logs: every line of the instances' logs is JSON, and no secret is in any log"
for log in "$T"/logs/instance-*.log; do
  $py - "$log" <<'EOF' || fail "$log has lines that are not JSON"
import json, sys
bad = []
for number, line in enumerate(open(sys.argv[1], encoding="utf-8", errors="replace"), 1):
    try:
        json.loads(line)
    except ValueError:
        bad.append(f"{number}: {line[:200]}")
if bad:
    print("\n".join(bad[:10]), file=sys.stderr)
    sys.exit(1)
EOF
done
for secret in "$pg_password" "$webhook_secret" "$admin_password" "$calcom_key"; do
  if grep -lF -- "$secret" "$T"/logs/instance-* "$T"/logs/nginx-* "$pg_home/server.log" >&2; then
    fail "a secret reached the log files above"
  fi
done

say "PASS: the deploy guide works as written"
