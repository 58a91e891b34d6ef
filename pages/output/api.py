"""Wagtail's read-only API v2 at /api/v2/: the public fields of every page type as open data.

Pages are listed in the source language (Bulgarian) unless `?locale=en` asks for another,
so each page appears once and not once per language tree."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import FieldError
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from rest_framework.fields import SkipField
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    DetailUrlField,
    PageAliasOfField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField, DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Site

from civic_core.urls_absolute import absolute_url, page_url
from pages.listings import visibility


class PublicDetailUrlField(DetailUrlField):
    """`detail_url` on the public origin (SITE_URL), not the Site record's host."""

    def get_attribute(self, instance):
        path = self.context["router"].get_object_detail_urlpath(type(instance), instance.pk)
        if not path:
            raise SkipField
        return absolute_url(path, self.context["request"])


class PublicPageHtmlUrlField(PageHtmlUrlField):
    def to_representation(self, page):
        return page_url(page, self.context.get("request"))


def _summary_of(page, context):
    """A related page (the parent, the page an alias copies) as Wagtail summarises it, with
    the public origin's URLs (Wagtail's fields build that summary on its own serialiser)."""
    serializer_class = get_serializer_class(
        page.__class__,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PublicPageSerializer,
    )
    return serializer_class(context=context).to_representation(page)


class PublicPageParentField(PageParentField):
    def to_representation(self, value):
        return _summary_of(value, self.context)


class PublicPageAliasOfField(PageAliasOfField):
    def to_representation(self, value):
        return _summary_of(value, self.context)


class PublicPageSerializer(PageSerializer):
    detail_url = PublicDetailUrlField(read_only=True)
    html_url = PublicPageHtmlUrlField(read_only=True)
    parent = PublicPageParentField(read_only=True)
    alias_of = PublicPageAliasOfField(read_only=True)


class PublicImageSerializer(ImageSerializer):
    detail_url = PublicDetailUrlField(read_only=True)


class PublicDocumentDownloadUrlField(DocumentDownloadUrlField):
    def to_representation(self, document):
        return absolute_url(document.url, self.context["request"])


class PublicDocumentSerializer(DocumentSerializer):
    detail_url = PublicDetailUrlField(read_only=True)
    download_url = PublicDocumentDownloadUrlField(read_only=True)


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

    def find_view(self, request):
        """The redirect to the detail found, on the public origin (Wagtail's names the Site record's)."""
        response = super().find_view(request)
        location = response.get("Location")
        if location:
            parts = urlsplit(location)
            response["Location"] = absolute_url(urlunsplit(("", "", parts.path, parts.query, "")), request)
        return response

    def handle_exception(self, exc):
        if isinstance(exc, ValueError | OverflowError | DjangoValidationError | DataError | FieldError):
            return Response({"message": "the query parameters are not valid"}, status=400)
        return super().handle_exception(exc)


class SourceLanguagePagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer

    def get_queryset(self):
        # Every listed page's serialiser reads its locale: one join, not one query per page.
        # Wagtail's own public() knows one tree: translations of private pages are left out too.
        pages = visibility.listed(super().get_queryset()).select_related("locale")
        # Only the listing keeps to one language: a page's detail (an English page's
        # detail_url) and `find` answer in every language.
        if getattr(self, "action", None) == "listing_view" and "locale" not in self.request.GET:
            pages = pages.filter(locale=Locale.get_default())
        return pages

    def find_object(self, queryset, request):
        """`?html_path=` as the site's URLs give it: /en/events/ is found in the English tree
        (Wagtail's own looks for a page "en" under the Bulgarian home)."""
        if "html_path" in request.GET:
            page = _page_at(request, request.GET["html_path"])
            if page is None:
                return None
            if queryset.filter(id=page.id).exists():
                return page
        return BaseAPIViewSet.find_object(self, queryset, request)

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


def _page_at(request, path):
    """The live page at `path` on the request's site, whatever its language, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    root = site.root_page
    languages = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    if components and components[0] in languages:
        locale = Locale.objects.filter(language_code=components.pop(0)).first()
        root = root.get_translation_or_none(locale) if locale is not None else None
        if root is None:
            return None
    try:
        page, _args, _kwargs = root.specific.route(request, components)
    except Http404:
        return None
    return page


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SourceLanguagePagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
