"""Counting requests per client in the shared cache, for every limit the suite sets (the
citizens' forms, the email alerts, the admin's password reset)."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

# Count in a window that opens with the first request, and claim a key if it is free:
# both in one round trip to Redis (a citizen's form is counted and its token spent).
_COUNT_AND_CLAIM = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then return {count, 1} end
return {count, 0}
"""


def _key(scope, client):
    return f"civic:rate:{scope}:{client}"


def count(scope, client, window_seconds):
    """Count one more request of `client` on `scope`; the number in the current window."""
    key = _key(scope, client)
    try:
        number = cache.incr(key)  # one round trip while the client's window is open
    except ValueError:  # the first in the window
        if cache.add(key, 1, timeout=window_seconds):
            return 1
        number = cache.incr(key)  # another request opened the window meanwhile
    if number is None:  # the cache is down (django-redis answers nothing): nobody is limited
        logger.warning("throttle: the cache did not answer, %s is not counted", scope)
        return 0
    return number


def over_limit(scope, client, limit, window_seconds):
    return count(scope, client, window_seconds) > limit


def count_and_claim(scope, client, window_seconds, claim, claim_seconds):
    """`count(scope, client, window_seconds)`, and `claim` added to the cache unless it is
    there already: (the number in the window, whether `claim` was free). With Redis both
    take one round trip; with another cache (or Redis failing), two calls. With the cache
    down nothing is limited and every claim is free: a citizen can still send a form."""
    redis = _redis_client()
    if redis is not None:
        try:
            number, claimed = redis.eval(
                _COUNT_AND_CLAIM,
                2,
                cache.client.make_key(_key(scope, client)),
                cache.client.make_key(claim),
                int(window_seconds),
                int(claim_seconds),
            )
            return int(number), bool(claimed)
        except Exception:
            logger.warning("throttle: one round trip failed, counting in two", exc_info=True)
    number = count(scope, client, window_seconds)
    # None: the cache did not answer, so nothing says the key was taken.
    return number, cache.add(claim, 1, timeout=claim_seconds) is not False


def _redis_client():
    """The Redis connection behind django-redis's cache, or None for another cache."""
    client = getattr(cache, "client", None)
    if client is None or not hasattr(client, "get_client") or not hasattr(client, "make_key"):
        return None
    try:
        return client.get_client(write=True)
    except Exception:
        return None
