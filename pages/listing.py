"""Helpers every index page uses: pagination that never fails on bad input, and topic
prefetching so a page of cards costs the same number of queries however long it is."""
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects

PER_PAGE = 12


def paginate(request, items, per_page=PER_PAGE):
    """The requested page of `items`; a missing, non-numeric or too large number gives
    the first or the last page instead of an error."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    prefetch_topics(page.object_list)
    return page


def prefetch_topics(pages):
    """Load the topics of a mixed list of pages with one query per page type."""
    by_model = defaultdict(list)
    for page in pages:
        if hasattr(page, "topics"):
            by_model[type(page)].append(page)
    for model_pages in by_model.values():
        prefetch_related_objects(model_pages, "topics")
