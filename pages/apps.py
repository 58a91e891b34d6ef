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

        from civic_core import cache
        from pages.models import Recommendation, RecommendationUpdate
        from pages.snippets import EUFundingNotice, Organisation, SiteContact, Topic

        # What many pages show besides their own content: the header and footer snippets,
        # topics (names in cards, form choices), the recommendations (the tracker, the
        # reports, open data), and images and documents (a replaced file has a new
        # address in every page that shows it). Page events are civic_core's.
        cache.bump_on_change(
            EUFundingNotice,
            SiteContact,
            Organisation,
            Topic,
            Recommendation,
            RecommendationUpdate,
            get_image_model(),
            get_document_model(),
        )
        m2m_changed.connect(
            cache.bump_version,
            sender=Recommendation.monitoring_reports.through,
            dispatch_uid="pages_cache_recommendation_reports",
        )
        from pages.translation import translators

        translators.connect()
        from pages import proposal_report

        proposal_report.connect()  # a GDPR erasure anonymises the report rows made from it
        from pages import checks  # noqa: F401  (pages.W001: Bulgarian search's configuration)
        from pages.campaign import publication_proof

        publication_proof.connect()  # each publication of a public page is rendered and kept (docs/evidence.md)
