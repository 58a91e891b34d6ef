"""Exports and e-mails made for people (forms_ext.readable): a CSV Excel opens with its
Cyrillic intact (UTF-8 BOM), times in Sofia time to the minute, yes/no as words and
headings in the officer's language; every e-mail in its recipient's language, its times
in Sofia time."""

import csv
import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.test import Client
from wagtail.users.models import UserProfile

from forms_ext.models import CivicSubmission, Registration
from forms_ext.readable import SPREADSHEET_TIME_FORMAT
from tests.support import factories, mailbox, people
from tests.support.forms import post_form

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# 11:05:33 UTC in July is 14:05 in Sofia (summer time, UTC+3).
SENT = datetime.datetime(2026, 7, 15, 11, 5, 33, 123456, tzinfo=UTC)
BOM = b"\xef\xbb\xbf"
FIELDS = [
    ("singleline", "Име", False),
    ("email", "Имейл", False),
    ("multiline", "Съобщение", True),
    ("checkbox", "Искам отговор", False),
    ("consent", "Съгласен съм", True),
]
ANSWERS = {"ime": "Мария", "imeyl": "maria@example.org", "saobshtenie": "Още пейки.", "saglasen_sam": "on"}


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/csv") and "utf-8" in response["Content-Type"]
    return b"".join(response.streaming_content) if response.streaming else response.content


