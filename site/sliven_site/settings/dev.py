"""Local development and the quick start (`make run`)."""

from .base import *  # noqa: F401,F403
from .base import EMAIL_URL, env_bool, env_list, os

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
INTERNAL_IPS = ["127.0.0.1"]

if not EMAIL_URL:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Edits to templates show at once during development; set PAGE_CACHE_ENABLED=1 to try the cache.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)
