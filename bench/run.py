"""`make bench`: build a scaled data set on PostgreSQL, serve it with gunicorn under
production settings with Redis as cache, drive load with wrk over loopback, and print
ratios against controls measured in the same run. Writes bench/results.json.

Two gunicorn servers run side by side from the same code and database: one with the
page cache on (what visitors get), one with it off (what rendering costs). Every ratio
compares an endpoint with its control on the same server.
"""

import argparse
import hashlib
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
CONTROL = "control: plain Django view"
BARE = "control: bare Django view (no middleware)"


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
    """The bench database's URL; the database itself is made by `migrated_database`."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("bench: run through `make bench` (it provides a PostgreSQL server) or set DATABASE_URL=postgres://…")
    name = os.environ.get("BENCH_DATABASE", "sliven_bench")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        sys.exit(f"bench: BENCH_DATABASE must be a plain lower-case identifier, not {name!r}")
    return urllib.parse.urlparse(base)._replace(path=f"/{name}").geturl()


def migrations_key():
    """What the migrated schema depends on: our migrations, the settings and every
    installed package's version (the third-party apps' migrations come with them)."""
    from importlib import metadata

    digest = hashlib.sha256()
    for path in sorted(
        [
            *ROOT.glob("*/migrations/*.py"),
            *ROOT.glob("bench/*/migrations/*.py"),
            *ROOT.glob("site/sliven_site/settings/*.py"),
        ]
    ):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    for name in sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions()):
        digest.update(name.encode() + b"\n")
    return digest.hexdigest()[:12]


def migrated_database(env):
    """A fresh, migrated bench database. Migrating takes most of a quick run, so the
    migrated schema is kept as a template database (<name>_tpl_<key>) and copied in a
    second while the migrations, settings and packages are unchanged."""
    parts = urllib.parse.urlparse(env["DATABASE_URL"])
    name = parts.path.lstrip("/")
    admin_dsn = parts._replace(path="/postgres").geturl()
    template = f"{name}_tpl_{migrations_key()}"

    def psql(sql):
        return subprocess.run(["psql", admin_dsn, "-tAqc", sql], check=True, capture_output=True, text=True).stdout

    psql(f"DROP DATABASE IF EXISTS {name}")
    if psql(f"SELECT 1 FROM pg_database WHERE datname = '{template}'").strip():
        psql(f"CREATE DATABASE {name} TEMPLATE {template}")
        log(f"migrations unchanged: schema copied from the template database {template}")
        return
    psql(f"CREATE DATABASE {name}")
    manage(env, "migrate", "--noinput", "-v0")
    for stale in psql(f"SELECT datname FROM pg_database WHERE datname LIKE '{name}\\_tpl\\_%'").split():
        psql(f"DROP DATABASE IF EXISTS {stale}")
    psql(f"CREATE DATABASE {template} TEMPLATE {name}")
    log(f"migrated schema kept as the template database {template}")


def manage(env, *args):
    started = time.time()
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)
    log(f"manage.py {args[0]}: {time.time() - started:.1f} s")


class Server:
    def __init__(self, env, page_cache, wsgi="sliven_site.wsgi", name=None):
        self.port = free_port()
        self.env = {**env, "PAGE_CACHE_ENABLED": "1" if page_cache else "0"}
        self.name = name or ("cached" if page_cache else "uncached")
        self.wsgi = wsgi

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "--pythonpath",
                "site,.",
                self.wsgi,
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--access-logfile",
                "-",
                "--access-logformat",
                "%(s)s",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
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


def cpu_times():
    """The machine's CPU time counters (/proc/stat's first line), or None off Linux."""
    try:
        return [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None


def steal_share(before, after):
    """The share of CPU time stolen by the host between two cpu_times() readings."""
    if not before or not after or len(before) < 8 or len(after) < 8:
        return None
    total = sum(after[:8]) - sum(before[:8])  # user … steal; guest time is counted in user
    return round((after[7] - before[7]) / total, 4) if total > 0 else None


def sql_queries(server, path):
    with urllib.request.urlopen(server.url(path), timeout=30) as response:
        if response.headers.get("X-Page-Cache") == "hit":
            return 0  # answered from a copy, before Django (its stored header counts the miss)
        return int(response.headers.get("X-SQL-Queries", "-1"))


def run_wrk(url, seconds, connections, script=None, env=None):
    # A slow endpoint (the full iCalendar feed) is measured, not cut off at wrk's 2 s default.
    # Every request asks for what every browser and calendar program accepts: gzip.
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-H",
        "Accept-Encoding: gzip",
        "-s",
        str(script or LUA / "report.lua"),
        url,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=seconds + 60
    )
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
    parser.add_argument("--quick", action="store_true", help="small data set, short runs (about 3 minutes)")
    args = parser.parse_args()
    started = time.time()
    seconds, connections, rounds = (3, 8, 3) if args.quick else (8, 16, 4)

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
    migrated_database(env)
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "seed_demo")
    manage(env, "bench_data", "--quick" if args.quick else "--full", "--out", str(BENCH / "data" / "urls.json"))
    # Fresh planner statistics, as autovacuum gives a real database after an import: without
    # them PostgreSQL plans the filtered listings for the near-empty tables of the demo
    # (the best-practice filter took 2.6 s instead of 80 ms on the full data set).
    subprocess.run(["psql", env["DATABASE_URL"], "-qc", "ANALYZE"], check=True, capture_output=True)
    urls = json.loads((BENCH / "data" / "urls.json").read_text())
    built = time.time()
    cpu_before = cpu_times()

    rows = []
    memory = {}
    control_endpoint = {"name": CONTROL, "path": "/bench-control/"}
    # The bare project runs beside both servers, and in every round: a cached hit is read
    # against it (issue: >= 0.8x), measured in the same minutes.
    bare = Server(env, page_cache=False, wsgi="bench.bare.wsgi", name="bare").__enter__()
    bare_endpoint = {"name": BARE, "path": "/bench-control/", "server": bare}
    # Every form sent in the run takes a token of its own: enough for the POSTs of both
    # servers at several times the rate this machine manages.
    tokens = TokenPool(env, 40000 if args.quick else 160000)
    for cached in (True, False):
        with Server(env, page_cache=cached) as server:
            run_wrk(server.url("/bench-control/"), 1, connections)  # warm-up: workers import lazily on first use
            run_wrk(bare.url("/bench-control/"), 1, connections)
            plan = [bare_endpoint, control_endpoint, *endpoints(urls, cached)]
            # Rounds: every endpoint runs `rounds` times for seconds/rounds, one endpoint
            # after another, so a busy machine's drift falls evenly on an endpoint and its
            # control instead of on whichever ran at the time. On this project's machine
            # one 2 s window of a page read 0.78-0.91x the bare view in three rounds in a
            # row: a quick run too has three rounds (of 1 s), and a ratio over all three.
            # Every other round runs the plan backwards, so that a drift within a round
            # (the machine slowing down or speeding up over a minute) does not always fall
            # later on the endpoint listed after its control.
            runs = {endpoint["name"]: [] for endpoint in plan}
            for round_number in range(rounds):
                for endpoint in plan if round_number % 2 == 0 else plan[::-1]:
                    runs[endpoint["name"]].append(
                        measure(server, endpoint, seconds // rounds, connections, round_number == 0, tokens=tokens)
                    )
            controls = {}
            for endpoint in plan:
                row = combine(runs[endpoint["name"]])
                row.update(name=endpoint["name"], server=server.name)
                reference = controls.get(endpoint.get("control"), controls.get(CONTROL, row))
                row["ratio"] = round(row["rps"] / reference["rps"], 3) if reference["rps"] else None
                row["control"] = (
                    "-" if endpoint in (control_endpoint, bare_endpoint) else endpoint.get("control", CONTROL)
                )
                if endpoint.get("p50_against") in controls:
                    against = controls[endpoint["p50_against"]]
                    row["p50_against"] = endpoint["p50_against"]
                    row["p50_ratio"] = round(row["p50_ms"] / against["p50_ms"], 2) if against["p50_ms"] else None
                controls[endpoint["name"]] = row
                rows.append(row)
                log(
                    f"{server.name}: {row['name']} {row['rps']:.0f} req/s, p50 {row['p50_ms']:.1f} ms"
                    + (f", stored {row['stored']} of {row['requests']}" if "stored" in row else "")
                )
            memory[server.name] = server.worker_rss_mb()
    bare.__exit__(None, None, None)

    results = {
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()},
        "quick": args.quick,
        "seconds_per_endpoint": seconds,
        "rounds": rounds,
        "connections": connections,
        "data": urls.get("counts", {}),
        "build_seconds": round(built - started, 1),
        "total_seconds": round(time.time() - started, 1),
        # The share of this machine's CPU time the host gave to others while it measured
        # (a virtual machine's "steal"): a run with much of it is a run on a busy host.
        "cpu_steal_share": steal_share(cpu_before, cpu_times()),
        "worker_rss_mb": memory,
        "rows": rows,
        # p50 of the event index with all its events / p50 with 20 (target: at most 1.3)
        "event_index_p50_ratio": {row["server"]: row["p50_ratio"] for row in rows if row.get("p50_ratio") is not None},
    }
    results["targets"] = targets(results)
    (BENCH / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_table(results)
    for spent in (BENCH / "data").glob("tokens-*.txt"):
        spent.unlink()
    # A missed target fails the run, so a regression shows.
    sys.exit(0 if all(target["met"] for target in results["targets"]) else 1)


class TokenPool:
    """Form tokens for every POST run, issued once (one manage.py call) and handed out in
    order: each submission needs a token of its own, as each visitor's page carries one."""

    def __init__(self, env, count):
        self.path = BENCH / "data" / f"tokens-{secrets.token_hex(4)}.txt"
        subprocess.run(
            [PYTHON, "manage.py", "bench_tokens", str(count), "--out", str(self.path)], cwd=ROOT, env=env, check=True
        )
        self.count = count
        self.next = 0

    def spend(self, sent):
        """A run that began at `self.next` sent at most `sent` forms (answered and
        abandoned ones alike): the next run begins after them."""
        self.next += sent
        if self.next > self.count:
            raise RuntimeError("bench: the run sent more forms than it has tokens for")


