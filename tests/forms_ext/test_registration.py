"""Registration: a place is held until the person confirms it from their email, one
registration per person, a waiting list that every freed place goes to, cancellation by
signed link, attendance."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from forms_ext import registration
from forms_ext.models import CivicSubmission, Registration
from tests.support import factories, mailbox, people
from tests.support.forms import post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(home):
    index = factories.EventIndexPageFactory(parent=home)
    return factories.EventPageFactory(parent=index, capacity=2)


def answers(email, name="Гражданин"):
    return {"ime": name, "imeyl": email, "saglasen_sam": "on"}


def register(page, email, **extra):
    return post_form(Client(), page, answers(email, **extra))


def confirm(email):
    message = next(m for m in mailbox.to(email) if "/registrations/confirm/" in m.body)
    client = Client()
    link = mailbox.link(message, "/registrations/confirm/")
    assert client.get(link).status_code == 200
    return client.post(link)


def status_of(page, email):
    return Registration.objects.filter(page_id=page.pk, email=email).values_list("status", flat=True).get()


def statuses(page):
    return list(Registration.objects.filter(page_id=page.pk).order_by("pk").values_list("status", flat=True))


def test_a_place_is_held_until_the_person_confirms_it_from_their_email(event):
    response = register(event, "ana@example.org")
    assert response.status_code == 200
    assert "Потвърдете го до 120 минути" in response.content.decode()
    assert status_of(event, "ana@example.org") == "pending"
    (message,) = mailbox.to("ana@example.org")
    assert message.subject.startswith("Потвърдете регистрацията си")
    confirm_link = mailbox.link(message, "/registrations/confirm/")
    # A mail scanner following the link changes nothing; the person's POST confirms.
    Client().get(confirm_link)
    assert status_of(event, "ana@example.org") == "pending"
    assert "е потвърдено" in Client().post(confirm_link).content.decode()
    assert status_of(event, "ana@example.org") == "confirmed"
    confirmed = mailbox.to("ana@example.org")[-1]
    assert confirmed.attachments[0][0].endswith(".ics") and "/registrations/cancel/" in confirmed.body


def test_a_held_place_counts_against_capacity_until_its_hold_lapses(event):
    register(event, "a@example.org")
    register(event, "b@example.org")
    register(event, "c@example.org")
    assert statuses(event) == ["pending", "pending", "waiting"]
    assert registration.counts(event)["places_left"] == 0
    with time_machine.travel(timezone.now() + registration.hold_period() + datetime.timedelta(minutes=1)):
        # Read: the lapsed holds no longer count.
        assert registration.counts(event)["places_left"] == 2
        # The next write marks them lapsed; the newcomer gets a held place.
        register(event, "d@example.org")
        assert statuses(event) == ["expired", "expired", "expired", "pending"]


def test_a_late_confirmation_takes_a_free_place_or_joins_the_waiting_list(event):
    register(event, "late@example.org")
    with time_machine.travel(timezone.now() + registration.hold_period() + datetime.timedelta(minutes=1)):
        confirm("late@example.org")
        assert status_of(event, "late@example.org") == "confirmed"  # a place was still free


def test_the_emails_carry_no_text_the_registrant_typed(event):
    register(event, "victim@example.org", name="Click http://evil.example/win NOW")
    confirm("victim@example.org")
    for message in mailbox.to("victim@example.org"):
        assert "evil.example" not in message.body and "Click" not in message.body + message.subject
        assert not message.body.startswith("Уважаем")


def test_a_name_with_a_line_break_is_refused_with_a_message(event):
    response = register(event, "x@example.org", name="Мария\nBcc: spam@example.org")
    assert response.status_code == 200
    assert "един ред" in response.content.decode()
    assert not Registration.objects.filter(page_id=event.pk).exists()


def test_one_person_holds_one_registration_per_event(event):
    register(event, "ivan@example.org", name="Иван")
    confirm("ivan@example.org")
    # The same address again, in another case and with another name.
    response = register(event, "IVAN@example.org", name="Иван Иванов")
    assert "вече има потвърдено място" in response.content.decode()
    assert statuses(event) == ["confirmed"]
    assert CivicSubmission.objects.filter(page_id=event.pk).count() == 1  # the second was not stored


def test_someone_who_cancelled_may_register_again(event):
    register(event, "maria@example.org")
    confirm("maria@example.org")
    registration.cancel(Registration.objects.get(email="maria@example.org"))
    register(event, "maria@example.org")
    assert statuses(event) == ["cancelled", "pending"]


def fill_with_a_waiting_list(event):
    """Two confirmed places and one person waiting; the outbox emptied."""
    for email in ("first@example.org", "second@example.org", "third@example.org"):
        register(event, email)
        confirm(email)
    assert statuses(event) == ["confirmed", "confirmed", "waiting"]
    first = Registration.objects.get(email="first@example.org")
    cancel_link = mailbox.link(mailbox.to("first@example.org")[-1], "/registrations/cancel/")
    mail.outbox.clear()
    return first, cancel_link


def promoted():
    """The person waiting got the place, and one email saying so, with the calendar file."""
    messages = [m for m in mail.outbox if m.to == ["third@example.org"]]
    return (
        Registration.objects.get(email="third@example.org").status == "confirmed"
        and len(messages) == 1
        and bool(messages[0].attachments)
    )


def test_cancelling_by_the_signed_link_promotes_the_first_person_waiting(event):
    _first, cancel_link = fill_with_a_waiting_list(event)
    citizen = Client()
    assert "Да, отменете регистрацията ми" in citizen.get(cancel_link).content.decode()
    assert statuses(event)[0] == "confirmed"  # a GET (e.g. a mail scanner) changes nothing
    assert "е отменена" in citizen.post(cancel_link).content.decode()
    assert promoted()
    citizen.post(cancel_link)  # a second click changes nothing
    assert statuses(event) == ["cancelled", "confirmed", "confirmed"]


def test_an_officer_deleting_a_confirmed_registration_promotes_the_first_waiting(event):
    first, _link = fill_with_a_waiting_list(event)
    officer = people.logged_in(people.in_role("officer"))
    response = officer.post(f"/admin/forms-ext/registrations/delete/{first.pk}/")
    assert response.status_code == 302
    assert promoted()


def test_an_officer_changing_a_status_promotes_the_first_waiting(event):
    first, _link = fill_with_a_waiting_list(event)
    officer = people.logged_in(people.in_role("officer"))
    response = officer.post(f"/admin/forms-ext/registrations/edit/{first.pk}/", {"status": "cancelled"})
    assert response.status_code == 302
    assert promoted()


def test_erasing_a_person_promotes_the_first_waiting(event):
    from forms_ext import gdpr

    fill_with_a_waiting_list(event)
    gdpr.erase_personal_data("first@example.org")
    assert promoted()


def test_every_freed_place_shows_at_once_on_the_cached_page(event, settings):
    settings.PAGE_CACHE_ENABLED = True
    first, _link = fill_with_a_waiting_list(event)
    Client().get(event.url)  # cached
    registration.remove([first])
    html = Client().get(event.url).content.decode()
    assert "Всички места са заети" in html  # the waiting person took the place, nothing is free


def test_a_forged_or_wrong_link_is_refused(event):
    register(event, "a@example.org")
    entry = Registration.objects.get()
    from forms_ext.tokens import registration_token

    assert Client().post("/registrations/cancel/forged-token-123/").status_code == 404
    # A cancellation link does not confirm, nor a confirmation link cancel.
    assert Client().post(f"/registrations/confirm/{registration_token(entry, 'cancel')}/").status_code == 404
    assert Client().post(f"/registrations/cancel/{registration_token(entry, 'confirm')}/").status_code == 404
    assert statuses(event) == ["pending"]


def test_a_closed_registration_refuses_and_stores_nothing(home):
    index = factories.EventIndexPageFactory(parent=home)
    page = factories.EventPageFactory(parent=index, registration_opens=timezone.now() + datetime.timedelta(days=1))
    response = register(page, "a@example.org")
    assert response.status_code == 409 and statuses(page) == []


def test_an_officer_marks_attendance_in_the_admin_and_the_count_follows(event):
    register(event, "a@example.org", name="Гражданин 1")
    confirm("a@example.org")
    entry = Registration.objects.get()
    officer = people.logged_in(people.in_role("officer"))
    assert "Гражданин 1" in officer.get("/admin/forms-ext/registrations/").content.decode()
    response = officer.post(
        f"/admin/forms-ext/registrations/edit/{entry.pk}/", {"status": "confirmed", "attended": "on"}
    )
    assert response.status_code == 302
    assert registration.counts(event)["attended"] == 1


def test_unlimited_capacity_holds_a_place_for_everyone(home):
    index = factories.EventIndexPageFactory(parent=home)
    page = factories.EventPageFactory(parent=index, capacity=None)
    for n in range(3):
        register(page, f"p{n}@example.org")
    assert statuses(page) == ["pending"] * 3


def test_a_waiting_person_who_confirms_when_a_place_is_free_gets_one_email_not_two(event):
    register(event, "first@example.org")
    register(event, "second@example.org")
    register(event, "third@example.org")  # capacity 2: waits, not confirmed yet
    confirm("first@example.org")
    assert status_of(event, "third@example.org") == "waiting"
    registration.cancel(Registration.objects.get(page_id=event.pk, email="second@example.org"))
    # The freed place waits for a confirmed email: the third person confirms now.
    before = len(mailbox.to("third@example.org"))
    confirm("third@example.org")
    assert status_of(event, "third@example.org") == "confirmed"
    assert len(mailbox.to("third@example.org")) == before + 1
