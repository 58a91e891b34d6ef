"""Which pages anyone may see listed: live, and under no view restriction (a password, a
login, groups) of their own, of an ancestor, or of their translation in another language.
A restriction on a Bulgarian page also covers its English translation (Wagtail's own
`public()` knows only the page's own tree), on the page itself (pages.models.mixins)
and in every listing, feed, calendar, search, sitemap, API answer and open-data file."""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from civic_core import cache


def _restricted_translation_keys():
    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    if not paths:
        return frozenset()
    under_restriction = Q()
    for path in paths:
        under_restriction |= Q(path__startswith=path)
    return frozenset(Page.objects.filter(under_restriction).values_list("translation_key", flat=True))


def restricted_keys():
    """The translation keys of every page under a restriction, in any language; kept until
    content changes (saving or deleting a restriction is such a change)."""
    return cache.memo("restricted-translation-keys", _restricted_translation_keys)


def listed(queryset):
    """`queryset` (of pages) without what the public may not see listed. The kept set of
    restricted translation keys covers Wagtail's own `public()` (every page under a
    restriction is in it), without its query of the restrictions on every call."""
    queryset = queryset.live()
    keys = restricted_keys()
    return queryset.exclude(translation_key__in=keys) if keys else queryset


def is_listed(page):
    return page.live and page.translation_key not in restricted_keys()
