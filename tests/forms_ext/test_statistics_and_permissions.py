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


def test_answers_sent_through_the_english_form_count_as_the_same_choice(home, admin_client_logged_in):
    from forms_ext.models import CivicSubmission
    from forms_ext.stats import form_statistics
    from tests.support import factories

    page = factories.FeedbackPageFactory(
        parent=home,
        fields=[
            ("dropdown", "Как оценявате услугата", True, ["Добре", "Зле"]),
            ("checkboxes", "Кои канали ползвате", False, ["Сайт", "Телефон", "На място"]),
            ("consent", "Съгласен съм", True),
        ],
    )
    english = factories.translate(page)
    for field, (label, choices) in zip(
        english.form_fields.order_by("sort_order"),
        [("How do you rate the service", "Good\nBad"), ("Which channels do you use", "Website\nPhone\nIn person")],
        strict=False,
    ):
        field.label, field.choices = label, choices
        field.save()
    english.save_revision().publish()
    names = [field.clean_name for field in page.form_fields.order_by("sort_order")]
    assert [field.clean_name for field in english.form_fields.order_by("sort_order")] == names
    post_form(Client(), page, {names[0]: "Добре", names[1]: ["Сайт"], names[2]: "on"})
    post_form(Client(), english, {names[0]: "Good", names[1]: ["Website", "In person"], names[2]: "on"})
    post_form(Client(), english, {names[0]: "Bad", names[2]: "on"})
    assert CivicSubmission.objects.filter(page=page).count() == 3
    rating, channels = form_statistics(page)["fields"][:2]
    assert rating["rows"] == [("Добре", 2, 67), ("Зле", 1, 33)]
    assert channels["rows"][0][:2] == ("Сайт", 2) and channels["rows"][2][:2] == ("На място", 1)
    html = admin_client_logged_in.get(f"/admin/forms-ext/statistics/{page.pk}/").content.decode()
    assert "Good" not in html and "Добре" in html
