"""The real site in its own process, on its own copy of the test database: what the
browser tests drive and what the backup test restores into.

A copy, not the test database itself, because tests run inside transactions the
server process could not see; and a separate process, because Playwright's sync API
runs an event loop that Django refuses to share a thread with.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
from django.db import connection, connections

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "sliven_site.settings.test"


def database_url(name):
    settings = connection.settings_dict
    user, password = settings["USER"], settings["PASSWORD"]
    credentials = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{credentials}{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"


def _admin_connection():
    return psycopg.connect(database_url("postgres"), autocommit=True)


def create_database(name, template=None):
    """A new database; with `template`, a copy of it (PostgreSQL copies a database only
    while nobody is connected to it, so this process lets go of its connections first)."""
    connections.close_all()
    drop_database(name)
    with _admin_connection() as admin:
        clause = f' TEMPLATE "{template}"' if template else ""
        admin.execute(f'CREATE DATABASE "{name}"{clause}')
    return database_url(name)


def drop_database(name):
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def demo_template_name():
    return f"{connection.settings_dict['NAME']}_demo_template"


def copy_of_test_database(suffix):
    """A copy of the test database as the session set it up: migrated, with the demo
    site (tests/conftest.py), whatever earlier tests did to the test database itself."""
    return create_database(f"{connection.settings_dict['NAME']}_{suffix}", template=demo_template_name())


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database, media_root, **extra):
    """The site's environment; citizens' files are kept beside the media, in "<media>-private"."""
    private_root = f"{media_root}-private"
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=database,
        TEST_MEDIA_ROOT=str(media_root),
        MEDIA_ROOT=str(media_root),
        TEST_FORMS_PRIVATE_ROOT=private_root,
        FORMS_PRIVATE_ROOT=private_root,
        **extra,
    )


def manage(environment, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class LiveSite:
    """`runserver --insecure` (static files served without DEBUG) on a free loopback port."""

    def __init__(self, database, media_root):
        self.environment = server_environment(database, media_root)
        self.mail_dir = Path(f"{media_root}-mail")
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        self.environment["TEST_EMAIL_DIR"] = str(self.mail_dir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def manage(self, *args):
        return manage(self.environment, *args)

    def python(self, code):
        """Run `code` in the site's Django (one process start, a few seconds); its output."""
        return self.manage("shell", "--no-imports", "-c", code)

    def start(self):
        return self.launch().wait_until_ready()

    def launch(self):
        """Start the server without waiting for it (`wait_until_ready` does)."""
        # A file, not a pipe: runserver logs every request and would block on a full pipe.
        self.log = tempfile.TemporaryFile("w+")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--insecure", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        return self

    def wait_until_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"the site did not start:\n{self.log.read()}")
            try:
                urllib.request.urlopen(self.url + "/static/css/site.css", timeout=2)
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("the site did not answer within 60 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.log.close()

    def emails_to(self, address):
        """The bodies of the emails the site sent to `address`, oldest first (quoted-printable
        and base64 bodies decoded)."""
        import email

        found = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda path: path.stat().st_mtime):
            for raw in path.read_text(errors="replace").split("-" * 79):
                if not raw.strip():
                    continue
                message = email.message_from_string(raw.strip())
                if address in (message.get("To") or ""):
                    part = next((p for p in message.walk() if p.get_content_type() == "text/plain"), message)
                    found.append(part.get_payload(decode=True).decode("utf-8", errors="replace"))
        return found

    def link_in_latest_email(self, address, path_part, timeout=15):
        """The path of the link with `path_part` in the latest email to `address` (waits for it)."""
        import re

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for body in reversed(self.emails_to(address)):
                match = re.search(r"https?://[^/\s]+(\S*" + re.escape(path_part) + r"\S*)", body)
                if match:
                    return match.group(1)
            time.sleep(0.2)
        raise AssertionError(f"no email to {address} with {path_part}")

    def get(self, path):
        """(status, body) of a GET, errors included."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
