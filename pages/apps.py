from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Public pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import m2m_changed

        from pages import page_cache
        from pages.models import Recommendation, RecommendationUpdate
        from pages.snippets import EUFundingNotice, Organisation, SiteContact, Topic

        # Snippets shown on many pages: the header and footer, topic badges in listings,
        # the recommendations on the tracker, the reports and in open data.
        page_cache.connect_signals(EUFundingNotice, SiteContact, Organisation, Topic, Recommendation, RecommendationUpdate)
        m2m_changed.connect(page_cache.bump_generation, sender=Recommendation.monitoring_reports.through,
                            dispatch_uid="page_cache_recommendation_reports")
        from pages import translators  # noqa: F401  (connects its signal receiver)
