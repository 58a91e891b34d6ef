"""The spam defences against the Redis production runs on: a citizen's submission is
counted against the rate limit and its form token spent in one round trip, with the same
outcomes as with any other cache."""

import time

import pytest
from django.test import Client

from forms_ext.models import CivicSubmission, HeldSubmission
from tests.support import factories
from tests.support.forms import form_token, post_form
from tests.support.redis import needs_redis, redis_as_default_cache, redis_url

REDIS_URL = redis_url(11)
pytestmark = [pytest.mark.django_db, needs_redis(REDIS_URL)]
FIELDS = [("comment", "Коментар", True), ("consent", "Съгласен съм", True)]


@pytest.fixture(autouse=True)
def on_redis():
    with redis_as_default_cache(REDIS_URL):
        yield


@pytest.fixture
def page(home):
    return factories.FeedbackPageFactory(parent=home, fields=FIELDS)


def send(page, text, **extra):
    return post_form(Client(), page, {"komentar": text, "saglasen_sam": "on", **extra})


def test_a_form_token_is_spent_once(page):
    token = form_token()
    first = post_form(Client(), page, {"komentar": "Първо", "saglasen_sam": "on"}, token=token)
    assert "Благодарим" in first.content.decode()
    replay = post_form(Client(), page, {"komentar": "Пак със същия жетон", "saglasen_sam": "on"}, token=token)
    assert replay.status_code == 400 and "вече е изпратен" in replay.content.decode()
    assert list(CivicSubmission.objects.filter(page=page).values_list("form_data__komentar", flat=True)) == ["Първо"]


def test_over_the_limit_a_client_is_held_until_its_window_closes(page, settings):
    settings.FORMS_RATE_LIMIT = 2
    settings.FORMS_RATE_WINDOW_SECONDS = 1
    codes = [send(page, f"Съобщение {n}").status_code for n in range(5)]
    assert codes == [200, 200, 429, 429, 429]
    assert CivicSubmission.objects.filter(page=page).count() == 2
    assert HeldSubmission.objects.get(page=page).reason == HeldSubmission.Reason.RATE_LIMIT

    time.sleep(1.2)  # the window opened by the first submission has closed
    assert send(page, "След прозореца").status_code == 200
    assert CivicSubmission.objects.filter(page=page).count() == 3


def test_a_robot_filling_the_honeypot_does_not_use_up_a_citizens_limit(page, settings):
    settings.FORMS_RATE_LIMIT = 1
    assert send(page, "Спам", website="http://spam.example").status_code == 200
    assert HeldSubmission.objects.get(page=page).reason == HeldSubmission.Reason.HONEYPOT
    genuine = send(page, "Истинско съобщение")
    assert genuine.status_code == 200 and "Благодарим" in genuine.content.decode()


def test_with_redis_down_a_citizen_can_still_send(page, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    response = send(page, "Когато кешът не отговаря")
    assert response.status_code == 200 and "Благодарим" in response.content.decode()
    assert CivicSubmission.objects.filter(page=page).count() == 1
