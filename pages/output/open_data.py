"""Open data: the site's public facts as UTF-8 CSV and JSON, with the metadata the
national open-data portal (data.egov.bg, DCAT-AP) asks for: `catalog.json` is a DCAT-AP 3
catalogue in JSON-LD, with the EU's controlled vocabularies (data theme, frequency,
language, licence, file type) and IANA media types.

The JSON files are typed: numbers and booleans as such, a missing number or date as null.
The CSV files write a yes/no value as `true`/`false` and a missing value as an empty cell.

Datasets are built from the live pages of the visitor's language on request and kept
in the cache until content changes (the page cache's generation, bumped on every
publish, unpublish and published comment). Form statistics are counts only: no answer,
name, email or address ever leaves the admin."""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from civic_core import cache
from civic_core.urls_absolute import absolute_url, page_url, public_origin
from forms_ext import registration
from forms_ext.models import CivicSubmission, Registration
from pages.legal import consultation as rules
from pages.listings import visibility
from pages.models import ConsultationPage, ConsultationProposal, EventPage, ProjectPage, Recommendation
from pages.models.reports import tracked
from pages.output.sharing import VIEW_DESCRIPTIONS
from pages.snippets import SiteContact

LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    # The same licence in the EU's licence vocabulary (what DCAT-AP asks for).
    "uri": "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
}

# The EU's controlled vocabularies (op.europa.eu/en/web/eu-vocabularies), DCAT-AP 3.
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
THEME = EU_AUTHORITY + "data-theme/"
FREQUENCY = EU_AUTHORITY + "frequency/"
LANGUAGE = {"bg": EU_AUTHORITY + "language/BUL", "en": EU_AUTHORITY + "language/ENG"}
FILE_TYPES = {
    "csv": {"file_type": EU_AUTHORITY + "file-type/CSV", "media_type": "text/csv"},
    "json": {"file_type": EU_AUTHORITY + "file-type/JSON", "media_type": "application/json"},
}
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
JSONLD_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#",
    "dcatap": "http://data.europa.eu/r5r/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _live(model):
    return model.objects.publicly_listed().filter(locale=Locale.get_active())


def _iso(value):
    """A date or a moment in ISO 8601, None when there is none (null in JSON)."""
    return value.isoformat() if value else None


