"""The consultations in open data give the report's true figures: a proposal found "not
within the scope of the draft" was received, never considered nor accepted; rows of a
report not yet public are not counted; the English file gives the same figures as the
Bulgarian one."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone

from pages.models import ConsultationPage, ConsultationProposal
from tests.support import factories

pytestmark = pytest.mark.django_db

DECISIONS = ["accepted", "partly_accepted", "not_accepted", "not_within_scope", "not_within_scope", "accepted"]


def with_report(page, decisions, concluded=True):
    page.opens_at = timezone.now() - datetime.timedelta(days=40)
    page.closes_at = timezone.now() - datetime.timedelta(days=5)
    page.outcome_date = timezone.localdate() if concluded else None
    page.proposals = [
        ConsultationProposal(summary=f"Предложение {n}", decision=decision, reasons="Мотиви.", sort_order=n)
        for n, decision in enumerate(decisions)
    ]
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


@pytest.fixture
def index(home):
    return factories.ConsultationIndexPageFactory(parent=home)


def records(path="/open-data/consultations.json"):
    response = Client().get(path)
    assert response.status_code == 200
    return {row["title"]: row for row in response.json()["records"]}


def test_not_within_scope_is_neither_accepted_nor_considered(index):
    page = with_report(factories.ConsultationPageFactory(parent=index, title="Правилник", fields=[]), DECISIONS)
    row = records()["Правилник"]
    assert row["status"] == "concluded"
    assert row["proposals_received"] == 6
    assert row["proposals_considered"] == 4
    assert (row["proposals_accepted"], row["proposals_partly_accepted"], row["proposals_not_accepted"]) == (2, 1, 1)
    assert row["proposals_not_within_scope"] == 2
    # The public report shows the same rows.
    html = Client().get(page.url).content.decode()
    assert html.count("Извън предмета на проекта") == 2


def test_the_csv_says_the_same(index):
    with_report(factories.ConsultationPageFactory(parent=index, title="Правилник", fields=[]), DECISIONS)
    text = Client().get("/open-data/consultations.csv").content.decode("utf-8-sig")
    (row,) = [row for row in csv.DictReader(io.StringIO(text)) if row["title"] == "Правилник"]
    assert (row["proposals_considered"], row["proposals_accepted"], row["proposals_not_within_scope"]) == (
        "4",
        "2",
        "2",
    )


def test_a_report_not_yet_public_counts_nothing(index):
    with_report(factories.ConsultationPageFactory(parent=index, title="Закрита", fields=[]), DECISIONS, concluded=False)
    factories.ConsultationPageFactory(parent=index, title="Отворена", fields=[])
    rows = records()
    assert rows["Закрита"]["status"] == "closed" and rows["Отворена"]["status"] == "open"
    for title in ("Закрита", "Отворена"):
        assert rows[title]["proposals_received"] == 0 and rows[title]["proposals_accepted"] == 0


def test_the_english_file_counts_the_report_in_bulgarian(index):
    page = factories.ConsultationPageFactory(parent=index, title="Правилник", fields=[])
    english = factories.translate(page, title="Rules")
    # The English page published before the report: its own rows are stale (none).
    with_report(page, DECISIONS)
    english = ConsultationPage.objects.get(pk=english.pk)
    english.opens_at, english.closes_at, english.outcome_date = page.opens_at, timezone.now(), timezone.localdate()
    english.closes_at = timezone.now() - datetime.timedelta(days=5)
    english.save_revision().publish()
    assert not ConsultationProposal.objects.filter(page=english).exists()
    row = records("/en/open-data/consultations.json")["Rules"]
    assert (row["proposals_received"], row["proposals_considered"], row["proposals_not_within_scope"]) == (6, 4, 2)
