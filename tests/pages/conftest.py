import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, built once per test module inside a transaction that is rolled back
    after the module; each test runs in a savepoint inside it (request `db` too).
    Building it takes seconds, so modules that only read it share one build."""
    from pages.demo import DemoBuilder

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            builder = DemoBuilder(log=lambda message: None)
            builder.build()
            yield builder
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def site(demo_site, db):
    """The module's demo site, for one test: whatever the test changes is rolled back."""
    return demo_site
