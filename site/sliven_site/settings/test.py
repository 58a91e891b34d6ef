"""Settings for the test suite: a real PostgreSQL server (DATABASE_URL), local-memory
cache and email, a fast password hasher and tasks run immediately."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import DATABASES, Path, os

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "The test suite runs on PostgreSQL: set DATABASE_URL=postgres://… or use `make test`, "
        "which starts a throwaway cluster."
    )

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("TEST_EMAIL_DIR"):  # a site in a process of its own (browser tests): mail to files there
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["TEST_EMAIL_DIR"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/sliven-civic-test-media"))  # noqa: F405
FORMS_PRIVATE_ROOT = Path(os.environ.get("TEST_FORMS_PRIVATE_ROOT", MEDIA_ROOT.parent / "sliven-civic-test-private"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "forms_private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": FORMS_PRIVATE_ROOT,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
# No public origin of its own unless a test sets one: absolute URLs follow the test
# client's host ("testserver"), whatever SITE_URL the shell that runs the suite has.
SITE_URL = ""
WAGTAILADMIN_BASE_URL = "http://testserver"
CIVIC_PUBLICATION_PROOF = False  # publishes in tests render no PDF; tests/pages/test_publication_proof.py turns it on

# A test-only event-like page that proves forms_ext registration is generic.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405
# Login throttling would break Client.login() (it authenticates without a request);
# the brute-force tests switch it on for themselves.
AXES_ENABLED = False
