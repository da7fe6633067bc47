#!/usr/bin/python3
"""API benchmark (issue #8): list and detail of interviews next to /healthz, memory, start-up.

Seeds a SQLite database with 100,000 interviews (seed_interviews), starts the release service on
it with the Cal.com simulator (as `make run` does), signs in like the browser app (session
cookie), and runs wrk with 64 connections against /healthz (the HTTP stack's ceiling), a page of
50 interviews with filters, and random interview details — in rounds, the three side by side, so
the ratios hold on a noisy machine. Then reads the service's resident memory and measures the
time from exec to the first 200 of /readyz.

Prints Markdown table rows (| benchmark | measure | value | goal | result |) on stdout, progress
on stderr; exit status 1 when a goal is missed, 2 when the benchmark itself could not run.
Standard library only (Debian's /usr/bin/python3).
"""
import glob
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.environ.get("BENCH_BUILD_DIR", os.path.join(ROOT, "build", "release"))
SERVICE = os.path.join(BUILD, "poblysh-interviews")
SEEDER = os.path.join(BUILD, "bench", "api", "seed_interviews")
SIMULATOR = os.path.join(BUILD, "tools", "calcom-sim", "calcom-sim")
FIXTURE = os.path.join(ROOT, "tools", "calcom-sim", "fixtures", "default.json")
MIGRATIONS = os.path.join(ROOT, "src", "store", "migrations", "*.sql")
SIM_KEY = "cal_test_poblysh_ops_5f1c2e9a7b3d4c60a8e1"  # the simulator fixture's own test key

INTERVIEWS = int(os.environ.get("BENCH_API_INTERVIEWS", "100000"))
SECONDS = int(os.environ.get("BENCH_API_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_API_ROUNDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_API_CONNECTIONS", "64"))
STARTS = int(os.environ.get("BENCH_API_STARTS", "7"))
WORK = os.environ.get("BENCH_API_WORK", os.path.join(BUILD, "bench", "api", "work"))
REUSE_DB = os.environ.get("BENCH_API_REUSE_DB") == "1"  # profiling iterations: keep the seeded file

EMAIL = "bench@poblysh.example"
PASSWORD = "bench-password-8-correct-horse"

# Goals of issue #8.
LIST_RATIO_GOAL = 0.50
DETAIL_RATIO_GOAL = 0.60
P99_GOAL_MS = 10.0
RSS_GOAL_MB = 64.0
STARTUP_GOAL_MS = 200.0

# The list as the browser app asks for it: a page of 50 with filters. Six filter shapes,
# rotated per request, so no single query plan is what is measured; the startup's page is added
# once the busiest startup of the seeded file is known (busiest_startup).
LIST_QUERIES = [
    "/api/v1/interviews?limit=50&status=completed&from=2024-01-01&to=2025-12-31",
    "/api/v1/interviews?limit=50&status=confirmed&team_member_id=7",
    "/api/v1/interviews?limit=50&q=robotics&from=2024-06-01&to=2026-06-30",
    "/api/v1/interviews?limit=50&status=cancelled&team_member_id=12&from=2024-01-01",
    "/api/v1/interviews?limit=50",
]

# The same six shapes with values drawn at random per request (status, team member, startup,
# date window, search word), so hardly two requests ask for the same page: what the list costs
# when no kept page can answer (the service keeps pages until the next write: page_cache.hpp).
DISTINCT_LIST_LUA = """
math.randomseed(11)
local statuses = {"draft", "scheduled", "confirmed", "completed", "cancelled"}
local words = {"robotics", "grid", "health", "analytics", "labs", "logistics", "bio", "security", "foods",
               "mobility", "finance", "energy", "studio", "systems", "materials", "deep dive", "intro"}
local function day()
  return string.format("%d-%02d-%02d", math.random(2023, 2026), math.random(1, 12), math.random(1, 28))
end
local n = 0
request = function()
  n = n % 6 + 1
  local status = statuses[math.random(#statuses)]
  local path
  if n == 1 then
    local year = math.random(2023, 2025)
    path = string.format("status=%s&from=%d-%02d-01&to=%d-%02d-28", status, year, math.random(1, 12), year + 1,
                         math.random(1, 12))
  elseif n == 2 then
    path = string.format("status=%s&team_member_id=%d", status, math.random(1, 40))
  elseif n == 3 then
    path = string.format("q=%s&from=%s&to=2026-12-31", (words[math.random(#words)]:gsub(" ", "%%20")), day())
  elseif n == 4 then
    path = string.format("status=%s&team_member_id=%d&from=%s", status, math.random(1, 40), day())
  elseif n == 5 then
    path = string.format("to=%s", day())
  else
    path = string.format("startup_id=%d", math.random(1, 2000))
  end
  return wrk.format(nil, "/api/v1/interviews?limit=50&" .. path)
end
"""

