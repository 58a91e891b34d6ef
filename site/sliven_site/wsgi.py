"""WSGI entry point: `gunicorn --pythonpath site sliven_site.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sliven_site.settings.production")

application = get_wsgi_application()
