"""The demo site the session builds once (tests/conftest.py), handed to each test cheaply.

`DemoBuilder.build()` takes seconds even when every object exists: each step looks its
objects up, the English tree is synchronised and every translation checked. So the
session records which rows its build made (`remember`), and a test gets a builder
holding fresh instances of them, looked up by primary key (`demo_builder`). When they
are gone because a `transaction=True` test emptied the database, every row is copied
back from the pristine template the session made (`restore_from_template`): the same
demo a rebuild would give, in a fraction of the time.
"""

import psycopg
from django.db import connection, transaction
from django.db.models import Model
from wagtail.models import Page

from sliven_site.demo import DemoBuilder

_recorded = {}


def remember(builder):
    """Record the objects `builder` holds after its `build()`, and every page there is."""
    _recorded.clear()
    _recorded["attributes"] = {
        name: _reference(value) for name, value in vars(builder).items() if name not in ("log", "created")
    }
    _recorded["pages"] = set(Page.objects.values_list("pk", flat=True))


def demo_builder():
    """A DemoBuilder as `build()` leaves it, with fresh instances of the demo's objects:
    looked up when the demo is all there; copied back from the template first when the
    database was emptied (no page at all, not even the root); otherwise (some demo row
    missing) really built, which creates what is missing."""
    builder = _looked_up()
    if builder is None and not Page.objects.exists():
        restore_from_template()
        builder = _looked_up()
    if builder is None:
        builder = DemoBuilder(log=lambda message: None)
        builder.build()
    return builder


def restore_from_template():
    """Replace every row of the test database with the demo template's (tests/live_site.py),
    in one transaction; sequences are never moved back.

    Meant for a database a `transaction=True` test emptied: whatever else it holds is
    lost, so a test asks for `demo` before fixtures that add rows."""
    from django.contrib.contenttypes.models import ContentType

    from civic_core import cache, locales
    from tests.support.live_site import database_url, demo_template_name

    with psycopg.connect(database_url(demo_template_name())) as template, transaction.atomic():
        tables = [
            name
            for (name,) in template.execute(
                "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            )
        ]
        sequences = template.execute(
            "SELECT quote_ident(sequencename), last_value FROM pg_sequences"
            " WHERE schemaname = current_schema() AND last_value IS NOT NULL"
        ).fetchall()
        with connection.cursor() as cursor:
            # Django makes foreign keys deferrable: they are checked at commit, so any order will do.
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
            for table in tables:
                with (
                    template.cursor().copy(f"COPY {table} TO STDOUT (FORMAT BINARY)") as rows,
                    cursor.copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as into,
                ):
                    for block in rows:
                        into.write(block)
            for sequence, last_value in sequences:
                cursor.execute(
                    "SELECT setval(%s::regclass, GREATEST(%s, (SELECT last_value FROM pg_sequences"
                    " WHERE schemaname = current_schema() AND quote_ident(sequencename) = %s)))",
                    [sequence, last_value, sequence],
                )
    # The emptied database had new content types and locales: forget those remembered by id.
    ContentType.objects.clear_cache()
    locales._by_language.clear()
    cache.reset()


def _reference(value):
    if isinstance(value, Model):
        return (type(value), value.pk)
    if isinstance(value, dict):
        return {key: _reference(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_reference(item) for item in value]
    raise TypeError(f"the demo builder holds a {type(value).__name__} that cannot be looked up again: {value!r}")


def _looked_up():
    """A builder holding fresh instances of the recorded objects, or None if any is gone."""
    if not _recorded:
        return None
    wanted = {}
    _collect(_recorded["attributes"], wanted)
    found = {model: model._base_manager.in_bulk(pks) for model, pks in wanted.items()}
    if any(len(found[model]) != len(pks) for model, pks in wanted.items()):
        return None
    if Page.objects.filter(pk__in=_recorded["pages"]).count() != len(_recorded["pages"]):
        return None
    builder = DemoBuilder(log=lambda message: None)
    for name, reference in _recorded["attributes"].items():
        setattr(builder, name, _resolve(reference, found))
    return builder


def _collect(reference, wanted):
    if isinstance(reference, tuple):
        wanted.setdefault(reference[0], set()).add(reference[1])
    else:
        for item in reference.values() if isinstance(reference, dict) else reference:
            _collect(item, wanted)


def _resolve(reference, found):
    if isinstance(reference, tuple):
        return found[reference[0]][reference[1]]
    if isinstance(reference, dict):
        return {key: _resolve(item, found) for key, item in reference.items()}
    return [_resolve(item, found) for item in reference]
