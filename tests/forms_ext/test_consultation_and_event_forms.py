"""The forms where they matter most: citizens send proposals on an open consultation and
register for an upcoming event, in Bulgarian and in English; closed consultations and
full events answer clearly; officers build these forms in the page editor."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from forms_ext.models import CivicSubmission, Registration
from pages.models import ConsultationPage, EventPage
from tests.pages.test_content_page_types import edit_form_data
from tests.support.forms import confirm_registration, post_form

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "tekst_ot_proekta_chlen_alineya": "чл. 7",
    "predlozhenie": "Съветът да може да кани експерти на заседанията си.",
    "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
}
REGISTRATION = {
    "ime_i_familia": "Петя Иванова",
    "imeyl": "petya@example.org",
    "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
}


@pytest.fixture
def consultation(demo):
    page = ConsultationPage.objects.get(locale__language_code="bg", slug="pravilnik-obshtestveni-saveti-kvartali")
    assert page.is_open
    return page


@pytest.fixture
def event(demo):
    page = EventPage.objects.get(locale__language_code="bg", slug="kragla-masa-obshtestveni-saveti")
    assert page.registration_is_open
    return page


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en"))


def test_a_citizen_sends_a_proposal_on_the_open_consultation(consultation):
    citizen = Client()
    html = citizen.get(consultation.url).content.decode()
    assert "Изпратете предложение или коментар" in html and "Предложение" in html
    response = post_form(citizen, consultation, PROPOSAL)
    assert response.status_code == 200 and "Благодарим" in response.content.decode()
    stored = CivicSubmission.objects.get(page=consultation, form_data__predlozhenie=PROPOSAL["predlozhenie"])
    assert stored.language == "bg" and stored.form_data["tekst_ot_proekta_chlen_alineya"] == "чл. 7"


def test_a_proposal_from_the_english_page_lands_in_the_same_list(consultation):
    citizen = Client()
    page = english(consultation)
    assert page.url.startswith("/en/")
    assert "Send a proposal or comment" in citizen.get(page.url).content.decode()
    post_form(citizen, page, {**PROPOSAL, "predlozhenie": "Publish the councils' minutes online."})
    stored = CivicSubmission.objects.get(
        page=consultation, form_data__predlozhenie="Publish the councils' minutes online."
    )
    assert stored.language == "en"


def test_a_closed_consultation_shows_no_form_and_refuses_a_proposal(consultation):
    ConsultationPage.objects.filter(pk=consultation.pk).update(closes_at=timezone.now() - datetime.timedelta(hours=1))
    citizen = Client()
    html = citizen.get(consultation.url).content.decode()
    assert 'name="predlozhenie"' not in html and "Срокът за предложения изтече" in html
    before = CivicSubmission.objects.count()
    response = post_form(citizen, consultation, PROPOSAL)
    assert response.status_code == 409
    assert "не приема" in response.content.decode() and "Нищо не е записано" in response.content.decode()
    assert CivicSubmission.objects.count() == before


def test_a_cached_consultation_page_shows_its_form_closed_at_the_closing_time(consultation):
    closes = timezone.now() + datetime.timedelta(minutes=2)
    ConsultationPage.objects.filter(pk=consultation.pk).update(closes_at=closes)
    citizen = Client()
    for _ in range(2):
        response = citizen.get(consultation.url)
        assert 'name="predlozhenie"' in response.content.decode()
    assert response["X-Page-Cache"] == "hit"
    with time_machine.travel(closes + datetime.timedelta(seconds=1)):
        html = citizen.get(consultation.url).content.decode()
        assert 'name="predlozhenie"' not in html and "Срокът за предложения изтече" in html


def test_a_consultation_closing_next_month_stays_cached_like_any_page(consultation):
    assert consultation.closes_at > timezone.now() + datetime.timedelta(days=7)
    citizen = Client()
    citizen.get(consultation.url)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        assert citizen.get(consultation.url)["X-Page-Cache"] == "hit"


def test_an_invalid_proposal_is_explained_and_not_stored(consultation):
    before = CivicSubmission.objects.count()
    response = post_form(Client(), consultation, {**PROPOSAL, "predlozhenie": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "error-summary" in html and 'href="#id_predlozhenie"' in html
    assert CivicSubmission.objects.count() == before


def test_a_published_comment_shows_at_once_on_the_cached_page_in_both_languages(consultation, admin_client_logged_in):
    citizen = Client()
    for page in (consultation, english(consultation)):
        citizen.get(page.url)
        assert citizen.get(page.url)["X-Page-Cache"] == "hit"
    post_form(citizen, consultation, {**PROPOSAL, "komentar_za_publikuvane": "Да има и онлайн заседания."})
    submission = CivicSubmission.objects.get(comment="Да има и онлайн заседания.")
    assert submission.moderation_status == "pending"
    assert "Да има и онлайн заседания." not in citizen.get(consultation.url).content.decode()
    response = admin_client_logged_in.post(
        f"/admin/forms-ext/moderation/edit/{submission.pk}/",
        {"moderation_status": "approved", "display_name": "", "reply": ""},
    )
    assert response.status_code == 302
    for page in (consultation, english(consultation)):
        assert "Да има и онлайн заседания." in citizen.get(page.url).content.decode()


def test_a_citizen_registers_for_the_upcoming_event_and_gets_the_confirmation(event):
    citizen = Client()
    html = citizen.get(event.url).content.decode()
    assert "Регистрирайте се" in html and "Остават 30 места." in html
    response = post_form(citizen, event, REGISTRATION)
    assert response.status_code == 200
    entry = Registration.objects.get(page_id=event.pk, email="petya@example.org")
    assert entry.status == "pending" and entry.name == "Петя Иванова"
    assert "Остават 29 места." in Client().get(event.url).content.decode()  # the place is held for her
    confirm_registration("petya@example.org")
    assert Registration.objects.get(pk=entry.pk).status == "confirmed"
    assert mail.outbox[-1].to == ["petya@example.org"] and mail.outbox[-1].attachments


def test_when_the_event_is_full_the_page_says_so_and_people_join_the_waiting_list(event):
    EventPage.objects.filter(pk=event.pk).update(capacity=1)
    post_form(Client(), event, REGISTRATION)
    html = Client().get(event.url).content.decode()
    assert "Всички места са заети" in html
    post_form(Client(), event, {**REGISTRATION, "imeyl": "second@example.org"})
    assert Registration.objects.get(email="second@example.org").status == "waiting"


def test_registration_from_english_takes_a_place_of_the_same_event(event):
    page = english(event)
    for _ in range(2):  # both languages' pages are in the cache
        assert "30 places left." in Client().get(page.url).content.decode()
        assert "Остават 30 места." in Client().get(event.url).content.decode()
    post_form(Client(), page, {**REGISTRATION, "imeyl": "visitor@example.org"})
    entry = Registration.objects.get(email="visitor@example.org")
    assert entry.page_id == event.pk and entry.language == "en"
    # Both are rendered afresh at once, twice over (the pages' addresses are kept too).
    for n in (29, 28):
        assert f"{n} places left." in Client().get(page.url).content.decode()
        assert f"Остават {n} места." in Client().get(event.url).content.decode()
        if n == 29:
            post_form(Client(), event, {**REGISTRATION, "imeyl": "second@example.org"})


def test_the_event_page_tells_the_cache_to_keep_places_left_only_briefly(event):
    citizen = Client()
    response = citizen.get(event.url)
    assert "X-Page-Cache-Max-Age" not in response  # internal to the page cache
    post_form(citizen, event, REGISTRATION)
    # The cache may keep the count for a few seconds; the registration itself is exact.
    assert Registration.objects.filter(page_id=event.pk, status="pending").count() == 1


# The officer's side: building the form in the page editor ----------------------------


def consultation_form_data(parent_pk, fields, privacy_notice=""):
    opens = timezone.localtime() + datetime.timedelta(days=1)
    closes = opens + datetime.timedelta(days=30)
    return nested_form_data(
        {
            "title": "Проект на Наредба за паркирането",
            "slug": "naredba-parkirane",
            "summary": "Нови зони за паркиране.",
            "body": streamfield([]),
            "topics": [],
            "related_project": "",
            "contact": "",
            "opens_at": opens.strftime("%Y-%m-%d %H:%M"),
            "closes_at": closes.strftime("%Y-%m-%d %H:%M"),
            "shorter_period_reasons": "",
            "documents": inline_formset([]),
            "form_fields": inline_formset(fields),
            "thank_you_text": "",
            "notify_to": "",
            "publish_comments": False,
            "privacy_notice": privacy_notice,
            "lawful_basis": "public_task",
            "retention_days": 365,
            "outcome_date": "",
            "outcome_summary": rich_text(""),
            "proposals": inline_formset([]),
        }
    )


PROPOSAL_FIELDS = [
    {
        "label": "Предложение",
        "field_type": "multiline",
        "required": "on",
        "help_text": "",
        "choices": "",
        "default_value": "",
    },
    {
        "label": "Съгласие",
        "field_type": "consent",
        "required": "on",
        "help_text": "",
        "choices": "",
        "default_value": "",
    },
]


def add_url(parent):
    return f"/admin/pages/add/pages/consultationpage/{parent.pk}/"


def test_an_officer_adds_a_consultation_with_a_form_and_must_give_a_privacy_notice(
    consultation, admin_client_logged_in
):
    index = consultation.get_parent()
    response = admin_client_logged_in.post(add_url(index), consultation_form_data(index.pk, PROPOSAL_FIELDS))
    assert response.status_code == 200
    assert "нужна информация за защита на личните данни" in response.content.decode()
    assert not ConsultationPage.objects.filter(slug="naredba-parkirane").exists()

    data = consultation_form_data(index.pk, PROPOSAL_FIELDS, privacy_notice="Община Сливен обработва предложенията.")
    data["action-publish"] = "action-publish"
    response = admin_client_logged_in.post(add_url(index), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = ConsultationPage.objects.get(slug="naredba-parkirane", locale__language_code="bg")
    assert [field.clean_name for field in page.form_fields.all()] == ["predlozhenie", "saglasie"]
    assert page.status == "upcoming"
    html = Client().get(page.url).content.decode()
    assert 'name="predlozhenie"' not in html and "Можете да изпращате предложения тук от" in html


def test_a_consultation_without_form_fields_needs_no_privacy_notice_and_shows_no_form(
    consultation, admin_client_logged_in
):
    index = consultation.get_parent()
    data = consultation_form_data(index.pk, [])
    data["action-publish"] = "action-publish"
    assert admin_client_logged_in.post(add_url(index), data).status_code == 302
    page = ConsultationPage.objects.get(slug="naredba-parkirane", locale__language_code="bg")
    ConsultationPage.objects.filter(pk=page.pk).update(opens_at=timezone.now() - datetime.timedelta(days=1))
    citizen = Client()
    assert "civic-form" not in citizen.get(page.url).content.decode()
    before = CivicSubmission.objects.count()
    assert post_form(citizen, page, {"anything": "x"}).status_code == 409
    assert CivicSubmission.objects.count() == before


def test_an_event_registration_form_needs_an_email_field(event, admin_client_logged_in):
    index = event.get_parent()
    url = f"/admin/pages/add/pages/eventpage/{index.pk}/"
    name_only = [
        {"label": "Име", "field_type": "name", "required": "on", "help_text": "", "choices": "", "default_value": ""}
    ]
    data = edit_form_data(EventPage(title="Обучение за читалища", slug="obuchenie-chitalishta"))
    data |= nested_form_data({"form_fields": inline_formset(name_only)})
    data |= {"privacy_notice": "Пазим името до края на обучението.", "action-publish": "action-publish"}
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 200
    assert "поле от вида „Имейл“" in response.content.decode()
    assert not EventPage.objects.filter(slug="obuchenie-chitalishta").exists()

    optional_email = name_only + [
        {"label": "Имейл", "field_type": "email", "help_text": "", "choices": "", "default_value": ""}
    ]
    data |= nested_form_data({"form_fields": inline_formset(optional_email)})
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 200 and "поле от вида „Имейл“" in response.content.decode()
    assert not EventPage.objects.filter(slug="obuchenie-chitalishta").exists()

    with_email = name_only + [
        {"label": "Имейл", "field_type": "email", "required": "on", "help_text": "", "choices": "", "default_value": ""}
    ]
    data |= nested_form_data({"form_fields": inline_formset(with_email)})
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = EventPage.objects.get(slug="obuchenie-chitalishta", locale__language_code="bg")
    assert sorted(page.form_fields.values_list("field_type", flat=True)) == ["email", "name"]
