"""Two app servers share one PostgreSQL and one Redis: what an officer does on one is
what citizens see on the other, at once."""

import copy
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

from tests.support.redis import needs_redis, redis_url

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = redis_url(13)

pytestmark = [
    pytest.mark.system,
    pytest.mark.django_db(transaction=True),
    needs_redis(REDIS_URL),
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
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--pythonpath",
                "site,.",
                "sliven_site.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
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

    def visitor(self):
        """This server as seen by another visitor: the same address, cookies of their own."""
        other = copy.copy(self)
        other.jar = CookieJar()
        other.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(other.jar))
        return other

    def get(self, path, opener=None):
        status, body, headers = self.get_bytes(path, opener)
        return status, body.decode(), headers

    def get_bytes(self, path, opener=None):
        try:
            response = (opener or self.opener).open(self.url(path), timeout=30)
            return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def post_form(self, path, fields, files=None):
        """Fill in the form at `path` as a browser would: its hidden fields (the CSRF
        token, a citizen form's token) as sent, then `fields` and `files`
        ({name: (filename, bytes, content type)}), multipart when there are files."""
        status, html, _ = self.get(path)
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
        fields = {**hidden, **fields}
        if files:
            boundary = secrets.token_hex(16)
            data = multipart(boundary, fields, files)
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            data = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(
            self.url(path), data=data, headers={"Referer": self.url(path), "Content-Type": content_type}
        )
        try:
            response = self.opener.open(request, timeout=30)
            return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def multipart(boundary, fields, files):
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


def start_two_servers(django_user_model, **extra_env):
    django_user_model.objects.create_superuser("officer", "officer@example.org", "correct horse battery")
    db = settings.DATABASES["default"]
    database_url = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{connection.settings_dict['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.scaleout_settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"scaleout-{secrets.token_hex(4)}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        **extra_env,
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


@pytest.fixture
def two_servers(demo, django_user_model):
    yield from start_two_servers(django_user_model)


class Bucket:
    """An S3-compatible object store on loopback (moto's server), with one bucket."""

    def __init__(self):
        import boto3

        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.name = f"sliven-media-{secrets.token_hex(4)}"
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        deadline = time.time() + 30
        while True:
            try:
                self.client.create_bucket(Bucket=self.name)
                break
            except Exception:
                if time.time() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.2)

    def keys(self):
        return [item["Key"] for item in self.client.list_objects_v2(Bucket=self.name).get("Contents", [])]

    def environment(self):
        return {
            "AWS_STORAGE_BUCKET_NAME": self.name,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        }


@pytest.fixture
def bucket():
    pytest.importorskip("storages")
    store = Bucket()
    try:
        yield store
    finally:
        store.process.terminate()
        store.process.wait(timeout=20)


@pytest.fixture
def two_servers_on_object_storage(demo, django_user_model, bucket, tmp_path):
    # Each server its own disk, as on two machines: only the bucket is shared.
    yield from start_two_servers(
        django_user_model,
        **bucket.environment(),
        MEDIA_ROOT=str(tmp_path / "media"),
        FORMS_PRIVATE_ROOT=str(tmp_path / "private"),
        FORMS_MIN_FILL_SECONDS="0",
    )


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


@pytest.fixture
def two_servers_strict_rate(demo, django_user_model):
    yield from start_two_servers(django_user_model, FORMS_RATE_LIMIT="2", FORMS_MIN_FILL_SECONDS="0")


def test_the_rate_limit_counts_a_client_on_every_server(two_servers_strict_rate):
    from forms_ext.models import CivicSubmission, HeldSubmission
    from pages.models import FeedbackPage

    a, b = two_servers_strict_rate
    page = FeedbackPage.objects.get(locale__language_code="bg")
    before = CivicSubmission.objects.filter(page=page).count()
    answers = [
        server.post_form(
            page.url,
            {
                "tema": "gradska-sreda",
                "otsenka_na_uslugata": "4",
                "saobshtenie": message,
                "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
            },
        )[0]
        for server, message in ((a, "Първо мнение"), (b, "Второ мнение"), (a, "Трето мнение"))
    ]
    # Two a window per client: the third, though sent to the other server, is held.
    assert answers == [200, 200, 429]
    assert CivicSubmission.objects.filter(page=page).count() == before + 2
    held = HeldSubmission.objects.get()
    assert held.reason == "rate_limit" and held.form_data["saobshtenie"] == "Трето мнение"


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def png(width=40, height=30):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (0, 102, 153)).save(buffer, "PNG")
    return buffer.getvalue()


