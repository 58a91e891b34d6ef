"""Officers see per-form statistics; only users allowed on a page's section see its
submissions; citizens never see anyone's data."""

import pytest
from django.test import Client

from tests.support import people
from tests.support.forms import VALID_FEEDBACK, post_form

pytestmark = pytest.mark.django_db


def test_statistics_show_counts_average_and_an_accessible_chart(client, admin_client_logged_in, feedback_page):
    for rating in ("5", "4"):
        post_form(Client(), feedback_page, {**VALID_FEEDBACK, "otsenka_na_uslugata": rating, "saobshtenie": rating})
    html = admin_client_logged_in.get(f"/admin/forms-ext/statistics/{feedback_page.pk}/").content.decode()
    assert "Оценка на услугата" in html
    # The demo's three ratings (5, 3, 4) plus these two (5, 4).
    assert "Средно: 4,2" in html or "Средно: 4.2" in html
    assert 'role="img"' in html and "<table" in html and "<caption>" in html


def officer(page):
    """Someone who sees and moderates the input of one section: `page` and below."""
    group = people.group_with(
        "Section officers", [(page, ["view_citizens_input_page", "moderate_citizens_input_page"])]
    )
    return people.logged_in(people.user("officer", group))


def refused(response):
    """Wagtail's admin answers a permission error with a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def test_an_officer_of_another_section_cannot_see_the_submissions(feedback_page, monitoring_page):
    client = officer(monitoring_page)
    assert refused(client.get(f"/admin/forms-ext/statistics/{feedback_page.pk}/"))
    assert refused(client.get(f"/admin/forms/submissions/{feedback_page.pk}/"))
    assert client.get(f"/admin/forms-ext/statistics/{monitoring_page.pk}/").status_code == 200
    queue = client.get("/admin/forms-ext/moderation/").content.decode()
    assert "Благодаря на служителите!" not in queue  # an approved comment on the feedback page


def test_the_officer_of_the_section_moderates_its_comments(feedback_page):
    client = officer(feedback_page)
    assert "Благодаря на служителите!" in client.get("/admin/forms-ext/moderation/").content.decode()


def test_citizens_never_reach_submissions(client, feedback_page):
    for url in (f"/admin/forms/submissions/{feedback_page.pk}/", f"/admin/forms-ext/statistics/{feedback_page.pk}/"):
        assert client.get(url).status_code == 302