def measure(server, endpoint, seconds, connections, first, tokens=None):
    """One wrk run of `endpoint`; in the first round, also its SQL queries per request.
    Measured warm, as visitors find a server that has been up for a while: a GET after
    one request that fills what it reads once (and, with the page cache on, the cache),
    a POST after a run of 1 s (a worker's first submissions build the form's class and
    compile the templates of its answer, a few milliseconds each, in rounds of 1 s)."""
    server = endpoint.get("server", server)
    if endpoint.get("method") == "POST":
        warm = post_run(server, endpoint, 1, connections, tokens) if first else None
        result = post_run(server, endpoint, seconds, connections, tokens)
        if warm is not None:  # not measured, but its submissions are checked too: none lost
            result["warm_up"] = {name: warm[name] for name in ("requests", "ok", "stored", "lost")}
        return result
    queries = None
    if first:
        sql_queries(server, endpoint["path"])  # warm-up (and, with the page cache on, fill it)
        queries = sql_queries(server, endpoint["path"])  # as wrk will see it
    result = run_wrk(server.url(endpoint["path"]), seconds, connections)
    result["queries"] = queries
    return result


def post_run(server, endpoint, seconds, connections, tokens):
    """One wrk run of a POST endpoint, each request a unique body (and form token), and
    the rows it stored compared with the answers."""
    hidden, cookies = form_session(server, endpoint["form_path"])
    time.sleep(endpoint.get("wait", 0))
    fields = {**hidden, **endpoint["fields"]}
    token_offset = None
    if "form_token" in fields:  # each submission needs a form token of its own
        fields["form_token"] = "__TOKEN__"
        token_offset = tokens.next
    wrk_env = {
        "BENCH_BODY": urllib.parse.urlencode(fields),
        "BENCH_COOKIE": cookies,
        "BENCH_LUA_DIR": str(LUA),
        "BENCH_RUN": secrets.token_hex(4),
        "BENCH_COUNT_2XX": "1",
        **(
            {"BENCH_TOKENS": str(tokens.path), "BENCH_TOKEN_OFFSET": str(token_offset)}
            if token_offset is not None
            else {}
        ),
    }  # answers are compared with the rows stored
    stored_before = count_rows(server.env, endpoint["count_sql"])
    result = run_wrk(server.url(endpoint["path"]), seconds, connections, LUA / "post.lua", wrk_env)
    result["queries"] = None
    if token_offset is not None:
        # Every request wrk sent took a token, the ones still in flight when it stopped too.
        tokens.spend(result["requests"] + result.get("socket_errors", 0) + connections)
    time.sleep(0.5)  # requests still in flight when wrk stopped finish (and are stored) now
    result["stored"] = count_rows(server.env, endpoint["count_sql"]) - stored_before
    # Answered requests that left no row: rejected as spam, duplicate, invalid or failed.
    # Up to `connections` requests wrk abandoned at the end may be stored without being
    # counted as answered, so a small negative difference is read as nothing lost.
    result["lost"] = max(result["requests"] - result["stored"], 0)
    return result


