"""iCalendar (RFC 5545) for events: one event's .ics, and the feed of all events.

Times are written in Europe/Sofia with a TZID and the matching VTIMEZONE, so a calendar
shows them at the right local time whatever the reader's own zone. The UID is derived
from the page's translation key: it stays the same when the title, the slug or the
time changes, so re-importing updates the entry instead of duplicating it."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone, vUri

SOFIA = ZoneInfo("Europe/Sofia")
PRODID = "-//wagtail-civic//Events//EN"

# Sofia under the EU summer-time rule (Directive 2000/84/EC, in force since 1997): two
# yearly rules instead of the list of dates icalendar would generate, which stops in 2038.
SOFIA_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Sofia
BEGIN:DAYLIGHT
TZOFFSETFROM:+0200
TZOFFSETTO:+0300
TZNAME:EEST
DTSTART:19970330T030000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0300
TZOFFSETTO:+0200
TZNAME:EET
DTSTART:19971026T040000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Sofia")
    return calendar


def event_component(*, uid, title, start, end, url, language, description="", location="", cancelled=False) -> Event:
    """One VEVENT; its texts carry the LANGUAGE parameter of the page they come from."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start.astimezone(SOFIA))
    event.add("dtend", end.astimezone(SOFIA))
    in_language = {"LANGUAGE": language}
    event.add("summary", title, parameters=in_language)
    if description:
        event.add("description", strip_tags(description), parameters=in_language)
    if location:
        event.add("location", location, parameters=in_language)
    if url:
        event.add("url", vUri(url))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_bytes(calendar: Calendar, events) -> bytes:
    """The calendar with `events` and the VTIMEZONE of Sofia their TZIDs refer to."""
    calendar.add_component(Timezone.from_ical(SOFIA_VTIMEZONE))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
