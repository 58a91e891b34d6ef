"""The two base classes every page type of the suite derives from, so each has the same
behaviour: remembered view restrictions, sharing previews, slugs transliterated from
Bulgarian titles; and the index pages share their fields and their listing."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from pages.blocks import RICH_TEXT_FEATURES
from pages.listings import visibility
from pages.listings.pagination import paginate

from .mixins import RememberedRestrictionsMixin, SharingMixin, TransliteratedSlugMixin


class CivicPageQuerySet(PageQuerySet):
    def publicly_listed(self):
        """Live pages anyone may see listed (pages.listings.visibility)."""
        return visibility.listed(self)


CivicPageManager = PageManager.from_queryset(CivicPageQuerySet)


class BasePage(RememberedRestrictionsMixin, TransliteratedSlugMixin, SharingMixin, Page):
    # Named after the app as well as the model, so a site's own HomePage, NewsPage or
    # EventPage (a fresh `wagtail start` project has a home.HomePage) does not clash with ours.
    page_ptr = models.OneToOneField(
        Page,
        parent_link=True,
        on_delete=models.CASCADE,
        related_name="%(app_label)s_%(class)s",
        primary_key=True,
        auto_created=True,
        serialize=False,
    )
    objects = CivicPageManager()

    class Meta:
        abstract = True


class IndexPage(BasePage):
    """A section's index (consultations, events, best practices, news, the tracker): an
    introduction above the list of its live children, filtered by `filterset_class`
    (pages.listings.filters) when it has one, a page of them at a time."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A sentence or two above the list: what citizens find here and what they can do."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1
    filterset_class = None
    # The name the template knows the list by.
    listing_name = "items"

    class Meta:
        abstract = True

    def listed_pages(self):
        """The live pages this index lists, in order (an index type says which)."""
        return Page.objects.none()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.listed_pages()
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(request.GET or None, queryset=items, request=request)
            context["filter_form"] = filterset.form
            if filterset.is_filtering:
                items = filterset.qs
        context.update(self.listing(request, items, filterset))
        return context

    def listing(self, request, items, filterset=None):
        """What the template shows of `items` (already filtered): a page of them."""
        return {self.listing_name: paginate(request, items)}
