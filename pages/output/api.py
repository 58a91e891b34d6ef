"""Wagtail's read-only API v2 at /api/v2/: the public fields of every page type as open data.

Pages are listed in the source language (Bulgarian) unless `?locale=en` asks for another,
so each page appears once and not once per language tree."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Site


class SourceLanguagePagesAPIViewSet(PagesAPIViewSet):
    def get_queryset(self):
        # Every listed page's serialiser reads its locale: one join, not one query per page.
        pages = super().get_queryset().select_related("locale")
        if "locale" not in self.request.GET:
            pages = pages.filter(locale=Locale.get_default())
        return pages

    def paginate_queryset(self, queryset):
        """The listed pages share one copy of the sites' root paths (their URLs need it),
        instead of each reading it from the cache."""
        pages = super().paginate_queryset(queryset)
        if pages is None:
            return None
        pages = list(pages)
        root_paths = Site.get_site_root_paths()
        for page in pages:
            page._wagtail_cached_site_root_paths = root_paths
        return pages


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SourceLanguagePagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
