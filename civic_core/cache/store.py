"""The content version and everything kept until it changes.

One counter in the shared cache (Redis in production), the *content version*, is
bumped by every change that could show on a public page: a publish, unpublish, move or
delete in any language, and a save of anything many pages show (each app connects its
own receivers). Everything kept here carries the version in its key, so one bump
retires all of it at once, on every server: whole pages (civic_core.cache.middleware),
and the parts a page is built from (`memo`, `memo_many`, `memo_in_worker`).

Each worker also keeps its own copies of what it read, under the same keys: they save
the trip to the shared cache and the unpickling, and retire with the version like the
shared entries. The version itself is read once per request.
"""

import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# How long a worker keeps its own copy of a shared entry it read.
WORKER_COPY_SECONDS = 60


def page_cache_timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def _first_generation():
    # Never a number used before, even after the cache was emptied or restarted: the
    # workers' own copies (below) are keyed by it and must never be taken for current.
    return int(time.time() * 1000)


def bump_version(**kwargs):
    """Retire everything kept (a signal receiver: it takes and ignores any arguments)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the counter expired or was never set
        cache.set(GENERATION_KEY, _first_generation(), timeout=None)
    except Exception:  # the cache being down must never break publishing
        logger.warning("page cache: could not bump the generation", exc_info=True)
    _forget(GENERATION_KEY)


def _version_name(name):
    return f"page-cache:version:{name}"


def page_version(name):
    """The current version of one page's own state (e.g. the places left at an event),
    in every language: `name` is the page's translation key."""
    key = _version_name(name)
    value = _versions([key]).get(key)
    if value is None:
        first = _first_generation()
        cache.add(key, first, timeout=None)
        _forget(key)
        value = cache.get(key, first)
    return value


def bump_page_version(name):
    """Retire every cached copy of one page, in every language and on every host."""
    key = _version_name(name)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _first_generation(), timeout=None)
    finally:
        _forget(key)


def generation_and_version(name=None):
    """The content version and, with `name`, that page's own version, in one round trip."""
    if name is None:
        return _generation(), None
    remembered = getattr(_request_state, "generation", None)
    keys = [_version_name(name)] if remembered is not None else [GENERATION_KEY, _version_name(name)]
    found = _versions(keys)
    generation = remembered if remembered is not None else found.get(GENERATION_KEY)
    if generation is None:
        generation = _generation()
    version = found.get(_version_name(name))
    if version is None:
        version = page_version(name)
    return generation, version


_request_state = threading.local()


def _generation():
    # Read once per request (RouteCacheMiddleware sets it for the request's duration):
    # the chrome's several cached parts would otherwise each ask the cache again.
    remembered = getattr(_request_state, "generation", None)
    if remembered is not None:
        return remembered
    generation = _versions([GENERATION_KEY]).get(GENERATION_KEY)
    if generation is None:
        first = _first_generation()
        cache.add(GENERATION_KEY, first, timeout=None)
        _forget(GENERATION_KEY)
        generation = cache.get(GENERATION_KEY, first)
    return generation


# Each worker's copies of the versions, kept right by Redis (civic_core.cache.watch);
# None where the cache cannot be watched: the versions are then read on every request.
_UNSET = object()
_watcher = _UNSET


def version_watcher():
    global _watcher
    if _watcher is _UNSET:
        from civic_core.cache.watch import watcher_for

        _watcher = watcher_for(cache, GENERATION_KEY, _version_name(""))
    return _watcher


def _versions(keys):
    watcher = version_watcher()
    return watcher.get_many(keys) if watcher is not None else cache.get_many(keys)


def _forget(key=None):
    watcher = version_watcher()
    if watcher is not None:
        watcher.forget(key)


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    global _watcher
    if setting in ("CACHES", "PAGE_CACHE_WATCH"):
        if _watcher not in (_UNSET, None):
            _watcher.close()
        _watcher = _UNSET


