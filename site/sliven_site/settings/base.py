"""Settings shared by every environment. Everything that differs per machine comes
from environment variables; each one is documented in the README's configuration table.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/sliven_site
SITE_DIR = PROJECT_DIR.parent  # site/
BASE_DIR = SITE_DIR.parent  # repository root


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    # The reference site first (its templates and catalog override the suite's), then the
    # suite, before wagtail.* so the suite's Bulgarian catalog completes Wagtail's admin.
    "sliven_site",
    "pages",
    "forms_ext",
    "civic_core",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    # First: an anonymous visitor's cached page is answered here (civic_core.cache).
    "civic_core.cache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "sliven_site.faults.ServiceUnavailableMiddleware",
    "sliven_site.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "civic_core.middleware.BadRequestMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "civic_core.cache.middleware.RouteCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "sliven_site.urls"
WSGI_APPLICATION = "sliven_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite for the quick start, PostgreSQL anywhere it matters.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The quick start: readers never wait for the writer (WAL), a writer waits for another
    # (the task worker) instead of failing with "database is locked", and every request's
    # transaction takes the write lock at its start, so two never deadlock upgrading.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A request either commits all its writes or none: a database that fails mid-request
# (see sliven_site.faults) leaves no half-saved page or submission behind.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(url):
    """Redis through django-redis, tolerant of Redis being down: every cache error is
    logged and treated as a miss, so the site serves uncached instead of failing."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "sliven"),
        "TIMEOUT": 600,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Cache: Redis when REDIS_URL is set, else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sliven-civic",
        }
    }

# Anonymous full-page cache (civic_core.cache); PAGE_CACHE_SECONDS is how long a
# rendered page lives when nothing is published in between.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# A CDN or Varnish in front: FRONTEND_CACHE_PURGE_URL receives HTTP PURGE requests for
# every published page, in both languages (wagtail.contrib.frontend_cache).
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
    WAGTAILFRONTENDCACHE_LANGUAGES = ["bg", "en"]

