"""Open data: the site's public facts as UTF-8 CSV and JSON, with the metadata the
national open-data portal (data.egov.bg, DCAT-AP) asks for.

Datasets are built from the live pages of the visitor's language on request and kept
in the cache until content changes (the page cache's generation, bumped on every
publish, unpublish and published comment). Form statistics are counts only: no answer,
name, email or address ever leaves the admin."""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from civic_core import cache
from civic_core.urls_absolute import absolute_url, page_url
from forms_ext import registration
from forms_ext.models import CivicSubmission, Registration
from pages.listings import visibility
from pages.models import ConsultationPage, EventPage, Recommendation
from pages.models.reports import tracked
from pages.snippets import SiteContact

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def _live(model):
    return model.objects.publicly_listed().filter(locale=Locale.get_active())


def _iso(value):
    return value.isoformat() if value else ""


def consultations(request):
    pages = (
        _live(ConsultationPage)
        .annotate(
            accepted=Count("proposals", filter=Q(proposals__decision="accepted")),
            partly_accepted=Count("proposals", filter=Q(proposals__decision="partly_accepted")),
            not_accepted=Count("proposals", filter=Q(proposals__decision="not_accepted")),
        )
        .order_by("opens_at")
    )
    for page in pages:
        yield {
            "id": str(page.translation_key),
            "title": page.title,
            "url": page_url(page, request),
            "opens_at": _iso(page.opens_at),
            "closes_at": _iso(page.closes_at),
            "period_days": page.period_days,
            "status": page.status,
            "outcome_date": _iso(page.outcome_date),
            "proposals_accepted": page.accepted,
            "proposals_partly_accepted": page.partly_accepted,
            "proposals_not_accepted": page.not_accepted,
        }


def events(request):
    pages = list(_live(EventPage).order_by("start"))
    registered = dict(
        Registration.objects.filter(status=Registration.Status.CONFIRMED)
        .values_list("page__translation_key")
        .annotate(n=Count("pk"))
        .values_list("page__translation_key", "n")
    )
    attendances = registration.attendances(pages)
    for page in pages:
        attendance = attendances[page.pk]
        yield {
            "id": str(page.translation_key),
            "title": page.title,
            "url": page_url(page, request),
            "kind": page.kind,
            "start": _iso(page.start),
            "end": _iso(page.end),
            "venue": page.venue_name,
            "capacity": page.capacity or "",
            "registered": registered.get(page.translation_key, 0),
            "attendance": attendance or "",
            "cancelled": page.is_cancelled,
        }


def recommendations(request):
    """Every tracked recommendation in the visitor's language, as the tracker shows it."""

    for row in tracked():
        last_update = max((update.date for update in row.timeline), default=None)
        yield {
            "id": str(row.translation_key),
            "report": row.report_page.title,
            "report_url": page_url(row.report_page, request),
            "number": row.number,
            "recommendation": row.text,
            "responsible_unit": row.responsible_unit,
            "status": row.status,
            "status_label": str(row.get_status_display()),
            "status_reason": row.status_reason,
            "deadline": _iso(row.deadline),
            "progress_percent": row.progress if row.shows_progress else "",
            "updates": len(row.timeline),
            "last_update": _iso(last_update),
            "monitoring_reports": row.linked_reports,
        }


def form_statistics(request):
    """How many submissions each form received, per language: counts only."""

    default = Locale.get_default()
    forms = {
        page.pk: page
        for page in visibility.listed(Page.objects).filter(locale=default).specific()
        if hasattr(page, "civic_form_fields")
    }
    counts = (
        CivicSubmission.objects.filter(page_id__in=forms)
        .values("page_id")
        .annotate(
            total=Count("pk"),
            bg=Count("pk", filter=Q(language="bg")),
            en=Count("pk", filter=Q(language="en")),
            last=Max("submit_time"),
        )
    )
    by_page = {row["page_id"]: row for row in counts}
    active = Locale.get_active()
    for pk, page in forms.items():
        if not page.civic_form_fields:
            continue
        shown = page if active.pk == default.pk else (page.get_translation_or_none(active) or page)
        row = by_page.get(pk, {})
        yield {
            "form": shown.title,
            "url": page_url(shown, request),
            "submissions": row.get("total", 0),
            "in_bulgarian": row.get("bg", 0),
            "in_english": row.get("en", 0),
            "last_submission_date": _iso(timezone.localtime(row["last"]).date()) if row.get("last") else "",
        }


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: object
    description: object
    rows: Callable
    columns: tuple
    frequency: object = _("on every change")
    # When the data last changed, given its rows; by default the last publish of a page.
    modified: Callable = None

    def build(self, request):
        def data():
            rows = list(self.rows(request))
            return {"rows": rows, "modified": (self.modified or _last_modified)(rows)}

        return cache.memo(
            f"open-data:{get_language()}:{request.get_host()}:{self.slug}",
            data,
            timeout=3600,
        )


