"""An officer builds the evidence pack of a period for the managing authority: one ZIP
archive, built by the task worker while a status page says how far it got, with an index
of every page published in the period and its stored rendering, the events' sign-in
sheets, photos and counts, the consultations' documents and outcome reports, and the
indicators. Only officers download it; a bad period starts nothing."""

import csv
import datetime
import io
import json
import zipfile

import pytest
import wagtail_factories
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from forms_ext.models import Registration
from pages.models import (
    ConsultationDocument,
    ConsultationProposal,
    EvidencePack,
    ProjectIndicator,
    ProjectPage,
    PublicationRecord,
)
from tests.support import factories, people

pytestmark = pytest.mark.django_db

ORIGIN = "https://civic.example.org"
URL = "/admin/reports/evidence-pack/"


@pytest.fixture
def public(settings, home):
    settings.SITE_URL = ORIGIN
    settings.CIVIC_PUBLICATION_PROOF = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return home


def run_the_task_worker(monkeypatch):
    """What `manage.py db_worker` does, until no task is left (see test_publication_proof)."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    call_command("db_worker", batch=True, interval=0, reload=False, startup_delay=False, verbosity=0)


def pdf_text(data):
    """The text of a PDF, its lines joined (a table cell wraps long titles)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def in_reports_menu(html):
    """The admin's sidebar (drawn from JSON in the page) lists Reports → Evidence pack."""
    label = json.dumps("Пакет с доказателства")[1:-1]
    return f'"{URL}"' in html.replace("&quot;", '"') and label in html


def today():
    return timezone.localdate()


def period(start, end):
    return {"date_from": start.strftime("%d.%m.%Y"), "date_to": end.strftime("%d.%m.%Y")}


@pytest.fixture
def campaign(public, django_capture_on_commit_callbacks):
    """A month of the campaign: news, an event with its registrations and photos, a
    consultation with its documents and report, the project's indicators."""
    PublicationRecord.objects.all().delete()  # the test's home pages, never rendered
    with django_capture_on_commit_callbacks(execute=True):
        project = factories.ProjectPageFactory(parent=public)
    ProjectPage.objects.exclude(pk=project.pk).update(live=False)  # the site runs this one project
    with django_capture_on_commit_callbacks(execute=True):
        for number, fields in enumerate(
            [
                {"name": "Проведени обществени обсъждания", "target": 4, "source": "events_held"},
                {"name": "Участници", "unit": "души", "target": 100, "source": "manual", "achieved_typed": 37},
            ]
        ):
            ProjectIndicator.objects.create(page=project, locale=project.locale, sort_order=number, **fields)
        news = factories.NewsPageFactory(
            parent=factories.NewsIndexPageFactory(parent=public), title="Започва кампанията"
        )
        event = factories.EventPageFactory(
            parent=factories.EventIndexPageFactory(parent=public), title="Кръгла маса „Бюджет 2027“"
        )
        consultation = factories.ConsultationPageFactory(
            parent=factories.ConsultationIndexPageFactory(parent=public), title="Наредба за обществените съвети"
        )
    for name, email, attended in (
        ("Яна Петрова", "yana.petrova@example.org", True),
        ("Борис Илиев", "boris.iliev@example.org", False),
    ):
        factories.RegistrationFactory(page=event, name=name, email=email, attended=attended)
    factories.RegistrationFactory(
        page=event, name="Цветан Чакъров", email="tsvetan@example.org", status=Registration.Status.WAITING
    )
    photo = wagtail_factories.ImageFactory(title="Снимка от залата")
    event.gallery = [("image", {"image": photo, "alt_text": "", "caption": "Участниците в залата"})]
    event.signed_sign_in_sheet = wagtail_factories.DocumentFactory(title="Подписан списък")
    ConsultationDocument.objects.create(
        page=consultation,
        kind=ConsultationDocument.Kind.DRAFT_ACT,
        document=wagtail_factories.DocumentFactory(title="Проект на наредба"),
    )
    ConsultationProposal.objects.create(
        page=consultation,
        article="чл. 5",
        summary="Съветите да заседават публично.",
        proposer="Сдружение „Развитие“",
        decision=ConsultationProposal.Decision.ACCEPTED,
        reasons="Прозрачност.",
    )
    consultation.outcome_date = today()
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(event)
        factories.publish(consultation)
    # A publication long before the period, which the pack leaves out.
    old = PublicationRecord.objects.filter(page=news).first()
    PublicationRecord.objects.filter(pk=old.pk).update(published_at=timezone.now() - datetime.timedelta(days=400))
    return {"event": event, "consultation": consultation, "news": news, "old": old}