def combine(runs):
    """An endpoint's rounds as one row: requests/s over all of them, the median of the
    rounds' own p50 and p95, and the sums of requests, failures and stored rows."""

    def median(values):
        values = sorted(values)
        middle = len(values) // 2
        return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2

    row = {
        "requests": sum(run["requests"] for run in runs),
        "rps": round(sum(run["requests"] for run in runs) / sum(run["seconds"] for run in runs), 2),
        "p50_ms": round(median([run["p50_ms"] for run in runs]), 3),
        "p95_ms": round(median([run["p95_ms"] for run in runs]), 3),
        "ok": sum(run["ok"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "socket_errors": sum(run["socket_errors"] for run in runs),
        "queries": runs[0]["queries"],
        "rounds": [{"rps": run["rps"], "p50_ms": run["p50_ms"]} for run in runs],
    }
    if "stored" in runs[0]:
        row["stored"] = sum(run["stored"] for run in runs)
        row["lost"] = sum(run["lost"] for run in runs)
        row["warm_up"] = next((run["warm_up"] for run in runs if "warm_up" in run), None)
    return row


def count_rows(env, sql):
    result = subprocess.run(["psql", env["DATABASE_URL"], "-tAc", sql], check=True, capture_output=True, text=True)
    return int(result.stdout.strip())


def print_table(results):
    print()
    print(
        f"{'endpoint':44} {'server':9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4} {'ratio':>6} {'failed':>7} "
        f"{'stored':>7} {'lost':>5}  ratio against"
    )
    for row in results["rows"]:
        queries = "" if row["queries"] is None else row["queries"]
        stored = row.get("stored", "")
        lost = row.get("lost", "")
        print(
            f"{row['name'][:44]:44} {row['server']:9} {row['rps']:8.0f} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} "
            f"{queries!s:>4} {row['ratio'] or 0:6.2f} {row['errors'] + row.get('socket_errors', 0):7d} {stored!s:>7} {lost!s:>5}  "
            f"{row.get('control', '')}"
        )
    for row in results["rows"]:
        if row.get("p50_ratio") is not None:
            print(
                f"\np50 of {row['name']} / p50 of {row['p50_against']} ({row['server']}): {row['p50_ratio']:.2f}"
                " (target: at most 1.3)",
                end="",
            )
    print()
    print(f"\ngunicorn worker memory (MB): {results['worker_rss_mb']}")
    print(f"data set built in {results['build_seconds']} s; whole run {results['total_seconds']} s")
    if results["cpu_steal_share"] is not None:
        print(f"CPU time taken by the host while measuring (steal): {100 * results['cpu_steal_share']:.1f} %")
    print("\ntargets:")
    for target in results["targets"]:
        print(f"  {'met' if target['met'] else 'NOT MET':7}  {target['target']}: {target['measured']}")


def targets(results):
    """The issue's targets, each read off this run's rows."""
    rows = {(row["server"], row["name"]): row for row in results["rows"]}
    found = []

    def add(target, measured, met):
        found.append({"target": target, "measured": measured, "met": bool(met)})

    bare = rows.get(("cached", BARE))
    if bare:
        pages = [
            row
            for (server, name), row in rows.items()
            if server == "cached" and row.get("stored") is None and "control" not in name
        ]
        if pages:
            worst = min(pages, key=lambda row: row["rps"])
            add(
                "cached anonymous GET of every public page (forms included) >= 0.8x the bare Django view",
                f"lowest {worst['rps'] / bare['rps']:.3f}x ({worst['name']})",
                worst["rps"] >= 0.8 * bare["rps"],
            )
    control = rows.get(("cached", CONTROL))
    if control:
        # Every cached GET but the controls; the calendar feed (a file, not a page) apart.
        gets = [
            row
            for (server, name), row in rows.items()
            if server == "cached" and row.get("stored") is None and "control" not in name
        ]
        for label, group in (
            ("every page", [row for row in gets if "iCalendar" not in row["name"]]),
            ("the calendar feed", [row for row in gets if "iCalendar" in row["name"]]),
        ):
            if group:
                worst = min(group, key=lambda row: row["rps"])
                add(
                    f"cached anonymous GET of {label} >= 0.7x the plain Django view",
                    f"lowest {worst['rps'] / control['rps']:.3f}x ({worst['name']})",
                    worst["rps"] >= 0.7 * control["rps"],
                )
    consultation = rows.get(("uncached", "open consultation (form, 50 comments)"))
    if consultation:
        add(
            "uncached open consultation >= 1.0x the stock Wagtail form page",
            f"{consultation['ratio']:.2f}x",
            consultation["ratio"] >= 1.0,
        )
    for server in ("cached", "uncached"):
        feedback = rows.get((server, "feedback form POST (valid)"))
        if feedback:
            add(
                f"valid submission POST >= 1.0x the stock Wagtail form POST ({server} server)",
                f"{feedback['ratio']:.2f}x",
                feedback["ratio"] >= 1.0,
            )
    for server, ratio in results["event_index_p50_ratio"].items():
        add(f"event index p50, all events / 20 events <= 1.3 ({server} server)", f"{ratio:.2f}", ratio <= 1.3)
    posts = [row for row in results["rows"] if row.get("stored") is not None]
    # The measured runs and each endpoint's warm-up run.
    runs = [*posts, *(row["warm_up"] for row in posts if row.get("warm_up"))]
    lost = sum(run["lost"] for run in runs)
    count = sum(len(row["rounds"]) for row in posts) + sum(1 for row in posts if row.get("warm_up"))
    add(
        "no submission lost (rows stored = 2xx answers)",
        f"{lost} lost in {count} POST runs ({sum(run['ok'] for run in runs)} answered 2xx)",
        lost == 0,
    )
    largest = max(size for sizes in results["worker_rss_mb"].values() for size in sizes)
    add("gunicorn worker memory after the run < 200 MB", f"largest {largest:.0f} MB", largest < 200)
    return found


if __name__ == "__main__":
    main()
