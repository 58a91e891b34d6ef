"""The evidence pack: one ZIP archive of what the campaign did in a period, for the
managing authority (docs/evidence.md).

An officer picks the period under Reports → Evidence pack; the task worker builds the
archive (`build_evidence_pack`), one step at a time, and the officer's status page
shows "n of m steps" until it is ready or has failed. In the archive, named and headed
in Bulgarian (UTF-8 names):

- `00 опис.pdf` and `00 опис.csv` (UTF-8 with BOM): every page published in the period,
  with the date, the address and the file of its stored rendering (pages.campaign.
  publication_proof), those files in `публикации/`;
- per event held in the period, a folder with its description and agenda (PDF), the
  sign-in sheet (pages.campaign.sign_in_sheet), the signed scan if uploaded, the photos
  of its gallery and its counts (registrations confirmed and attended, the attendance
  typed and the one attendance figure of forms_ext.registration.attendance);
- per consultation open during the period, its documents and the outcome report (PDF);
- `индикатори.csv`: the project's indicators (pages.campaign.indicators).

No personal data beyond the sign-in sheets' names: no email, no submission. The archive
is kept in the private storage for `CIVIC_EVIDENCE_RETENTION_DAYS` (365 by default);
`manage.py purge_evidence` deletes older ones. Only users with the
`pages.manage_evidence` permission (Communications officers, pages.roles) build and
download packs."""

import csv
import datetime
import hashlib
import io
import logging
import re
import tempfile
import zipfile

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Locale

from civic_core.urls_absolute import configured_origin, page_url
from forms_ext import registration
from forms_ext.models import Registration
from pages.campaign import indicators, publication_proof, sign_in_sheet
from pages.models import ConsultationPage, EUFundingNotice, EventPage, ProjectPage, PublicationRecord
from pages.models.evidence import PACK_PERMISSION, EvidencePack

logger = logging.getLogger(__name__)

INDEX_URL = "evidence_packs"
STATUS_URL = "evidence_pack"
DOWNLOAD_URL = "evidence_pack_download"
DEFAULT_RETENTION_DAYS = 365
# The status page reloads itself this often while the pack is being built.
REFRESH_SECONDS = 3


# The names of the archive's files and folders (in the default language when it is built).
INDEX = gettext_lazy("00 index")
PUBLICATIONS = gettext_lazy("publications")
EVENTS = gettext_lazy("events")
DESCRIPTION = gettext_lazy("description and agenda")
SIGN_IN_SHEET = gettext_lazy("sign-in sheet")
SIGNED_SHEET = gettext_lazy("signed sign-in sheet")
PHOTOS = gettext_lazy("photos")
COUNTS = gettext_lazy("counts")
CONSULTATIONS = gettext_lazy("consultations")
DOCUMENTS = gettext_lazy("documents")
OUTCOME_REPORT = gettext_lazy("outcome report")
INDICATORS = gettext_lazy("indicators")
PACK_NAME = gettext_lazy("evidence pack")


