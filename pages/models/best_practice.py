"""The library of good practices from other EU member states that Sliven can adopt."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import RICH_TEXT_FEATURES, AttachmentsBlock, RelatedPagesBlock
from pages.countries import EU_MEMBER_STATES
from pages.filters import BestPracticeFilterForm
from pages.listing import paginate
from pages.models.mixins import ListingCardMixin, RememberedRestrictionsMixin, SharingMixin, TopicsMixin


class BestPracticeIndexPage(RememberedRestrictionsMixin, SharingMixin, Page):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What the library holds and how the practices were chosen."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.BestPracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("best practices library")

    def practices(self, filters=None, topic_translation_key=None):
        """The live practices under this page, filtered; searched by relevance when there is a query."""
        practices = BestPracticePage.objects.live().child_of(self).defer_streamfields().order_by("title")
        filters = filters or {}
        if filters.get("country"):
            practices = practices.filter(country=filters["country"])
        if topic_translation_key:
            tagged = BestPracticePage.topics.through.objects.filter(topic__translation_key=topic_translation_key)
            practices = practices.filter(id__in=list(tagged.values_list("bestpracticepage_id", flat=True)))
        if filters.get("q"):
            return practices.search(filters["q"])
        return practices

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = BestPracticeFilterForm(request.GET or None)
        if form.is_filtering:
            practices = self.practices(form.cleaned_data, form.topic_translation_key())
        else:
            practices = self.practices()
        context["filter_form"] = form
        context["practices"] = paginate(request, practices)
        return context


class BestPracticePage(RememberedRestrictionsMixin, SharingMixin, TopicsMixin, ListingCardMixin, Page):
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
        _("transferability to Sliven"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What it would take to do the same in Sliven: who, cost, legal basis, risks."),
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
