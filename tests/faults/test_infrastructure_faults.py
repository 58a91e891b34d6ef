"""When PostgreSQL, Redis or the disk fail under a request, visitors get a clear answer
in their language and nothing is half-saved."""

import errno
import socket
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from wagtail.documents.models import Document

from pages.snippets import Organisation
from sliven_site.settings.base import redis_cache


@pytest.fixture
def database_down(db):
    """Call it, and from then on every attempt to reach PostgreSQL fails as it does when the
    server is stopped; the test database is back before pytest-django rolls it back."""

    def refuse(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    outage = mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse)
    yield outage.start
    outage.stop()


@pytest.mark.parametrize(
    "url,language,heading",
    [
        ("/", "bg", "Сайтът е временно недостъпен"),
        ("/proekt/", "bg", "Сайтът е временно недостъпен"),
        ("/en/", "en", "The site is temporarily unavailable"),
        ("/en/project/", "en", "The site is temporarily unavailable"),
    ],
)
def test_a_visitor_gets_a_503_page_in_their_language_when_the_database_is_down(
    client, demo, database_down, url, language, heading
):
    database_down()
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html


def test_a_save_interrupted_by_a_lost_database_stores_nothing(admin_client_logged_in, demo, monkeypatch):
    """The database goes away right after the new row was written: the whole request is
    rolled back and the officer is told so."""
    real_save = Organisation.save

    def save_then_lose_database(organisation, *args, **kwargs):
        real_save(organisation, *args, **kwargs)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Organisation, "save", save_then_lose_database)
    response = admin_client_logged_in.post(
        "/admin/snippets/pages/organisation/add/",
        {"name": "Читалище „Зора“", "kind": "chitalishte", "locale": demo.bg.pk},
    )
    assert response.status_code == 503
    assert not Organisation.objects.filter(name="Читалище „Зора“").exists()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_site_serves_uncached_when_redis_is_down(client, demo, settings):
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{closed_port()}/0")}
    assert cache.get("anything") is None  # a miss, not an error
    for url in ["/", "/proekt/", "/en/"]:
        assert client.get(url).status_code == 200


def test_a_full_disk_on_upload_gives_a_clear_error_and_stores_nothing(admin_client_logged_in, monkeypatch):
    def disk_full(storage, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    upload = ContentFile(b"minutes of the meeting", name="minutes.txt")
    response = admin_client_logged_in.post("/admin/documents/add/", {"title": "Протокол", "file": upload})
    assert response.status_code == 507
    assert "Файлът не можа да бъде съхранен" in response.content.decode()
    assert not Document.objects.exists()
