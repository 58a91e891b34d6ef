from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Public pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import m2m_changed
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import PageViewRestriction, Site

        from pages import page_cache
        from pages.models import Recommendation, RecommendationUpdate
        from pages.snippets import EUFundingNotice, Organisation, SiteContact, Topic

        # What many pages show besides their own content: sites (host names, root pages),
        # the header and footer snippets, topics (names in cards, form choices), and the
        # recommendations (the tracker, the reports, open data), and view restrictions
        # (whether a page is private is remembered: pages.models.mixins), and images and
        # documents (a replaced file has a new address in every page that shows it).
        page_cache.connect_signals(
            EUFundingNotice,
            SiteContact,
            Organisation,
            Topic,
            Site,
            Recommendation,
            RecommendationUpdate,
            PageViewRestriction,
            get_image_model(),
            get_document_model(),
        )
        m2m_changed.connect(
            page_cache.bump_generation,
            sender=Recommendation.monitoring_reports.through,
            dispatch_uid="page_cache_recommendation_reports",
        )
        from pages import translators  # noqa: F401  (connects its signal receiver)
