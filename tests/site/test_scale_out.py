"""Two app servers share one PostgreSQL and one Redis: what an officer does on one is
what citizens see on the other, at once."""
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def redis_available():
    parts = urllib.parse.urlparse(REDIS_URL)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not redis_available(), reason=f"Redis is not running at {REDIS_URL}"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """A gunicorn server, started at once; `wait_until_ready()` before the first request."""

    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--pythonpath", "site,.", "sliven_site.wsgi", "--workers", "1",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def wait_until_ready(self):
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {self.process.returncode}")
            try:
                self.opener.open(self.url("/admin/login/"), timeout=2)
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("gunicorn did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path, opener=None):
        try:
            response = (opener or self.opener).open(self.url(path), timeout=30)
            return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def post_form(self, path, fields):
        status, html, _ = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(self.url(path), data=data, headers={"Referer": self.url(path)})
        try:
            response = self.opener.open(request, timeout=30)
            return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.fixture
def two_servers(demo, django_user_model):
    django_user_model.objects.create_superuser("officer", "officer@example.org", "correct horse battery")
    db = settings.DATABASES["default"]
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{connection.settings_dict['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.scaleout_settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"scaleout-{secrets.token_hex(4)}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    servers = [AppServer(env), AppServer(env)]  # both start at once: each takes seconds
    try:
        for server in servers:
            server.wait_until_ready()
        yield servers
    finally:
        for server in servers:
            server.process.terminate()
        for server in servers:
            server.process.wait(timeout=20)


def test_unpublish_on_one_server_is_seen_at_once_on_the_other(two_servers):
    from pages.models import ProjectPage

    a, b = two_servers
    project = ProjectPage.objects.get(locale__language_code="bg")
    b.get("/proekt/")
    status, html, headers = b.get("/proekt/")
    assert status == 200 and headers["X-Page-Cache"] == "hit"

    status, _ = a.post_form("/admin/login/", {"username": "officer", "password": "correct horse battery"})
    assert status == 200
    status, html = a.post_form(f"/admin/pages/{project.pk}/unpublish/", {})
    assert status == 200, html
    project.refresh_from_db()
    assert not project.live

    status, _, _ = b.get("/proekt/")
    assert status == 404


def test_a_login_on_one_server_is_valid_on_the_other(two_servers):
    a, b = two_servers
    a.post_form("/admin/login/", {"username": "officer", "password": "correct horse battery"})
    session_opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(a.jar))
    status, html, _ = b.get("/admin/", opener=session_opener)
    assert status == 200
    assert 'class="login"' not in html, "server B sent the officer back to the login page"
    assert 'class="login"' in b.get("/admin/")[1], "without the session, B asks for a login"