def rows(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def officer(language=None, username="officer"):
    person = people.in_role("officer", username)
    if language:
        profile = UserProfile.get_for_user(person)
        profile.preferred_language = language
        profile.save()
    return person


@pytest.fixture
def consultation(home):
    index = factories.ConsultationIndexPageFactory(parent=home)
    page = factories.ConsultationPageFactory(parent=index, fields=FIELDS)
    for wants_reply, name in ((True, "Мария"), (False, "Иван")):
        submission = factories.SubmissionFactory(
            page=page,
            form_data={
                "ime": name,
                "saobshtenie": "Предлагам пейки.",
                "iskam_otgovor": wants_reply,
                "saglasen_sam": True,
            },
        )
        CivicSubmission.objects.filter(pk=submission.pk).update(submit_time=SENT)
    return page


# The CSV of a form's submissions ----------------------------------------------------------
def test_an_officer_downloads_submissions_with_a_bom_sofia_time_and_yes_no_in_bulgarian(consultation):
    client = people.logged_in(officer())
    body = download(client, f"/admin/forms/submissions/{consultation.pk}/?export=csv")
    assert body.startswith(BOM)
    heading, *lines = rows(body)
    assert heading == [
        "Изпратено на",
        "Входящ номер",
        "Име",
        "Имейл",
        "Съобщение",
        "Искам отговор",
        "Съгласен съм",
        "Език",
    ]
    assert {line[0] for line in lines} == {"2026-07-15 14:05"}  # Sofia time, to the minute
    assert sorted(line[5] for line in lines) == ["Да", "Не"] and {line[6] for line in lines} == {"Да"}
    assert {line[7] for line in lines} == {"Български"}
    text = body.decode("utf-8-sig")
    assert "11:05" not in text and ":33" not in text and "True" not in text and "False" not in text
    assert datetime.datetime.strptime(lines[0][0], SPREADSHEET_TIME_FORMAT)  # the documented format
    # The list on screen reads the same.
    listing = client.get(f"/admin/forms/submissions/{consultation.pk}/").content.decode()
    cells = "".join(listing[listing.rfind("<table", 0, listing.index("Предлагам пейки.")) :].split())
    assert ">Да<" in cells and ">Не<" in cells and ">True<" not in cells


def test_an_english_speaking_officer_gets_english_headings_and_yes_no(consultation):
    english = factories.translate(consultation)
    english_labels = {"ime": "Name", "saobshtenie": "Message", "iskam_otgovor": "I want an answer"}
    for field in english.form_fields.all():
        if field.clean_name in english_labels:
            type(field).objects.filter(pk=field.pk).update(label=english_labels[field.clean_name])
    client = people.logged_in(officer("en"))
    heading, *lines = rows(download(client, f"/admin/forms/submissions/{consultation.pk}/?export=csv"))
    assert heading[:6] == ["Sent at", "Reference", "Name", "Имейл", "Message", "I want an answer"]
    assert heading[-1] == "Language"
    assert sorted(line[5] for line in lines) == ["No", "Yes"]
    assert {line[0] for line in lines} == {"2026-07-15 14:05"}


def test_the_xlsx_holds_the_sofia_time(consultation):
    from openpyxl import load_workbook

    client = people.logged_in(officer())
    response = client.get(f"/admin/forms/submissions/{consultation.pk}/?export=xlsx")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Изпратено на"
    assert values[1][0] == datetime.datetime(2026, 7, 15, 14, 5)
    assert sorted(row[5] for row in values[1:]) == ["Да", "Не"]


# Registrations ------------------------------------------------------------------------------
@pytest.fixture
def registrations(home):
    event = factories.EventPageFactory(parent=factories.EventIndexPageFactory(parent=home))
    came = factories.RegistrationFactory(page=event, name="Мария Петрова", attended=True)
    missed = factories.RegistrationFactory(page=event, name="Иван Иванов", attended=False)
    Registration.objects.filter(pk__in=[came.pk, missed.pk]).update(registered_at=SENT)
    return event


def test_the_registrations_list_says_yes_or_no_under_attended(registrations):
    client = people.logged_in(officer())
    html = client.get("/admin/forms-ext/registrations/").content.decode()
    start = html.rfind("<table", 0, html.index("Мария Петрова"))
    table = "".join(html[start : html.index("</table>", start)].split())
    assert "Присъствал" in table
    assert "False" not in table and "True" not in table
    assert ">Да<" in table and ">Не<" in table


def test_the_registrations_csv_is_for_people_too(registrations):
    client = people.logged_in(officer())
    body = download(client, "/admin/forms-ext/registrations/?export=csv")
    assert body.startswith(BOM)
    heading, *lines = rows(body)
    assert heading[:5] == ["Име и фамилия", "Имейл", "Страница", "Състояние", "Регистриран на"]
    assert "Присъствал" in heading and "Език" in heading
    by_name = {line[0]: dict(zip(heading, line, strict=True)) for line in lines}
    assert "Присъствал" in heading
    assert by_name["Мария Петрова"]["Присъствал"] == "Да" and by_name["Иван Иванов"]["Присъствал"] == "Не"
    assert by_name["Мария Петрова"]["Регистриран на"] == "2026-07-15 14:05"
    assert by_name["Мария Петрова"]["Състояние"] == "Потвърдена"
    assert by_name["Мария Петрова"]["Език"] == "Български"
    assert by_name["Мария Петрова"]["Страница"] == registrations.title


# E-mails --------------------------------------------------------------------------------------
def test_the_staff_notification_is_in_sofia_time_and_says_no_submission_date(home):
    english_officer = officer("en", username="english_officer")
    with time_machine.travel(SENT, tick=False):
        index = factories.ConsultationIndexPageFactory(parent=home)
        page = factories.ConsultationPageFactory(
            parent=index, fields=FIELDS, notify_to=f"officer@example.org, {english_officer.email}"
        )
        mail.outbox.clear()
        response = post_form(Client(), page, ANSWERS)
    assert response.status_code == 200
    (bulgarian,) = mailbox.to("officer@example.org")
    assert bulgarian.subject == f"{page.title}: 15.07.2026 14:05"
    assert "Изпратено на: 15.07.2026 14:05" in bulgarian.body
    assert "Искам отговор: Не" in bulgarian.body and "Съгласен съм: Да" in bulgarian.body
    assert "Submission date" not in bulgarian.body and "11:05" not in bulgarian.body
    assert "Получено е ново изпращане" in bulgarian.body
    (english,) = mailbox.to(english_officer.email)
    assert english.subject == f"{page.title}: 15/07/2026 14:05"
    assert "Sent at: 15/07/2026 14:05" in english.body and "A new submission was sent" in english.body
    assert ": No" in english.body and ": Yes" in english.body


@pytest.fixture
def event(home):
    with time_machine.travel(SENT, tick=False):
        index = factories.EventIndexPageFactory(parent=home)
        # 07:00 UTC on 25 July is 10:00 in Sofia.
        start = datetime.datetime(2026, 7, 25, 7, 0, tzinfo=UTC)
        page = factories.EventPageFactory(parent=index, start=start, end=start + datetime.timedelta(hours=3))
        factories.translate(page, title="Round table on civic participation")
    return page


def register(page, email):
    with time_machine.travel(SENT, tick=False):
        return post_form(Client(), page, {"ime": "Гражданин", "imeyl": email, "saglasen_sam": "on"})


def test_a_bulgarian_registrant_gets_bulgarian_emails_in_sofia_time(event):
    mail.outbox.clear()
    assert register(event, "ana@example.org").status_code == 200
    (message,) = mailbox.to("ana@example.org")
    assert message.subject.startswith("Потвърдете регистрацията си")
    assert "10:00" in message.body and "07:00" not in message.body
    assert "юли 2026" in message.body
    assert "Confirm" not in message.body and "registered" not in message.body


def test_an_english_registrant_gets_english_emails_in_sofia_time(event):
    english = event.get_translation(factories.locale("en"))
    mail.outbox.clear()
    assert register(english, "john@example.org").status_code == 200
    (message,) = mailbox.to("john@example.org")
    assert message.subject.startswith("Confirm your registration")
    assert "Round table on civic participation" in message.subject
    assert "10:00" in message.body and "07:00" not in message.body
    assert "July 2026" in message.body
    assert "Потвърдете" not in message.body


def test_a_section_heading_is_no_column_of_the_list_the_csv_or_the_staff_email(home):
    """A heading groups the fields a citizen fills in; it is not something they answered."""
    index = factories.ConsultationIndexPageFactory(parent=home)
    page = factories.ConsultationPageFactory(
        parent=index, fields=[("section", "Вашето предложение", False), *FIELDS], notify_to="officer@example.org"
    )
    mail.outbox.clear()
    assert post_form(Client(), page, ANSWERS).status_code == 200
    client = people.logged_in(officer())
    listing = client.get(f"/admin/forms/submissions/{page.pk}/").content.decode()
    assert "Съобщение" in listing and "Вашето предложение" not in listing
    heading, line = rows(download(client, f"/admin/forms/submissions/{page.pk}/?export=csv"))
    assert "Вашето предложение" not in heading and len(heading) == len(line)
    assert dict(zip(heading, line, strict=True))["Съобщение"] == "Още пейки."
    (email,) = mailbox.to("officer@example.org")
    assert "Съобщение: Още пейки." in email.body and "Вашето предложение" not in email.body
