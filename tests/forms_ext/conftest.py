import time

import pytest

from forms_ext.spam import issue_token
from pages.models import CivicMonitoringPage, FeedbackPage

VALID_FEEDBACK = {
    "otsenka_na_uslugata": "4",
    "saobshtenie": "Услугата беше бърза.",
    "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
}


def form_token(seconds_ago=60):
    return issue_token(issued_at=time.time() - seconds_ago)


def post_form(client, page, data, seconds_ago=60, **extra):
    """POST to a form page as a citizen who opened the form `seconds_ago`."""
    payload = {"form_token": form_token(seconds_ago), **data}
    return client.post(page.url, payload, **extra)


@pytest.fixture
def feedback_page(demo):
    page = FeedbackPage.objects.get(locale__language_code="bg")
    # The demo's topic field needs the content family's Topic snippet; not here.
    page.form_fields.filter(field_type="topic").delete()
    return page


@pytest.fixture
def monitoring_page(demo):
    return CivicMonitoringPage.objects.get(locale__language_code="bg")
