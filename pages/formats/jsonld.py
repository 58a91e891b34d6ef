"""schema.org structured data, written as JSON-LD in a <script type="application/ld+json">."""

import json
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

# Characters that could end the <script> element or open a comment inside it.
SOFIA = ZoneInfo("Europe/Sofia")
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(data: dict) -> str:
    """JSON safe to place between <script type="application/ld+json"> and </script>."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_ESCAPES))


def event_data(
    *, name, start, end, url, description="", place=None, online_url="", organiser=None, cancelled=False, language="bg"
) -> dict:
    """A schema.org Event: https://schema.org/Event (Google's event guidelines followed)."""
    locations = []
    if place:
        locations.append(
            {"@type": "Place", "name": place["name"], "address": place.get("address") or place["name"]}
            | ({"hasMap": place["map_url"]} if place.get("map_url") else {})
        )
    if online_url:
        locations.append({"@type": "VirtualLocation", "url": online_url})
    if place and online_url:
        mode = "https://schema.org/MixedEventAttendanceMode"
    elif online_url:
        mode = "https://schema.org/OnlineEventAttendanceMode"
    else:
        mode = "https://schema.org/OfflineEventAttendanceMode"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "startDate": start.astimezone(SOFIA).isoformat(),
        "endDate": end.astimezone(SOFIA).isoformat(),
        "eventAttendanceMode": mode,
        "eventStatus": "https://schema.org/EventCancelled" if cancelled else "https://schema.org/EventScheduled",
        "inLanguage": language,
        "url": url,
    }
    if description:
        data["description"] = strip_tags(description)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if organiser:
        data["organizer"] = {"@type": "Organization", "name": organiser["name"]} | (
            {"url": organiser["url"]} if organiser.get("url") else {}
        )
    return data