# p99 under a saturating closed loop is queueing, not service time: with every connection busy,
# the mean wait is connections / throughput (Little's law). So p99 is also measured at an offered
# load, a share of the endpoint's own saturating throughput, from the same 64 connections.
OFFERED_SHARE = float(os.environ.get("BENCH_API_OFFERED_SHARE", "0.5"))


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, headers=None, body=None, method="GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


class Simulator:
    def __init__(self, work):
        ready = os.path.join(work, "sim.addr")
        if os.path.exists(ready):
            os.remove(ready)
        self.process = subprocess.Popen(
            [SIMULATOR, "--listen", "127.0.0.1:0", "--ready-file", ready, "--fixture", FIXTURE],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "sim.log"), "w"))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if os.path.exists(ready) and open(ready).read().strip():
                self.base_url = "http://" + open(ready).read().strip()
                return
            time.sleep(0.02)
        raise RuntimeError("calcom-sim did not become ready in 10 s")

    def stop(self):
        self.process.terminate()
        self.process.wait()


def service_env(database, port, base_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("POBLYSH_")}
    env.update({
        "POBLYSH_DATABASE_URL": "sqlite://" + database,
        "POBLYSH_HTTP_ADDRESS": "127.0.0.1:%d" % port,
        "POBLYSH_CALCOM_API_KEY": SIM_KEY,
        "POBLYSH_CALCOM_BASE_URL": base_url,
        "POBLYSH_CALCOM_SANDBOX": "true",
        "POBLYSH_CALCOM_SYNC_SECONDS": "0",
        "POBLYSH_LOG_LEVEL": "info",
        # Ready means configured to work: the app's files and Cal.com's webhook secret (a stand-in
        # of each, so the benchmark needs no web build).
        "POBLYSH_STATIC_DIR": app_files(),
        "POBLYSH_CALCOM_WEBHOOK_SECRET_FILE": webhook_secret_file(),
    })
    return env


def app_files():
    folder = os.path.join(WORK, "app")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "index.html"), "w") as index:
        index.write("<!doctype html><title>Poblysh Interviews</title>\n")
    return folder


def webhook_secret_file():
    path = os.path.join(WORK, "webhook-secret")
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as secret:
        secret.write("bench-webhook-secret")
    return path


