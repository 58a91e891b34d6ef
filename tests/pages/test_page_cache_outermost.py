"""The page cache answers above the whole stack, and a copy it serves is what the stack
would have sent: the host checked, HTTPS enforced, every security header, a CSRF cookie
for a new visitor, no copy for a visitor with a session or for a private page, and not
one database query."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from forms_ext.models import CivicSubmission, Registration
from tests.support import factories
from tests.support.forms import form_token

pytestmark = pytest.mark.django_db
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
    "Content-Language",
)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def form_page(home):
    return factories.FeedbackPageFactory(parent=home)


def warm(url, **extra):
    first = Client().get(url, **extra)
    second = Client().get(url, **extra)
    assert first.get("X-Page-Cache") == "miss" and second["X-Page-Cache"] == "hit", url
    return first, second


def test_a_hit_runs_no_query_and_carries_every_header_of_the_page(form_page, django_assert_num_queries):
    miss, _hit = warm(form_page.url)
    with django_assert_num_queries(0):
        hit = Client().get(form_page.url)
    assert hit["X-Page-Cache"] == "hit"
    for header in SECURITY_HEADERS:
        assert hit[header] == miss[header], header


def test_a_host_the_site_does_not_serve_is_refused_before_the_cache(form_page, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    warm(form_page.url)
    response = Client(raise_request_exception=False).get(form_page.url, HTTP_HOST="attacker.example")
    assert response.status_code == 400 and "X-Page-Cache" not in response


def test_plain_http_is_redirected_and_https_copies_carry_hsts(form_page, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    _miss, hit = warm(form_page.url, secure=True)
    assert hit["Strict-Transport-Security"].startswith("max-age=31536000")
    plain = Client().get(form_page.url)
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


def csrf_of(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def answers():
    return {"ime": "Мария", "saobshtenie": "Благодаря.", "saglasen_sam": "on", "form_token": form_token()}


def test_a_new_visitor_gets_a_csrf_cookie_with_the_cached_form_and_can_send_it(form_page):
    warm(form_page.url)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(form_page.url)
    assert page["X-Page-Cache"] == "hit" and "csrftoken" in page.cookies
    sent = visitor.post(form_page.url, {**answers(), "csrfmiddlewaretoken": csrf_of(page.content.decode())})
    assert sent.status_code == 200 and CivicSubmission.objects.filter(page=form_page).count() == 1


def test_a_form_sent_from_a_compressed_copy_is_accepted_with_the_tokens_it_carried(form_page, settings):
    import gzip

    settings.FORMS_MIN_FILL_SECONDS = 0  # the token it carried was issued a moment ago
    warm(form_page.url)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(form_page.url, HTTP_ACCEPT_ENCODING="gzip")
    assert page["X-Page-Cache"] == "hit" and page["Content-Encoding"] == "gzip" and "csrftoken" in page.cookies
    html = gzip.decompress(page.content).decode()
    carried = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    sent = visitor.post(form_page.url, {**answers(), "form_token": carried, "csrfmiddlewaretoken": csrf_of(html)})
    assert sent.status_code == 200 and CivicSubmission.objects.filter(page=form_page).count() == 1


def test_a_returning_visitor_keeps_their_csrf_cookie(form_page):
    visitor = Client(enforce_csrf_checks=True)
    cookie = visitor.get(form_page.url).cookies["csrftoken"].value  # the page is cached now
    again = visitor.get(form_page.url)
    assert again["X-Page-Cache"] == "hit"
    assert "csrftoken" not in again.cookies or again.cookies["csrftoken"].value == cookie
    sent = visitor.post(form_page.url, {**answers(), "csrfmiddlewaretoken": csrf_of(again.content.decode())})
    assert sent.status_code == 200 and CivicSubmission.objects.filter(page=form_page).count() == 1


def test_a_visitor_with_a_session_is_never_served_a_copy(form_page, django_user_model):
    warm(form_page.url)
    officer = Client()
    officer.force_login(django_user_model.objects.create_user("officer", "o@example.org", "pw"))
    assert "X-Page-Cache" not in officer.get(form_page.url)


def test_a_private_page_is_never_served_from_a_copy_in_either_language(home):
    page = factories.FeedbackPageFactory(parent=home, title="Вътрешна анкета")
    english = factories.translate(page, title="Internal survey")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="tayna")
    for url, secret in ((page.url, "Вътрешна анкета"), (english.url, "Internal survey")):
        for _ in range(2):
            response = Client().get(url)
            assert secret not in response.content.decode() and 'type="password"' in response.content.decode()


def test_an_event_page_is_copied_by_workers_and_still_counts_places_exactly(home):
    from civic_core.cache.store import worker_copies

    event = factories.EventPageFactory(parent=factories.EventIndexPageFactory(parent=home), capacity=5)
    warm(event.url)
    assert any(
        getattr(getattr(kept[0], "entry", None), "version_name", None) for kept in worker_copies._entries.values()
    )
    assert "Остават 5 места." in Client().get(event.url).content.decode()
    Client().post(event.url, {"ime": "А", "imeyl": "a@example.org", "saglasen_sam": "on", "form_token": form_token()})
    assert Registration.objects.filter(page_id=event.pk).count() == 1
    assert "Остават 4 места." in Client().get(event.url).content.decode()
