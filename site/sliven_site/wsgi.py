"""WSGI entry point: `gunicorn --pythonpath site sliven_site.wsgi`.

The page cache answers an anonymous visitor's cached page before Django's handler
(civic_core.cache.wsgi); everything else is Django's."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sliven_site.settings.production")

django_application = get_wsgi_application()

from civic_core.cache.wsgi import PageCacheApplication  # noqa: E402 (after Django is set up)

application = PageCacheApplication(django_application)
