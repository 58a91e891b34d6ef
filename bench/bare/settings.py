"""The bench's bare control: a Django project with no apps and no middleware, serving one
small HTML page from a plain view. Served by the same gunicorn settings in the same run as
the site, it is what "a cached hit costs a cache read and a token swap, nothing else" is
measured against."""

import os

SECRET_KEY = os.environ.get("SECRET_KEY", "bench-bare")
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.bare.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
USE_TZ = True
DATABASES = {}
