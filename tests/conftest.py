import pytest


def pytest_report_header(config):
    """Say which database the suite runs on, so a reader of the log sees it was PostgreSQL."""
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    try:
        # A direct connection: pytest-django blocks the ORM outside tests.
        with psycopg.connect(
            dbname=db["NAME"],
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            connect_timeout=5,
        ) as conn:
            version = conn.execute("SELECT version()").fetchone()[0]
    except Exception as exc:  # the header must never hide the real failure
        version = f"unreachable ({exc.__class__.__name__}: {exc})"
    return [f"database: {db['ENGINE']} at {db.get('HOST') or 'local socket'}:{db.get('PORT') or ''} — {version}"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the demo site built once for the whole run.

    Every test in a transaction starts from this state and rolls back to it. Tests that
    commit (`transaction=True`, run after those) leave an emptied database behind them, so
    they ask for the `demo` fixture, which copies the demo back from the pristine template
    made here. Tests that serve the site from a process of their own copy that template.
    Building the demo takes seconds, so building it per test would cost most of the run:
    the objects it made are recorded instead (tests/demo_objects.py)."""
    from django.db import connection

    from sliven_site.demo import DemoBuilder
    from tests.support import demo_objects
    from tests.support.live_site import create_database, demo_template_name, drop_database

    with django_db_blocker.unblock():
        builder = DemoBuilder(log=lambda message: None)
        builder.build()
        demo_objects.remember(builder)
        create_database(demo_template_name(), template=connection.settings_dict["NAME"])
    yield
    with django_db_blocker.unblock():
        drop_database(demo_template_name())


@pytest.fixture
def demo(db):
    """The demo site built from the seed press release, as its DemoBuilder: fresh instances
    of the objects the session's build made (a test may change them and roll back), copied
    back from the template first if a test that commits emptied the database."""
    from tests.support.demo_objects import demo_builder

    return demo_builder()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.contrib.contenttypes.models import ContentType

    from civic_core import cache, locales

    locales._by_language.clear()  # a flushed test database gives locales new ids
    cache.reset()
    yield
    cache.reset()
    # A test that flushes the database (seed_demo from scratch) makes new content types;
    # the rollback brings back the old ids, which Django's in-process cache must forget.
    ContentType.objects.clear_cache()


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def pytest_collection_modifyitems(items):
    """Tests that copy the demo template for a server of their own (browser tests, backup)
    use no ORM fixture, so pytest-django would not create the test database when only
    they run: mark them so it does. The backup test creates databases itself, outside
    any transaction."""
    for item in items:
        if item.get_closest_marker("django_db"):
            continue
        if "live_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)
        elif item.path.parent.name == "backup" and "django_db_blocker" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture
def home(db):
    """A site of the test's own (tests.support.factories.site_tree), in place of the demo."""
    from tests.support.factories import site_tree

    return site_tree()
