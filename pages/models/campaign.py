"""The information campaign: news, analytical reports with their recommendations, and
the site's static pages (about the project, privacy notice, accessibility statement)."""
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import RICH_TEXT_FEATURES, AttachmentsBlock, BaseStreamBlock, RecommendationsBlock
from pages.listing import paginate
from pages.models.mixins import ListingCardMixin, SharingMixin, TopicsMixin


def today():
    return timezone.localdate()


class NewsIndexPage(SharingMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES,
                          help_text=_("Optional. A sentence above the list of news and reports."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.NewsPage", "pages.ReportPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news and reports index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # specific() costs one query per page type, whatever the number of entries.
        entries = self.get_children().live().type(NewsPage, ReportPage).specific().order_by("-first_published_at")
        context["entries"] = paginate(request, entries)
        return context


class DatedPageMixin(models.Model):
    date = models.DateField(_("date"), default=today, help_text=_("The date citizens see; by default, today."))

    class Meta:
        abstract = True

    @property
    def card_facts(self):
        return [date_format(self.date, "DATE_FORMAT")]


class NewsPage(SharingMixin, DatedPageMixin, TopicsMixin, ListingCardMixin, Page):
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences shown in lists, feeds and search results."))
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Optional. Shown at the top of the news item."),
    )
    image_alt = models.CharField(_("image text alternative"), max_length=250, blank=True,
                                 help_text=_("Describe what the image shows for people who cannot see it."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"), FieldPanel("summary"), FieldPanel("image"), FieldPanel("image_alt"),
        TopicsMixin.topics_panel, FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body"), index.FilterField("date")]
    api_fields = [APIField("date"), APIField("summary"), APIField("image"), APIField("image_alt"), APIField("topics"), APIField("body")]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")


class ReportPage(SharingMixin, DatedPageMixin, TopicsMixin, ListingCardMixin, Page):
    """An analytical report; each recommendation is structured (text, addressee, status)
    so citizens can follow what became of it."""

    summary = models.TextField(_("summary"), help_text=_("The main findings in two or three sentences. Shown in lists."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("findings"), blank=True)
    recommendations = StreamField(
        RecommendationsBlock(), verbose_name=_("recommendations"), blank=True,
        help_text=_("One item per recommendation, with whom it is for and its status."),
    )
    documents = StreamField(AttachmentsBlock(), verbose_name=_("documents"), blank=True, help_text=_("The full report and its annexes."))

    content_panels = Page.content_panels + [
        FieldPanel("date"), FieldPanel("summary"), TopicsMixin.topics_panel, FieldPanel("body"),
        FieldPanel("recommendations"), FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"), index.SearchField("body"), index.SearchField("recommendations"), index.FilterField("date"),
    ]
    api_fields = [APIField("date"), APIField("summary"), APIField("topics"), APIField("body"), APIField("recommendations"), APIField("documents")]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("analytical report")
        verbose_name_plural = _("analytical reports")

    @property
    def card_badge(self):
        return {"label": _("Analytical report"), "style": "primary"}


class StandardPage(SharingMixin, ListingCardMixin, Page):
    summary = models.TextField(_("summary"), blank=True, help_text=_("Optional. One or two sentences for search results."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    api_fields = [APIField("summary"), APIField("body")]
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
