"""Counting requests per client in the shared cache, for every limit the suite sets (the
citizens' forms, the email alerts, the admin's password reset)."""

from django.core.cache import cache


def count(scope, client, window_seconds):
    """Count one more request of `client` on `scope`; the number in the current window."""
    key = f"civic:rate:{scope}:{client}"
    try:
        return cache.incr(key)  # one round trip while the client's window is open
    except ValueError:  # the first in the window
        if cache.add(key, 1, timeout=window_seconds):
            return 1
        return cache.incr(key)  # another request opened the window meanwhile


def over_limit(scope, client, limit, window_seconds):
    return count(scope, client, window_seconds) > limit
