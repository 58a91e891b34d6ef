"""What a link to a page shows when it is shared (Open Graph, Twitter cards), and the
plain share links under it: no third-party scripts, no trackers.

The text is the editor's "text for sharing", else the SEO description, else the page's
own summary or introduction; the image is the editor's "image for sharing", else the
page's own image, else the project's default card (EU emblem and project name), always
1200×630, the size Facebook, LinkedIn and X show large."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from civic_core.urls_absolute import absolute_url, page_url

IMAGE_SPEC = "fill-1200x630-c100|format-jpeg|jpegquality-85"
IMAGE_SIZE = (1200, 630)
DESCRIPTION_CHARS = 200
OG_LOCALES = {"bg": "bg_BG", "en": "en_GB"}
TEXT_FIELDS = ("share_text", "search_description", "summary", "intro", "main_aim")


def description(page, fields=TEXT_FIELDS):
    for name in fields:
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return Truncator(" ".join(text.split())).chars(DESCRIPTION_CHARS)
    return ""


META_DESCRIPTION_FIELDS = ("search_description", "summary", "intro", "main_aim")


def meta_description(page):
    """The page's `<meta name="description">`: its search description, else its summary or
    introduction (the text for sharing is for the networks' cards, not search engines)."""
    return description(page, META_DESCRIPTION_FIELDS)


def image(page, request):
    chosen = (getattr(page, "share_image", None) or getattr(page, "image", None)) if page is not None else None
    if chosen is not None:
        rendition = chosen.get_rendition(IMAGE_SPEC)
        return {
            "url": absolute_url(rendition.url, request),
            "width": rendition.width,
            "height": rendition.height,
            "type": "image/jpeg",
            "alt": chosen.default_alt_text or page.title,
        }
    default = default_image()
    return {
        "url": absolute_url(static(default["path"]), request),
        "width": default["width"],
        "height": default["height"],
        "type": "image/png",
        "alt": str(default["alt"]),
    }


def default_image():
    """The card shown for a page with no image of its own: PAGES_SHARE_IMAGE (a static
    file of 1200×630 and its text alternative), by default the flag of the European Union."""
    width, height = IMAGE_SIZE
    chosen = getattr(settings, "PAGES_SHARE_IMAGE", None) or {}
    return {
        "path": chosen.get("path", "pages/img/share-default.png"),
        "alt": chosen.get("alt", _("The flag of the European Union")),
        "width": chosen.get("width", width),
        "height": chosen.get("height", height),
    }


def preview(page, request, languages):
    """Everything the share tags and links need; `languages` as the language_links tag gives them."""
    url = page_url(page, request)
    title = page.seo_title or page.title
    current = get_language()  # the page's language: i18n_patterns activated it
    return {
        "title": title,
        "description": description(page),
        "url": url,
        "image": image(page, request),
        "type": "article" if page.depth > 2 else "website",
        "locale": OG_LOCALES.get(current, current),
        "alternate_locales": [
            OG_LOCALES.get(lang["code"], lang["code"])
            for lang in languages
            if lang["code"] != current and lang["full_url"]
        ],
        "links": share_links(url, title),
    }


# Public views outside the page tree that machines index and people share: their titles,
# as their templates give them. Any other view (a token's page, an error) gets no such tags.
PUBLIC_VIEWS = {
    "pages:search": gettext_lazy("Search"),
    "pages:open_data": gettext_lazy("Open data"),
    "forms_ext:alerts_subscribe": gettext_lazy("Email alerts"),
}
VIEW_DESCRIPTIONS = {
    "pages:open_data": gettext_lazy(
        "The facts this site publishes, as files you may reuse freely: UTF-8 CSV for spreadsheets and JSON for programs. They are regenerated whenever the content changes and contain no personal data."
    ),
    "forms_ext:alerts_subscribe": gettext_lazy(
        "Hear about new public consultations, events and news by email, on the topics you choose. No account needed."
    ),
}


def public_view_title(request):
    """The title of the public view `request` is answered by (PUBLIC_VIEWS), else None."""
    match = getattr(request, "resolver_match", None)
    if match is None or getattr(request, "method", "GET") not in ("GET", "HEAD"):
        return None
    return PUBLIC_VIEWS.get(match.view_name)


def view_description(request):
    match = getattr(request, "resolver_match", None)
    return str(VIEW_DESCRIPTIONS.get(match.view_name, "")) if match is not None else ""


def view_preview(request, title, languages):
    """What `preview` gives a page, for a public view: its own address, without the query."""
    current = get_language()
    url = absolute_url(request.path, request)
    title = str(title)
    return {
        "title": title,
        "description": view_description(request),
        "url": url,
        "image": image(None, request),
        "type": "website",
        "locale": OG_LOCALES.get(current, current),
        "alternate_locales": [
            OG_LOCALES.get(lang["code"], lang["code"])
            for lang in languages
            if lang["code"] != current and lang["full_url"]
        ],
        "links": share_links(url, title),
    }


def share_links(url, title):
    return [
        {"name": "Facebook", "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})},
        {"name": "LinkedIn", "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})},
        {"name": "X", "url": "https://x.com/intent/post?" + urlencode({"url": url, "text": title})},
        # mailto: wants %20 for spaces, not "+".
        {"name": _("Email"), "url": "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)},
    ]
