"""Helpers every index page uses: pagination that never fails on bad input, and topic
prefetching so a page of cards costs the same number of queries however long it is
(used by the `listing_cards` template tag)."""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects

PER_PAGE = 12


def paginate(request, items, per_page=PER_PAGE, count=None):
    """The requested page of `items`; a missing, non-numeric or too large number gives
    the first or the last page instead of an error. `count`, when the caller already
    knows how many items there are, saves counting them again. (The cards' topics are
    read by the `listing_cards` tag, only for cards it has to build.)"""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property
    page = paginator.get_page(request.GET.get("page"))
    # The links the pagination shows: the first and last pages and two on each side of
    # this one, with "…" between (a long archive must not list a hundred links).
    page.page_links = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page


def prefetch_topics(pages):
    """Load the topics of a mixed list of pages with one query per page type."""
    by_model = defaultdict(list)
    for page in pages:
        if hasattr(page, "topics"):
            by_model[type(page)].append(page)
    for model_pages in by_model.values():
        prefetch_related_objects(model_pages, "topics")


# What a kept card needs of its page before it is known to be kept: its key and whether
# it may be listed (pages.listings.visibility.is_listed).
CARD_KEY_FIELDS = ("live", "translation_key")


def for_cards(queryset):
    """`queryset` (of pages shown only as listing cards) reading only what finds a kept
    card; `complete_for_cards` reads the rest for the cards that have to be built."""
    return queryset.only(*CARD_KEY_FIELDS)


def complete_for_cards(pages):
    """`pages` with every page that `for_cards` read in part read in full (one query per
    page type, the stream fields deferred as in every listing), in the same order."""
    partial = defaultdict(list)
    for page in pages:
        if "title" in page.get_deferred_fields():  # every listing reads the title, for_cards does not
            partial[type(page)].append(page.pk)
    full = {}
    for model, pks in partial.items():
        full.update({(model, row.pk): row for row in model.objects.filter(pk__in=pks).defer_streamfields()})
    return [full.get((type(page), page.pk), page) for page in pages]
