"""The demo site the session builds once (tests/conftest.py), handed to each test cheaply.

`DemoBuilder.build()` takes seconds even when every object exists: each step looks its
objects up, the English tree is synchronised and every translation checked. So the
session records which rows its build made (`remember`), and a test gets a builder
holding fresh instances of them, looked up by primary key (`demo_builder`). Only when
some are gone (a `transaction=True` test emptied the database) is the demo built again.
"""
from django.db.models import Model
from wagtail.models import Page

from pages.demo import DemoBuilder

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
    looked up when the demo is all there, otherwise really built, which creates what is
    missing."""
    builder = _looked_up()
    if builder is None:
        builder = DemoBuilder(log=lambda message: None)
        builder.build()
    return builder


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
