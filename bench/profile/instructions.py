#!/usr/bin/python3
"""Instructions (Ir) per request of the release service, under callgrind.

Wall-clock figures on a shared machine move by 10-25 % between runs; instruction counts do not
depend on the load. This starts the service under `valgrind --tool=callgrind --instr-atstart=no`
on the API benchmark's seeded database (bench/api/api_bench.py: its seeder, sign-in and list
shapes), sends a fixed, seeded sequence of keep-alive requests per path, and switches
instrumentation on (`callgrind_control -i on`) only around each path's measured requests, after
warm-up requests of the same kind. The webhook path runs on a second instance, on the ingest
benchmark's database and signed deliveries (bench/webhook_ingest/webhook_traffic.cpp, through
the webhook_deliveries tool), one delivery at a time on one connection, so each is one commit.

Prints one line per path, "<path>  <Ir per request>", on stdout; progress on stderr. Each
path's callgrind dump is kept in the work folder for callgrind_annotate.

Usage: instructions.py [--service <poblysh-interviews>] [--tools <release build dir>]
The tools (seeder, simulator, webhook_deliveries, and the service that adds the bench user) come
from --tools; the service measured is --service (default: the tools' own).
"""
import argparse
import glob
import http.client
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

SEED = int(os.environ.get("PROFILE_SEED", "8"))
WEBHOOK_SECRET = "whsec-bench-3c1d9e"  # bench/webhook_ingest/webhook_ingest.cpp's kSecret
# Requests measured per path (after warm-up requests of the same kind, not measured).
COUNTS = {"healthz": 200, "list_same": 200, "list_shapes": 120, "list_random": 60, "detail": 200, "webhook": 300}
WARMUP = {"healthz": 20, "list_same": 5, "list_shapes": 12, "list_random": 6, "detail": 20, "webhook": 30}
SETTLE_SECONDS = 0.5  # after a path's last answer: its log line and any checkpoint finish inside the window


def log(message):
    print(message, file=sys.stderr, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", default=os.path.join(ROOT, "build", "release"),
                        help="release build dir with seed_interviews, calcom-sim, webhook_deliveries")
    parser.add_argument("--service", help="the poblysh-interviews binary measured (default: the tools' own)")
    parser.add_argument("--work", help="work folder (default: <tools>/bench/profile/work)")
    return parser.parse_args()


ARGS = parse_args()
TOOLS = os.path.abspath(ARGS.tools)
# The API benchmark resolves its seeder, simulator and work folder from BENCH_BUILD_DIR at import.
os.environ["BENCH_BUILD_DIR"] = TOOLS
sys.path.insert(0, os.path.join(ROOT, "bench", "api"))
import api_bench  # noqa: E402

SERVICE = os.path.abspath(ARGS.service or api_bench.SERVICE)
DELIVERIES_TOOL = os.path.join(TOOLS, "bench", "profile", "webhook_deliveries")
WORK = os.path.abspath(ARGS.work or os.path.join(TOOLS, "bench", "profile", "work"))


def random_list_path(rng, n):
    """bench/api's random-values list (DISTINCT_LIST_LUA): shape n (1-6) with values drawn from rng."""
    statuses = ["draft", "scheduled", "confirmed", "completed", "cancelled"]
    words = ["robotics", "grid", "health", "analytics", "labs", "logistics", "bio", "security", "foods",
             "mobility", "finance", "energy", "studio", "systems", "materials", "deep dive", "intro"]

    def day():
        return "%d-%02d-%02d" % (rng.randint(2023, 2026), rng.randint(1, 12), rng.randint(1, 28))

    status = rng.choice(statuses)
    if n == 1:
        year = rng.randint(2023, 2025)
        query = "status=%s&from=%d-%02d-01&to=%d-%02d-28" % (status, year, rng.randint(1, 12), year + 1,
                                                               rng.randint(1, 12))
    elif n == 2:
        query = "status=%s&team_member_id=%d" % (status, rng.randint(1, 40))
    elif n == 3:
        query = "q=%s&from=%s&to=2026-12-31" % (urllib.parse.quote(rng.choice(words)), day())
    elif n == 4:
        query = "status=%s&team_member_id=%d&from=%s" % (status, rng.randint(1, 40), day())
    elif n == 5:
        query = "to=%s" % day()
    else:
        query = "startup_id=%d" % rng.randint(1, 2000)
    return "/api/v1/interviews?limit=50&" + query