def test_an_officer_builds_the_pack_of_a_period_and_downloads_it(campaign, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    officer = people.logged_in(people.in_role("officer"))
    assert in_reports_menu(officer.get("/admin/").content.decode())
    form = officer.get(URL)
    assert form.status_code == 200 and "Създаване на пакета" in form.content.decode()

    event_day = timezone.localdate(campaign["event"].start)
    response = officer.post(URL, period(today(), event_day))
    pack = EvidencePack.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{pack.pk}/"
    assert DBTaskResult.objects.filter(task_path__endswith="build_evidence_pack", status="READY").exists()
    waiting = officer.get(f"{URL}{pack.pk}/").content.decode()
    assert "Чака" in waiting and 'http-equiv="refresh"' in waiting

    run_the_task_worker(monkeypatch)  # the renderings of the publications, then the pack

    pack.refresh_from_db()
    assert pack.status == EvidencePack.Status.DONE, pack.error
    status = officer.get(f"{URL}{pack.pk}/").content.decode()
    assert f"{pack.steps_total} от {pack.steps_total} стъпки" in status and 'http-equiv="refresh"' not in status
    download = officer.get(f"{URL}{pack.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert all(info.flag_bits & 0x800 for info in archive.infolist() if not info.filename.isascii())

    # The index: every page published in the period, with its rendering; not the old one.
    raw = archive.read("00 опис.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header[:6] == [
        "Дата и час на публикуване",
        "Език",
        "Заглавие",
        "Адрес",
        "Версия",
        "Файл с изгледа на страницата",
    ]
    in_period = PublicationRecord.objects.exclude(pk=campaign["old"].pk)
    assert len(rows) == in_period.count() > 0
    listed = {(row[3], row[5]) for row in rows}
    for record in in_period:
        assert record.status == PublicationRecord.Status.DONE
        assert (record.url, f"публикации/{record.file_name}") in listed
        assert f"публикации/{record.file_name}" in names
    assert campaign["old"].url not in {row[3] for row in rows}  # published long before the period
    index_text = pdf_text(archive.read("00 опис.pdf"))
    assert "Кръгла маса „Бюджет 2027“" in index_text and "Европейски съюз" in index_text

    # The event: description, sign-in sheet, the signed scan, the photo and the counts.
    # (the period holds the demo site's events and consultations too: the pack has all of them)
    event_folder = next(
        name.rsplit("/", 1)[0]
        for name in names
        if name.endswith("/присъствен списък.pdf") and "Кръгла маса „Бюджет 2027“" in name
    )
    assert event_folder.startswith("събития/")
    for name in ("описание и програма.pdf", "присъствен списък.pdf", "брой участници.csv"):
        assert f"{event_folder}/{name}" in names, name
    assert any(name.startswith(f"{event_folder}/подписан присъствен списък.") for name in names)
    assert any(name.startswith(f"{event_folder}/снимки/01 Участниците в залата.") for name in names)
    sheet = pdf_text(archive.read(f"{event_folder}/присъствен списък.pdf"))
    assert "Яна Петрова" in sheet and "Борис Илиев" in sheet and "Цветан Чакъров" not in sheet
    counts = dict(csv.reader(io.StringIO(archive.read(f"{event_folder}/брой участници.csv").decode("utf-8-sig"))))
    assert counts["Потвърдени регистрации"] == "2"
    assert counts["Регистрирани, отбелязани като присъствали"] == "1"
    assert counts["Брой участници за индикаторите"] == "1"

    # The consultation: its documents and the outcome report.
    consultation_folder = next(
        name.rsplit("/", 1)[0]
        for name in names
        if name.endswith("справка за предложенията.pdf") and "Наредба за обществените съвети" in name
    )
    assert consultation_folder.startswith("консултации/")
    assert any(
        name.startswith(f"{consultation_folder}/документи/01 Проект на акт - Проект на наредба.") for name in names
    )
    report = pdf_text(archive.read(f"{consultation_folder}/справка за предложенията.pdf"))
    assert "Съветите да заседават публично." in report and "Прието" in report and "Сдружение „Развитие“" in report
    description = pdf_text(archive.read(f"{event_folder}/описание и програма.pdf"))
    assert "Кръгла маса „Бюджет 2027“" in description and "Потвърдени регистрации 2" in description

    indicators = list(csv.reader(io.StringIO(archive.read("индикатори.csv").decode("utf-8-sig"))))
    assert indicators[0] == ["Индикатор", "Мерна единица", "Цел", "Постигнато", "Процент"]
    assert ["Участници", "души", "100", "37", "37"] in indicators

    # No personal data beyond the sign-in sheet's names: no registrant's email address anywhere.
    for name in names:
        data = archive.read(name)
        text = pdf_text(data) if name.endswith(".pdf") else data.decode("utf-8", "ignore")
        for address in Registration.objects.filter(page=campaign["event"]).values_list("email", flat=True):
            assert address not in text, name


def refused(response):
    """The admin's refusal of a logged-in user: 403, or Wagtail's redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def test_officers_only_download_the_pack(public, monkeypatch):
    officer = people.logged_in(people.in_role("officer"))
    officer.post(URL, period(today(), today()))
    run_the_task_worker(monkeypatch)
    pack = EvidencePack.objects.get()
    assert pack.status == EvidencePack.Status.DONE, pack.error
    assert officer.get(f"{URL}{pack.pk}/download/").status_code == 200

    translator = people.logged_in(people.in_role("translator"))
    for address in (URL, f"{URL}{pack.pk}/", f"{URL}{pack.pk}/download/"):
        assert refused(translator.get(address)), address
        anonymous = Client().get(address)
        assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert refused(translator.post(URL, period(today(), today())))
    assert EvidencePack.objects.count() == 1
    assert not in_reports_menu(translator.get("/admin/").content.decode())


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"date_from": "10.03.2026", "date_to": "01.03.2026"},
            "Периодът започва след края си: първият ден трябва да е преди последния или същият.",
        ),
        ({"date_from": "31.02.2026", "date_to": "01.03.2026"}, "Въведете първия ден на периода като дата"),
        ({"date_from": "", "date_to": "01.03.2026"}, "Изберете първия ден на периода."),
        ({"date_from": "01.03.2026", "date_to": "утре"}, "Въведете последния ден на периода като дата"),
    ],
)
def test_a_bad_period_is_explained_in_bulgarian_and_starts_nothing(public, data, message):
    from django_tasks_db.models import DBTaskResult

    officer = people.logged_in(people.in_role("officer"))
    response = officer.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Пакетът не е започнат" in html
    assert not EvidencePack.objects.exists()
    assert not DBTaskResult.objects.filter(task_path__endswith="build_evidence_pack").exists()


def test_packs_past_the_retention_period_are_deleted(public, monkeypatch, settings):
    settings.CIVIC_EVIDENCE_RETENTION_DAYS = 30
    officer = people.logged_in(people.in_role("officer"))
    officer.post(URL, period(today(), today()))
    officer.post(URL, period(today(), today()))
    run_the_task_worker(monkeypatch)
    old, recent = EvidencePack.objects.order_by("pk")
    EvidencePack.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    storage = old.archive.storage
    assert storage.exists(old.archive.name)
    out = io.StringIO()
    call_command("purge_evidence", stdout=out)
    assert "1" in out.getvalue()
    assert list(EvidencePack.objects.all()) == [recent]
    assert not storage.exists(old.archive.name) and storage.exists(recent.archive.name)
    assert officer.get(f"{URL}{old.pk}/download/").status_code == 404


@pytest.mark.system
@pytest.mark.slow
def test_the_pack_of_the_demos_period_lists_every_demo_page_with_its_rendering(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The demo site (the test database holds it), every public page of it published
    today in both languages, as an officer launching the campaign would, rendered by the
    worker; the pack of the day lists each of them with the rendering stored then."""
    from wagtail.models import Page, PageViewRestriction

    from civic_core import urls_absolute

    settings.SITE_URL = ORIGIN
    settings.CIVIC_PUBLICATION_PROOF = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    PublicationRecord.objects.all().delete()
    restricted = [restriction.page.path for restriction in PageViewRestriction.objects.select_related("page")]
    demo_pages = [
        page.specific
        for page in Page.objects.live().filter(depth__gt=1)
        if not any(page.path.startswith(path) for path in restricted)
    ]
    assert len(demo_pages) > 40
    with django_capture_on_commit_callbacks(execute=True):
        for page in demo_pages:
            page.save_revision().publish()
    run_the_task_worker(monkeypatch)
    officer = people.logged_in(people.in_role("officer"))
    officer.post(URL, period(today(), today()))
    run_the_task_worker(monkeypatch)
    pack = EvidencePack.objects.get()
    assert pack.status == EvidencePack.Status.DONE, pack.error
    archive = zipfile.ZipFile(pack.archive.open("rb"))
    names = set(archive.namelist())
    _header, *rows = list(csv.reader(io.StringIO(archive.read("00 опис.csv").decode("utf-8-sig"))))
    listed = {row[3]: row[5] for row in rows}
    for page in demo_pages:
        url = urls_absolute.page_url(page)
        assert url.startswith(ORIGIN) and url in listed, url
        assert listed[url] in names and archive.read(listed[url]).startswith(b"%PDF"), url
