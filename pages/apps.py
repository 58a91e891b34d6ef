from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Public pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import page_cache
        from wagtail.models import Site

        from pages.models import Topic
        from pages.snippets import EUFundingNotice, Organisation, SiteContact

        # Sites (host names, root pages) and topics (names in cards, form choices) too.
        page_cache.connect_signals(EUFundingNotice, SiteContact, Organisation, Topic, Site)
        from pages import translators  # noqa: F401  (connects its signal receiver)
