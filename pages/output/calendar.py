"""The events' iCalendar files: one event's .ics and the feed of all events."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from civic_core import cache
from pages.formats import ical
from pages.models import EventPage


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, page_id):
    """One event as an .ics file, to add it to a calendar."""
    event = EventPage.objects.publicly_listed().filter(pk=page_id).select_related("locale").first()
    if event is None:
        raise Http404
    return calendar_response(event.ics_bytes(request), f"{event.slug}.ics")


def events_ics(request):
    """All events of the current language as one iCalendar feed to subscribe to."""
    locale = Locale.get_active()

    def build():
        events = EventPage.objects.publicly_listed().filter(locale=locale).select_related("locale").order_by("start")
        calendar = ical.new_calendar(str(_("Events")))
        return ical.calendar_bytes(calendar, [event.calendar_component(request) for event in events])

    # Calendar programs poll this feed; it changes only when pages are published.
    content = cache.memo(f"events-ics:{locale.language_code}:{request.get_host()}", build)
    return calendar_response(content, "events.ics")