class Callgrind:
    """The service under callgrind, instrumentation off until asked."""

    def __init__(self, name, env):
        self.name = name
        self.out = os.path.join(WORK, "callgrind.%s" % name)
        for old in glob.glob(self.out + "*"):
            os.remove(old)
        self.process = subprocess.Popen(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=" + self.out, SERVICE,
             "serve"], env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(WORK, name + ".log"), "w"))

    def control(self, *args):
        subprocess.run(["callgrind_control", *args, str(self.process.pid)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def measure(self, label, send):
        """Ir of send() (which returns how many requests it made), dumped to <out>.<label>."""
        self.control("-z")
        self.control("-i", "on")
        requests = send()
        time.sleep(SETTLE_SECONDS)
        self.control("-i", "off")
        before = set(glob.glob(self.out + ".*"))
        self.control("-d")
        new = sorted(set(glob.glob(self.out + ".*")) - before)
        if len(new) != 1:
            raise RuntimeError("callgrind_control -d left %d new dumps" % len(new))
        kept = "%s.%s" % (self.out, label)
        os.replace(new[0], kept)
        with open(kept) as dump:
            text = dump.read()
        match = re.search(r"^totals:\s*(\d+)", text, re.M)
        if not match:
            raise RuntimeError("no totals in " + kept)
        return int(match.group(1)) / requests

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for leftover in glob.glob(self.out) + glob.glob(self.out + ".[0-9]*"):
            os.remove(leftover)


def wait_ready(port, process, timeout=600.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if api_bench.readyz_once(port) == 200:
            return
        if process.poll() is not None:
            raise RuntimeError("the service exited with status %d before it was ready" % process.returncode)
        time.sleep(0.2)
    raise RuntimeError("the service was not ready within %.0f s" % timeout)


class KeepAlive:
    """One keep-alive connection; every answer must have the expected status."""

    def __init__(self, port, headers):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.headers = headers

    def send(self, path, method="GET", body=None, headers=None, expect=200):
        self.connection.request(method, path, body=body, headers={**self.headers, **(headers or {})})
        response = self.connection.getresponse()
        payload = response.read()
        if response.status != expect:
            raise RuntimeError("%s %s answered %d: %s" % (method, path, response.status, payload[:200]))
        return payload

    def run(self, paths):
        for path in paths:
            self.send(path)
        return len(paths)


def api_paths(database, sim):
    port = api_bench.free_port()
    service = Callgrind("api", api_bench.service_env(database, port, sim.base_url))
    results = []
    try:
        wait_ready(port, service.process)
        cookie = api_bench.sign_in(port)
        api_bench.LIST_QUERIES.append("/api/v1/interviews?limit=50&startup_id=%d" % api_bench.busiest_startup(database))
        api_bench.check_endpoints(port, cookie)
        client = KeepAlive(port, {"Cookie": cookie})
        rng = random.Random(SEED)
        shapes = api_bench.LIST_QUERIES
        random_lists = [random_list_path(rng, i % 6 + 1) for i in range(WARMUP["list_random"] + COUNTS["list_random"])]
        ids = ["/api/v1/interviews/%d" % rng.randint(1, api_bench.INTERVIEWS)
               for _ in range(WARMUP["detail"] + COUNTS["detail"])]
        plan = [
            ("GET /healthz", "healthz", ["/healthz"] * (WARMUP["healthz"] + COUNTS["healthz"])),
            ("GET /api/v1/interviews, one kept page repeated", "list_same",
             [shapes[0]] * (WARMUP["list_same"] + COUNTS["list_same"])),
            ("GET /api/v1/interviews, six shapes (kept pages)", "list_shapes",
             [shapes[i % len(shapes)] for i in range(WARMUP["list_shapes"] + COUNTS["list_shapes"])]),
            ("GET /api/v1/interviews, random filter values", "list_random", random_lists),
            ("GET /api/v1/interviews/{id}, random ids", "detail", ids),
        ]
        for title, label, paths in plan:
            warm = WARMUP[label]
            client.run(paths[:warm])
            log("profile: %s, %d requests" % (title, len(paths) - warm))
            results.append((title, service.measure(label, lambda: client.run(paths[warm:]))))
    finally:
        service.stop()
    return results


def webhook_path():
    database = os.path.join(WORK, "webhooks.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)
    env = {k: v for k, v in os.environ.items() if not k.startswith("POBLYSH_")}
    env["POBLYSH_DATABASE_URL"] = "sqlite://" + database
    subprocess.run([SERVICE, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total = WARMUP["webhook"] + COUNTS["webhook"]
    deliveries_file = os.path.join(WORK, "deliveries.tsv")
    subprocess.run([DELIVERIES_TOOL, "--database", database, "--count", str(total), "--secret", WEBHOOK_SECRET,
                    "--out", deliveries_file], check=True)
    deliveries = []
    with open(deliveries_file, "rb") as lines:
        for line in lines:
            signature, body = line.rstrip(b"\n").split(b"\t", 1)
            deliveries.append((signature.decode(), body))
    secret_file = os.path.join(WORK, "webhook-secret")
    with open(os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as secret:
        secret.write(WEBHOOK_SECRET)
    port = api_bench.free_port()
    env.update({
        "POBLYSH_HTTP_ADDRESS": "127.0.0.1:%d" % port,
        "POBLYSH_CALCOM_WEBHOOK_SECRET_FILE": secret_file,
        "POBLYSH_CALCOM_SYNC_SECONDS": "0",
        "POBLYSH_LOG_LEVEL": "info",
        "POBLYSH_STATIC_DIR": api_bench.app_files(),
    })
    service = Callgrind("webhooks", env)
    try:
        wait_ready(port, service.process)
        client = KeepAlive(port, {"Content-Type": "application/json"})

        def deliver(batch):
            for signature, body in batch:
                client.send("/webhooks/calcom", "POST", body, {"X-Cal-Signature-256": signature})
            return len(batch)

        warm = WARMUP["webhook"]
        deliver(deliveries[:warm])
        title = "POST /webhooks/calcom, signed deliveries one at a time"
        log("profile: %s, %d requests" % (title, total - warm))
        result = [(title, service.measure("webhook", lambda: deliver(deliveries[warm:])))]
    finally:
        service.stop()
    applied = subprocess.run(["sqlite3", database, "SELECT count(*) FROM webhook_deliveries WHERE outcome = 'applied'"],
                             check=True, capture_output=True, text=True).stdout.strip()
    if applied != str(total):
        raise RuntimeError("%s of %d deliveries applied" % (applied, total))
    return result


def main():
    for tool in (SERVICE, api_bench.SERVICE, api_bench.SEEDER, api_bench.SIMULATOR, DELIVERIES_TOOL):
        if not os.access(tool, os.X_OK):
            raise RuntimeError("%s is missing: build it in the release preset" % tool)
    for tool in ("valgrind", "callgrind_control", "sqlite3"):
        if subprocess.run(["which", tool], stdout=subprocess.DEVNULL).returncode != 0:
            raise RuntimeError("%s is missing" % tool)
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(api_bench.WORK, exist_ok=True)
    database = os.path.join(WORK, "api.db")
    api_bench.seed(database)
    log("profile: %s, seed %d, %d interviews" % (SERVICE, SEED, api_bench.INTERVIEWS))
    sim = api_bench.Simulator(WORK)
    try:
        results = api_paths(database, sim)
    finally:
        sim.stop()
    results += webhook_path()
    for title, per_request in results:
        print("%-58s %12.0f" % (title, per_request), flush=True)
    log("profile: callgrind dumps in %s (callgrind_annotate <file>)" % WORK)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.CalledProcessError, OSError) as error:
        log("profile could not run: %s" % error)
        sys.exit(2)
