"""The quick start is usable, not only started: on SQLite, with the task worker running
beside the server as `make run` has it, an officer logs in, twelve citizens register for
an event at the same moment, and a search with a quote answers."""

import http.cookiejar
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.forms import RECEIPT_REFERENCE
from tests.support.live_site import ROOT, free_port

pytestmark = [pytest.mark.system, pytest.mark.slow]
EVENT = "/sabitiya/kragla-masa-obshtestveni-saveti/"


@pytest.fixture(scope="module")
def quick_start():
    workdir = Path(tempfile.mkdtemp(prefix="quick-start-"))
    port = free_port()
    environment = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "sliven_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "FORMS_PRIVATE_ROOT": str(workdir / "private"),
        "ADMIN_PASSWORD": "quick-start-password",
        # Twelve citizens behind one address would be one client: they come through a proxy here.
        "CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
        "FORMS_MIN_FILL_SECONDS": "0",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo"], ["ensure_admin"]):
        subprocess.run(manage + command, cwd=ROOT, env=environment, check=True, capture_output=True, timeout=300)
    log = open(workdir / "server.log", "w")  # noqa: SIM115 (closed below)
    worker = subprocess.Popen(manage + ["db_worker"], cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    server = subprocess.Popen(
        manage + ["runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    yield {"url": url, "database": workdir / "db.sqlite3"}
    for process in (server, worker):
        process.terminate()
        process.wait(timeout=10)
    log.close()


def session():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def test_the_database_keeps_readers_and_writers_apart(quick_start):
    with sqlite3.connect(quick_start["database"]) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_officer_logs_in_while_the_task_worker_runs(quick_start):
    opener, _jar = session()
    url = quick_start["url"] + "/admin/login/"
    html = opener.open(url).read().decode()
    body = urllib.parse.urlencode(
        {
            "username": "admin",
            "password": "quick-start-password",
            "csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"),
        }
    ).encode()
    response = opener.open(urllib.request.Request(url, data=body, headers={"Referer": url}))
    assert response.url.rstrip("/").endswith("/admin")


def register(quick_start, n):
    opener, _jar = session()
    url = quick_start["url"] + EVENT
    client = {"X-Forwarded-For": f"198.51.100.{n + 1}"}
    html = opener.open(urllib.request.Request(url, headers=client)).read().decode()
    body = urllib.parse.urlencode(
        {
            "ime_i_familia": f"Гражданин {n}",
            "imeyl": f"quick{n}@example.org",
            "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
            "form_token": hidden(html, "form_token"),
            "csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"),
        }
    ).encode()
    try:
        response = opener.open(urllib.request.Request(url, data=body, headers={"Referer": url, **client}), timeout=60)
        return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_twelve_citizens_register_at_the_same_moment(quick_start):
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda n: register(quick_start, n), range(12)))
    assert [status for status, _html in answers] == [200] * 12
    assert all("registration-status" in html for _status, html in answers)
    with sqlite3.connect(quick_start["database"]) as connection:
        stored = connection.execute(
            "SELECT count(*) FROM forms_ext_registration WHERE email LIKE 'quick%@example.org'"
        ).fetchone()[0]
    assert stored == 12


def test_a_registration_sent_twice_is_kept_once_and_gives_no_number_away(quick_start):
    def reference(html):
        match = RECEIPT_REFERENCE.search(html)
        return match.group(1) if match else None

    status, first = register(quick_start, 40)
    again_status, again = register(quick_start, 40)  # the same answers from the same address
    next_status, following = register(quick_start, 41)
    assert (status, again_status, next_status) == (200, 200, 200)
    assert reference(first) and reference(again) is None
    prefix, number = reference(first).rsplit("-", 1)
    assert reference(following) == f"{prefix}-{int(number) + 1:04d}"
    with sqlite3.connect(quick_start["database"]) as connection:
        stored = connection.execute("SELECT count(*) FROM forms_ext_registration WHERE email = 'quick40@example.org'")
        assert stored.fetchone()[0] == 1


def test_a_search_with_a_quote_answers_with_results_not_an_outage(quick_start):
    opener, _jar = session()
    for query in ('"', 'съвет"', '"обществени съвети"', "(съвет*"):
        response = opener.open(quick_start["url"] + "/search/?" + urllib.parse.urlencode({"q": query}))
        assert response.status == 200
