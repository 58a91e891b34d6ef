"""Each worker keeps the content version and the page versions it read, and Redis tells
it when they change: a cached hit asks Redis nothing, and a change made on any server
is still seen by the next request. Against the real Redis the suite runs beside."""

import os
import time

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from civic_core.cache import store
from civic_core.cache.store import GENERATION_KEY, bump_page_version, bump_version, generation_and_version
from civic_core.cache.watch import WATCHER_NAME
from tests.support import factories
from tests.support.redis import needs_redis, redis_as_default_cache, redis_url

REDIS_URL = redis_url(12)
pytestmark = needs_redis(REDIS_URL)


@pytest.fixture
def redis_cache():
    """The default cache on Redis, as in production, under a prefix of this test's own."""
    with redis_as_default_cache(REDIS_URL, PAGE_CACHE_WATCH=True) as prefix:
        yield prefix


def another_server():
    """A plain connection to the same Redis, as another app server has."""
    return redis.Redis.from_url(REDIS_URL)


def redis_reads():
    """How many reads of keys Redis has answered so far, from anyone."""
    stats = another_server().info("commandstats")
    return sum(stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in ("get", "mget"))


def test_a_worker_reads_the_versions_from_redis_once_then_from_its_own_copy(redis_cache):
    first = generation_and_version("event-1")
    before = redis_reads()
    for _ in range(50):
        assert generation_and_version("event-1") == first
    assert redis_reads() - before <= 3  # none, but the stats count their own clients too


def test_a_publish_on_another_server_is_seen_by_the_next_request(redis_cache):
    generation, _version = generation_and_version("event-1")
    another_server().incr(cache.make_key(GENERATION_KEY))
    assert _eventually(lambda: generation_and_version("event-1")[0], lambda seen: seen != generation) == generation + 1


def test_places_taken_on_another_server_are_seen_by_the_next_request(redis_cache):
    _generation, version = generation_and_version("event-1")
    another_server().incr(cache.make_key("page-cache:version:event-1"))
    assert _eventually(lambda: generation_and_version("event-1")[1], lambda seen: seen != version) == version + 1


def test_this_workers_own_change_is_seen_at_once(redis_cache):
    generation, version = generation_and_version("event-1")
    bump_version()
    bump_page_version("event-1")
    assert generation_and_version("event-1") == (generation + 1, version + 1)  # no waiting for Redis's word


def test_an_emptied_redis_is_noticed(redis_cache):
    generation, _version = generation_and_version("event-1")
    for key in another_server().scan_iter(f"{redis_cache}:*"):
        another_server().delete(key)
    assert _eventually(lambda: generation_and_version("event-1")[0], lambda seen: seen != generation) != generation


def test_a_lost_connection_is_never_trusted(redis_cache):
    generation, _version = generation_and_version("event-1")
    watcher = store.version_watcher()
    assert watcher is not None and watcher._connection is not None
    # Redis drops the watching connection (a restart, a timeout, an operator)...
    name = f"{WATCHER_NAME}-{os.getpid()}"
    (watching,) = [client["id"] for client in another_server().client_list() if client["name"] == name]
    another_server().client_kill_filter(_id=watching)
    # ...and meanwhile another server publishes: this worker must not keep its copy.
    another_server().incr(cache.make_key(GENERATION_KEY))
    assert generation_and_version("event-1")[0] == generation + 1
    time.sleep(1.1)  # it tries again after a second
    generation_and_version("event-1")
    assert watcher._connection is not None  # watching again


def test_a_forked_worker_opens_its_own_connection(redis_cache):
    generation_and_version("event-1")
    parent_connection = store.version_watcher()._connection
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # what gunicorn does after loading the app
        try:
            another_server().incr(cache.make_key(GENERATION_KEY))
            seen = generation_and_version("event-1")[0]
            mine = store.version_watcher()._connection
            os.write(write, f"{seen} {mine is not parent_connection}".encode())
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    seen, own = os.read(read, 100).decode().split()
    assert own == "True"
    assert int(seen) == generation_and_version("event-1")[0]


def test_a_cached_page_on_redis_shows_a_publish_made_on_another_server(redis_cache, home):
    page = factories.NewsPageFactory(parent=factories.NewsIndexPageFactory(parent=home), title="Стара новина")
    assert Client().get(page.url).status_code == 200
    assert Client().get(page.url)["X-Page-Cache"] == "hit"
    type(page).objects.filter(pk=page.pk).update(title="Нова новина")  # as saved on another server
    assert Client().get(page.url)["X-Page-Cache"] == "hit"  # nothing said it changed yet
    another_server().incr(cache.make_key(GENERATION_KEY))  # that server's publish
    answer = _eventually(lambda: Client().get(page.url), lambda response: response["X-Page-Cache"] != "hit")
    assert answer["X-Page-Cache"] == "miss" and "Нова новина" in answer.content.decode()


def _eventually(read, until):
    """What `read()` gives once `until(value)` holds, trying for a second: Redis sends its
    word at once, but over a socket, so a request in the same microsecond may come first."""
    value = read()
    deadline = time.monotonic() + 1
    while not until(value) and time.monotonic() < deadline:
        time.sleep(0.005)
        value = read()
    return value