def retention_days():
    return int(getattr(settings, "CIVIC_EVIDENCE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def may_build(user):
    return user.is_authenticated and user.has_perm(PACK_PERMISSION)


# The period ------------------------------------------------------------------------------
class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        widget=AdminDateInput,
        error_messages={
            "required": gettext_lazy("Choose the first day of the period."),
            "invalid": gettext_lazy("Enter the first day of the period as a date, e.g. 01.03.2026."),
        },
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        widget=AdminDateInput,
        error_messages={
            "required": gettext_lazy("Choose the last day of the period."),
            "invalid": gettext_lazy("Enter the last day of the period as a date, e.g. 31.03.2026."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise forms.ValidationError(
                _("The period starts after it ends: the first day must be on or before the last day.")
            )
        return cleaned


def bounds(pack):
    """The period as [start, end) moments: from midnight of its first day to midnight
    after its last day, Sofia time."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(pack.date_from, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(pack.date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


# What goes in ------------------------------------------------------------------------------
def publications(start, end):
    return PublicationRecord.objects.filter(published_at__gte=start, published_at__lt=end).select_related("locale")


def events(start, end):
    return (
        EventPage.objects.live()
        .filter(locale=Locale.get_default(), start__gte=start, start__lt=end)
        .order_by("start", "pk")
    )


def consultations(start, end):
    return (
        ConsultationPage.objects.live()
        .filter(locale=Locale.get_default(), opens_at__lt=end, closes_at__gte=start)
        .order_by("opens_at", "pk")
    )


UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(text, limit=80):
    """A file or folder name in the archive: Bulgarian kept, what no file system takes removed."""
    name = " ".join(UNSAFE.sub(" ", str(text)).split()).strip(" .")
    return name[:limit].strip(" .") or "-"


def csv_bytes(rows):
    """CSV in UTF-8 with a BOM (what spreadsheet programs read as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sofia(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


def html_pdf(template, context):
    """One of the pack's own documents (pages/evidence/*.html) as PDF, local files only."""
    from weasyprint import HTML

    locale = Locale.get_default()
    html = render_to_string(
        template,
        {
            **context,
            "eu": EUFundingNotice.for_locale(locale),
            "emblem": sign_in_sheet._static_file_url("pages/img/eu-emblem.svg"),
            "project": ProjectPage.objects.live().filter(locale=locale).first(),
        },
    )
    base = configured_origin() or None
    with publication_proof.quiet_css_warnings():
        return HTML(string=html, base_url=base, url_fetcher=publication_proof.site_files_only()).write_pdf()


class Archive:
    """The ZIP being written, file by file (names in UTF-8, Python sets the flag)."""

    def __init__(self, handle):
        self.zip = zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED)
        self.names = set()

    def add(self, name, data):
        name = self._unique(name)
        self.zip.writestr(zipfile.ZipInfo(name, date_time=_zip_time()), data, compress_type=zipfile.ZIP_DEFLATED)
        return name

    def add_file(self, name, field_file):
        with field_file.open("rb") as handle:
            return self.add(name, handle.read())

    def _unique(self, name):
        stem, dot, extension = name.rpartition(".")
        if not dot:
            stem, extension = name, ""
        candidate, n = name, 2
        while candidate in self.names:
            candidate = f"{stem} ({n}){dot}{extension}"
            n += 1
        self.names.add(candidate)
        return candidate

    def close(self):
        self.zip.close()


def _zip_time():
    now = timezone.localtime()
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)


def _extension(name, default="bin"):
    tail = name.rsplit("/", 1)[-1]
    return tail.rsplit(".", 1)[-1].lower() if "." in tail else default


# The steps ---------------------------------------------------------------------------
def add_index(archive, pack, start, end):
    folder = str(PUBLICATIONS)
    rows = []
    for record in publications(start, end).order_by("published_at", "pk"):
        file_name = ""
        if record.status == PublicationRecord.Status.DONE and record.pdf:
            file_name = archive.add_file(f"{folder}/{record.file_name}", record.pdf)
        rows.append(
            {
                "published": sofia(record.published_at),
                "language": record.locale.language_code if record.locale_id else "",
                "title": record.title,
                "url": record.url,
                "revision": record.revision_id or "",
                "file": file_name or _("no stored rendering (%(status)s)") % {"status": record.get_status_display()},
                "sha256": record.sha256,
            }
        )
    headings = [
        _("Published at"),
        _("Language"),
        _("Title"),
        _("Address"),
        _("Revision"),
        _("Rendering file"),
        "SHA-256",
    ]
    keys = ["published", "language", "title", "url", "revision", "file", "sha256"]
    index = str(INDEX)
    archive.add(f"{index}.csv", csv_bytes([headings, *[[row[key] for key in keys] for row in rows]]))
    archive.add(
        f"{index}.pdf",
        html_pdf(
            "pages/evidence/index.html",
            {"pack": pack, "period": period_label(pack), "rows": rows, "built_at": sofia(timezone.now())},
        ),
    )
    return len(rows)


def period_label(pack):
    return f"{date_format(pack.date_from, 'SHORT_DATE_FORMAT')} – {date_format(pack.date_to, 'SHORT_DATE_FORMAT')}"


def event_counts(event):
    """The event's counts: places confirmed, people marked present, the number typed, and
    the attendance by the campaign's one rule (forms_ext.registration.attendance)."""
    held = Registration.objects.filter(page__translation_key=event.translation_key)
    return [
        (_("Registrations confirmed"), held.filter(status=Registration.Status.CONFIRMED).count()),
        (_("Registered people marked as present"), held.filter(attended=True).count()),
        (_("Attendance typed by the officer"), "" if event.attendance is None else event.attendance),
        (_("Attendance counted for the indicators"), registration.attendance(event) or 0),
    ]


def add_event(archive, event):
    start = timezone.localtime(event.start)
    folder = f"{EVENTS}/{safe_name(f'{start:%Y-%m-%d} {event.title}')}"
    counts = event_counts(event)
    archive.add(
        f"{folder}/{DESCRIPTION}.pdf",
        html_pdf(
            "pages/evidence/event.html",
            {
                "event": event,
                "start": sofia(event.start),
                "end": sofia(event.end),
                "url": page_url(event) or "",
                "counts": counts,
            },
        ),
    )
    archive.add(f"{folder}/{SIGN_IN_SHEET}.pdf", sign_in_sheet.render_pdf(event))
    scan = event.signed_sign_in_sheet
    if scan is not None and scan.file:
        archive.add_file(f"{folder}/{SIGNED_SHEET}.{_extension(scan.file.name, 'pdf')}", scan.file)
    photos = [block.value for block in event.gallery if block.block_type == "image" and block.value.get("image")]
    for number, photo in enumerate(photos, start=1):
        image = photo["image"]
        caption = photo.get("caption") or image.title
        name = safe_name(f"{number:02d} {caption}", limit=60)
        archive.add_file(f"{folder}/{PHOTOS}/{name}.{_extension(image.file.name, 'jpg')}", image.file)
    archive.add(f"{folder}/{COUNTS}.csv", csv_bytes([[_("Count"), _("How many")], *counts]))


def add_consultation(archive, consultation):
    opens = timezone.localtime(consultation.opens_at)
    folder = f"{CONSULTATIONS}/{safe_name(f'{opens:%Y-%m-%d} {consultation.title}')}"
    for number, row in enumerate(consultation.documents.select_related("document"), start=1):
        document = row.document
        if not document.file:
            continue
        title = row.title or document.title
        name = safe_name(f"{number:02d} {row.get_kind_display()} - {title}", limit=90)
        archive.add_file(f"{folder}/{DOCUMENTS}/{name}.{_extension(document.file.name, 'pdf')}", document.file)
    archive.add(
        f"{folder}/{OUTCOME_REPORT}.pdf",
        html_pdf(
            "pages/evidence/outcome_report.html",
            {
                "consultation": consultation,
                "opens": sofia(consultation.opens_at),
                "closes": sofia(consultation.closes_at),
                "outcome_date": date_format(consultation.outcome_date) if consultation.outcome_date else "",
                "url": page_url(consultation) or "",
            },
        ),
    )


def add_indicators(archive):
    project = ProjectPage.objects.live().filter(locale=Locale.get_default()).first()
    rows = [[_("Indicator"), _("Unit"), _("Target"), _("Achieved"), _("Per cent")]]
    if project is not None:
        for figure in indicators.figures(project.indicators.all()):
            rows.append(
                [
                    figure.indicator.name,
                    figure.indicator.unit,
                    figure.indicator.target,
                    "" if figure.achieved is None else figure.achieved,
                    "" if figure.percent is None else figure.percent,
                ]
            )
    archive.add(f"{INDICATORS}.csv", csv_bytes(rows))


def plan(pack):
    """The steps of a pack, in order: [(callable(archive), …)]."""
    start, end = bounds(pack)
    steps = [lambda archive: add_index(archive, pack, start, end)]
    steps += [lambda archive, event=event: add_event(archive, event) for event in events(start, end)]
    steps += [lambda archive, page=page: add_consultation(archive, page) for page in consultations(start, end)]
    steps.append(add_indicators)
    return steps


@task()
def build_evidence_pack(pack_id):
    """Build the pack's archive step by step, saying how far it got (the task worker runs it)."""
    pack = EvidencePack.objects.filter(pk=pack_id).first()
    if pack is None or pack.status != EvidencePack.Status.QUEUED:
        return False
    try:
        with translation.override(Locale.get_default().language_code), timezone.override(settings.TIME_ZONE):
            steps = plan(pack)
            total = len(steps) + 1  # and storing the archive
            EvidencePack.objects.filter(pk=pack_id).update(
                status=EvidencePack.Status.RUNNING, steps_total=total, steps_done=0
            )
            with tempfile.TemporaryFile() as handle:
                archive = Archive(handle)
                for done, step in enumerate(steps, start=1):
                    step(archive)
                    EvidencePack.objects.filter(pk=pack_id).update(steps_done=done)
                archive.close()
                handle.seek(0)
                digest = hashlib.sha256()
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
                size = handle.tell()
                handle.seek(0)
                name = f"{PACK_NAME} {pack.date_from:%Y-%m-%d} - {pack.date_to:%Y-%m-%d} {pack.pk}.zip"
                pack.archive.save(name, File(handle), save=False)
    except Exception as exc:
        logger.exception("Evidence pack %s failed", pack_id)
        EvidencePack.objects.filter(pk=pack_id).update(
            status=EvidencePack.Status.FAILED, finished_at=timezone.now(), error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return False
    EvidencePack.objects.filter(pk=pack_id).update(
        status=EvidencePack.Status.DONE,
        archive=pack.archive.name,
        size=size,
        sha256=digest.hexdigest(),
        steps_done=total,
        finished_at=timezone.now(),
    )
    return True


def purge_expired(now=None):
    """Delete the packs older than the retention period, archive and all; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    expired = list(EvidencePack.objects.filter(created_at__lt=cutoff))
    for pack in expired:
        if pack.archive:
            pack.archive.delete(save=False)
        pack.delete()
    return len(expired)


# The officers' screens --------------------------------------------------------------
def _require(request):
    if not may_build(request.user):
        raise PermissionDenied


def expires_on(pack):
    return date_format(timezone.localtime(pack.created_at) + datetime.timedelta(days=retention_days()))


def packs_view(request):
    """Reports → Evidence pack: the period form, and the packs built before."""
    _require(request)
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            pack = EvidencePack.objects.create(
                date_from=form.cleaned_data["date_from"], date_to=form.cleaned_data["date_to"], created_by=request.user
            )
            # In the request's transaction (ATOMIC_REQUESTS): with the database backend the
            # task is stored with the pack, or neither is.
            build_evidence_pack.enqueue(pack.pk)
            messages.success(request, _("The evidence pack is being built. This page shows how far it has got."))
            return redirect(STATUS_URL, pack.pk)
        messages.error(request, _("The pack was not started: correct the period below."))
    packs = [
        {"pack": pack, "started": sofia(pack.created_at), "period": period_label(pack), "expires": expires_on(pack)}
        for pack in EvidencePack.objects.select_related("created_by")[:30]
    ]
    return TemplateResponse(
        request,
        "pages/admin/evidence_packs.html",
        {"form": form, "packs": packs, "retention_days": retention_days(), "Status": EvidencePack.Status},
    )


def pack_view(request, pack_id):
    """How far the pack has got: n of m steps, then the download, or why it failed."""
    _require(request)
    pack = get_object_or_404(EvidencePack, pk=pack_id)
    return TemplateResponse(
        request,
        "pages/admin/evidence_pack.html",
        {
            "pack": pack,
            "period": period_label(pack),
            "started": sofia(pack.created_at),
            "finished": sofia(pack.finished_at),
            "expires": expires_on(pack),
            "refresh_seconds": None if pack.is_finished else REFRESH_SECONDS,
            "Status": EvidencePack.Status,
            "index_url": reverse(INDEX_URL),
        },
    )


def download_view(request, pack_id):
    _require(request)
    pack = get_object_or_404(EvidencePack, pk=pack_id)
    if pack.status != EvidencePack.Status.DONE or not pack.archive:
        raise Http404
    response = FileResponse(
        pack.archive.open("rb"),
        as_attachment=True,
        filename=pack.archive.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