def start_service(env, log_path):
    return subprocess.Popen([SERVICE, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=open(log_path, "w"))


def stop_service(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def readyz_once(port):
    """One attempt: the status of GET /readyz, or None when nothing listens yet."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"GET /readyz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
            head = s.recv(64)
            match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
            return int(match.group(1)) if match else None
    except OSError:
        return None


def wait_ready(port, process, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if readyz_once(port) == 200:
            return
        if process.poll() is not None:
            raise RuntimeError("the service exited with status %d before it was ready" % process.returncode)
        time.sleep(0.0005)
    raise RuntimeError("the service was not ready within %.0f s" % timeout)


def measure_startup(database, base_url, work):
    """Median time from exec to the first 200 of /readyz, over STARTS fresh processes."""
    times = []
    for run in range(STARTS):
        port = free_port()
        env = service_env(database, port, base_url)
        started = time.perf_counter()
        process = start_service(env, os.path.join(work, "startup-%d.log" % run))
        try:
            wait_ready(port, process)
            times.append((time.perf_counter() - started) * 1000)
        finally:
            stop_service(process)
    return statistics.median(times), min(times), max(times)


def sign_in(port):
    status, headers, body = get(port, "/api/v1/session", {"Content-Type": "application/json"},
                                json.dumps({"email": EMAIL, "password": PASSWORD}), "POST")
    if status != 200:
        raise RuntimeError("sign-in answered %d: %s" % (status, body[:200]))
    for name, value in headers:
        if name.lower() == "set-cookie" and value.startswith("poblysh_session="):
            return value.split(";", 1)[0]
    raise RuntimeError("sign-in set no session cookie")


def check_endpoints(port, cookie):
    """The benchmark measures real answers: full pages, existing interviews."""
    headers = {"Cookie": cookie}
    for path in LIST_QUERIES:
        status, _, body = get(port, path, headers)
        if status != 200:
            raise RuntimeError("%s answered %d: %s" % (path, status, body[:200]))
        items = json.loads(body)["items"]
        if len(items) != 50:
            raise RuntimeError("%s returned %d interviews, not a full page of 50" % (path, len(items)))
    for interview in (1, INTERVIEWS // 2, INTERVIEWS):
        status, _, body = get(port, "/api/v1/interviews/%d" % interview, headers)
        if status != 200 or json.loads(body)["id"] != interview:
            raise RuntimeError("interview %d answered %d" % (interview, status))


def busiest_startup(database):
    """The startup with the most interviews, so its page of 50 is full."""
    output = subprocess.run(
        ["sqlite3", database, "SELECT startup_id FROM interviews GROUP BY startup_id ORDER BY count(*) DESC LIMIT 1;"],
        check=True, capture_output=True, text=True).stdout
    return int(output.strip())


def write_lua(work, offered_delay_ms=None):
    """wrk scripts: the same client-side cost (a Lua request()) for every endpoint.

    With offered_delay_ms (endpoint -> ms), each connection also waits a random 0–2× that long
    before each request (wrk's delay(), not counted in latency), which offers about
    connections ÷ delay requests/s instead of saturating the server.
    """
    scripts = {}
    suffix = "-offered" if offered_delay_ms else ""
    requests = {
        "healthz": "local paths = {\"/healthz\"}\nlocal n = 0\n"
                   "request = function()\n  n = n % 1 + 1\n  return wrk.format(nil, paths[n])\nend\n",
        "list": "local paths = {%s}\nlocal n = 0\n" % ", ".join('"%s"' % p for p in LIST_QUERIES) +
                "request = function()\n  n = n %% %d + 1\n  return wrk.format(nil, paths[n])\nend\n" % len(LIST_QUERIES),
        "distinct": DISTINCT_LIST_LUA,
        "detail": "math.randomseed(8)\nrequest = function()\n"
                  "  return wrk.format(nil, \"/api/v1/interviews/\" .. math.random(1, %d))\nend\n" % INTERVIEWS,
    }
    for name, text in requests.items():
        path = os.path.join(work, name + suffix + ".lua")
        with open(path, "w") as out:
            out.write(text)
            if offered_delay_ms:
                out.write("delay = function()\n  return math.random(0, %d)\nend\n"
                          % max(1, round(2 * offered_delay_ms[name])))
        scripts[name] = path
    return scripts


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def run_wrk(port, cookie, script):
    output = subprocess.run(
        ["wrk", "-t2", "-c%d" % CONNECTIONS, "-d%ds" % SECONDS, "--latency", "--timeout", "5s",
         "-H", "Cookie: " + cookie, "-s", script, "http://127.0.0.1:%d" % port],
        check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M).groups()
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if bad or (errors and any(int(n) for n in errors.groups())):
        raise RuntimeError("wrk saw failed requests:\n" + output)
    return {"rps": rps, "p99": float(value) * UNITS[unit], "requests": requests}


def vm_status(pid):
    fields = {}
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) / 1024.0
    return fields


def seed(database):
    """A fresh copy of the seeded file: seeding runs again only when the seeder, the schema or the count changed."""
    pristine = os.path.join(WORK, "seeded-%d.db" % INTERVIEWS)
    stamp_path = pristine + ".stamp"
    # What the seeded rows depend on: the seeder's source and the schema's migrations.
    digest = hashlib.sha256(str(INTERVIEWS).encode())
    for path in [os.path.join(HERE, "seed_interviews.cpp")] + sorted(glob.glob(MIGRATIONS)):
        with open(path, "rb") as source:
            digest.update(source.read())
    stamp = digest.hexdigest()
    if REUSE_DB and os.path.exists(database):
        log("api: reusing %s" % database)
        return
    if not (os.path.exists(pristine) and os.path.exists(stamp_path) and open(stamp_path).read() == stamp):
        log("api: seeding %d interviews" % INTERVIEWS)
        for suffix in ("", "-wal", "-shm", ".stamp"):
            if os.path.exists(pristine + suffix):
                os.remove(pristine + suffix)
        subprocess.run([SEEDER, "--database", pristine, "--interviews", str(INTERVIEWS)], check=True,
                       stdout=sys.stderr)
        subprocess.run([SERVICE, "user", "add", "--email", EMAIL, "--name", "Bench User", "--role", "member"],
                       env=service_env(pristine, 0, "http://127.0.0.1:9"), input=PASSWORD + "\n", text=True,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["sqlite3", pristine, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True,
                       stdout=subprocess.DEVNULL)
        with open(stamp_path, "w") as out:
            out.write(stamp)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)
    shutil.copyfile(pristine, database)


def row(measure, value, goal="—", result="—"):
    print("| api | %s | %s | %s | %s |" % (measure, value, goal, result), flush=True)


def verdict(ok):
    return "PASS" if ok else "MISS"


def main():
    for tool in (SERVICE, SEEDER, SIMULATOR):
        if not os.access(tool, os.X_OK):
            raise RuntimeError("%s is missing: build the bench target of the release preset" % tool)
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is missing (scripts/install-deps.sh installs it)")
    os.makedirs(WORK, exist_ok=True)
    database = os.path.join(WORK, "bench.db")
    seed(database)
    sim = Simulator(WORK)
    try:
        port = free_port()
        service = start_service(service_env(database, port, sim.base_url), os.path.join(WORK, "service.log"))
        try:
            wait_ready(port, service)
            cookie = sign_in(port)
            LIST_QUERIES.append("/api/v1/interviews?limit=50&startup_id=%d" % busiest_startup(database))
            check_endpoints(port, cookie)
            scripts = write_lua(WORK)
            results = {name: [] for name in ("healthz", "list", "distinct", "detail")}
            order = ["healthz", "list", "distinct", "detail"]
            for round_number in range(ROUNDS):
                for name in order:
                    log("api: round %d/%d, %s, %d s" % (round_number + 1, ROUNDS, name, SECONDS))
                    results[name].append(run_wrk(port, cookie, scripts[name]))
                order.reverse()  # alternate, so no endpoint always runs right after another
            saturated = {name: statistics.mean(r["rps"] for r in runs) for name, runs in results.items()}
            offered = {name: OFFERED_SHARE * rps for name, rps in saturated.items()}
            offered_scripts = write_lua(WORK, {name: 1000.0 * CONNECTIONS / rate for name, rate in offered.items()})
            at_offered = {}
            for name in order:
                log("api: %s at an offered %.0f requests/s, %d s" % (name, offered[name], SECONDS))
                at_offered[name] = run_wrk(port, cookie, offered_scripts[name])
            memory = vm_status(service.pid)
        finally:
            stop_service(service)
        log("api: start-up, %d runs" % STARTS)
        startup_median, startup_min, startup_max = measure_startup(database, sim.base_url, WORK)
    finally:
        sim.stop()

    def summary(name):
        runs = results[name]
        return statistics.mean(r["rps"] for r in runs), max(r["p99"] for r in runs)

    ceiling, ceiling_p99 = summary("healthz")
    missed = False
    row("GET /healthz (ceiling): requests/s", "%.0f" % ceiling)
    for name, label, goal in (("list", "GET /api/v1/interviews, page of 50, six filter shapes", LIST_RATIO_GOAL),
                              ("distinct", "GET /api/v1/interviews, page of 50, random filter values (no kept page)",
                               LIST_RATIO_GOAL),
                              ("detail", "GET /api/v1/interviews/{id}, random ids", DETAIL_RATIO_GOAL)):
        rps, _ = summary(name)
        ok = rps / ceiling >= goal
        missed |= not ok
        row("%s: requests/s" % label, "%.0f (%.0f %% of ceiling)" % (rps, 100 * rps / ceiling),
            "≥ %.0f %% of ceiling" % (100 * goal), verdict(ok))
    for name in ("healthz", "list", "distinct", "detail"):
        _, p99 = summary(name)
        row("%s: p99 latency, %d connections saturating (worst round)" % (name, CONNECTIONS),
            "%.2f ms (Little's law: mean wait %.1f ms)" % (p99, 1000.0 * CONNECTIONS / summary(name)[0]))
    for name in ("healthz", "list", "distinct", "detail"):
        measured = at_offered[name]
        ok = measured["p99"] < P99_GOAL_MS
        missed |= not ok
        row("%s: p99 latency at %.0f %% of its throughput (%.0f requests/s answered)"
            % (name, 100 * OFFERED_SHARE, measured["rps"]), "%.2f ms" % measured["p99"], "< %.0f ms" % P99_GOAL_MS,
            verdict(ok))
    ok = memory["VmRSS"] < RSS_GOAL_MB
    missed |= not ok
    row("resident memory after the load (%dk interviews)" % (INTERVIEWS // 1000),
        "%.1f MB (peak %.1f MB)" % (memory["VmRSS"], memory["VmHWM"]), "< %.0f MB" % RSS_GOAL_MB, verdict(ok))
    ok = startup_median < STARTUP_GOAL_MS
    missed |= not ok
    row("start-up, exec to first 200 of /readyz (median of %d)" % STARTS,
        "%.1f ms (min %.1f, max %.1f)" % (startup_median, startup_min, startup_max), "< %.0f ms" % STARTUP_GOAL_MS,
        verdict(ok))
    log("api: %d connections, %d rounds of %d s per endpoint, wrk -t2" % (CONNECTIONS, ROUNDS, SECONDS))
    return 1 if missed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.CalledProcessError, OSError) as error:
        log("api benchmark could not run: %s" % error)
        sys.exit(2)
