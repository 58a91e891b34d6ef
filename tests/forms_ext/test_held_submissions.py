"""Suspected spam is held with everything the citizen sent, released through the same
steps as any submission, covered by GDPR requests, and cannot be used to fill the disk;
a form's token is good for one submission from one visitor."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from forms_ext import gdpr
from forms_ext.fields import private_storage
from forms_ext.models import CivicSubmission, HeldSubmission, Registration
from tests.support import factories, people
from tests.support.forms import form_token, post_form

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% a citizen's evidence\n"
FIELDS = [
    ("email", "Имейл", False),
    ("comment", "Коментар", True),
    ("file", "Доказателство", False),
    ("consent", "Съгласен съм", True),
]


@pytest.fixture
def page(home):
    return factories.FeedbackPageFactory(
        parent=home, fields=FIELDS, publish_comments=True, notify_to="officer@example.org"
    )


def answers(**extra):
    return {
        "imeyl": "Citizen@Example.org",
        "komentar": "Пейките в парка са счупени.",
        "saglasen_sam": "on",
        "dokazatelstvo": SimpleUploadedFile("snimka.pdf", PDF, content_type="application/pdf"),
        **extra,
    }


def send_as_robot(page):
    """A submission whose honeypot is filled: held, not stored."""
    return post_form(Client(), page, answers(website="http://spam.example"))


def test_a_held_submission_keeps_everything_the_citizen_sent(page):
    response = send_as_robot(page)
    assert response.status_code == 200 and "преглед" in response.content.decode()
    held = HeldSubmission.objects.get(page=page)
    assert held.contact_email == "citizen@example.org"
    assert held.form_data["komentar"] == "Пейките в парка са счупени."
    stored = held.files["dokazatelstvo"]
    assert private_storage().open(stored).read() == PDF
    assert not CivicSubmission.objects.filter(page=page).exists() and not mail.outbox


def test_releasing_runs_what_an_accepted_submission_runs(page):
    send_as_robot(page)
    held = HeldSubmission.objects.get(page=page)
    officer = people.logged_in(people.in_role("officer"))
    response = officer.post(f"/admin/forms-ext/held/{held.pk}/release/")
    assert response.status_code == 302
    submission = CivicSubmission.objects.get(page=page)
    assert submission.contact_email == "citizen@example.org"
    assert submission.moderation_status == CivicSubmission.Moderation.PENDING  # into the moderation queue
    assert submission.comment == "Пейките в парка са счупени."
    download = officer.get(f"/admin/forms-ext/submissions/{submission.pk}/file/dokazatelstvo/")
    assert b"".join(download.streaming_content) == PDF
    # The officers are told, and the citizen gets the receipt (forms_ext.receipts).
    assert [message.to for message in mail.outbox] == [["officer@example.org"], ["citizen@example.org"]]
    assert submission.reference and submission.reference in mail.outbox[1].body
    assert not HeldSubmission.objects.filter(pk=held.pk).exists()


def test_a_released_registration_takes_its_place_in_the_queue(home):
    events = factories.EventIndexPageFactory(parent=home)
    event = factories.EventPageFactory(parent=events)
    post_form(Client(), event, {"ime": "Гражданин", "imeyl": "late@example.org", "saglasen_sam": "on", "website": "x"})
    held = HeldSubmission.objects.get(page=event)
    people.logged_in(people.in_role("moderator")).post(f"/admin/forms-ext/held/{held.pk}/release/")
    entry = Registration.objects.get(page_id=event.pk)
    assert entry.email == "late@example.org" and entry.status == "pending"
    assert any(
        "/registrations/confirm/" in message.body for message in mail.outbox if message.to == ["late@example.org"]
    )


def test_a_persons_data_request_covers_held_submissions(page, django_capture_on_commit_callbacks):
    send_as_robot(page)
    held = HeldSubmission.objects.get(page=page)
    stored = held.files["dokazatelstvo"]
    exported = gdpr.export_personal_data("citizen@example.org")
    assert [row["answers"]["komentar"] for row in exported["held_submissions"]] == ["Пейките в парка са счупени."]
    with django_capture_on_commit_callbacks(execute=True):
        gdpr.erase_personal_data("citizen@example.org")
        assert private_storage().exists(stored)  # files go once the erasure is committed
    assert not HeldSubmission.objects.filter(pk=held.pk).exists()
    assert not private_storage().exists(stored)


def test_over_the_rate_limit_a_client_keeps_one_held_row_per_window(page, settings):
    settings.FORMS_RATE_LIMIT = 2
    codes = [
        post_form(Client(), page, answers(komentar=f"Съобщение {n}", dokazatelstvo="")).status_code for n in range(30)
    ]
    assert codes[:2] == [200, 200] and set(codes[2:]) == {429}
    assert CivicSubmission.objects.filter(page=page).count() == 2
    (held,) = HeldSubmission.objects.filter(page=page)
    assert held.attempts == 28  # counted, not stored


def token_in(html):
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def test_a_form_token_is_good_for_one_submission(page):
    token = form_token()
    first = post_form(Client(), page, answers(), token=token)
    assert "Благодарим" in first.content.decode()
    replay = post_form(Client(), page, answers(komentar="Друг текст със същия жетон"), token=token)
    assert "вече е изпратен" in replay.content.decode()
    assert CivicSubmission.objects.filter(page=page).count() == 1
    assert token_in(replay.content.decode()) != token  # the form shown again can be sent


def test_two_visitors_of_one_cached_page_get_tokens_of_their_own(page, settings):
    settings.PAGE_CACHE_ENABLED = True
    visitors = [Client(), Client()]
    pages = [visitor.get(page.url) for visitor in visitors]
    assert pages[1]["X-Page-Cache"] == "hit"  # the second visitor was served the cached copy
    tokens = [token_in(response.content.decode()) for response in pages]
    assert tokens[0] != tokens[1]
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):  # time to fill the form
        for visitor, response, token, text in zip(visitors, pages, tokens, ("Първи", "Втори"), strict=True):
            csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
            sent = visitor.post(
                page.url, {**answers(komentar=text, dokazatelstvo=""), "form_token": token, "csrfmiddlewaretoken": csrf}
            )
            assert "Благодарим" in sent.content.decode()
        # The first visitor's token does not serve a third submission.
        again = post_form(Client(), page, answers(komentar="Трети"), token=tokens[0])
        assert "вече е изпратен" in again.content.decode()
    assert sorted(CivicSubmission.objects.filter(page=page).values_list("comment", flat=True)) == ["Втори", "Първи"]
