"""Template tags for the page chrome every public page shares.

The chrome (EU notice, contacts, home, main menu, the language homes, each page's
translations and breadcrumb, the rendered banner and footer) depends only on published
content, so it is kept in the cache until the next publish (pages.page_cache
`until_content_changes`, the version every publish, move, delete and snippet save bumps)
and a page rendered without the page cache does not read it from the database again."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from civic_core.cache import memo, memo_many
from civic_core.locales import active_locale, localize, localize_many
from civic_core.urls_absolute import absolute_url, page_url
from pages.campaign import indicators
from pages.listings import visibility
from pages.listings.filters import topics_of_active_language
from pages.listings.pagination import complete_for_cards, prefetch_topics
from pages.output import sharing
from pages.snippets import EUFundingNotice, SiteContact

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """The EU funding notice and the site contacts for the active language, read once per request."""
    request = context.get("request")
    cached = getattr(request, "_civic_chrome", None) if request else None
    if cached is None:
        locale = active_locale()

        def build():
            home = _home_for(request, locale)
            contact = SiteContact.for_locale(locale)
            return {
                "eu": EUFundingNotice.for_locale(locale),
                "contact": contact,
                # The officers' name for the site, else the admin's (WAGTAIL_SITE_NAME).
                "site_name": (contact.site_name if contact else "") or settings.WAGTAIL_SITE_NAME,
                "home": home,
                "menu": list(visibility.listed(home.get_children()).in_menu()) if home is not None else [],
                "homes": {
                    page.locale.language_code: page
                    for page in Page.objects.filter(depth=2).live().select_related("locale")
                },
            }

        cached = memo(f"chrome:{locale.language_code}:{_host(request)}", build)
        if request is not None:
            request._civic_chrome = cached
    return cached


def _host(request):
    return request.get_host() if request is not None else ""


@register.simple_tag(takes_context=True)
def chrome_html(context, template_name):
    """A part of the chrome that is the same on every page of a language (the EU banner,
    the footer), rendered once and kept until content changes."""

    request = context.get("request")
    chrome = site_chrome(context)
    language = translation.get_language()

    def build():
        return render_to_string(template_name, {"eu": chrome["eu"], "contact": chrome["contact"]}, request=request)

    return mark_safe(memo(f"chrome-html:{template_name}:{language}:{_host(request)}", build))


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

    # Plain pages with the fields a title and a URL need: `.specific(defer=True)` with
    # `.only()` would load each remaining field with a query of its own.
    def read():
        return list(
            page.get_ancestors()
            .filter(depth__gt=1)
            .only("title", "url_path", "path", "depth", "locale_id", "translation_key")
        )

    if page.pk is None:  # the preview of a page not saved yet
        return read()
    return memo(f"crumbs:{page.pk}:{page.path}", read)


def _live_translations(request, page):
    """The live pages sharing `page`'s translation key, by language code: one query per
    request, shared by the language switcher, the hreflang links and the fallback notice."""
    cache = getattr(request, "_civic_translations", None) if request is not None else None
    if cache is not None and cache[0] == page.pk:
        return cache[1]

    translations = memo(
        f"translations:{page.translation_key}",
        lambda: {
            other.locale.language_code: other
            for other in Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
        },
    )
    if request is not None:
        request._civic_translations = (page.pk, translations)
    return translations


def _is_translated(page):
    # An alias is wagtail-localize's untranslated copy of the source page.
    return page is not None and page.alias_of_id is None


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One entry per site language: where the switcher sends a visitor and whether that
    is the same page translated (`translated`) or, as it is not translated yet, the home
    page of that language. `full_url` is set only for real translations, for hreflang."""
    request = context.get("request")
    current = translation.get_language()
    if not isinstance(page, Page) and sharing.public_view_title(request) is not None:
        return _view_language_links(request, current)
    translations = _live_translations(request, page) if getattr(page, "translation_key", None) else {}
    homes = site_chrome(context)["homes"]
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        translated = _is_translated(target)
        destination = target if translated else homes.get(code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": destination.get_url(request) if destination else "/",
                "full_url": page_url(destination, request) if translated else None,
                "is_current": code == current,
                "translated": translated,
                "is_default": code == settings.LANGUAGE_CODE,
            }
        )
    return links


