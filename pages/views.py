"""Views outside the page tree: site-wide search and the events' iCalendar files."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from pages import ical
from pages.listing import paginate
from pages.models import EventPage


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=200)


def search(request):
    """Wagtail search over the live pages of the current language (PostgreSQL full text)."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        pages = Page.objects.live().public().filter(locale=Locale.get_active(), depth__gt=1)
        found = paginate(request, pages.search(form.cleaned_data["q"]))
        # The search backend returns base pages: fetch the page of them as their own types,
        # one query per type, so cards show summaries and dates.
        shown = Page.objects.filter(pk__in=[p.pk for p in found.object_list]).specific().defer_streamfields()
        specific = {page.pk: page for page in shown}
        found.object_list = [specific[page.pk] for page in found.object_list if page.pk in specific]
        results = found
    return render(request, "search/search.html", {"form": form, "results": results})


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, page_id):
    """One event as an .ics file, to add it to a calendar."""
    event = EventPage.objects.live().public().filter(pk=page_id).select_related("locale").first()
    if event is None:
        raise Http404
    return calendar_response(event.ics_bytes(request), f"{event.slug}.ics")


def events_ics(request):
    """All events of the current language as one iCalendar feed to subscribe to."""
    from pages import page_cache

    locale = Locale.get_active()

    def build():
        events = EventPage.objects.live().public().filter(locale=locale).select_related("locale").order_by("start")
        calendar = ical.new_calendar(str(_("Events")))
        return ical.calendar_bytes(calendar, [event.calendar_component(request) for event in events])

    # Calendar programs poll this feed; it changes only when pages are published.
    content = page_cache.until_content_changes(f"events-ics:{locale.language_code}:{request.get_host()}", build)
    return calendar_response(content, "events.ics")
