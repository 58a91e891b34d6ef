"""Registration with a waiting list, cancellation by signed link and attendance."""

import pytest
from django.core import mail
from django.test import Client

from forms_ext import registration
from forms_ext.models import Registration
from forms_ext.tokens import registration_token
from tests.support.forms import post_form, registration_data

pytestmark = pytest.mark.django_db


def register(client, page, n):
    return post_form(client, page, registration_data(n))


def statuses(page):
    return list(Registration.objects.filter(page_id=page.pk).order_by("pk").values_list("status", flat=True))


def cancel_link(message):
    return next(line for line in message.body.splitlines() if "/registrations/cancel/" in line).split("testserver", 1)[
        -1
    ]


def test_places_are_confirmed_until_full_then_the_waiting_list_starts(client, event_page):
    for n in range(3):
        response = register(client, event_page, n)
        assert response.status_code == 200
    assert statuses(event_page) == ["confirmed", "confirmed", "waiting"]
    assert "списъка на чакащите" in response.content.decode()


def test_the_confirmation_email_carries_the_calendar_file_and_a_cancel_link(client, event_page):
    register(client, event_page, 1)
    message = mail.outbox[-1]
    assert message.to == ["citizen1@example.org"]
    assert message.subject.startswith("Потвърдена регистрация")
    assert message.attachments[0][0].endswith(".ics") and message.attachments[0][2] == "text/calendar"
    assert "/registrations/cancel/" in message.body


def test_cancelling_by_the_signed_link_promotes_the_first_person_waiting(client, event_page):
    for n in range(4):
        register(client, event_page, n)
    first = Registration.objects.get(email="citizen0@example.org")
    mail.outbox.clear()
    link = "/registrations/cancel/" + registration_token(first) + "/"
    citizen = Client()
    assert "Да, отменете регистрацията ми" in citizen.get(link).content.decode()
    assert Registration.objects.get(pk=first.pk).status == "confirmed"  # a GET (e.g. a mail scanner) changes nothing
    response = citizen.post(link)
    assert "е отменена" in response.content.decode()
    assert statuses(event_page) == ["cancelled", "confirmed", "confirmed", "waiting"]
    promoted = Registration.objects.get(email="citizen2@example.org")
    assert promoted.status == "confirmed"
    assert [m.to for m in mail.outbox] == [["citizen2@example.org"]] and mail.outbox[0].attachments
    citizen.post(link)  # a second click changes nothing
    assert statuses(event_page) == ["cancelled", "confirmed", "confirmed", "waiting"]


def test_a_forged_cancellation_link_is_refused(client, event_page):
    register(client, event_page, 1)
    response = client.post("/registrations/cancel/forged-token/")
    assert response.status_code == 404
    assert statuses(event_page) == ["confirmed"]


def test_a_closed_registration_refuses_and_stores_nothing(client, event_page):
    event_page.registration_is_open = False
    event_page.save_revision().publish()
    response = register(client, event_page, 1)
    assert response.status_code == 409 and statuses(event_page) == []


def test_an_officer_marks_attendance_in_the_admin_and_the_count_follows(client, admin_client_logged_in, event_page):
    register(client, event_page, 1)
    entry = Registration.objects.get()
    listing = admin_client_logged_in.get("/admin/forms-ext/registrations/")
    assert "Гражданин 1" in listing.content.decode()
    response = admin_client_logged_in.post(f"/admin/forms-ext/registrations/edit/{entry.pk}/", {"attended": "on"})
    assert response.status_code == 302
    assert registration.counts(event_page)["attended"] == 1


def test_unlimited_capacity_confirms_everyone(client, demo):
    from tests.support.forms import make_registration_page

    page = make_registration_page(demo.home, capacity=None, slug="otvoreno")
    for n in range(3):
        register(client, page, n)
    assert statuses(page) == ["confirmed"] * 3
