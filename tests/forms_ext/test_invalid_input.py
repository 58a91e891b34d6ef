"""Every bad submission gets a clear message in the page's language, stores nothing
and never a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from forms_ext.models import CivicSubmission, HeldSubmission
from tests.support.forms import VALID_FEEDBACK, post_form

pytestmark = pytest.mark.django_db

MONITORING = {
    "usluga_ili_angazhiment": "Ремонт на улица",
    "kakvo_se_sluchi": "Не е завършен",
    "koga": "2020-05-01",
    "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def stored():
    return CivicSubmission.objects.count()


def main_text(response):
    return response.content.decode()


def test_missing_required_fields_are_listed_in_an_error_summary_linking_to_them(client, feedback_page):
    before = stored()
    response = post_form(client, feedback_page, {"saobshtenie": ""})
    html = main_text(response)
    assert response.status_code == 200
    assert stored() == before
    assert "Има проблем с изпратеното" in html
    assert 'href="#id_saobshtenie"' in html
    assert 'href="#id_otsenka_na_uslugata_0"' in html
    assert "Моля, потвърдете, че сте прочели" in html
    assert "<title>Грешка:" in html
    assert 'aria-describedby="' in html


def test_a_wrong_type_is_refused(client, feedback_page):
    before = stored()
    response = post_form(client, feedback_page, {**VALID_FEEDBACK, "otsenka_na_uslugata": "10"})
    assert response.status_code == 200 and stored() == before
    assert 'href="#id_otsenka_na_uslugata_0"' in main_text(response)


def test_the_english_page_speaks_english(client, feedback_page):
    english = feedback_page.get_translation(feedback_page.get_translations().get(locale__language_code="en").locale)
    response = post_form(client, english, {"saobshtenie": ""})
    assert "There is a problem with your submission" in main_text(response)


def test_an_evidence_file_is_stored_privately_and_served_to_staff_only(client, admin_client_logged_in, monitoring_page):
    upload = SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf")
    response = post_form(client, monitoring_page, {**MONITORING, "dokazatelstvo": upload})
    assert response.status_code == 200
    submission = CivicSubmission.objects.get(page=monitoring_page, form_data__koga="2020-05-01")
    link = submission.get_data()["dokazatelstvo"]
    path = link.removeprefix("http://testserver")
    assert path.startswith("/admin/")
    assert Client().get(path).status_code == 302  # citizens are sent to the login page
    download = admin_client_logged_in.get(path)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


@override_settings(FORMS_MAX_UPLOAD_BYTES=1024)
def test_an_oversized_file_is_refused(client, monitoring_page):
    before = stored()
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    response = post_form(client, monitoring_page, {**MONITORING, "dokazatelstvo": upload})
    assert stored() == before
    assert "Файлът е твърде голям" in main_text(response)


def test_a_file_is_judged_by_its_content_not_its_name(client, monitoring_page):
    before = stored()
    upload = SimpleUploadedFile("photo.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    response = post_form(client, monitoring_page, {**MONITORING, "dokazatelstvo": upload})
    assert stored() == before
    assert "Този вид файл не се приема" in main_text(response)


def test_badly_encoded_bytes_do_not_break_the_form(client, feedback_page):
    before = stored()
    response = client.post(
        feedback_page.url,
        b"saobshtenie=%FF%FE%00&otsenka_na_uslugata=%C3%28",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200 and stored() == before


def test_a_forged_csrf_token_is_refused(feedback_page):
    strict = Client(enforce_csrf_checks=True)
    before = stored()
    response = post_form(strict, feedback_page, {**VALID_FEEDBACK, "csrfmiddlewaretoken": "forged"})
    assert response.status_code == 403 and stored() == before


def test_a_filled_honeypot_is_held_aside_for_review(client, feedback_page):
    before = stored()
    response = post_form(client, feedback_page, {**VALID_FEEDBACK, "website": "http://spam.example"})
    assert stored() == before
    assert "задържано за преглед" in main_text(response)
    held = HeldSubmission.objects.get()
    assert held.reason == "honeypot" and held.form_data["saobshtenie"] == "Услугата беше бърза."


def test_a_form_sent_too_fast_asks_to_send_again(client, feedback_page):
    before = stored()
    response = post_form(client, feedback_page, VALID_FEEDBACK, seconds_ago=0)
    assert response.status_code == 400 and stored() == before
    assert "много бързо" in main_text(response)


def test_a_forged_or_missing_timestamp_is_refused(client, feedback_page):
    before = stored()
    response = client.post(feedback_page.url, {**VALID_FEEDBACK, "form_token": "1700000000:forged"})
    assert stored() == before
    assert "Формулярът е изтекъл или е бил променен" in main_text(response)


@override_settings(FORMS_RATE_LIMIT=2)
def test_a_client_over_the_rate_limit_is_held_aside(client, feedback_page):
    for n in range(2):
        post_form(client, feedback_page, {**VALID_FEEDBACK, "saobshtenie": f"съобщение {n}"})
    before = stored()
    response = post_form(client, feedback_page, {**VALID_FEEDBACK, "saobshtenie": "третото"})
    assert response.status_code == 429 and stored() == before
    assert HeldSubmission.objects.get().reason == "rate_limit"


def test_the_same_submission_twice_is_stored_once(client, feedback_page):
    post_form(client, feedback_page, VALID_FEEDBACK)
    before = stored()
    response = post_form(client, feedback_page, VALID_FEEDBACK)
    assert stored() == before
    assert "точно същото изпращане" in main_text(response)


def test_a_closed_form_hides_and_refuses(client, feedback_page, monkeypatch):
    from pages.models import FeedbackPage

    monkeypatch.setattr(FeedbackPage, "accepts_submissions", lambda self: False)
    assert 'name="form_token"' not in main_text(client.get(feedback_page.url))
    before = stored()
    response = post_form(client, feedback_page, VALID_FEEDBACK)
    assert response.status_code == 409 and stored() == before
    assert "не приема изпращания. Нищо не е записано." in main_text(response)


field_names = st.sampled_from(
    [
        "otsenka_na_uslugata",
        "saobshtenie",
        "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni",
        "imeyl",
        "form_token",
        "x",
    ]
)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.dictionaries(field_names, st.text(max_size=300), max_size=6))
def test_fuzzed_posts_never_fail_and_store_only_valid_input(client, feedback_page, payload):
    before = stored()
    response = client.post(feedback_page.url, payload)
    assert response.status_code < 500
    # Without a valid signed timestamp nothing can be accepted.
    assert stored() == before


def test_held_spam_keeps_dates_and_other_typed_answers(client, monitoring_page):
    response = post_form(client, monitoring_page, {**MONITORING, "website": "bot"})
    assert response.status_code == 200
    assert HeldSubmission.objects.get().form_data["koga"] == "2020-05-01"
