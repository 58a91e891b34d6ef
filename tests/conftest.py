import os

import pytest


def pytest_report_header(config):
    """Say which database the suite runs on, so a reader of the log sees it was PostgreSQL."""
    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0]
        connection.close()
    except Exception as exc:  # the header must never hide the real failure
        version = f"unreachable ({exc.__class__.__name__}: {exc})"
    return [f"database: {db['ENGINE']} at {db.get('HOST') or 'local socket'}:{db.get('PORT') or ''} — {version}"]


@pytest.fixture
def demo(db):
    """The demo site built from the seed press release."""
    from pages.demo import DemoBuilder

    builder = DemoBuilder(log=lambda message: None)
    builder.build()
    return builder


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client

