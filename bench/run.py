"""`make bench`: build a scaled data set on PostgreSQL, serve it with gunicorn under
production settings with Redis as cache, drive load with wrk over loopback, and print
ratios against controls measured in the same run. Writes bench/results.json.

Two gunicorn servers run side by side from the same code and database: one with the
page cache on (what visitors get), one with it off (what rendering costs). Every ratio
compares an endpoint with its control on the same server.
"""
import argparse
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.endpoints import endpoints  # noqa: E402
BENCH = ROOT / "bench"
PYTHON = sys.executable
LUA = BENCH / "wrk"


def log(message):
    print(f"[bench] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("installing wrk from Debian's packages")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, capture_output=True)
    if not shutil.which("wrk"):
        sys.exit("bench: wrk is needed (apt-get install wrk)")


def ensure_redis(url):
    host, port = urllib.parse.urlparse(url).hostname, urllib.parse.urlparse(url).port or 6379
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        sys.exit(f"bench: Redis is not answering at {url} (set REDIS_URL or start redis-server)")


def bench_database_url():
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("bench: run through `make bench` (it provides a PostgreSQL server) or set DATABASE_URL=postgres://…")
    parts = urllib.parse.urlparse(base)
    admin_dsn = parts._replace(path="/postgres").geturl()
    subprocess.run(["psql", admin_dsn, "-qc", "DROP DATABASE IF EXISTS sliven_bench"], check=True, capture_output=True)
    subprocess.run(["psql", admin_dsn, "-qc", "CREATE DATABASE sliven_bench"], check=True, capture_output=True)
    return parts._replace(path="/sliven_bench").geturl()


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


class Server:
    def __init__(self, env, page_cache):
        self.port = free_port()
        self.env = {**env, "PAGE_CACHE_ENABLED": "1" if page_cache else "0"}
        self.name = "cached" if page_cache else "uncached"

    def __enter__(self):
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--pythonpath", "site,.", "sliven_site.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", "--access-logfile", "-",
             "--access-logformat", "%(s)s"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url("/bench-control/"), timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn ({self.name}) did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_rss_mb(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
        return sizes


def sql_queries(server, path):
    with urllib.request.urlopen(server.url(path), timeout=30) as response:
        return int(response.headers.get("X-SQL-Queries", "-1"))


def run_wrk(url, seconds, connections, script=None, env=None):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script or LUA / "report.lua"), url]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=seconds + 60)
    match = re.search(r"BENCH_JSON (\{.*\})", result.stdout)
    if not match:
        raise RuntimeError(f"wrk failed for {url}:\n{result.stdout}\n{result.stderr}")
    return json.loads(match.group(1))


def form_session(server, path):
    """A real visitor's CSRF cookie and the form's hidden fields, for POST runs."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(server.url(path), timeout=30).read().decode()
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    return hidden, cookies


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small data set, short runs (under 3 minutes)")
    args = parser.parse_args()
    started = time.time()
    seconds, connections = (3, 8) if args.quick else (8, 16)

    ensure_wrk()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    ensure_redis(redis_url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sliven_site.settings.bench",
        "DATABASE_URL": bench_database_url(),
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "EMAIL_URL": "dummy://",
        # wrk sends thousands of forms a second from one address, at once: the spam
        # defences' rate limit and minimum fill time would (rightly) hold them all aside.
        "FORMS_RATE_LIMIT": "1000000000",
        "FORMS_MIN_FILL_SECONDS": "0",
    }
    log("migrating and building the data set")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "seed_demo")
    manage(env, "bench_data", "--quick" if args.quick else "--full", "--out", str(BENCH / "data" / "urls.json"))
    urls = json.loads((BENCH / "data" / "urls.json").read_text())
    built = time.time()

    rows = []
    memory = {}
    for cached in (True, False):
        with Server(env, page_cache=cached) as server:
            control = run_wrk(server.url("/bench-control/"), seconds, connections)
            control["name"] = "control: plain Django view"
            rows.append({**control, "server": server.name, "ratio": 1.0, "queries": 0, "control": "-"})
            controls = {}
            for endpoint in endpoints(urls, cached):
                reference = controls.get(endpoint.get("control"), control)
                row = measure(server, endpoint, reference, seconds, connections)
                row["control"] = endpoint.get("control", "control: plain Django view")
                controls[endpoint["name"]] = row
                rows.append(row)
            memory[server.name] = server.worker_rss_mb()

    results = {
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()},
        "quick": args.quick,
        "seconds_per_run": seconds,
        "connections": connections,
        "data": urls.get("counts", {}),
        "build_seconds": round(built - started, 1),
        "total_seconds": round(time.time() - started, 1),
        "worker_rss_mb": memory,
        "rows": rows,
    }
    (BENCH / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_table(results)


def measure(server, endpoint, control, seconds, connections):
    script, wrk_env = None, {}
    if endpoint.get("method") == "POST":
        hidden, cookies = form_session(server, endpoint["form_path"])
        time.sleep(endpoint.get("wait", 0))
        body = urllib.parse.urlencode({**hidden, **endpoint["fields"]})
        script = LUA / "post.lua"
        wrk_env = {"BENCH_BODY": body, "BENCH_COOKIE": cookies, "BENCH_LUA_DIR": str(LUA), "BENCH_RUN": secrets.token_hex(4)}
    stored_before = count_rows(server.env, endpoint["count_sql"]) if endpoint.get("count_sql") else None
    result = run_wrk(server.url(endpoint["path"]), seconds, connections, script, wrk_env)
    queries = sql_queries(server, endpoint["path"]) if endpoint.get("method", "GET") == "GET" else None
    row = {**result, "name": endpoint["name"], "server": server.name, "queries": queries}
    row["ratio"] = round(result["rps"] / control["rps"], 3) if control["rps"] else None
    if stored_before is not None:
        # Requests still in flight when wrk stops are stored but not counted as answered,
        # so stored may exceed the 2xx count; lost is what was answered 2xx and not stored.
        row["stored"] = count_rows(server.env, endpoint["count_sql"]) - stored_before
        row["lost"] = max(0, row["ok"] - row["stored"])
    return row


def count_rows(env, sql):
    result = subprocess.run(["psql", env["DATABASE_URL"], "-tAc", sql], check=True, capture_output=True, text=True)
    return int(result.stdout.strip())


def print_table(results):
    print()
    print(f"{'endpoint':44} {'server':9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4} {'ratio':>6} {'non-2xx':>7}  ratio against")
    for row in results["rows"]:
        queries = "" if row["queries"] is None else row["queries"]
        print(
            f"{row['name'][:44]:44} {row['server']:9} {row['rps']:8.0f} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} "
            f"{queries!s:>4} {row['ratio'] or 0:6.2f} {row['errors']:7d}  {row.get('control', '')}"
        )
    for row in results["rows"]:
        if "stored" in row:
            print(f"{row['name']} ({row['server']}): {row['ok']} answered 2xx, {row['stored']} stored, {row['lost']} lost")
    print(f"\ngunicorn worker memory (MB): {results['worker_rss_mb']}")
    print(f"data set built in {results['build_seconds']} s; whole run {results['total_seconds']} s")


if __name__ == "__main__":
    main()
