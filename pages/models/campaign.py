"""The information campaign: news (and the analytical reports, in pages.models.reports)
and the site's static pages (about the project, privacy notice, accessibility statement)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BaseStreamBlock
from pages.listings import visibility
from pages.models.base import BasePage, IndexPage
from pages.models.mixins import DatedPageMixin, ListingCardMixin, TopicsMixin
from pages.models.reports import ReportPage


class NewsIndexPage(IndexPage):
    subpage_types = ["pages.NewsPage", "pages.ReportPage"]
    listing_name = "entries"

    class Meta:
        verbose_name = _("news and reports index")

    def listed_pages(self):
        # specific() costs one query per page type, whatever the number of entries.
        return (
            visibility.listed(self.get_children())
            .type(NewsPage, ReportPage)
            .specific()
            .defer_streamfields()
            .order_by("-first_published_at")
        )


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
