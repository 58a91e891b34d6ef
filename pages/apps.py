from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Public pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import page_cache
        from pages.snippets import EUFundingNotice, Organisation, SiteContact

        page_cache.connect_signals(EUFundingNotice, SiteContact, Organisation)
        from pages import translators  # noqa: F401  (connects its signal receiver)
