"""The library of good practices from other EU member states that a municipality can adopt."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import RICH_TEXT_FEATURES, AttachmentsBlock, RelatedPagesBlock
from pages.choices import EU_MEMBER_STATES
from pages.listings.filters import BestPracticeFilterSet
from pages.listings.pagination import paginate
from pages.models.base import BasePage, IndexPage
from pages.models.mixins import ListingCardMixin, TopicsMixin


class BestPracticeIndexPage(IndexPage):
    subpage_types = ["pages.BestPracticePage"]
    filterset_class = BestPracticeFilterSet
    listing_name = "practices"

    class Meta:
        verbose_name = _("best practices library")

    def listed_pages(self):
        return BestPracticePage.objects.publicly_listed().child_of(self).defer_streamfields().order_by("title")

    def listing(self, request, practices, filterset=None):
        query = filterset.form.cleaned_data.get("q") if filterset is not None and filterset.is_filtering else None
        if query:  # searched by relevance, after the other filters
            practices = practices.search(query)
        return {"practices": paginate(request, practices)}


class BestPracticePage(TopicsMixin, ListingCardMixin, BasePage):
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=EU_MEMBER_STATES,
        help_text=_("The EU member state where the practice comes from."),
    )
    city = models.CharField(_("city or region"), max_length=120, blank=True)
    organisation_name = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("Who runs the practice, e.g. the city council of Tartu."),
    )
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences: what it is and why it works. Shown in lists.")
    )
    problem = RichTextField(
        _("the problem"), features=RICH_TEXT_FEATURES, help_text=_("What was wrong before, in the place it comes from.")
    )
    solution = RichTextField(
        _("the solution"), features=RICH_TEXT_FEATURES, help_text=_("What they did, step by step.")
    )
    results = RichTextField(
        _("results"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("What changed, with figures where possible.")
    )
    transferability = RichTextField(
        _("transferability"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What it would take to do the same here: who, cost, legal basis, risks."),
    )
    source_url = models.URLField(
        _("source link"), blank=True, help_text=_("Where the practice is described by those who run it.")
    )
    documents = StreamField(AttachmentsBlock(), verbose_name=_("documents"), blank=True)
    related_pages = StreamField(
        RelatedPagesBlock(),
        verbose_name=_("related events and reports"),
        blank=True,
        help_text=_("Events where the practice was presented, reports that recommend it."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("country"), FieldPanel("city"), FieldPanel("organisation_name")],
            heading=_("Where it comes from"),
        ),
        TopicsMixin.topics_panel,
        FieldPanel("summary"),
        FieldPanel("problem"),
        FieldPanel("solution"),
        FieldPanel("results"),
        FieldPanel("transferability"),
        FieldPanel("source_url"),
        FieldPanel("documents"),
        FieldPanel("related_pages"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("solution"),
        index.SearchField("results"),
        index.SearchField("transferability"),
        index.SearchField("city"),
        index.SearchField("organisation_name"),
        index.FilterField("country"),
    ]
    api_fields = [
        APIField("country"),
        APIField("city"),
        APIField("organisation_name"),
        APIField("topics"),
        APIField("summary"),
        APIField("problem"),
        APIField("solution"),
        APIField("results"),
        APIField("transferability"),
        APIField("source_url"),
        APIField("documents"),
        APIField("related_pages"),
    ]
    parent_page_types = ["pages.BestPracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")

    @property
    def card_facts(self):
        return [", ".join(part for part in (str(self.get_country_display()), self.city) if part)]
