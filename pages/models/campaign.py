"""The information campaign: news, analytical reports with their recommendations, and
the site's static pages (about the project, privacy notice, accessibility statement)."""

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from rest_framework.fields import ReadOnlyField
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import AttachmentsBlock, BaseStreamBlock
from pages.models.base import BasePage, IndexPage
from pages.models.mixins import ListingCardMixin, TopicsMixin


def today():
    return timezone.localdate()


class NewsIndexPage(IndexPage):
    subpage_types = ["pages.NewsPage", "pages.ReportPage"]
    listing_name = "entries"

    class Meta:
        verbose_name = _("news and reports index")

    def listed_pages(self):
        # specific() costs one query per page type, whatever the number of entries.
        return (
            self.get_children()
            .live()
            .type(NewsPage, ReportPage)
            .specific()
            .defer_streamfields()
            .order_by("-first_published_at")
        )


class DatedPageMixin(models.Model):
    date = models.DateField(_("date"), default=today, help_text=_("The date citizens see; by default, today."))

    class Meta:
        abstract = True

    @property
    def card_facts(self):
        return [date_format(self.date, "DATE_FORMAT")]


class NewsPage(DatedPageMixin, TopicsMixin, ListingCardMixin, BasePage):
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences shown in lists, feeds and search results.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Shown at the top of the news item."),
    )
    image_alt = models.CharField(
        _("image text alternative"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        TopicsMixin.topics_panel,
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("image"),
        APIField("image_alt"),
        APIField("topics"),
        APIField("body"),
    ]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")


class ReportPage(DatedPageMixin, TopicsMixin, ListingCardMixin, BasePage):
    """An analytical report. Its recommendations are tracked snippets (pages.models.
    recommendations) that officers update as the addressees act, and the report lists
    them with where they stand."""

    summary = models.TextField(
        _("summary"), help_text=_("The main findings in two or three sentences. Shown in lists.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("findings"), blank=True)
    documents = StreamField(
        AttachmentsBlock(), verbose_name=_("documents"), blank=True, help_text=_("The full report and its annexes.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        TopicsMixin.topics_panel,
        FieldPanel("body"),
        HelpPanel(
            content=_(
                "The report's recommendations are entered and followed under Recommendations in the menu: "
                "choose this report there. They appear on this page and in the recommendations tracker."
            ),
            heading=_("Recommendations"),
        ),
        FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tracked_recommendations", [index.SearchField("text")]),
    ]
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("topics"),
        APIField("body"),
        APIField("recommendations", serializer=ReadOnlyField(source="recommendation_rows")),
        APIField("documents"),
    ]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("analytical report")
        verbose_name_plural = _("analytical reports")

    @property
    def card_badge(self):
        return {"label": _("Analytical report"), "style": "primary"}

    def recommendations(self):
        """Its tracked recommendations in the active language."""
        from pages.models.recommendations import tracked

        return tracked(self.translation_key)

    def recommendation_rows(self):
        """The recommendations as the API and open data give them."""
        return [
            {
                "number": row.number,
                "text": row.text,
                "responsible_unit": row.responsible_unit,
                "status": row.status,
                "status_reason": row.status_reason,
                "deadline": row.deadline.isoformat() if row.deadline else None,
                "progress": row.progress if row.shows_progress else None,
            }
            for row in self.recommendations()
        ]

    def get_context(self, request, *args, **kwargs):
        from pages.models import RecommendationTrackerPage

        context = super().get_context(request, *args, **kwargs)
        context["recommendations"] = self.recommendations()
        context["tracker"] = RecommendationTrackerPage.objects.live().filter(locale_id=self.locale_id).first()
        return context


class StandardPage(ListingCardMixin, BasePage):
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Optional. One or two sentences for search results.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    api_fields = [APIField("summary"), APIField("body")]
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
