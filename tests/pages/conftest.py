from contextlib import contextmanager

import pytest
from django.db import transaction


@contextmanager
def rolled_back_after_module(django_db_blocker):
    """A transaction for a module-scoped fixture's rows, rolled back after the module;
    each test runs in a savepoint inside it (request `db` too)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, looked up once per test module (built only if some of it is missing)
    inside a transaction that is rolled back after the module. Modules that only read it
    share one lookup."""
    from tests.demo_objects import demo_builder

    with rolled_back_after_module(django_db_blocker):
        yield demo_builder()


@pytest.fixture
def site(demo_site, db):
    """The module's demo site, for one test: whatever the test changes is rolled back."""
    return demo_site
