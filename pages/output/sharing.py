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
from django.utils.translation import get_language
from django.utils.translation import gettext as _

IMAGE_SPEC = "fill-1200x630-c100|format-jpeg|jpegquality-85"
IMAGE_SIZE = (1200, 630)
DESCRIPTION_CHARS = 200
OG_LOCALES = {"bg": "bg_BG", "en": "en_GB"}
TEXT_FIELDS = ("share_text", "search_description", "summary", "intro", "main_aim")


def description(page):
    for name in TEXT_FIELDS:
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return Truncator(" ".join(text.split())).chars(DESCRIPTION_CHARS)
    return ""


def image(page, request):
    chosen = getattr(page, "share_image", None) or getattr(page, "image", None)
    if chosen is not None:
        rendition = chosen.get_rendition(IMAGE_SPEC)
        return {
            "url": request.build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "type": "image/jpeg",
            "alt": chosen.default_alt_text or page.title,
        }
    default = default_image()
    return {
        "url": request.build_absolute_uri(static(default["path"])),
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
    url = request.build_absolute_uri(page.get_url(request))
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


def share_links(url, title):
    return [
        {"name": "Facebook", "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})},
        {"name": "LinkedIn", "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})},
        {"name": "X", "url": "https://x.com/intent/post?" + urlencode({"url": url, "text": title})},
        # mailto: wants %20 for spaces, not "+".
        {"name": _("Email"), "url": "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)},
    ]