AUTHENTICATION_BACKENDS = [
    # First, to refuse logins while locked out; the ModelBackend it extends also lets
    # force_login() and permission checks work with the first backend (Wagtail's test utils).
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin login brute force: after AXES_FAILURE_LIMIT failures for one username from one
# address, that pair is locked out for AXES_COOLOFF_TIME, with axes/lockout.html.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# The client, as the forms' rate limits count it too (civic_core.clientip).
AXES_CLIENT_IP_CALLABLE = "civic_core.clientip.axes_client_ip"

# Behind reverse proxies: the header they write the client's address into and how many
# of them stand in front of the site (civic_core.clientip). Unset: REMOTE_ADDR is the client.
CIVIC_CLIENT_IP = {
    "HEADER": os.environ.get("CLIENT_IP_HEADER", ""),  # e.g. HTTP_X_FORWARDED_FOR
    "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "1")),
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Bulgarian is the source language, unprefixed at /; English at /en/.
LANGUAGE_CODE = "bg"
LANGUAGES = [
    ("bg", "Български"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["sliven_site.formats"]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True

# Static and media files; static assets ship with the site (no CDN).
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The public origin (e.g. https://civic.example.org): every absolute URL the site writes
# (hreflang, canonical, sitemap, feeds, calendars, open data, the API, emails) is built
# from it (civic_core.urls_absolute), and `manage.py civic_site_url` keeps the default
# Site record in line with it. Unset: the origin each request came to.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")

# Email: EMAIL_URL, e.g. smtp+tls://user:pass@mail.example.org:587 (see dj-email-url).
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:  # unset: console backend in dev, SMTP on localhost:25 in production
    import dj_email_url

    globals().update(dj_email_url.parse(EMAIL_URL))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", f"Sliven Civic <noreply@{urlsplit(SITE_URL).hostname or 'localhost'}>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks, as Wagtail 8 uses them): queued in the database and run
# by `manage.py db_worker`, so a mail server that is down never blocks or loses a submission.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Партньори за развитие на Община Сливен")
# The admin's links in Wagtail's emails and the exports: the public origin unless set apart.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL or "http://127.0.0.1:8000"
# Wagtail's database backend with a text-search configuration per language on PostgreSQL
# (Bulgarian word forms through Hunspell; docs/deploying.md#bulgarian-search).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "pages.search", "SEARCH_CONFIG": {"bg": "bulgarian_hunspell", "en": "english"}}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Uploaded documents are always downloaded, never rendered by the browser on our
# domain (an uploaded HTML or PDF with script could otherwise run as the site).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No network at run time: the admin neither fetches avatars from Gravatar nor asks
# wagtail.org for new releases (both would also break the admin's CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No autosave: Wagtail 8's would create a new page as a draft while the officer is still
# filling it in, and report a consultation's unfinished period as "validation errors".
# Officers save a draft or publish with the editor's buttons (0 turns autosave off).
WAGTAIL_AUTOSAVE_INTERVAL = 0

# wagtail-localize: machine translation is off unless DEEPL_AUTH_KEY is set (see the
# README's "Translating content" for Google Cloud Translation).
DEEPL_AUTH_KEY = os.environ.get("DEEPL_AUTH_KEY", "")
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {"CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator", "OPTIONS": {"AUTH_KEY": DEEPL_AUTH_KEY}}
    if DEEPL_AUTH_KEY
    else None
)

# Citizens' forms (forms_ext): uploads live outside MEDIA_ROOT and are served to staff only.
FORMS_PRIVATE_ROOT = Path(os.environ.get("FORMS_PRIVATE_ROOT", BASE_DIR / "var" / "private"))
# Where they are kept: this directory, or (production.py) a private prefix of the bucket.
STORAGES["forms_private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    # Readable by the site's own user only: what citizens send is personal data.
    "OPTIONS": {"location": FORMS_PRIVATE_ROOT, "file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
}
FORMS_MAX_UPLOAD_BYTES = int(os.environ.get("FORMS_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
FORMS_MIN_FILL_SECONDS = int(os.environ.get("FORMS_MIN_FILL_SECONDS", "3"))
FORMS_RATE_LIMIT = int(os.environ.get("FORMS_RATE_LIMIT", "10"))  # submissions per client and window
FORMS_RATE_WINDOW_SECONDS = int(os.environ.get("FORMS_RATE_WINDOW_SECONDS", "600"))
FORMS_NOTIFY_MAX_ATTEMPTS = 5
CIVIC_EVIDENCE_RETENTION_DAYS = int(os.environ.get("CIVIC_EVIDENCE_RETENTION_DAYS", "365"))  # docs/evidence.md

# The suite's page types for forms_ext: topics for the "topic" field and the alerts, and
# which new pages the email alerts announce (these are forms_ext's defaults, stated here).
FORMS_EXT_TOPIC_MODEL = "pages.Topic"
FORMS_EXT_ALERT_KINDS = {
    "pages.ConsultationPage": "consultations",
    "pages.EventPage": "events",
    "pages.NewsPage": "news",
    "pages.ReportPage": "news",
}
# The card shown when a page without an image of its own is shared: the project's.
PAGES_SHARE_IMAGE = {
    "path": "img/share-default.png",
    "alt": gettext_lazy("The EU emblem, “European Union”, and the project’s name"),
}

# Forms
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security defaults that hold everywhere; production.py tightens the rest.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview view allows its own frame (SAMEORIGIN)
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp 4): public pages allow only the site's own scripts
# and styles, never inline ones; template authors put JS and CSS in static files.
# The Wagtail admin gets the relaxed ADMIN_CONTENT_SECURITY_POLICY (sliven_site.security).
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": [_SELF, "https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    },
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:"],
    "font-src": [_SELF, "data:"],
    "connect-src": [_SELF],
    "frame-src": [_SELF, "https:"],
    "object-src": [_NONE],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
}

LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
