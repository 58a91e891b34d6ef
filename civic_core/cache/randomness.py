"""The random strings of Django's CSRF tokens, drawn from the same source at C speed.

Every copy of a cached page with a form carries its visitor's own masked CSRF token, and
a visitor without a CSRF cookie gets a new secret: 64 random characters per new visitor,
32 per returning one. Django draws them with `get_random_string`, one `secrets.choice`
(one `os.urandom` call and some Python) per character: about 80 µs per new visitor, more
than everything else a cached hit costs together (docs/performance.md).

`random_string` gives the same thing, uniformly distributed characters of `allowed_chars`
from `os.urandom`, with one system call and two C-level byte operations: each random
byte below the largest multiple of the alphabet's size maps to one character, the rest
are dropped (rejection sampling, so no character is likelier than another). `os.urandom`
keeps no state in the process, so forked workers and threads never share a draw.

`install()` gives it to django.middleware.csrf only: Django's CSRF functions themselves
(`get_token`, `rotate_token`, masking, the cookie, the checks on POST) are Django's own and
unchanged. PAGE_CACHE_FAST_CSRF_RANDOM = False keeps Django's `get_random_string`."""

import os

from django.utils.crypto import get_random_string as django_get_random_string

_tables = {}


def _table(allowed_chars):
    """(translation table, marker) for `allowed_chars`, or None when it cannot be done
    with single bytes (non-ASCII or more than 255 characters): Django's function then."""
    table = _tables.get(allowed_chars)
    if table is None:
        alphabet = allowed_chars.encode("ascii", "replace")
        marker = next((b for b in range(256) if b not in alphabet), None)
        if not allowed_chars.isascii() or len(set(alphabet)) != len(alphabet) or marker is None or not alphabet:
            table = False
        else:
            size = len(alphabet)
            limit = 256 - 256 % size  # bytes at or above it would favour the first characters
            table = (bytes(alphabet[b % size] if b < limit else marker for b in range(256)), bytes([marker]))
        _tables[allowed_chars] = table
    return table or None


def random_string(length, allowed_chars):
    """`length` characters drawn uniformly and independently from `allowed_chars`, as
    Django's get_random_string (which it falls back to where bytes cannot do it)."""
    found = _table(allowed_chars)
    if found is None:
        return django_get_random_string(length, allowed_chars)
    table, marker = found
    drawn = b""
    while len(drawn) < length:
        # Twice what is needed: with an alphabet of 62 a byte is kept 31 times in 32,
        # so a second draw is needed about once in 10^20 calls.
        drawn += os.urandom(2 * (length - len(drawn)) + 8).translate(table).replace(marker, b"")
    return drawn[:length].decode("ascii")


def _csrf_random_string(length=12, allowed_chars=None):
    from django.utils.crypto import RANDOM_STRING_CHARS

    return random_string(length, allowed_chars or RANDOM_STRING_CHARS)


def install():
    """Give Django's CSRF module this source of random strings (once; idempotent)."""
    from django.conf import settings
    from django.middleware import csrf

    if not getattr(settings, "PAGE_CACHE_FAST_CSRF_RANDOM", True):
        return
    if getattr(csrf, "get_random_string", None) is django_get_random_string:
        csrf.get_random_string = _csrf_random_string
