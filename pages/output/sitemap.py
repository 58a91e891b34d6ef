"""What search engines read: the sitemap of both languages, robots.txt and the favicon.

The sitemap (sitemaps.org 0.9) lists every live public page of every language tree of
the site, each with its translations as `xhtml:link rel="alternate" hreflang` links
(itself included, and `x-default` for the source language), as Google documents for
multilingual sites. An untranslated English alias repeats its Bulgarian page, so it is
left out, like every page under a view restriction (pages.listings.visibility)."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from civic_core.urls_absolute import absolute_url, page_url
from pages.listings import visibility

FAVICON = "pages/img/favicon.ico"


class PagesSitemap(Sitemap):
    """Every live public page of every language, with its translations as alternates."""

    _pages = None

    def items(self):
        # Read once per answer: Django's paginator asks for the items more than once.
        if self._pages is None:
            root = self.get_wagtail_site().root_page
            pages = Page.objects.none()
            for tree in [root, *root.get_translations().live()]:
                pages |= Page.objects.descendant_of(tree, inclusive=True)
            self._pages = list(
                visibility.listed(pages)
                .filter(alias_of__isnull=True)
                .select_related("locale")
                .order_by("locale__language_code", "path")
                .defer_streamfields()
            )
        return self._pages

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        versions = {}
        for item in self.items():
            versions.setdefault(item.translation_key, []).append(item)
        urls = []
        for item in pages:
            location = page_url(item, self.request)
            if not location:
                continue
            entry = {"item": item, "location": location, "lastmod": item.last_published_at}
            translations = versions.get(item.translation_key, [])
            if len(translations) > 1:
                entry["alternates"] = _alternates(translations, self.request)
            urls.append(entry)
        modified = [url["lastmod"] for url in urls if url["lastmod"]]
        if modified and len(modified) == len(urls):
            self.latest_lastmod = max(modified)
        return urls


def _alternates(translations, request):
    alternates = []
    default = None
    for version in sorted(translations, key=lambda page: page.locale.language_code):
        location = page_url(version, request)
        if not location:
            continue
        alternates.append({"lang_code": version.locale.language_code, "location": location})
        if version.locale.language_code == settings.LANGUAGE_CODE:
            default = location
    if default:
        alternates.append({"lang_code": "x-default", "location": default})
    return alternates


@require_safe
def robots_txt(request):
    """Everything public may be crawled; the admin and the links that carry a citizen's
    token may not. Names the sitemap on the public origin."""
    private = ["/admin/"]
    for code, _name in settings.LANGUAGES:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        private += [f"{prefix}/registrations/", f"{prefix}/alerts/confirm/", f"{prefix}/alerts/unsubscribe/"]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in private), "", f"Sitemap: {_sitemap_url(request)}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _sitemap_url(request):
    return absolute_url(reverse("sitemap"), request)


@require_safe
@cache_control(max_age=60 * 60 * 24, public=True)
def favicon(request):
    """/favicon.ico, for the programs that ask for it there (pages name the SVG icon)."""
    if staticfiles_storage.exists(FAVICON):
        return FileResponse(staticfiles_storage.open(FAVICON), content_type="image/x-icon")
    path = finders.find(FAVICON)
    if not path:
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/x-icon")
