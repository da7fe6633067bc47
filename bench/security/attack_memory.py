# Memory of the service under the attacks of docs/security.md: starts the given binary on a free
# port with a fresh SQLite file, runs each attack at once from many connections, and prints
# VmRSS/VmHWM (MB) after each. Usage: python3 bench/security/attack_memory.py build/ci/poblysh-interviews
import json, os, socket, subprocess, sys, tempfile, threading, time
binary = os.path.abspath(sys.argv[1])
work = tempfile.mkdtemp()
env = dict(os.environ, POBLYSH_HTTP_ADDRESS="127.0.0.1:0", POBLYSH_READY_FILE=work + "/ready",
           POBLYSH_DATABASE_URL="sqlite://" + work + "/m.db", POBLYSH_STATIC_DIR=work + "/static",
           POBLYSH_TRUSTED_PROXIES="127.0.0.1", ASAN_OPTIONS="quarantine_size_mb=8")
proc = subprocess.Popen([binary, "serve"], env=env, stdout=open(work + "/out", "w"), stderr=subprocess.STDOUT, cwd=work)
while not os.path.exists(work + "/ready") or not open(work + "/ready").read().strip(): time.sleep(0.05)
host, port = open(work + "/ready").read().strip().split(":")
port = int(port)
def status():
    d = {}
    for line in open(f"/proc/{proc.pid}/status"):
        k, v = line.split(":", 1)
        if k in ("VmRSS", "VmHWM"): d[k] = int(v.split()[0]) // 1024
    return d
def exchange(raw, read=True):
    s = socket.create_connection((host, port)); s.sendall(raw)
    data = b""
    if read:
        s.settimeout(30)
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk: break
                data += chunk
        except Exception: pass
    s.close(); return data
print("start", status())
# 40 sign-ins for made-up accounts from one address, at once
def login(i):
    body = json.dumps({"email": f"nobody-{i}@example.com", "password": "guess"}).encode()
    exchange(b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
t0 = time.time(); ts = [threading.Thread(target=login, args=(i,)) for i in range(40)]
[t.start() for t in ts]; [t.join() for t in ts]
print("after 40 unknown sign-ins at once", status(), f"{time.time()-t0:.2f}s")
# 150 connections declaring 8 MiB bodies, sending 1 MiB each
def big(i):
    exchange(b"POST /api/v1/startups HTTP/1.1\r\nHost: x\r\nContent-Length: 8388608\r\n\r\n" + b"a" * (1 << 20))
t0 = time.time(); ts = [threading.Thread(target=big, args=(i,)) for i in range(150)]
[t.start() for t in ts]; [t.join() for t in ts]
print("after 150 declared 8 MiB bodies at once", status(), f"{time.time()-t0:.2f}s")
# 150 connections sending 1 MiB bodies (at the limit, read whole)
def limit(i):
    exchange(b"POST /api/v1/startups HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1048576\r\n\r\n" + b"a" * (1 << 20))
t0 = time.time(); ts = [threading.Thread(target=limit, args=(i,)) for i in range(150)]
[t.start() for t in ts]; [t.join() for t in ts]
print("after 150 bodies of 1 MiB (the limit) at once", status(), f"{time.time()-t0:.2f}s")
proc.terminate(); proc.wait()
import shutil; shutil.rmtree(work, ignore_errors=True)
