"""A translator translates a form: labels change, internal names do not, and answers
from / and /en/ land in one list with their language recorded."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from forms_ext.models import CivicSubmission
from tests.support.forms import VALID_FEEDBACK, post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_page(feedback_page):
    source, _created = TranslationSource.get_or_create_from_instance(feedback_page)
    source.create_or_update_translation(Locale.objects.get(language_code="en"), publish=True, fallback=True)
    english = feedback_page.get_translation(Locale.objects.get(language_code="en"))
    # What the translator types in wagtail-localize's editor ends up in the labels:
    english.form_fields.filter(clean_name="saobshtenie").update(label="Message")
    return english


def test_translated_fields_keep_their_internal_names(feedback_page, english_page):
    source_names = list(feedback_page.form_fields.order_by("sort_order").values_list("clean_name", flat=True))
    assert list(english_page.form_fields.order_by("sort_order").values_list("clean_name", flat=True)) == source_names
    assert None not in feedback_page.form_fields.values_list("sort_order", flat=True)  # the builder's order
    assert english_page.form_fields.get(clean_name="saobshtenie").label == "Message"


def test_answers_from_both_languages_land_in_one_list(client, feedback_page, english_page, admin_client_logged_in):
    page_html = client.get(english_page.url).content.decode()
    assert english_page.url.startswith("/en/") and "Message" in page_html
    post_form(client, feedback_page, {**VALID_FEEDBACK, "saobshtenie": "от българската страница"})
    post_form(client, english_page, {**VALID_FEEDBACK, "saobshtenie": "from the English page"})
    submissions = CivicSubmission.objects.filter(page=feedback_page, form_data__saobshtenie__startswith="from")
    assert submissions.get().language == "en"
    assert CivicSubmission.objects.filter(page=english_page).count() == 0
    listing = admin_client_logged_in.get(f"/admin/forms/submissions/{feedback_page.pk}/").content.decode()
    assert "from the English page" in listing and "от българската страница" in listing
    # The translation has no list of its own: Wagtail's Forms admin shows the source page's.
    assert admin_client_logged_in.get(f"/admin/forms/submissions/{english_page.pk}/").status_code in (302, 403)
