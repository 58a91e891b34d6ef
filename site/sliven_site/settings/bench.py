"""`make bench`: production settings plus the bench-only controls app and a query counter."""

from .production import *  # noqa: F401,F403
from .production import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench.controls"]
# After the page cache, so that the queries of every request it passes on are counted.
MIDDLEWARE = [MIDDLEWARE[0], "bench.middleware.QueryCountMiddleware", *MIDDLEWARE[1:]]
ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The plain control view runs outside the page cache (and the route cache): the upper
# bound of the stack, not a cache lookup that misses.
PAGE_CACHE_BYPASS_PREFIXES = ["/bench-control/"]
