"""The public API answers JSON only, so the page cache never keeps a browser's HTML view
of it (which would carry its first visitor's CSRF token to every client)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
LISTING = "/api/v2/pages/?type=pages.EventPage&fields=title"


def test_an_html_request_never_puts_an_html_page_in_the_cache(demo, settings):
    settings.PAGE_CACHE_ENABLED = True
    browser = Client().get(LISTING, HTTP_ACCEPT="text/html")
    assert browser.status_code == 406 or browser["Content-Type"].startswith("application/json")
    assert b"csrfmiddlewaretoken" not in browser.content
    for _ in range(2):
        program = Client().get(LISTING, HTTP_ACCEPT="application/json")
        assert program["Content-Type"].startswith("application/json") and program.json()["items"]
    assert Client().get(LISTING + "&format=api").status_code in (400, 404, 406)


def test_a_cached_answer_is_not_served_to_a_client_that_cannot_read_it(demo, settings):
    settings.PAGE_CACHE_ENABLED = True
    Client().get(LISTING)
    assert Client().get(LISTING)["X-Page-Cache"] == "hit"
    refused = Client().get(LISTING, HTTP_ACCEPT="application/xml")
    assert refused.get("X-Page-Cache") != "hit" and refused.status_code == 406
