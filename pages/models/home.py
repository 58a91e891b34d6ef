from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from civic_core.locales import localize
from pages.blocks import BaseStreamBlock

from .base import BasePage
from .campaign import NewsPage
from .consultation import ConsultationIndexPage, ConsultationPage
from .event import EventIndexPage, EventPage


class HomePage(BasePage):
    """The root of each language tree."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the site name: what citizens can do here."),
    )
    featured_project = models.ForeignKey(
        "pages.ProjectPage",
        verbose_name=_("featured project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The project presented at the top of the home page."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        PageChooserPanel("featured_project", "pages.ProjectPage"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = [APIField("intro"), APIField("featured_project"), APIField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.ProjectPage",
        "pages.ConsultationIndexPage",
        "pages.EventIndexPage",
        "pages.BestPracticeIndexPage",
        "pages.NewsIndexPage",
        "pages.RecommendationTrackerPage",
        "pages.StandardPage",
        "pages.FeedbackPage",
        "pages.CivicMonitoringPage",
    ]
    max_count_per_parent = 1
    HIGHLIGHTS = 3

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_project"] = localize(self.featured_project) if self.featured_project_id else None
        now = timezone.now()
        highlights = {
            "open_consultations": ConsultationPage.objects.publicly_listed()
            .descendant_of(self)
            .filter(opens_at__lte=now, closes_at__gt=now)
            .defer_streamfields()
            .order_by("closes_at"),
            "upcoming_events": EventPage.objects.publicly_listed()
            .descendant_of(self)
            .filter(end__gte=now)
            .defer_streamfields()
            .order_by("start"),
            "latest_news": NewsPage.objects.publicly_listed()
            .descendant_of(self)
            .defer_streamfields()
            .order_by("-date", "-first_published_at"),
        }
        for name, pages in highlights.items():
            context[name] = list(pages[: self.HIGHLIGHTS])
        # What a citizen can do now, first on the page: how many consultations are open
        # and events to come (a count only when there are more than the cards show), and
        # where their lists are.
        for name in ("open_consultations", "upcoming_events"):
            shown = context[name]
            context[f"{name}_count"] = highlights[name].count() if len(shown) == self.HIGHLIGHTS else len(shown)
        context["consultations_index"] = ConsultationIndexPage.objects.child_of(self).live().first()
        context["events_index"] = EventIndexPage.objects.child_of(self).live().first()
        return context
