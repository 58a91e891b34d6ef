"""Database helpers for fixtures wider than one test."""

from contextlib import contextmanager

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