DATASETS = {
    dataset.slug: dataset
    for dataset in [
        Dataset(
            "consultations",
            _("Public consultations"),
            _(
                "Every public consultation with its period for proposals, status and how many proposals were accepted, partly accepted or not accepted."
            ),
            consultations,
            (
                "id",
                "title",
                "url",
                "opens_at",
                "closes_at",
                "period_days",
                "status",
                "outcome_date",
                "proposals_accepted",
                "proposals_partly_accepted",
                "proposals_not_accepted",
            ),
        ),
        Dataset(
            "events",
            _("Events"),
            _(
                "Public discussions, round tables, conferences and trainings: dates, kind, venue, capacity, registrations and attendance."
            ),
            events,
            (
                "id",
                "title",
                "url",
                "kind",
                "start",
                "end",
                "venue",
                "capacity",
                "registered",
                "attendance",
                "cancelled",
            ),
        ),
        Dataset(
            "recommendations",
            _("Recommendations of the analytical reports"),
            _(
                "Each recommendation of the project's analytical reports: the unit responsible, its status (with the "
                "reasons when rejected), deadline, progress, dated updates and how many citizens' monitoring reports "
                "concern it."
            ),
            recommendations,
            (
                "id",
                "report",
                "report_url",
                "number",
                "recommendation",
                "responsible_unit",
                "status",
                "status_label",
                "status_reason",
                "deadline",
                "progress_percent",
                "updates",
                "last_update",
                "monitoring_reports",
            ),
            modified=lambda rows: _latest(_last_modified(rows), _last_recommendation_change()),
        ),
        Dataset(
            "form-statistics",
            _("Citizens' submissions per form"),
            _(
                "How many submissions each public form received, in Bulgarian and in English. Counts only: no personal data."
            ),
            form_statistics,
            ("form", "url", "submissions", "in_bulgarian", "in_english", "last_submission_date"),
            modified=lambda rows: _latest(_last_modified(rows), *(row["last_submission_date"] for row in rows)),
        ),
    ]
}


def _last_modified(rows=None):
    last = Page.objects.live().aggregate(last=Max("last_published_at"))["last"]
    return _iso(last)


def _last_recommendation_change():
    """Recommendations are updated without republishing their report."""

    return _iso(Recommendation.objects.aggregate(last=Max("updated_at"))["last"])


def _latest(*dates):
    """The latest of ISO 8601 dates (empty ones ignored)."""
    return max((date for date in dates if date), default="")


def _dataset(slug):
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404 from None


def index(request):
    """The open-data page: each dataset with its metadata and download links."""
    datasets = [{"dataset": dataset, **dataset.build(request)} for dataset in DATASETS.values()]
    return render(request, "pages/open_data.html", {"datasets": datasets, "licence": LICENCE})


def download(request, slug, extension):
    if extension not in ("csv", "json"):
        raise Http404
    dataset = _dataset(slug)
    data = dataset.build(request)
    filename = f"open-data-{slug}-{get_language()}.{extension}"
    if extension == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=dataset.columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(data["rows"])
        # A byte-order mark, so spreadsheet programs read the Cyrillic as UTF-8.
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        document = {**_metadata(request, dataset, data), "records": data["rows"]}
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def catalog(request):
    """A DCAT-style catalogue of every dataset, for the national open-data portal."""
    datasets = [_metadata(request, dataset, dataset.build(request)) for dataset in DATASETS.values()]
    return HttpResponse(
        json.dumps({"language": get_language(), "datasets": datasets}, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )


def _publisher():
    """Who publishes the data: the organisation in the site contacts, else the site's name."""
    from django.conf import settings

    contact = SiteContact.for_locale()
    return (contact.organisation or contact.site_name) if contact else settings.WAGTAIL_SITE_NAME


def _metadata(request, dataset, data):
    from django.urls import reverse

    return {
        "identifier": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "language": get_language(),
        "license": LICENCE,
        "accrualPeriodicity": str(dataset.frequency),
        "modified": data["modified"],
        "publisher": _publisher(),
        "distributions": [
            {
                "format": extension.upper(),
                "mediaType": media,
                "downloadURL": absolute_url(
                    reverse("pages:open_data_download", args=[dataset.slug, extension]), request
                ),
            }
            for extension, media in (("csv", "text/csv"), ("json", "application/json"))
        ],
        "columns": list(dataset.columns),
    }
