"""forms_ext's settings, each with its default: a site sets only what it changes
(docs/adopting.md lists them). Read them through `get`, never settings.X directly."""

from django.conf import settings
from django.core import checks

DEFAULTS = {
    # Largest file a citizen may upload, in bytes.
    "FORMS_MAX_UPLOAD_BYTES": 5 * 1024 * 1024,
    # A form sent sooner than this after it was shown is asked to be sent again.
    "FORMS_MIN_FILL_SECONDS": 3,
    # Submissions one client may send to one form per window; over it, they are held.
    "FORMS_RATE_LIMIT": 10,
    "FORMS_RATE_WINDOW_SECONDS": 600,
    # Tries for every email forms_ext sends (retried with a growing delay).
    "FORMS_NOTIFY_MAX_ATTEMPTS": 5,
    # How long a registration not yet confirmed by its email holds its place.
    "FORMS_REGISTRATION_HOLD_MINUTES": 120,
    # Receipts (forms_ext.receipts): the reference's prefix by page type, and for any other form.
    "FORMS_RECEIPT_PREFIXES": {
        "pages.ConsultationPage": "К",
        "pages.EventPage": "Р",
        "pages.FeedbackPage": "О",
        "pages.CivicMonitoringPage": "М",
    },
    "FORMS_RECEIPT_PREFIX": "Ф",
    # The topic model ("app_label.Model") and the page types email alerts announce.
    "FORMS_EXT_TOPIC_MODEL": "pages.Topic",
    "FORMS_EXT_ALERT_KINDS": {
        "pages.ConsultationPage": "consultations",
        "pages.EventPage": "events",
        "pages.NewsPage": "news",
        "pages.ReportPage": "news",
    },
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])


@checks.register(checks.Tags.security)
def private_storage_is_configured(app_configs=None, **kwargs):
    """Citizens' uploads must have a storage of their own, never the public media, and on
    a disk they are readable by the site's own user only."""
    configured = getattr(settings, "STORAGES", {}).get("forms_private")
    if configured is not None:
        options = configured.get("OPTIONS", {})
        if configured.get("BACKEND", "").endswith("FileSystemStorage") and (
            options.get("file_permissions_mode") != 0o600 or options.get("directory_permissions_mode") != 0o700
        ):
            return [
                checks.Warning(
                    'STORAGES["forms_private"] leaves citizens\' files readable by other users of the server.',
                    hint='Add "file_permissions_mode": 0o600 and "directory_permissions_mode": 0o700 to its OPTIONS.',
                    id="forms_ext.W002",
                )
            ]
        return []
    return [
        checks.Error(
            'STORAGES has no "forms_private" entry: citizens\' uploads need a private storage of their own.',
            hint='e.g. STORAGES["forms_private"] = {"BACKEND": "django.core.files.storage.FileSystemStorage", '
            '"OPTIONS": {"location": BASE_DIR / "private", "file_permissions_mode": 0o600, '
            '"directory_permissions_mode": 0o700}} — outside MEDIA_ROOT, never served.',
            id="forms_ext.E001",
        )
    ]


@checks.register()
def civic_core_is_installed(app_configs=None, **kwargs):
    """forms_ext keeps its caches through civic_core, which must see every publish."""
    from django.apps import apps

    if apps.is_installed("civic_core"):
        return []
    return [
        checks.Error(
            '"civic_core" is not in INSTALLED_APPS: forms_ext needs it (it ships in the same package).',
            hint='Add "civic_core" to INSTALLED_APPS, before the wagtail apps.',
            id="forms_ext.E002",
        )
    ]
