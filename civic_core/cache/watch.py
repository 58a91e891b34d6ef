"""Each worker's own copy of the content version and the page versions, kept right by Redis.

A cached hit must know that the content version (and, for an event, the page's own
version) is current. Reading it from Redis costs a round trip on every hit, about as
much as the rest of the hit together. Redis can instead tell a client when keys change
(server-assisted client-side caching, `CLIENT TRACKING … BCAST`): each worker opens one
connection of its own that subscribes to every change of the version keys, and keeps the
values it read. Before each use it looks, without waiting, whether Redis has said
anything on that connection, and drops what changed. So a publish on any server is seen
by the next request every worker serves, as before, and a hit costs no round trip.

Where anything is uncertain the copy is not trusted and the versions are read from Redis
as before: no watching connection yet (each process opens its own, after gunicorn forks),
the connection lost or refused (retried at most once a second), a change announced while
a value was being read, a cache that is not Redis, a key function that does not keep the
names' prefix. And a worker reads the versions afresh at least once a second whatever
Redis said, so even a connection that died without a word cannot keep an old page for
longer than that.

PAGE_CACHE_WATCH = False turns it off (every request then reads the versions from Redis).
"""

import logging
import os
import select
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)

# Even while Redis says nothing changed, a value is read afresh after this long.
TRUST_SECONDS = 1.0
RETRY_SECONDS = 1.0
WATCHER_NAME = "civic-page-cache-watch"


class VersionWatcher:
    def __init__(self, cache, prefixes):
        self._cache = cache
        # (cache key, name) of each name watched: an exact key, or a prefix of names.
        self._made = [(cache.make_key(prefix), prefix) for prefix in prefixes]
        self._lock = threading.Lock()  # the copies
        self._reading = threading.Lock()  # the connection
        self._pid = None
        self._connection = None
        self._poller = None  # polls the connection's socket: one system call per look
        self._values = {}  # unprefixed key -> (value, read at)
        self._epoch = 0  # one more for every change Redis announced
        self._retry_at = 0.0

    # What the page cache asks --------------------------------------------------------

    def get_many(self, keys):
        """{key: value} for `keys`, as cache.get_many would answer, from this worker's
        copies where Redis has said nothing changed since they were read."""
        watching = self._watching()
        now = time.monotonic()
        found, missing = {}, []
        if watching:
            with self._lock:
                for key in keys:
                    kept = self._values.get(key)
                    if kept is not None and now - kept[1] < TRUST_SECONDS:
                        found[key] = kept[0]
                    else:
                        missing.append(key)
                epoch = self._epoch
        else:
            missing = list(keys)
        if missing:
            read = self._cache.get_many(missing)
            found.update(read)
            if watching and read and self._drain() and self._epoch == epoch:
                with self._lock:
                    if self._epoch == epoch:  # nothing changed while it was read
                        for key, value in read.items():
                            self._values[key] = (value, now)
        return found

    def forget(self, key=None):
        """Drop this worker's copy of `key` (of everything with None): this worker has
        just changed it, and its next read must see that even before Redis says so."""
        with self._lock:
            self._epoch += 1
            if key is None:
                self._values.clear()
            else:
                self._values.pop(key, None)

    def close(self):
        with self._reading:
            if self._connection is not None and self._pid == os.getpid():
                self._connection.disconnect()
            self._connection = None
            self._poller = None
        self.forget()

    # The watching connection ---------------------------------------------------------

    def _watching(self):
        """True when this worker's connection is open and has nothing unread."""
        if self._pid != os.getpid():  # a new process (gunicorn forked): nothing is ours
            self._reset()
        if self._connection is None and not self._connect():
            return False
        return self._drain()

    def _reset(self):
        self._pid = os.getpid()
        self._connection = None  # the parent's socket is left to the parent
        self._poller = None
        self._retry_at = 0.0
        self.forget()

    def _connect(self):
        now = time.monotonic()
        if now < self._retry_at:
            return False
        self._retry_at = now + RETRY_SECONDS
        try:
            connection = _tracking_connection([made for made, _prefix in self._made])
        except Exception:
            logger.warning(
                "page cache: cannot watch the versions in Redis; reading them on every request", exc_info=True
            )
            return False
        self.forget()
        self._connection = connection
        self._poller = _poller_for(connection)
        return True

    def _drain(self):
        """Read, without waiting, whatever Redis announced; False if the connection is lost."""
        with self._reading:
            connection = self._connection
            if connection is None:
                return False
            # Only this method reads the connection, and it reads until nothing is left: so
            # between two calls nothing waits in the client's buffer, and a socket with
            # nothing to read (no message, no hang-up, no error) means nothing was announced.
            poller = self._poller
            if poller is not None and not poller.poll(0):
                return True
            try:
                while connection.can_read(timeout=0):
                    self._invalidate(connection.read_response(push_request=True))
            except Exception:
                logger.warning("page cache: lost the connection watching the versions", exc_info=True)
                self._lose()
                return False
            return True

    def _invalidate(self, message):
        if (
            not isinstance(message, (list, tuple))
            or len(message) != 2
            or message[0] not in (b"invalidate", "invalidate")
        ):
            raise ValueError(f"unexpected message from Redis: {message!r}")
        keys = message[1]
        if keys is None:  # the database was flushed
            self.forget()
            return
        with self._lock:
            self._epoch += 1
            for raw in keys:
                self._values.pop(self._unprefixed(raw), None)

    def _unprefixed(self, raw):
        name = raw.decode() if isinstance(raw, bytes) else str(raw)
        for made, prefix in self._made:
            if name.startswith(made):
                return prefix + name[len(made) :]
        return name

    def _lose(self):
        try:
            self._connection.disconnect()
        except Exception:
            pass
        self._connection = None
        self._poller = None
        self._retry_at = time.monotonic() + RETRY_SECONDS
        self.forget()


