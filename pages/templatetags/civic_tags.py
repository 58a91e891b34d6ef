"""Template tags for the page chrome every public page shares."""
from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from pages.locales import active_locale, localize, localize_many

from pages.snippets import EUFundingNotice, SiteContact

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """The EU funding notice and the site contacts for the active language, read once per request."""
    request = context.get("request")
    cached = getattr(request, "_civic_chrome", None) if request else None
    if cached is None:
        locale = active_locale()
        cached = {
            "eu": EUFundingNotice.for_locale(locale),
            "contact": SiteContact.for_locale(locale),
            "home": _home_for(request, locale),
        }
        if request is not None:
            request._civic_chrome = cached
    return cached


def _home_for(request, locale):
    site = Site.find_for_request(request) if request is not None else None
    root = site.root_page if site else Page.objects.filter(depth=2).first()
    if root is None:
        return None
    if root.locale_id == locale.id:
        return root.specific
    return root.get_translations().filter(locale=locale).live().specific().first() or root.specific


@register.simple_tag
def breadcrumb_pages(page):
    """Ancestors of `page` below the language root, oldest first."""
    if page is None or page.depth <= 2:
        return []
    # Base pages are enough for a title and a URL; deferred specific pages would refetch
    # every field one query at a time when the URL is built.
    return list(page.get_ancestors().filter(depth__gt=1))


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One entry per site language: where the switcher sends a visitor. A page that is
    not translated yet sends them to the home page of that language instead."""
    request = context.get("request")
    current = translation.get_language()
    translations = {}
    homes = {}
    if page is not None and getattr(page, "translation_key", None):
        for other in Page.objects.filter(translation_key=page.translation_key).live().select_related("locale"):
            translations[other.locale.language_code] = other
    for home in Page.objects.filter(depth=2).live().select_related("locale"):
        homes[home.locale.language_code] = home
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        # An alias is wagtail-localize's untranslated copy of the source page.
        translated = target is not None and target.alias_of_id is None
        destination = target if translated else homes.get(code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": destination.get_url(request) if destination else "/",
                "is_current": code == current,
                "translated": translated,
            }
        )
    return links


@register.filter
def localized(obj):
    """`obj` in the active language (the live translation for a page), or `obj` itself."""
    return localize(obj)


@register.filter
def localized_all(objects):
    return localize_many(objects)
