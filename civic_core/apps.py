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
        from django.core import checks

        from civic_core.cache import randomness
        from civic_core.cache.signals import connect_page_events
        from civic_core.urls_absolute import check_site_url

        connect_page_events()
        randomness.install()
        checks.register(check_site_url, checks.Tags.security, deploy=True)
        self.dates_of_translations_in_numbers()

    @staticmethod
    def dates_of_translations_in_numbers():
        """wagtail-localize dates its translation editor's "Translated manually on …" with
        strftime("%-d %B %Y"): the month's name comes out in English, whatever the admin's
        language. In numbers (03.12.2026) the date reads the same in every language."""
        from django.apps import apps

        if not apps.is_installed("wagtail_localize"):
            return
        import wagtail_localize.models
        import wagtail_localize.views.edit_translation

        wagtail_localize.models.DATE_FORMAT = wagtail_localize.views.edit_translation.DATE_FORMAT = "%d.%m.%Y"