def test_media_and_citizens_uploads_kept_in_the_bucket_are_served_by_every_server(
    two_servers_on_object_storage, bucket, tmp_path
):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from forms_ext.models import CivicSubmission
    from pages.models import CivicMonitoringPage

    a, b = two_servers_on_object_storage
    officer = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(a.jar))
    a.post_form("/admin/login/", {"username": "officer", "password": "correct horse battery"})

    # An officer uploads a document and an image on server A.
    status, html = a.post_form(
        "/admin/documents/add/",
        {"title": "Протокол от кръглата маса"},
        {"file": ("protokol.pdf", PDF, "application/pdf")},
    )
    assert status == 200, html
    status, html = a.post_form(
        "/admin/images/add/", {"title": "Кръгла маса"}, {"file": ("masa.png", png(), "image/png")}
    )
    assert status == 200, html
    document = Document.objects.get(title="Протокол от кръглата маса")
    image = Image.objects.get(title="Кръгла маса")
    assert {document.file.name, image.file.name} <= set(bucket.keys())

    # A citizen downloads the document from server B, as a download.
    status, body, headers = b.get_bytes(document.url)
    assert status == 200 and body == PDF
    assert headers["Content-Disposition"].startswith("attachment")

    # Server B makes a rendition from the original A stored; it lands in the bucket too,
    # and the page's policy lets browsers load it from there.
    status, html, headers = b.get(f"/admin/images/{image.pk}/", opener=officer)
    assert status == 200
    renditions = [key for key in bucket.keys() if key.startswith("images/")]
    assert renditions, bucket.keys()
    thumbnail = re.search(r'<img[^>]+src="(%s/%s/images/[^"]+)"' % (re.escape(bucket.endpoint), bucket.name), html)
    assert thumbnail, "the admin shows the rendition from the bucket"
    with urllib.request.urlopen(thumbnail.group(1).replace("&amp;", "&"), timeout=30) as response:
        assert response.read().startswith(b"\x89PNG")
    assert bucket.endpoint in headers["Content-Security-Policy"]
    _, _, public_headers = b.get("/")
    assert bucket.endpoint in public_headers["Content-Security-Policy"]

    # A citizen's evidence sent to A is kept privately in the bucket; staff fetch it on B.
    monitoring = CivicMonitoringPage.objects.get(locale__language_code="bg")
    citizen = a.visitor()  # without the officer's session
    status, html = citizen.post_form(
        monitoring.url,
        {
            "usluga_ili_angazhiment": "Ремонт на улица",
            "kakvo_se_sluchi": "Не е завършен",
            "koga": "2020-05-01",
            "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
        },
        {"dokazatelstvo": ("snimka.pdf", PDF, "application/pdf")},
    )
    assert status == 200, html
    submission = CivicSubmission.objects.get(page=monitoring, form_data__koga="2020-05-01")
    stored_name = submission.files["dokazatelstvo"]
    assert f"forms-private/{stored_name}" in bucket.keys()
    link = submission.get_data()["dokazatelstvo"]
    path = link[link.index("/admin/") :]
    assert b.get_bytes(path)[1] != PDF  # no session: the login page
    status, body, _ = b.get_bytes(path, opener=officer)
    assert status == 200 and body == PDF

    # Nothing was written to either server's own disk.
    assert not any(path.is_file() for path in tmp_path.rglob("*")), list(tmp_path.rglob("*"))
