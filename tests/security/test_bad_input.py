"""Bad input gets a clear answer and changes nothing, never a server error: the inputs
that once made one, their neighbours, and a fuzz over every public address and every
field type of a citizens' form (on PostgreSQL, which refuses what SQLite lets through)."""

import string

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms_ext.fields import FIELD_TYPE_CHOICES
from forms_ext.models import CivicSubmission, Registration, Subscription
from tests.support import factories
from tests.support.forms import form_token, post_form

pytestmark = pytest.mark.django_db

LONG_EMAIL = "a" * 250 + "@example.org"  # 262 characters: valid for the RFC's 320, too long to store


@pytest.fixture
def every_field_page(home):
    """A form with one field of every type officers can choose."""
    fields = []
    for field_type, _label in FIELD_TYPE_CHOICES:
        choices = ["Едно", "Друго"] if field_type in ("checkboxes", "dropdown", "multiselect", "radio") else []
        fields.append((field_type, f"Поле {field_type}", False, *([choices] if choices else [])))
    return factories.FeedbackPageFactory(parent=home, fields=fields)


@pytest.fixture
def event(home):
    return factories.EventPageFactory(parent=factories.EventIndexPageFactory(parent=home))


def test_an_email_too_long_to_store_is_refused_with_a_message(every_field_page, event):
    response = post_form(Client(), every_field_page, {"pole_email": LONG_EMAIL, "pole_consent": "on"})
    assert response.status_code == 200 and "error" in response.content.decode()
    assert not CivicSubmission.objects.filter(page=every_field_page).exists()
    response = post_form(Client(), event, {"ime": "А", "imeyl": LONG_EMAIL, "saglasen_sam": "on"})
    assert response.status_code == 200 and not Registration.objects.filter(page_id=event.pk).exists()
    response = Client().post(
        "/alerts/", {"email": LONG_EMAIL, "kinds": ["news"], "consent": "on", "form_token": form_token()}
    )
    assert response.status_code == 400 and not Subscription.objects.filter(email=LONG_EMAIL).exists()


BAD_ADDRESSES = [
    "/alerts/confirm/abc%00def12345/",
    "/alerts/unsubscribe/%00%00%00%00%00%00%00%00/",
    "/registrations/cancel/%00forged-token/",
    "/registrations/confirm/x%00yyyyyyyyyyyyyy/",
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?offset=1234567890123456789012345",
    "/api/v2/pages/?limit=99999999999999999999999999",
    "/api/v2/pages/?search=a&search_operator=xor",
    "/api/v2/pages/?type=pages.EventPage&start=abc",
    "/api/v2/pages/?type=pages.EventPage&end=2026-13-45",
    "/api/v2/pages/?type=pages.ConsultationPage&opens_at=yesterday",
    "/api/v2/pages/?type=nonexistent.Model",
    "/api/v2/pages/find/?html_path=%00",
    "/api/v2/images/?offset=99999999999999999999999",
    "/search/?q=%22",
    "/search/?q=%22%22%22%28%29*%5E",
    "/search/?q=%00",
    "/search/?page=99999999999999999999999&q=съвет",
    "/open-data/events.exe",
    "/open-data/%00.csv",
    "/calendar/event-99999999999999999999.ics",
]


@pytest.mark.parametrize("address", BAD_ADDRESSES)
def test_a_bad_address_is_answered_without_a_server_error(home, address):
    response = Client(raise_request_exception=False).get(address)
    assert response.status_code < 500, address


def test_a_form_declaring_a_character_set_that_does_not_fit_is_refused(every_field_page):
    client = Client(raise_request_exception=False)
    for charset in ("utf-16", "no-such-charset", "utf-32"):
        response = client.generic(
            "POST",
            every_field_page.url,
            "pole_singleline=abc&pole_consent=on",
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
        )
        assert response.status_code == 400, charset
    assert not CivicSubmission.objects.filter(page=every_field_page).exists()


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)
VALUES = st.one_of(
    TEXT,
    st.sampled_from(["", "\x00", "0" * 40, "-1", "1e999", "NaN", "2026-02-30", "9999-12-31T25:61", LONG_EMAIL, "a@b"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.dictionaries(st.sampled_from([f"pole_{t}" for t, _ in FIELD_TYPE_CHOICES]), st.lists(VALUES, max_size=3))
)
def test_no_answer_to_any_field_type_makes_a_server_error(every_field_page, answers):
    client = Client(raise_request_exception=False)
    data = {name: values for name, values in answers.items()}
    response = client.post(every_field_page.url, {**data, "form_token": form_token()})
    assert response.status_code < 500


def public_addresses(home):
    return [
        "/",
        "/en/",
        "/search/",
        "/en/search/",
        "/open-data/",
        "/open-data/catalog.json",
        "/open-data/events.csv",
        "/calendar/events.ics",
        "/feeds/news/rss/",
        "/feeds/events/atom/",
        "/alerts/",
        "/en/alerts/",
        "/api/v2/pages/",
        "/api/v2/pages/find/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/sitemap.xml",
        "/registrations/cancel/",
        "/registrations/confirm/",
        "/alerts/confirm/",
        "/alerts/unsubscribe/",
        "/calendar/event-",
        "/open-data/",
        home.url,
    ]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    which=st.integers(min_value=0, max_value=22),
    tail=st.text(alphabet=string.ascii_letters + string.digits + "-_.:%~", max_size=40),
    query=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "q",
                    "page",
                    "offset",
                    "limit",
                    "type",
                    "search",
                    "fields",
                    "order",
                    "locale",
                    "year",
                    "topic",
                    "status",
                    "kind",
                    "country",
                    "format",
                    "html_path",
                    "search_operator",
                    "start",
                    "child_of",
                ]
            ),
            TEXT,
        ),
        max_size=4,
    ),
)
def test_no_public_address_makes_a_server_error(home, which, tail, query):
    from urllib.parse import urlencode

    address = public_addresses(home)[which] + tail
    if query:
        address += "?" + urlencode(query)
    response = Client(raise_request_exception=False).get(address)
    assert response.status_code < 500, address
