"""Django's CSRF tokens drawn from the fast random source: the same alphabet, uniform,
never repeated, and accepted by Django's own CSRF check."""

import collections
import string

import pytest
from django.middleware import csrf
from django.test import Client, RequestFactory

from civic_core.cache import randomness

pytestmark = pytest.mark.django_db

ALPHABET = string.ascii_letters + string.digits


def test_django_csrf_draws_from_the_fast_source_and_its_tokens_still_check():
    assert csrf.get_random_string is randomness._csrf_random_string
    request = RequestFactory().get("/")
    token = csrf.get_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(token) == csrf.CSRF_TOKEN_LENGTH and set(token) <= set(ALPHABET)
    assert len(secret) == csrf.CSRF_SECRET_LENGTH and set(secret) <= set(ALPHABET)
    assert csrf._unmask_cipher_token(token) == secret


def test_characters_are_uniform_and_strings_never_repeat():
    drawn = [randomness.random_string(32, ALPHABET) for _ in range(20000)]
    assert len(set(drawn)) == len(drawn) and all(len(value) == 32 for value in drawn)
    counts = collections.Counter("".join(drawn))
    assert set(counts) == set(ALPHABET)
    expected = 20000 * 32 / len(ALPHABET)  # about 10,323 each, give or take 100
    # Uniform: Pearson's chi-square over 61 degrees of freedom stays under 130 but about
    # once in a million runs.
    chi_square = sum((count - expected) ** 2 / expected for count in counts.values())
    assert chi_square < 130, (chi_square, counts)
    # A plain modulo (bytes 248-255 folded onto the alphabet's first 8 characters) would
    # give those a quarter more each; 1.5% is already 4 standard deviations of the mean.
    first = sum(counts[char] for char in ALPHABET[:8]) / 8
    rest = sum(counts[char] for char in ALPHABET[8:]) / (len(ALPHABET) - 8)
    assert abs(first - rest) < 0.015 * expected, (first, rest)


def test_alphabets_bytes_cannot_carry_fall_back_to_django():
    value = randomness.random_string(20, "абвгд")
    assert len(value) == 20 and set(value) <= set("абвгд")
    assert len(randomness.random_string(5, "aab")) == 5


def test_a_form_posted_with_the_cookie_and_token_of_a_cached_page_is_accepted_by_django(home, settings):
    from forms_ext.models import CivicSubmission
    from tests.support import factories
    from tests.support.forms import form_token

    settings.PAGE_CACHE_ENABLED = True
    page = factories.FeedbackPageFactory(parent=home)
    Client().get(page.url)
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(page.url).content.decode()
    import re

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    answers = {"ime": "Мария", "saobshtenie": "Благодаря.", "saglasen_sam": "on", "form_token": form_token()}
    assert visitor.post(page.url, {**answers, "csrfmiddlewaretoken": token}).status_code == 200
    assert CivicSubmission.objects.filter(page=page).count() == 1
    forged = Client(enforce_csrf_checks=True)
    forged.cookies["csrftoken"] = visitor.cookies["csrftoken"].value
    refused = forged.post(page.url, {**answers, "form_token": form_token(), "csrfmiddlewaretoken": "x" * 64})
    assert refused.status_code == 403 and CivicSubmission.objects.filter(page=page).count() == 1
