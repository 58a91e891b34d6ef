"""The site's WSGI application answers a cached hit before Django's handler, and what it
sends is what Django would have sent: the host checked, HTTPS enforced, every stored
header, a CSRF cookie (Django's own) for a new visitor, each visitor's own form token,
gzip, and Django for everything it does not know to be a plain hit."""

import gzip
import re
from http.cookies import SimpleCookie

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from forms_ext.models import CivicSubmission
from sliven_site.wsgi import application
from tests.support import factories
from tests.support.forms import form_token

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


class Answer:
    def __init__(self, status, headers, body, through_django):
        self.status_code = int(status.split()[0])
        self.header_list = headers
        self.headers = {name.lower(): value for name, value in headers}
        self.content = body
        self.through_django = through_django
        self.cookies = SimpleCookie()
        for name, value in headers:
            if name.lower() == "set-cookie":
                self.cookies.load(value)

    def __getitem__(self, name):
        return self.headers[name.lower()]

    def __contains__(self, name):
        return name.lower() in self.headers

    def text(self):
        return self.content.decode()


def wsgi_get(path, cookies=None, secure=False, **headers):
    """GET `path` through the site's WSGI application, as gunicorn calls it."""
    environ = RequestFactory().get(path, secure=secure, headers=headers).environ
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    started = []

    def seen(**kwargs):
        started.append(True)

    request_started.connect(seen)
    # As Django's test client does: the test's own database connection stays open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    answered = {}

    def start_response(status, response_headers, exc_info=None):
        answered.update(status=status, headers=response_headers)

    try:
        # The site's application, with Django's handler made afresh: its middleware reads
        # the settings a test changed (gunicorn's is made once, with the settings of the site).
        result = type(application)(WSGIHandler())(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    finally:
        request_started.disconnect(seen)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(answered["status"], answered["headers"], body, through_django=bool(started))


def answers(csrf):
    return {
        "ime": "Мария",
        "saobshtenie": "Благодаря.",
        "saglasen_sam": "on",
        "form_token": form_token(),
        "csrfmiddlewaretoken": csrf,
    }


def warm(url, **extra):
    assert Client().get(url, **extra)["X-Page-Cache"] == "miss"


@pytest.fixture
def form_page(home):
    return factories.FeedbackPageFactory(parent=home)


def public_pages(home):
    news = factories.NewsPageFactory(parent=factories.NewsIndexPageFactory(parent=home))
    event = factories.EventPageFactory(parent=factories.EventIndexPageFactory(parent=home))
    return {
        "home": home.url,
        "news": news.url,
        "news index": news.get_parent().url,
        "event with its registration form": event.url,
        "feedback form": factories.FeedbackPageFactory(parent=home).url,
        "English home": factories.translate(factories.FeedbackPageFactory(parent=home)).url,
    }


def test_every_kind_of_public_page_is_answered_before_django_with_what_django_sends(home):
    for kind, url in public_pages(home).items():
        warm(url)
        through_django = Client().get(url)
        before = wsgi_get(url)
        assert not before.through_django and before.status_code == 200, kind
        assert before["X-Page-Cache"] == "hit"
        for name, value in through_django.items():
            if name not in ("Set-Cookie", "Content-Length"):
                assert before[name] == value, (kind, name)
        assert CSRF.sub("", TOKEN.sub("", before.text())) == CSRF.sub(
            "", TOKEN.sub("", through_django.content.decode())
        )
        assert int(before["Content-Length"]) == len(before.content)


def test_a_miss_a_session_and_a_conditional_request_go_to_django(form_page, settings):
    first = wsgi_get(form_page.url)
    assert first.through_django and first["X-Page-Cache"] == "miss"
    assert not wsgi_get(form_page.url).through_django
    with_session = wsgi_get(form_page.url, cookies={settings.SESSION_COOKIE_NAME: "abc"})
    assert with_session.through_django and "X-Page-Cache" not in with_session


def test_a_reader_polling_with_an_etag_gets_djangos_304(home):
    news = factories.NewsPageFactory(parent=factories.NewsIndexPageFactory(parent=home))
    warm(news.url)
    etag = wsgi_get(news.url)["ETag"]
    again = wsgi_get(news.url, **{"If-None-Match": etag})
    assert again.through_django and again.status_code == 304 and again.content == b""


def test_a_host_the_site_does_not_serve_is_refused(form_page, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    warm(form_page.url)
    refused = wsgi_get(form_page.url, Host="attacker.example")
    assert refused.status_code == 400 and "X-Page-Cache" not in refused


def test_a_host_let_through_once_lets_no_other_through_and_a_host_taken_off_is_refused(form_page, settings):
    settings.ALLOWED_HOSTS = ["testserver", "sliven.example"]
    warm(form_page.url)
    assert not wsgi_get(form_page.url).through_django  # the worker now knows this host
    refused = wsgi_get(form_page.url, Host="attacker.example")
    assert refused.status_code == 400 and "X-Page-Cache" not in refused
    settings.ALLOWED_HOSTS = ["sliven.example"]  # the site stops serving the first host
    assert wsgi_get(form_page.url).status_code == 400


def test_plain_http_is_redirected_and_an_https_copy_carries_hsts(form_page, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    warm(form_page.url, secure=True)
    secure = wsgi_get(form_page.url, secure=True)
    assert not secure.through_django and secure["Strict-Transport-Security"].startswith("max-age=31536000")
    plain = wsgi_get(form_page.url)
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


def test_a_new_visitor_gets_djangos_csrf_cookie_and_their_own_form_token_and_can_send(form_page):
    warm(form_page.url)
    one, other = wsgi_get(form_page.url), wsgi_get(form_page.url)
    assert not one.through_django and "csrftoken" in one.cookies
    assert one.cookies["csrftoken"]["samesite"] == "Lax" and one.cookies["csrftoken"]["path"] == "/"
    assert one.cookies["csrftoken"].value != other.cookies["csrftoken"].value
    assert TOKEN.search(one.text()).group(1) != TOKEN.search(other.text()).group(1)
    visitor = Client(enforce_csrf_checks=True)
    visitor.cookies["csrftoken"] = one.cookies["csrftoken"].value
    sent = visitor.post(form_page.url, answers(csrf=CSRF.search(one.text()).group(1)))
    assert sent.status_code == 200 and CivicSubmission.objects.filter(page=form_page).count() == 1


def test_a_returning_visitor_keeps_their_csrf_cookie(form_page):
    warm(form_page.url)
    cookie = wsgi_get(form_page.url).cookies["csrftoken"].value
    again = wsgi_get(form_page.url, cookies={"csrftoken": cookie})
    assert not again.through_django
    assert "csrftoken" not in again.cookies or again.cookies["csrftoken"].value == cookie  # Django renews it
    visitor = Client(enforce_csrf_checks=True)
    visitor.cookies["csrftoken"] = cookie
    sent = visitor.post(form_page.url, answers(csrf=CSRF.search(again.text()).group(1)))
    assert sent.status_code == 200


def test_gzip_for_a_client_that_takes_it(home):
    news = factories.NewsPageFactory(parent=factories.NewsIndexPageFactory(parent=home))
    warm(news.url)
    plain = wsgi_get(news.url)
    compressed = wsgi_get(news.url, **{"Accept-Encoding": "gzip, br"})
    assert not compressed.through_django and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert compressed["ETag"] != plain["ETag"] and "Accept-Encoding" in compressed["Vary"]
    refused = wsgi_get(news.url, **{"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused


def test_a_client_asking_for_another_type_is_answered_by_django(home):
    news = factories.NewsPageFactory(parent=factories.NewsIndexPageFactory(parent=home))
    warm(news.url)
    answer = wsgi_get(news.url, Accept="application/json")
    assert answer.through_django and "X-Page-Cache" not in answer


def test_a_registration_is_seen_by_the_next_visitor_before_django(home):
    from forms_ext.models import Registration

    event = factories.EventPageFactory(parent=factories.EventIndexPageFactory(parent=home), capacity=5)
    warm(event.url)
    assert "Остават 5 места." in wsgi_get(event.url).text()
    Client().post(event.url, {"ime": "А", "imeyl": "a@example.org", "saglasen_sam": "on", "form_token": form_token()})
    assert Registration.objects.filter(page_id=event.pk).count() == 1
    assert "Остават 4 места." in wsgi_get(event.url).text()


def test_the_cache_unreachable_means_django_answers(form_page, monkeypatch):
    from civic_core.cache import store

    warm(form_page.url)

    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(store, "generation_and_version", unreachable)
    monkeypatch.setattr("civic_core.cache.middleware.generation_and_version", unreachable)
    answer = wsgi_get(form_page.url)
    assert answer.status_code == 200 and answer.through_django
