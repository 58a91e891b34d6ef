from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivicCoreConfig(AppConfig):
    """What both apps of the suite share: the page cache, locale helpers, the Bulgarian
    transliteration, the client's address. Listed before wagtail.* in INSTALLED_APPS, so
    its Bulgarian catalog completes Wagtail's admin."""

    name = "civic_core"
    verbose_name = _("Civic suite: shared parts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from civic_core.cache.signals import connect_page_events

        connect_page_events()
