"""Retention, and a person's rights of access and erasure by email address."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from forms_ext.models import CivicSubmission, Registration
from tests.support.forms import VALID_FEEDBACK, confirm_registration, post_form, registration_data

pytestmark = pytest.mark.django_db


def age(queryset, days):
    queryset.update(submit_time=timezone.now() - datetime.timedelta(days=days))


def test_purge_deletes_only_submissions_past_retention_and_is_safe_to_repeat(client, feedback_page):
    feedback_page.retention_days = 30
    feedback_page.save_revision().publish()
    post_form(client, feedback_page, {**VALID_FEEDBACK, "saobshtenie": "стара"})
    post_form(client, feedback_page, {**VALID_FEEDBACK, "saobshtenie": "нова"})
    age(CivicSubmission.objects.filter(form_data__saobshtenie="стара"), 31)
    out = StringIO()
    call_command("purge_submissions", stdout=out)
    assert "Purged 1 submission(s)" in out.getvalue() and "0 unconfirmed alert subscription(s)" in out.getvalue()
    remaining = set(CivicSubmission.objects.filter(page=feedback_page).values_list("form_data__saobshtenie", flat=True))
    assert "нова" in remaining and "стара" not in remaining
    snapshot = CivicSubmission.objects.count()
    call_command("purge_submissions", stdout=StringIO())
    assert CivicSubmission.objects.count() == snapshot


def test_purge_anonymises_registrations_but_keeps_the_attendance_count(client, event_page):
    post_form(client, event_page, registration_data(1))
    Registration.objects.update(attended=True)
    age(CivicSubmission.objects.filter(page=event_page), 400)
    call_command("purge_submissions", stdout=StringIO())
    entry = Registration.objects.get(page_id=event_page.pk)
    assert entry.email == "" and "Гражданин" not in entry.name and entry.attended


def test_a_place_nobody_confirmed_is_deleted_within_a_day_even_if_nobody_registers_after(client, event_page):
    from django.core import mail

    for n in (1, 2, 3):  # capacity 2: the third waits
        post_form(client, event_page, registration_data(n))
    confirm_registration("citizen1@example.org")
    confirm_registration("citizen3@example.org")
    assert Registration.objects.get(email="citizen3@example.org").status == "waiting"
    # citizen2 never confirms; nobody else comes to the event's page afterwards.
    Registration.objects.filter(email="citizen2@example.org").update(
        registered_at=timezone.now() - datetime.timedelta(days=2),
        hold_until=timezone.now() - datetime.timedelta(days=2),
    )
    mail.outbox.clear()
    call_command("purge_submissions", stdout=StringIO())
    assert not Registration.objects.filter(email="citizen2@example.org").exists()
    assert not CivicSubmission.objects.filter(contact_email="citizen2@example.org").exists()
    # The place it held went to the first person waiting, who is told.
    assert Registration.objects.get(email="citizen3@example.org").status == "confirmed"
    assert [message.to for message in mail.outbox] == [["citizen3@example.org"]]


def test_staff_export_and_erase_everything_one_person_sent(client, admin_client_logged_in, feedback_page, event_page):
    post_form(client, feedback_page, {**VALID_FEEDBACK, "imeyl": "Ana@Example.org"})
    post_form(client, event_page, registration_data(7) | {"imeyl": "ana@example.org"})
    post_form(client, event_page, registration_data(8))
    post_form(client, event_page, registration_data(9))  # waiting: capacity is 2
    for email in ("ana@example.org", "citizen8@example.org", "citizen9@example.org"):
        confirm_registration(email)
    assert Registration.objects.get(email="citizen9@example.org").status == "waiting"

    export = admin_client_logged_in.post(
        "/admin/forms-ext/personal-data/", {"email": "ana@example.org", "action": "export"}
    )
    data = json.loads(export.content)
    assert len(data["submissions"]) == 2 and len(data["registrations"]) == 1

    refused = admin_client_logged_in.post(
        "/admin/forms-ext/personal-data/", {"email": "ana@example.org", "action": "erase"}
    )
    assert refused.status_code == 200 and CivicSubmission.objects.filter(contact_email="ana@example.org").exists()

    admin_client_logged_in.post(
        "/admin/forms-ext/personal-data/", {"email": "ana@example.org", "action": "erase", "confirm": "on"}
    )
    assert not CivicSubmission.objects.filter(contact_email="ana@example.org").exists()
    assert not Registration.objects.filter(email="ana@example.org").exists()
    # Her freed place went to the person waiting.
    assert Registration.objects.get(email="citizen9@example.org").status == "confirmed"


def test_citizens_cannot_reach_personal_data_tools(client):
    response = client.get("/admin/forms-ext/personal-data/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_anonymous_feedback_needs_no_contact_data(client, feedback_page):
    post_form(client, feedback_page, {**VALID_FEEDBACK, "saobshtenie": "анонимно"})
    submission = CivicSubmission.objects.get(form_data__saobshtenie="анонимно")
    assert submission.contact_email == ""
