import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, looked up once per test module (built only if some of it is missing)
    inside a transaction that is rolled back after the module; each test runs in a
    savepoint inside it (request `db` too). Modules that only read it share one lookup."""
    from tests.demo_objects import demo_builder

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield demo_builder()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def site(demo_site, db):
    """The module's demo site, for one test: whatever the test changes is rolled back."""
    return demo_site
