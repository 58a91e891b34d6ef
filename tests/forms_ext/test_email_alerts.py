"""A citizen subscribes to alerts without an account, confirms by email, hears about a
new consultation once, in their language, and unsubscribes with one click."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from forms_ext import gdpr
from forms_ext.models import Subscription
from forms_ext.spam import issue_token
from pages.models import ConsultationIndexPage, ConsultationPage, NewsIndexPage, NewsPage, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def without_the_demo_subscribers(demo):
    """These journeys count every message sent: the demo's own subscribers would get
    alerts too (and one shares an address used here)."""
    Subscription.objects.all().delete()


def subscribe(client, path="/alerts/", **fields):
    data = {
        "email": "ivan@example.org",
        "kinds": ["consultations"],
        "consent": "on",
        "form_token": issue_token(issued_at=timezone.now().timestamp() - 60),
        **fields,
    }
    return client.post(path, data)


def link_in(message, part):
    return re.search(rf"https?://\S+/{part}/\S+/", message.body).group(0).split("://", 1)[1].split("/", 1)[1]


def publish_consultation(title, slug, topics=()):
    index = ConsultationIndexPage.objects.get(locale__language_code="bg")
    opens = timezone.now() + datetime.timedelta(days=1)
    page = ConsultationPage(
        title=title, slug=slug, summary="Кратко резюме.", opens_at=opens, closes_at=opens + datetime.timedelta(days=30)
    )
    page.topics = list(topics)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def confirmed_subscriber(client, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        assert subscribe(client, **fields).status_code == 200
    confirmation = mail.outbox[-1]
    client.post("/" + link_in(confirmation, "alerts/confirm"))
    mail.outbox.clear()
    return Subscription.objects.get(email=fields.get("email", "ivan@example.org"))


def test_subscribe_confirm_alert_and_one_click_unsubscribe(demo, django_capture_on_commit_callbacks):
    citizen = Client()
    assert "Известия по имейл" in citizen.get("/").content.decode()  # linked from every footer
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(citizen)
    assert "Проверете пощата си" in response.content.decode()
    (confirmation,) = mail.outbox
    assert confirmation.to == ["ivan@example.org"] and confirmation.subject == "Потвърдете известията по имейл"
    subscription = Subscription.objects.get(email="ivan@example.org")
    assert subscription.confirmed_at is None

    # Nothing is sent before the address is confirmed; a link scanner's GET confirms nothing.
    confirm_path = "/" + link_in(confirmation, "alerts/confirm")
    assert citizen.get(confirm_path).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_consultation("Проект на Наредба за шума", "naredba-shum")
    assert mail.outbox == []

    assert "включени" in citizen.post(confirm_path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_consultation("Проект на Наредба за зелените площи", "naredba-zeleni-ploshti")
    (alert,) = mail.outbox
    assert alert.subject == "Нова обществена консултация: Проект на Наредба за зелените площи"
    assert page.full_url in alert.body
    unsubscribe_url = alert.extra_headers["List-Unsubscribe"].strip("<>")
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in alert.body

    # A new revision of the same page, or its translation, announces nothing again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Проект на Наредба за зелените площи (допълнен)"
        page.save_revision().publish()
    assert mail.outbox == []

    # The mail program's one-click unsubscribe: a POST without a CSRF token (RFC 8058).
    one_click = Client(enforce_csrf_checks=True)
    response = one_click.post(unsubscribe_url.split("localhost", 1)[1], {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(email="ivan@example.org").exists()
    with django_capture_on_commit_callbacks(execute=True):
        publish_consultation("Проект на Наредба за детските площадки", "naredba-ploshtadki")
    assert mail.outbox == []


def test_alerts_follow_the_chosen_kinds_topics_and_language(demo, django_capture_on_commit_callbacks):
    chitalishta = Topic.objects.get(locale__language_code="bg", slug="chitalishta")
    confirmed_subscriber(
        Client(),
        django_capture_on_commit_callbacks,
        email="topic@example.org",
        topics=[str(chitalishta.translation_key)],
    )
    confirmed_subscriber(Client(), django_capture_on_commit_callbacks, email="events@example.org", kinds=["events"])
    english = Client()
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(english, path="/en/alerts/", email="reader@example.org", kinds=["consultations", "news"])
    english.post("/" + link_in(mail.outbox[-1], "alerts/confirm"))
    assert mail.outbox[-1].subject == "Confirm your email alerts"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        publish_consultation("Проект на Наредба за читалищата", "naredba-chitalishta", topics=[chitalishta])
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"topic@example.org", "reader@example.org"}
    assert by_address["reader@example.org"].subject.startswith("New public consultation: ")
    assert "/en/" in by_address["reader@example.org"].extra_headers["List-Unsubscribe"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_consultation("Проект на Наредба за пазарите", "naredba-pazari")  # no topic chosen by "topic@"
    assert [message.to[0] for message in mail.outbox] == ["reader@example.org"]

    mail.outbox.clear()
    news_index = NewsIndexPage.objects.get(locale__language_code="bg")
    with django_capture_on_commit_callbacks(execute=True):
        news = NewsPage(
            title="Започна кампанията", slug="zapochna-kampaniyata", summary="Новина.", date=timezone.localdate()
        )
        news_index.add_child(instance=news)
        news.save_revision().publish()
    assert [message.to[0] for message in mail.outbox] == ["reader@example.org"]
    assert mail.outbox[0].subject == "News: Започна кампанията"


def test_bad_input_is_explained_and_stores_nothing(demo):
    response = subscribe(Client(), email="not-an-email", kinds=[], consent="")
    html = response.content.decode()
    assert response.status_code == 400 and "error-summary" in html
    assert "Изберете поне един вид известие." in html and "Нужно е съгласието ви" in html
    assert not Subscription.objects.exists()


def test_subscribers_data_is_exported_erased_and_unconfirmed_ones_expire(demo, django_capture_on_commit_callbacks):
    confirmed_subscriber(Client(), django_capture_on_commit_callbacks)
    exported = gdpr.export_personal_data("Ivan@Example.org")
    assert exported["email_alerts"][0]["alerts_about"] == ["consultations"]
    gdpr.erase_personal_data("ivan@example.org")
    assert not Subscription.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        subscribe(Client(), email="late@example.org")
    Subscription.objects.filter(email="late@example.org").update(created_at=timezone.now() - datetime.timedelta(days=8))
    assert gdpr.purge_expired()["unconfirmed_alerts"] == 1
    assert not Subscription.objects.exists()


def test_someone_who_knows_an_address_cannot_change_its_alerts(client, django_capture_on_commit_callbacks):
    subscriber = confirmed_subscriber(client, django_capture_on_commit_callbacks, kinds=["consultations"])
    # Someone else resubmits the address with other choices.
    with django_capture_on_commit_callbacks(execute=True):
        assert subscribe(Client(), kinds=["events", "news"]).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.kinds == ["consultations"] and subscriber.confirmed_at is not None  # unchanged until confirmed
    (confirmation,) = mail.outbox
    change_link = "/" + link_in(confirmation, "alerts/confirm")
    assert "Новини и доклади" in Client().get(change_link).content.decode()  # the owner sees what is asked
    with django_capture_on_commit_callbacks(execute=True):
        publish_consultation("Консултация за паркирането", "parkirane")
    alerts = [m for m in mail.outbox if m is not confirmation]
    assert [m.to for m in alerts] == [["ivan@example.org"]]  # still the confirmed choice
    Client().post(change_link)
    subscriber.refresh_from_db()
    assert subscriber.kinds == ["events", "news"] and subscriber.pending_token is None


def test_the_pages_behind_an_alerts_link_are_never_cached(client, django_capture_on_commit_callbacks, settings):
    settings.PAGE_CACHE_ENABLED = True
    subscriber = confirmed_subscriber(client, django_capture_on_commit_callbacks)
    for path in (f"/alerts/confirm/{subscriber.token}/", f"/alerts/unsubscribe/{subscriber.token}/"):
        first, second = Client().get(path), Client().get(path)
        assert "X-Page-Cache" not in second and "no-cache" in second["Cache-Control"], path
        assert "ivan@example.org" in first.content.decode() or first.status_code == 200
    Client().post(f"/alerts/unsubscribe/{subscriber.token}/")
    assert Client().get(f"/alerts/unsubscribe/{subscriber.token}/").status_code == 404  # not a stale copy
