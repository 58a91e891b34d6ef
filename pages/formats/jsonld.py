"""schema.org structured data, written as JSON-LD in a <script type="application/ld+json">.

Events follow Google's Event rich result documentation
(https://developers.google.com/search/docs/appearance/structured-data/event): the venue as a
Place with a PostalAddress, a VirtualLocation for an online link, offers with their
availability while registration is open (or about to open), an image, the organiser with
its URL, eventStatus and eventAttendanceMode."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from civic_core.urls_absolute import absolute_url, page_url, public_origin
from pages.snippets import SiteContact

# Characters that could end the <script> element or open a comment inside it.
SOFIA = ZoneInfo("Europe/Sofia")
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
SCHEMA = "https://schema.org/"
# The share image's rendition (pages.output.sharing): the same file serves both.
IMAGE_SPEC = "fill-1200x630-c100|format-jpeg|jpegquality-85"
# Bulgaria pays in euro from 1 January 2026 (in leva before).
EURO_FROM = datetime.date(2026, 1, 1)
# "гр. Сливен, бул. …", "с. Бяла, …" in Bulgarian; "…, Sliven" in English.
_LOCALITY_PREFIXED = re.compile(r"^\s*(?:гр\.|град|с\.|село)\s*([^,]+?)\s*$", re.I)
_LOCALITY_PLAIN = re.compile(r"^\s*([^\W\d_][^\W\d_ -]*(?:[ -][^\W\d_]+)?)\s*$")


def script_json(data: dict) -> str:
    """JSON safe to place between <script type="application/ld+json"> and </script>."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_ESCAPES))


def postal_address(address, fallback=""):
    """A schema.org PostalAddress from a one-line address: the locality ("гр. Сливен",
    or the last part "…, Sliven") when it can be told, the rest as the street address."""
    parts = [part.strip() for part in (address or "").split(",") if part.strip()]
    locality = ""
    for index, part in enumerate(parts):
        found = _LOCALITY_PREFIXED.match(part)
        if found:
            locality = found.group(1)
            del parts[index]
            break
    else:
        if len(parts) > 1 and _LOCALITY_PLAIN.match(parts[-1]):
            locality = parts.pop()
    data = {"@type": "PostalAddress", "streetAddress": ", ".join(parts) or fallback}
    if locality:
        data["addressLocality"] = locality
    data["addressCountry"] = "BG"
    return data


def event_data(
    *,
    name,
    start,
    end,
    url,
    description="",
    place=None,
    online_url="",
    organiser=None,
    cancelled=False,
    language="bg",
    image=None,
    offers=None,
) -> dict:
    """A schema.org Event: https://schema.org/Event (Google's event guidelines followed)."""
    locations = []
    if place:
        locations.append(
            {
                "@type": "Place",
                "name": place["name"],
                "address": postal_address(place.get("address"), fallback=place["name"]),
            }
            | ({"hasMap": place["map_url"]} if place.get("map_url") else {})
        )
    if online_url:
        locations.append({"@type": "VirtualLocation", "url": online_url})
    if place and online_url:
        mode = SCHEMA + "MixedEventAttendanceMode"
    elif online_url:
        mode = SCHEMA + "OnlineEventAttendanceMode"
    else:
        mode = SCHEMA + "OfflineEventAttendanceMode"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "startDate": start.astimezone(SOFIA).isoformat(),
        "endDate": end.astimezone(SOFIA).isoformat(),
        "eventAttendanceMode": mode,
        "eventStatus": SCHEMA + ("EventCancelled" if cancelled else "EventScheduled"),
        "inLanguage": language,
        "url": url,
    }
    if description:
        data["description"] = strip_tags(description)
    if image:
        data["image"] = [image]
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if offers:
        data["offers"] = offers
    if organiser:
        data["organizer"] = {"@type": "Organization", "name": organiser["name"]} | (
            {"url": organiser["url"]} if organiser.get("url") else {}
        )
    return data


def event_page_data(page, request=None) -> dict:
    """The Event of an event page (pages.EventPage), every address on the public origin."""
    url = page_url(page, request)
    return event_data(
        name=page.title,
        start=page.start,
        end=page.end,
        url=url,
        description=page.summary,
        place=page.place,
        online_url=page.online_url,
        organiser=_organiser(page, request),
        cancelled=page.is_cancelled,
        language=page.locale.language_code,
        image=_image_url(page, request),
        offers=_offers(page, url),
    )


def _offers(page, url):
    """Registration as a free Offer: InStock while open with places, SoldOut when full,
    PreOrder before it opens; none without online registration or once it has closed."""
    if page.is_cancelled or page.registration_opens is None:
        return None
    if page.registration_is_open:
        full = page.capacity is not None and page.places_left == 0
        availability = "SoldOut" if full else "InStock"
    elif page.registration_opens_later:
        availability = "PreOrder"
    else:
        return None
    return {
        "@type": "Offer",
        "url": url,
        "price": 0,
        "priceCurrency": "EUR" if page.start.astimezone(SOFIA).date() >= EURO_FROM else "BGN",
        "availability": SCHEMA + availability,
        "validFrom": page.registration_opens.astimezone(SOFIA).isoformat(),
    }


def _organiser(page, request):
    """The event's organiser with its website; without one, who runs the site (its
    contacts) with the site's home page, which is also the URL of an organiser without a
    website of its own when it is the organisation that runs the site."""
    contact = SiteContact.for_locale(page.locale)
    runs_site = (contact.organisation or contact.site_name) if contact else settings.WAGTAIL_SITE_NAME
    if page.organiser and page.organiser.website:
        return {"name": page.organiser.name, "url": page.organiser.website}
    if page.organiser and page.organiser.name.strip().casefold() != (runs_site or "").strip().casefold():
        return {"name": page.organiser.name}
    name = page.organiser.name if page.organiser else runs_site
    site = page.get_site()
    home = site.root_page.get_translation_or_none(page.locale) if site else None
    return {"name": name, "url": (page_url(home, request) if home else None) or public_origin(request) + "/"}


def _image_url(page, request):
    """The page's image for sharing (or its own image), else the site's share card."""
    chosen = getattr(page, "share_image", None) or getattr(page, "image", None)
    if chosen is not None:
        return absolute_url(chosen.get_rendition(IMAGE_SPEC).url, request)
    path = (getattr(settings, "PAGES_SHARE_IMAGE", None) or {}).get("path", "pages/img/share-default.png")
    return absolute_url(static(path), request)
