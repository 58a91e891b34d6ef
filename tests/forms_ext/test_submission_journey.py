"""A citizen sends feedback through plain HTTP and an officer finds it in Wagtail's
Forms admin and its CSV export: one list for every language."""

import pytest
from django.core import mail
from wagtail.models import Locale, ReferenceIndex

from forms_ext.models import CivicSubmission
from tests.support.forms import VALID_FEEDBACK, make_registration_page, post_form, registration_data

pytestmark = pytest.mark.django_db


def test_a_citizen_sees_the_form_with_privacy_notice_and_no_inline_script(
    client, feedback_page, django_assert_max_num_queries
):
    # Most of these are the shared page chrome (breadcrumb, menu, language links).
    with django_assert_max_num_queries(44):
        response = client.get(feedback_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="privacy-notice"' in html
    assert 'name="form_token"' in html and 'name="website"' in html
    assert "<script>" not in html and " style=" not in html
    assert "Оценка на услугата" in html


def test_a_citizen_sends_feedback_and_sees_the_thank_you_page(client, feedback_page):
    before = CivicSubmission.objects.count()
    response = post_form(client, feedback_page, VALID_FEEDBACK)
    assert response.status_code == 200
    assert "Благодарим" in response.content.decode()
    submission = CivicSubmission.objects.latest("pk")
    assert CivicSubmission.objects.count() == before + 1
    assert submission.page_id == feedback_page.pk
    assert submission.form_data["otsenka_na_uslugata"] == 4
    assert submission.language == "bg"
    assert len(submission.ip_hash) == 64 and "127.0.0.1" not in str(submission.__dict__)
    assert "form_token" not in submission.form_data and "website" not in submission.form_data


def test_the_submission_shows_in_the_forms_admin_and_its_csv_export(client, admin_client_logged_in, feedback_page):
    post_form(client, feedback_page, {**VALID_FEEDBACK, "saobshtenie": "Уникално съобщение за износ"})
    listing = admin_client_logged_in.get(f"/admin/forms/submissions/{feedback_page.pk}/")
    assert "Уникално съобщение за износ" in listing.content.decode()
    export = admin_client_logged_in.get(f"/admin/forms/submissions/{feedback_page.pk}/?export=csv")
    body = b"".join(export.streaming_content).decode("utf-8") if export.streaming else export.content.decode()
    assert "Уникално съобщение за износ" in body
    assert "Съобщение" in body.splitlines()[0]


def test_officers_are_notified_by_email(client, feedback_page):
    feedback_page.notify_to = "officer@example.org"
    feedback_page.save_revision().publish()
    post_form(client, feedback_page, VALID_FEEDBACK)
    assert [message.to for message in mail.outbox] == [["officer@example.org"]]
    assert "Услугата беше бърза." in mail.outbox[0].body


def test_a_submission_in_english_notifies_the_addresses_on_the_bulgarian_page(client, feedback_page):
    from wagtail_localize.fields import get_translatable_fields

    assert "notify_to" not in [
        f.field_name for f in get_translatable_fields(type(feedback_page)) if f.is_translated(feedback_page)
    ]
    feedback_page.notify_to = "officer@example.org"
    feedback_page.save_revision().publish()  # the English page is not re-synchronised yet
    english = feedback_page.get_translation(Locale.objects.get(language_code="en"))
    assert english.notify_to == ""
    response = post_form(client, english, {**VALID_FEEDBACK, "saobshtenie": "Sent from the English page."})
    assert response.status_code == 200
    assert [message.to for message in mail.outbox] == [["officer@example.org"]]


def test_section_headings_group_the_following_fields_and_consent_links_the_notice(client, feedback_page):
    html = client.get(feedback_page.url).content.decode()
    section = html.split('<legend class="h4">Контакт (по желание)</legend>')[1].split("</fieldset>")[0]
    assert 'name="imeyl"' in section
    assert 'href="#privacy-notice"' in html


def test_the_demo_has_feedback_and_monitoring_forms_with_submissions(feedback_page, monitoring_page):
    assert feedback_page.get_submissions().count() >= 3
    assert monitoring_page.get_submissions().count() >= 2
    assert {"rating", "topic", "consent", "email"} <= set(
        feedback_page.form_fields.values_list("field_type", flat=True)
    )
    assert "file" in set(monitoring_page.form_fields.values_list("field_type", flat=True))


def test_a_formula_typed_by_a_citizen_is_exported_as_plain_text(client, admin_client_logged_in, feedback_page):
    post_form(client, feedback_page, {**VALID_FEEDBACK, "saobshtenie": '=HYPERLINK("http://evil.example","Кликни")'})
    for export_format in ("csv", "xlsx"):
        export = admin_client_logged_in.get(f"/admin/forms/submissions/{feedback_page.pk}/?export={export_format}")
        body = b"".join(export.streaming_content) if export.streaming else export.content
        if export_format == "csv":
            text = body.decode("utf-8")
            assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and '"=HYPERLINK' not in text
        else:
            import io

            from openpyxl import load_workbook

            cells = [cell for row in load_workbook(io.BytesIO(body)).active.iter_rows() for cell in row]
            formula_cells = [cell for cell in cells if str(cell.value).startswith("=HYPERLINK")]
            assert formula_cells and all(cell.data_type == "s" for cell in formula_cells)


def test_citizens_submissions_are_not_uses_of_the_form_page(client, admin_client_logged_in, feedback_page):
    post_form(client, feedback_page, VALID_FEEDBACK)
    feedback = CivicSubmission.objects.latest("pk")
    event = make_registration_page(feedback_page.get_parent(), capacity=5)
    assert post_form(client, event, registration_data(1)).status_code == 200

    usage = admin_client_logged_in.get(f"/admin/pages/{feedback_page.pk}/usage/")
    assert usage.status_code == 200
    assert str(feedback) not in usage.content.decode()
    # Nor are they indexed at all: no submission, held submission or registration
    # stands in the reference index for any page.
    assert not ReferenceIndex.objects.filter(base_content_type__app_label="forms_ext").exists()
