import pytest

from tests.support.db import rolled_back_after_module


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, looked up once per test module (built only if some of it is missing)
    inside a transaction that is rolled back after the module. Modules that only read it
    share one lookup."""
    from tests.support.demo_objects import demo_builder

    with rolled_back_after_module(django_db_blocker):
        yield demo_builder()


@pytest.fixture
def site(demo_site, db):
    """The module's demo site, for one test: whatever the test changes is rolled back."""
    return demo_site