class _WorkerCopies:
    """Each worker's own copies of what it recently read from or stored in the shared
    cache, under the same keys. Every key carries the content version, which is read
    from the shared cache on every request, so a publish on any server retires these
    copies as surely as the shared ones; they only save the trip to Redis and the
    unpickling. Bounded in number and in the size of each value."""

    MAX_ENTRIES = 256
    MAX_BYTES = 4 * 1024 * 1024

    def __init__(self):
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            value, expires = entry
            if expires < time.monotonic():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def set(self, key, value, timeout):
        if _size(value) > self.MAX_BYTES:
            return
        with self._lock:
            self._entries[key] = (value, time.monotonic() + timeout)
            self._entries.move_to_end(key)
            while len(self._entries) > self.MAX_ENTRIES:
                self._entries.popitem(last=False)

    def delete(self, key):
        with self._lock:
            self._entries.pop(key, None)

    def clear(self):
        with self._lock:
            self._entries.clear()


def _size(value):
    if hasattr(value, "nbytes"):
        return value.nbytes
    if isinstance(value, (bytes, str)):
        return len(value)
    if isinstance(value, tuple) and value and isinstance(value[0], (bytes, str)):
        return len(value[0])
    return 0


worker_copies = _WorkerCopies()


def _shared_get(key):
    value = worker_copies.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            # The shared entry may expire sooner; a worker's copy lives at most a minute.
            worker_copies.set(key, value, min(WORKER_COPY_SECONDS, page_cache_timeout()))
    return value


def _shared_set(key, value, timeout):
    cache.set(key, value, timeout)
    worker_copies.set(key, value, timeout)


def memo(name, build, timeout=None, still_valid=None):
    """`build()`, kept in the cache until the next publish (or `timeout`): for derived
    files such as the calendar feed and open data. With the cache down, built each time.
    `still_valid(value)`, if given, may retire a kept value early (one that depends on
    the time of day, say): it is then built and kept afresh."""
    try:
        key = f"derived:{_generation()}:{name}"
        value = _shared_get(key)
    except Exception:
        logger.warning("page cache: cache unavailable for %s", name, exc_info=True)
        return build()
    if value is None or (still_valid is not None and not still_valid(value)):
        value = build()
        try:
            _shared_set(key, value, timeout or page_cache_timeout())
        except Exception:
            logger.warning("page cache: could not store %s", name, exc_info=True)
    return value


def memo_in_worker(name, build):
    """`build()`, kept in this worker's memory until the next publish: for values that
    cannot be pickled into the shared cache (a form class built from a page's fields)
    and cost more to build than the request that uses them. With the cache down, built
    each time."""
    try:
        key = f"worker:{_generation()}:{name}"
    except Exception:
        logger.warning("page cache: cache unavailable for %s", name, exc_info=True)
        return build()
    value = worker_copies.get(key)
    if value is None:
        value = build()
        worker_copies.set(key, value, page_cache_timeout())
    return value


def memo_many(names, build_missing, timeout=None):
    """`memo` for several values at once: `build_missing(names)` gets
    the names not kept and returns {name: value} for them, built together (so a list
    whose items are mostly kept reads from the database only what the rest need)."""
    try:
        keys = {name: f"derived:{_generation()}:{name}" for name in names}
        found = {name: _shared_get(key) for name, key in keys.items()}
    except Exception:
        logger.warning("page cache: cache unavailable for %d values", len(names), exc_info=True)
        return build_missing(list(names))
    missing = [name for name, value in found.items() if value is None]
    if missing:
        built = build_missing(missing)
        for name in missing:
            found[name] = built[name]
            try:
                _shared_set(keys[name], built[name], timeout or page_cache_timeout())
            except Exception:
                logger.warning("page cache: could not store %s", name, exc_info=True)
    return found


def reset():
    """Forget everything kept, shared and in this worker (tests start from nothing)."""
    from django.core.cache import caches

    caches["default"].clear()
    worker_copies.clear()
    _forget()