def _view_language_links(request, current):
    """A public view outside the page tree (search, open data, the alerts form, see
    pages.sharing.PUBLIC_VIEWS) is the same view in every language: its own address in each."""
    links = []
    for code, name in settings.LANGUAGES:
        path = translate_url(request.path, code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": path,
                "full_url": absolute_url(path, request),
                "is_current": code == current,
                "translated": True,
                "is_default": code == settings.LANGUAGE_CODE,
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


@register.simple_tag(takes_context=True)
def untranslated_source(context, page=None):
    """The page whose content `page` shows when it is an untranslated alias of a page in
    another language (so the template can say so and mark its language), else None."""
    # Error pages render without a page (the template variable resolves to "").
    if not isinstance(page, Page) or page.alias_of_id is None:
        return None
    for other in _live_translations(context.get("request"), page).values():
        if other.pk == page.alias_of_id and other.locale_id != page.locale_id:
            return other
    return None


@register.simple_tag(takes_context=True)
def share_preview(context, page, languages):
    """Open Graph / Twitter card data and share links for `page` (pages.sharing)."""

    request = context.get("request")
    if request is None or not isinstance(page, Page) or not page.url:
        return None
    return sharing.preview(page, request, languages)


@register.simple_tag(takes_context=True)
def head_meta(context, page, site_name):
    """The document's `<title>` and `<meta name="description">`: the page's SEO title (or
    title) followed by the site's name, unless it already says it; the home page is the
    site's name alone, and another page titled like the site says what it is first (the
    project page: "Project BG05…"), so no two pages share a title. The description is the
    page's search description, else its summary or introduction."""
    request = context.get("request")
    if not isinstance(page, Page):
        title = sharing.public_view_title(request) if request is not None else None
        return {"title": "", "suffix": True, "description": sharing.view_description(request) if title else ""}
    site_name = str(site_name or "").strip()
    title = (page.seo_title or page.title or "").strip()
    suffix = True
    if site_name and site_name.casefold() in title.casefold():
        suffix = False
        if title.casefold() == site_name.casefold() and page.depth > 2:
            code = getattr(page, "project_code", "")
            kind = f"{translation.gettext('Project')} {code}" if code else str(page.specific_class._meta.verbose_name)
            title = f"{kind[:1].upper()}{kind[1:]} – {site_name}"
    return {"title": title, "suffix": suffix, "description": sharing.meta_description(page)}


@register.simple_tag(takes_context=True)
def view_share_preview(context, languages):
    """The sharing tags and canonical link of a public view outside the page tree (search,
    open data, the alerts form: pages.sharing.PUBLIC_VIEWS), else None."""
    request = context.get("request")
    title = sharing.public_view_title(request)
    return sharing.view_preview(request, title, languages) if title is not None else None


@register.simple_tag(takes_context=True)
def listing_cards(context, items, level=2):
    """The listing cards (includes/listing_card.html) of a list of pages, in order. Each
    card is rendered once per page, heading level, language and host and kept until
    content changes, like the page cache keeps whole pages: an index shows many cards,
    and each is the same wherever it appears. Only the cards not kept are built, with
    their topics read in one query per page type."""
    from django.template.loader import get_template

    request = context.get("request")
    # Cards may come from an editor's choice (related pages): never one of a private page.
    items = [item for item in items if not isinstance(item, Page) or visibility.is_listed(item)]
    template = get_template("pages/includes/listing_card.html")

    def build(pages):
        pages = complete_for_cards(pages)
        prefetch_topics(pages)
        return [mark_safe(template.render({"item": item, "level": level, "request": request})) for item in pages]

    if (
        request is None
        or getattr(request, "is_preview", False)
        or any(getattr(item, "pk", None) is None for item in items)
    ):
        return build(items)
    suffix = f"{level}:{translation.get_language()}:{_host(request)}"
    names = {f"card:{item.pk}:{suffix}": item for item in items}

    def build_missing(missing):
        return dict(zip(missing, build([names[name] for name in missing]), strict=True))

    cards = memo_many(list(names), build_missing)
    return [mark_safe(cards[name]) for name in names]


@register.tag
def kept(parser, token):
    """`{% kept "name" page.pk %}…{% endkept %}`: the enclosed part of a page, rendered
    once per name, values, language and host and kept until content changes. For parts
    that depend only on published content (a page's topics, documents and stream fields),
    never for anything that moves with the clock or the visitor. A preview renders afresh."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% kept %} needs a name")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, [parser.compile_filter(bit) for bit in bits])


class KeptNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        values = ":".join(str(value.resolve(context)) for value in self.vary_on)
        key = f"kept:{values}:{translation.get_language()}:{_host(request)}"
        return mark_safe(memo(key, lambda: self.nodelist.render(context)))


@register.filter
def in_active_language(topics):
    """A page's topics as the visitor's language names them. A translated page keeps its
    source page's topics (they are synchronised, not translated), so an English page
    would otherwise show them in Bulgarian. No query: the topics of each language are
    kept until content changes."""

    by_key = {topic.translation_key: topic for topic in topics_of_active_language()}
    return [by_key.get(topic.translation_key, topic) for topic in topics]


@register.simple_tag
def indicator_figures(page):
    """The project's indicators with what has been achieved (pages.campaign.indicators)."""

    return indicators.figures(page.indicators.all())