def _poller_for(connection):
    """A poll object for the connection's socket, or None (then redis-py's own can_read,
    three system calls, is asked every time)."""
    sock = getattr(connection, "_sock", None)
    if sock is None or not hasattr(select, "poll"):
        return None
    poller = select.poll()
    poller.register(sock, select.POLLIN | select.POLLPRI)
    return poller


def _tracking_connection(prefixes):
    """A RESP3 connection of this process to the cache's Redis, subscribed to every change
    of keys starting with one of `prefixes` (already made into cache keys)."""
    import redis
    from django_redis import get_redis_connection

    client = get_redis_connection("default")
    pool = client.connection_pool
    kwargs = {
        **pool.connection_kwargs,
        "protocol": 3,
        "socket_timeout": 1.0,
        "socket_connect_timeout": 1.0,
        "client_name": f"{WATCHER_NAME}-{os.getpid()}",  # seen in CLIENT LIST
    }
    kwargs.pop("retry", None)
    connection = pool.connection_class(**kwargs)
    connection.connect()
    parser = connection._parser
    parser.set_invalidation_push_handler(lambda response: response)
    arguments = ["CLIENT", "TRACKING", "ON", "BCAST"]
    for prefix in prefixes:
        arguments += ["PREFIX", prefix]
    connection.send_command(*arguments)
    answer = connection.read_response()
    if answer not in (b"OK", "OK"):
        connection.disconnect()
        raise redis.RedisError(f"CLIENT TRACKING answered {answer!r}")
    return connection


def watcher_for(cache, exact, prefix):
    """A VersionWatcher for `cache` and the two kinds of version keys, or None where the
    cache cannot be watched (not django-redis, watching turned off, a key function that
    does not keep a name's prefix)."""
    if not getattr(settings, "PAGE_CACHE_WATCH", True):
        return None
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if not backend.startswith("django_redis."):
        return None
    sample = cache.make_key(prefix + "sample")
    if not sample.startswith(cache.make_key(prefix)) or not sample.endswith("sample"):
        return None
    return VersionWatcher(cache, [exact, prefix])
