"""The Redis the suite runs beside (production's cache): tests of what only Redis does
(two servers sharing it, the version watcher) use it, each in a database of its own.

Without a Redis they are skipped, loudly, on a developer's machine; `make test` in CI
(`.ci/run` starts Redis) sets REQUIRE_REDIS=1, so there they fail instead of skipping."""

import contextlib
import os
import secrets
import socket
import urllib.parse

import pytest


def redis_url(database):
    return os.environ.get("TEST_REDIS_URL", f"redis://127.0.0.1:6379/{database}")


def redis_available(url):
    parts = urllib.parse.urlparse(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
        return True
    except OSError:
        return False


def needs_redis(url):
    """A mark: skip without a Redis at `url`, unless REQUIRE_REDIS is set."""
    required = os.environ.get("REQUIRE_REDIS") == "1"
    return pytest.mark.skipif(not required and not redis_available(url), reason=f"Redis is not running at {url}")


@contextlib.contextmanager
def redis_as_default_cache(url, **settings):
    """The default cache on Redis at `url`, as in production, under a key prefix of its
    own (removed afterwards); yields the prefix. `settings` are overridden with it."""
    import redis
    from django.test import override_settings

    prefix = f"test-{secrets.token_hex(4)}"
    caches = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    with override_settings(CACHES=caches, **settings):  # Django reconnects its caches
        try:
            yield prefix
        finally:
            server = redis.Redis.from_url(url)
            for key in server.scan_iter(f"{prefix}:*"):
                server.delete(key)
