"""Wagtail's read-only API v2 at /api/v2/: the public fields of every page type as open data.

Pages are listed in the source language (Bulgarian) unless `?locale=en` asks for another,
so each page appears once and not once per language tree."""
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale


class SourceLanguagePagesAPIViewSet(PagesAPIViewSet):
    def get_queryset(self):
        pages = super().get_queryset()
        if "locale" not in self.request.GET:
            pages = pages.filter(locale=Locale.get_default())
        return pages


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SourceLanguagePagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
