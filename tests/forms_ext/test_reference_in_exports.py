"""The reference of the citizen's receipt (К-2026-0042) is everywhere an officer looks: a
column of the CSV and XLSX downloads, the staff notification email, the search of the
submissions screen."""

import csv
import io

import pytest
from django.core import mail
from django.test import Client

from forms_ext.models import CivicSubmission
from tests.support import factories, people
from tests.support.forms import post_form

pytestmark = pytest.mark.django_db

PROPOSAL = "Предлагам чл. 5 да отпадне."


@pytest.fixture
def consultation(home):
    page = factories.ConsultationPageFactory(
        parent=factories.ConsultationIndexPageFactory(parent=home), title="Наредба за обществените съвети"
    )
    page.notify_to = "staff@example.org"
    page.save_revision().publish()
    return page


def send(page, n):
    data = {"ime": f"Мария {n}", "saobshtenie": f"{PROPOSAL} ({n})", "imeyl": f"maria{n}@example.org"}
    response = post_form(Client(), page, data | {"saglasen_sam": "on"})
    assert response.status_code == 200
    return CivicSubmission.objects.filter(page=page).latest("pk")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def officer():
    return people.logged_in(people.in_role("officer"))


def test_the_csv_has_the_reference_after_the_time_sent(consultation):
    first, second = send(consultation, 1), send(consultation, 2)
    response = officer().get(f"/admin/forms/submissions/{consultation.pk}/?export=csv")
    assert response.status_code == 200
    text = body(response).decode("utf-8-sig")
    heading, *lines = list(csv.reader(io.StringIO(text)))
    assert heading[:3] == ["Изпратено на", "Входящ номер", "Име"]
    assert {line[1] for line in lines} == {first.reference, second.reference}
    by_reference = {line[1]: line for line in lines}
    assert by_reference[first.reference][2] == "Мария 1"


def test_the_xlsx_has_the_reference_too(consultation):
    from openpyxl import load_workbook

    submission = send(consultation, 1)
    response = officer().get(f"/admin/forms/submissions/{consultation.pk}/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Входящ номер" and rows[1][1] == submission.reference


def test_the_staff_email_names_the_reference(consultation):
    mail.outbox.clear()
    submission = send(consultation, 1)
    (notification,) = [message for message in mail.outbox if message.to == ["staff@example.org"]]
    assert f"Входящ номер: {submission.reference}" in notification.body


def test_the_submissions_screen_finds_a_reference_typed_loosely(consultation):
    send(consultation, 1)
    second = send(consultation, 2)
    loose = second.reference.replace("К", "k").replace("-000", "-")  # "k-2026-2"
    listing = officer().get(f"/admin/forms/submissions/{consultation.pk}/", {"q": loose}).content.decode()
    assert second.reference in listing and "Мария 2" in listing and "Мария 1" not in listing
