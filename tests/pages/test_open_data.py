"""A journalist or the national open-data portal downloads the site's facts as CSV and
JSON, in both languages: complete, current, and without anyone's personal data."""

import csv
import io

import pytest
from django.test import Client

from forms_ext.models import Registration
from pages.models import EventPage, ReportPage
from tests.support.forms import VALID_FEEDBACK, confirm_registration, post_form

pytestmark = pytest.mark.django_db
DATASETS = ["consultations", "events", "recommendations", "form-statistics"]


def csv_rows(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets read it as UTF-8
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_open_data_page_lists_every_dataset_with_its_metadata(client, demo):
    html = client.get("/open-data/").content.decode()
    for slug in DATASETS:
        assert f"/open-data/{slug}.csv" in html and f"/open-data/{slug}.json" in html
    assert "CC BY 4.0" in html and "Отворени данни" in html
    assert "/en/open-data/" in client.get("/en/").content.decode()  # linked from every footer
    # The catalogue is DCAT-AP (tests/pages/test_valid_formats.py checks it as JSON-LD).
    catalog = client.get("/open-data/catalog.json").json()
    assert [d["dct:identifier"] for d in catalog["dcat:dataset"]] == DATASETS
    for dataset in catalog["dcat:dataset"]:
        assert dataset["dct:title"]["@value"] and dataset["dct:description"]["@value"]
        assert dataset["dct:license"]["rdfs:label"] == "CC BY 4.0"
        assert dataset["dct:modified"]["@value"] and dataset["dct:accrualPeriodicity"]["@id"]
        assert {d["dct:format"]["@id"].rsplit("/", 1)[1] for d in dataset["dcat:distribution"]} == {"CSV", "JSON"}


def test_events_dataset_matches_the_demo_in_both_languages(client, demo):
    rows = csv_rows(client, "/open-data/events.csv")
    assert len(rows) == EventPage.objects.filter(locale__language_code="bg").count() == 7
    assert sum(int(row["attendance"] or 0) for row in rows) > 125
    english = client.get("/en/open-data/events.json").json()
    assert english["language"] == "en" and len(english["records"]) == 7
    assert {row["id"] for row in english["records"]} == {row["id"] for row in rows}


def test_consultations_dataset_carries_status_and_decisions(client, demo):
    rows = {row["status"]: row for row in csv_rows(client, "/open-data/consultations.csv")}
    assert set(rows) == {"open", "concluded"}
    concluded = rows["concluded"]
    decided = sum(
        int(concluded[key]) for key in ("proposals_accepted", "proposals_partly_accepted", "proposals_not_accepted")
    )
    assert decided > 0 and concluded["outcome_date"]


def test_recommendations_dataset_follows_the_tracker(client, demo):
    report = ReportPage.objects.get(locale__language_code="bg")
    tracked = list(report.tracked_recommendations.filter(locale=report.locale).order_by("number"))
    rows = csv_rows(client, "/open-data/recommendations.csv")
    assert [row["recommendation"] for row in rows] == [item.text for item in tracked]
    assert [row["status"] for row in rows] == [item.status for item in tracked]
    rejected = next(row for row in rows if row["status"] == "rejected")
    assert rejected["status_reason"] and rejected["progress_percent"] == ""
    assert sum(int(row["monitoring_reports"]) for row in rows) == 2  # counts, never the reports themselves
    english = client.get("/en/open-data/recommendations.json").json()["records"]
    assert [row["id"] for row in english] == [row["id"] for row in rows]
    assert english[0]["recommendation"].startswith("Every public consultation")


def test_the_files_follow_new_content_and_never_carry_personal_data(client, demo):
    before = {row["form"]: int(row["submissions"]) for row in csv_rows(client, "/open-data/form-statistics.csv")}
    citizen = Client()
    from pages.models import FeedbackPage

    feedback = FeedbackPage.objects.get(locale__language_code="bg")
    post_form(
        citizen,
        feedback,
        {**VALID_FEEDBACK, "saobshtenie": "Тайна бележка от Мария Тодорова", "imeyl": "maria.todorova@example.org"},
    )
    event = EventPage.objects.get(locale__language_code="bg", slug="kragla-masa-obshtestveni-saveti")
    post_form(
        citizen,
        event,
        {
            "ime_i_familia": "Мария Тодорова",
            "imeyl": "maria.todorova@example.org",
            "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
        },
    )
    assert Registration.objects.filter(email="maria.todorova@example.org").exists()
    confirm_registration("maria.todorova@example.org")  # a place counts once confirmed
    event.title = "Кръгла маса за обществените съвети (нова дата)"
    event.save_revision().publish()

    after = {row["form"]: int(row["submissions"]) for row in csv_rows(client, "/open-data/form-statistics.csv")}
    assert after[feedback.title] == before[feedback.title] + 1
    events = {row["id"]: row for row in csv_rows(client, "/open-data/events.csv")}
    assert events[str(event.translation_key)]["title"] == "Кръгла маса за обществените съвети (нова дата)"
    assert events[str(event.translation_key)]["registered"] == "1"
    for slug in DATASETS:
        for extension in ("csv", "json"):
            body = client.get(f"/open-data/{slug}.{extension}").content.decode("utf-8")
            assert "Мария" not in body and "maria.todorova" not in body and "Тайна бележка" not in body, slug


def test_an_unknown_dataset_or_format_is_not_found(client, demo):
    assert client.get("/open-data/citizens.csv").status_code == 404
    assert client.get("/open-data/events.xml").status_code == 404