def csv_value(value):
    """How a typed value is written in the CSV files: true/false, an empty cell for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


# The decisions of a consultation's report (ConsultationProposal.Decision) that answer a
# proposal on the draft: a row "not within the scope of the draft" was received but not
# considered, and is counted apart, never as accepted or considered.
CONSIDERED = ("accepted", "partly_accepted", "not_accepted")
NOT_WITHIN_SCOPE = "not_within_scope"
DECISION_COLUMNS = (
    "proposals_received",
    "proposals_considered",
    "proposals_accepted",
    "proposals_partly_accepted",
    "proposals_not_accepted",
    "proposals_not_within_scope",
)


def report_figures():
    """{translation key: {column: count}} of the published reports, counted on the
    consultations in the default language (the report is not translated: every language
    gives the same figures as the report in Bulgarian)."""
    rows = (
        ConsultationProposal.objects.filter(page__in=_published_reports())
        .values("page__translation_key")
        .annotate(
            received=Count("pk"),
            considered=Count("pk", filter=Q(decision__in=CONSIDERED)),
            accepted=Count("pk", filter=Q(decision="accepted")),
            partly_accepted=Count("pk", filter=Q(decision="partly_accepted")),
            not_accepted=Count("pk", filter=Q(decision="not_accepted")),
            not_within_scope=Count("pk", filter=Q(decision=NOT_WITHIN_SCOPE)),
        )
    )
    return {
        row["page__translation_key"]: {column: row[column.removeprefix("proposals_")] for column in DECISION_COLUMNS}
        for row in rows
    }


def _published_reports():
    """The concluded consultations in the default language, whose report is public."""
    return ConsultationPage.objects.publicly_listed().filter(
        ConsultationPage.status_q(rules.CONCLUDED), locale=Locale.get_default()
    )


def consultations(request):
    pages = _live(ConsultationPage).order_by("opens_at")
    figures = report_figures()
    for page in pages:
        # Until the report is public no proposal is counted (a row in the live page is not
        # shown before the consultation concludes).
        counts = dict.fromkeys(DECISION_COLUMNS, 0)
        if page.status == rules.CONCLUDED:
            counts |= figures.get(page.translation_key, {})
        yield {
            "id": str(page.translation_key),
            "title": page.title,
            "url": page_url(page, request),
            "opens_at": _iso(page.opens_at),
            "closes_at": _iso(page.closes_at),
            "period_days": page.period_days,
            "status": page.status,
            "outcome_date": _iso(page.outcome_date),
            **{column: counts.get(column) for column in DECISION_COLUMNS},
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
            "capacity": page.capacity,
            "registered": registered.get(page.translation_key, 0),
            "attendance": attendance,
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
            "progress_percent": row.progress if row.shows_progress else None,
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
            "last_submission_date": _iso(timezone.localtime(row["last"]).date()) if row.get("last") else None,
        }


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: object
    description: object
    rows: Callable
    columns: tuple
    frequency: object = _("on every change")
    # The same in the EU frequency vocabulary: the files follow every change of the content.
    frequency_uri: str = FREQUENCY + "UPDATE_CONT"
    # EU data themes (the codes of THEME) and keywords, for the catalogue.
    themes: tuple = ("GOVE",)
    keywords: tuple = ()
    # When the data last changed, given its rows; by default the last publish of a page.
    modified: Callable = None

    def build(self, request):
        def data():
            rows = list(self.rows(request))
            return {"rows": rows, "modified": (self.modified or _last_modified)(rows)}

        return cache.memo(
            f"open-data:3:{get_language()}:{request.get_host()}:{self.slug}",
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
                "Every public consultation with its period for proposals and status and, once its report is "
                "published, how many proposals it received and considered and how many of those were accepted, "
                "partly accepted or not accepted; those not within the scope of the draft are counted apart."
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
                *DECISION_COLUMNS,
            ),
            keywords=(_("public consultation"), _("civic participation"), _("draft regulations")),
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
            themes=("GOVE", "SOCI"),
            keywords=(_("public events"), _("civic participation"), _("public discussion")),
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
            keywords=(_("recommendations"), _("analytical reports"), _("monitoring")),
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
            keywords=(_("citizens' submissions"), _("civic participation"), _("statistics")),
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
    """The latest of ISO 8601 dates and date-times (empty ones ignored), None if there is
    none. Compared as moments in the site's time zone, not as text: "2026-12-05" (a Sofia
    day) is later than "2026-12-04T22:10:00+00:00" as text, though that moment is 00:10 on
    the 5th in Sofia; on the same day the date-time, the more precise, wins."""
    import datetime
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.utils.dateparse import parse_datetime

    zone = ZoneInfo(settings.TIME_ZONE)

    def moment(value):
        when = parse_datetime(value) if "T" in value else None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=datetime.UTC)
            local = when.astimezone(zone)
            return (local.date(), 1, local.time())
        return (datetime.date.fromisoformat(value[:10]), 0, datetime.time.min)

    return max((date for date in dates if date), key=moment, default=None)


def _dataset(slug):
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404 from None


def index(request):
    """The open-data page: each dataset with its metadata and download links."""
    datasets = []
    for dataset in DATASETS.values():
        data = dataset.build(request)
        modified = parse_datetime(data["modified"]) if data["modified"] and "T" in data["modified"] else None
        datasets.append({"dataset": dataset, **data, "modified_at": modified})
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
        writer.writerows({key: csv_value(value) for key, value in row.items()} for row in data["rows"])
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
    """The catalogue of every dataset for the national open-data portal: DCAT-AP 3 in
    JSON-LD (https://semiceu.github.io/DCAT-AP/releases/3.0.0/), in the visitor's language."""
    language = get_language()
    page = absolute_url(reverse("pages:open_data"), request)
    builds = [(dataset, dataset.build(request)) for dataset in DATASETS.values()]
    publisher, contact = _publisher_agent(request), _contact_point(request)
    document = {
        "@context": JSONLD_CONTEXT,
        "@id": absolute_url(reverse("pages:open_data_catalog"), request),
        "@type": "dcat:Catalog",
        "dct:title": _text(_site_name()),
        "dct:description": _text(VIEW_DESCRIPTIONS["pages:open_data"]),
        "dct:publisher": publisher,
        "foaf:homepage": {"@id": public_origin(request) + _home_path()},
        "dcat:landingPage": {"@id": page},
        "dct:language": [{"@id": uri} for code, uri in LANGUAGE.items() if code == language] or None,
        "dct:license": _licence(),
        "dct:modified": _date_time(_latest(*(data["modified"] for _, data in builds))),
        "dcat:dataset": [_dataset_node(request, dataset, data, publisher, contact) for dataset, data in builds],
    }
    return HttpResponse(
        json.dumps(_without_none(document), ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )


def _text(value):
    """A literal in the visitor's language."""
    return {"@value": str(value), "@language": get_language()}


def _date_time(value):
    if not value:
        return None
    return {"@value": value, "@type": "xsd:dateTime" if "T" in value else "xsd:date"}


def _without_none(value):
    """The document without the properties that have no value (JSON-LD has no null)."""
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value if item is not None]
    return value


def _licence():
    return {
        "@id": LICENCE["uri"],
        "@type": "dct:LicenseDocument",
        "rdfs:label": LICENCE["name"],
        "rdfs:seeAlso": {"@id": LICENCE["url"]},
    }


def _site_name():
    contact = SiteContact.for_locale()
    return (contact.site_name if contact else "") or settings.WAGTAIL_SITE_NAME


def _home_path():
    """The home page of the visitor's language ("/" or "/en/"): where its open-data page is."""
    return reverse("pages:open_data").removesuffix("open-data/") or "/"


def _beneficiary(request):
    """The organisation that runs the project (the beneficiary of the live project page of
    the request's site), in the visitor's language when it has been translated."""
    projects = ProjectPage.objects.publicly_listed().filter(beneficiary__isnull=False)
    site = Site.find_for_request(request)
    if site is not None:
        roots = Page.objects.filter(translation_key=site.root_page.translation_key).values_list("path", flat=True)
        within = Q(pk__in=[])
        for path in roots:
            within |= Q(path__startswith=path)
        projects = projects.filter(within)
    active = Locale.get_active()
    found = sorted(projects.select_related("beneficiary"), key=lambda page: (page.locale_id != active.pk, page.path))
    if not found:
        return None
    beneficiary = found[0].beneficiary
    return beneficiary.get_translation_or_none(active) or beneficiary


def _publisher(request, beneficiary=None):
    """Who publishes the data: the project's beneficiary, else the organisation in the site
    contacts, else the site's name."""
    beneficiary = beneficiary or _beneficiary(request)
    if beneficiary is not None:
        return beneficiary.name
    contact = SiteContact.for_locale()
    return (contact.organisation or contact.site_name) if contact else settings.WAGTAIL_SITE_NAME


def _publisher_agent(request):
    beneficiary = _beneficiary(request)
    return {
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": _text(_publisher(request, beneficiary)),
        "foaf:homepage": {"@id": beneficiary.website} if beneficiary is not None and beneficiary.website else None,
    }


def _contact_point(request):
    """The site's contacts (the SiteContact snippet) as a vCard organisation."""
    contact = SiteContact.for_locale()
    if contact is None:
        return None
    return {
        "@type": "vcard:Organization",
        "vcard:fn": _text(contact.organisation or contact.site_name),
        "vcard:hasEmail": {"@id": f"mailto:{contact.email}"} if contact.email else None,
        "vcard:hasTelephone": {"@id": "tel:" + "".join(contact.phone.split())} if contact.phone else None,
    }


def _dataset_node(request, dataset, data, publisher, contact):
    page = absolute_url(reverse("pages:open_data"), request)
    modified = _date_time(data["modified"])
    return {
        "@id": f"{page}#dataset-{dataset.slug}",
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.slug,
        "dct:title": _text(dataset.title),
        "dct:description": _text(dataset.description),
        "dcat:keyword": [_text(keyword) for keyword in dataset.keywords],
        "dcat:theme": [{"@id": THEME + code} for code in dataset.themes],
        "dct:accrualPeriodicity": {"@id": dataset.frequency_uri},
        "dct:language": [{"@id": uri} for code, uri in LANGUAGE.items() if code == get_language()] or None,
        "dct:modified": modified,
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "dcat:landingPage": {"@id": page},
        "dct:license": _licence(),
        "dcat:distribution": [
            {
                "@id": _download_url(request, dataset, extension),
                "@type": "dcat:Distribution",
                "dct:title": _text(f"{dataset.title} ({extension.upper()})"),
                "dcat:accessURL": {"@id": page},
                "dcat:downloadURL": {"@id": _download_url(request, dataset, extension)},
                "dct:format": {"@id": kind["file_type"]},
                "dcat:mediaType": {"@id": IANA_MEDIA_TYPES + kind["media_type"]},
                "dct:license": _licence(),
                "dct:modified": modified,
            }
            for extension, kind in FILE_TYPES.items()
        ],
    }


def _download_url(request, dataset, extension):
    return absolute_url(reverse("pages:open_data_download", args=[dataset.slug, extension]), request)


def _metadata(request, dataset, data):
    """The metadata at the head of each JSON file."""
    return {
        "identifier": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "language": get_language(),
        "license": LICENCE,
        "accrualPeriodicity": str(dataset.frequency),
        "modified": data["modified"],
        "publisher": _publisher(request),
        "distributions": [
            {
                "format": extension.upper(),
                "mediaType": kind["media_type"],
                "downloadURL": _download_url(request, dataset, extension),
            }
            for extension, kind in FILE_TYPES.items()
        ],
        "columns": list(dataset.columns),
    }
