"""Wagtail's read-only API v2 at /api/v2/: the public fields of every page type as open data.

Pages are listed in the source language (Bulgarian) unless `?locale=en` asks for another,
so each page appears once and not once per language tree."""

from django.core.exceptions import FieldError
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Site

from pages.listings import visibility


class PublicAPIMixin:
    """The public API answers JSON only (a browser's HTML page of the API would carry its
    first visitor's CSRF token into the page cache), and a parameter it cannot use is a
    400 with a message, never a server error."""

    renderer_classes = [JSONRenderer]
    MAX_OFFSET = 2**31 - 1

    def listing_view(self, request):
        for name in ("offset", "limit"):
            value = request.GET.get(name)
            if value is not None and value.isdigit() and int(value) > self.MAX_OFFSET:
                return Response({"message": f"{name} is too large"}, status=400)
        return super().listing_view(request)

    def handle_exception(self, exc):
        if isinstance(exc, ValueError | OverflowError | DjangoValidationError | DataError | FieldError):
            return Response({"message": "the query parameters are not valid"}, status=400)
        return super().handle_exception(exc)


class SourceLanguagePagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    def get_queryset(self):
        # Every listed page's serialiser reads its locale: one join, not one query per page.
        # Wagtail's own public() knows one tree: translations of private pages are left out too.
        pages = visibility.listed(super().get_queryset()).select_related("locale")
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


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SourceLanguagePagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
