"""The sign-in sheet of an event: the signed participant list an EU-funded project keeps
as evidence of attendance. An A4 PDF rendered on the server (WeasyPrint, fonts embedded,
so Cyrillic prints the same everywhere): the EU visibility block and the project's code,
the event's title, date and venue, one numbered row per confirmed registration (name,
organisation where the form asked for one, a column to sign) and empty rows for people
who come without registering.

Officers who may see the event's registrations (forms_ext's *view citizens' input*,
judged on the page in the default language) download it from the event's menu in the
page explorer (pages.campaign.event_registrations) and its registrations screen; nobody
else does."""

import re

from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from civic_core.transliteration import slugify_bulgarian
from forms_ext import permissions
from forms_ext.models import Registration

# Empty numbered rows after the registered people, for those who come without registering.
WALK_IN_ROWS = 10
# A form field whose label says this holds the person's organisation.
ORGANISATION_LABEL = re.compile(r"организац|организир|institution|organi[sz]ation|учреждение|институция", re.IGNORECASE)


def participants(event):
    """(name, organisation) of everyone holding a confirmed place, in alphabetical order."""
    organisation_fields = [
        field.clean_name for field in event.form_fields.all() if ORGANISATION_LABEL.search(field.label or "")
    ]
    rows = []
    registrations = Registration.objects.filter(page_id=event.pk, status=Registration.Status.CONFIRMED)
    for registration in registrations.select_related("submission"):
        answers = registration.submission.form_data if registration.submission else {}
        organisation = next((str(answers[name]) for name in organisation_fields if answers.get(name)), "")
        rows.append((registration.name, organisation))
    return sorted(rows, key=lambda row: row[0].casefold())


def render_pdf(event):
    """The sign-in sheet of `event` (an EventPage in the default language) as PDF bytes."""
    from weasyprint import HTML

    from pages.models import ProjectPage
    from pages.snippets import EUFundingNotice

    locale = Locale.get_default()
    project = ProjectPage.objects.live().filter(locale=locale).first()
    with translation.override(locale.language_code):
        people = participants(event)
        html = render_to_string(
            "pages/admin/sign_in_sheet.html",
            {
                "event": event,
                "start": timezone.localtime(event.start),
                "end": timezone.localtime(event.end) if event.end else None,
                "eu": EUFundingNotice.for_locale(locale),
                "emblem": _static_file_url("pages/img/eu-emblem.svg"),
                "project": project,
                "rows": people,
                "walk_in_rows": range(len(people) + 1, len(people) + 1 + WALK_IN_ROWS),
            },
        )
    return HTML(string=html, url_fetcher=_local_files_only()).write_pdf()


def _static_file_url(path):
    found = finders.find(path)
    return f"file://{found}" if found else ""


def _local_files_only():
    """Only the site's own static files are read while rendering: never the network."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=["file"], fail_on_errors=True)


def sign_in_sheet_view(request, page_id):
    from pages.models import EventPage

    event = get_object_or_404(EventPage, pk=page_id)
    if not permissions.can(request.user, permissions.VIEW, event):
        raise PermissionDenied
    source = event.get_translation_or_none(Locale.get_default()) or event
    if not isinstance(source, EventPage):
        raise Http404
    with translation.override(Locale.get_default().language_code):
        name = slugify_bulgarian(f"{_('sign-in sheet')} {source.title}")[:80]
    response = HttpResponse(render_pdf(source), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
