"""The Redis the suite runs beside (production's cache): tests of what only Redis does
(two servers sharing it, the version watcher) use it, each in a database of its own.

Without a Redis they are skipped, loudly, on a developer's machine; `make test` in CI
(`.ci/run` starts Redis) sets REQUIRE_REDIS=1, so there they fail instead of skipping."""

import os
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
