"""Officers see per-form statistics; only users allowed on a page's section see its
submissions; citizens never see anyone's data."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission

from .conftest import VALID_FEEDBACK, post_form

pytestmark = pytest.mark.django_db


def test_statistics_show_counts_average_and_an_accessible_chart(client, admin_client_logged_in, feedback_page):
    for rating in ("5", "4"):
        post_form(Client(), feedback_page, {**VALID_FEEDBACK, "otsenka_na_uslugata": rating, "saobshtenie": rating})
    html = admin_client_logged_in.get(f"/admin/forms-ext/statistics/{feedback_page.pk}/").content.decode()
    assert "Оценка на услугата" in html
    # The demo's three ratings (5, 3, 4) plus these two (5, 4).
    assert "Средно: 4,2" in html or "Средно: 4.2" in html
    assert 'role="img"' in html and "<table" in html and "<caption>" in html


def officer(django_user_model, page):
    user = django_user_model.objects.create_user("officer", "officer@example.org", "pw")
    group = Group.objects.create(name="Section officers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_civicsubmission"),
        Permission.objects.get(codename="change_civicsubmission"),
    )
    GroupPagePermission.objects.create(group=group, page=page, permission_type="change")
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def refused(response):
    """Wagtail's admin answers a permission error with a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def test_an_officer_of_another_section_cannot_see_the_submissions(django_user_model, feedback_page, monitoring_page):
    client = officer(django_user_model, monitoring_page)
    assert refused(client.get(f"/admin/forms-ext/statistics/{feedback_page.pk}/"))
    assert refused(client.get(f"/admin/forms/submissions/{feedback_page.pk}/"))
    assert client.get(f"/admin/forms-ext/statistics/{monitoring_page.pk}/").status_code == 200
    queue = client.get("/admin/forms-ext/moderation/").content.decode()
    assert "Благодаря на служителите!" not in queue  # an approved comment on the feedback page


def test_the_officer_of_the_section_moderates_its_comments(django_user_model, feedback_page):
    client = officer(django_user_model, feedback_page)
    assert "Благодаря на служителите!" in client.get("/admin/forms-ext/moderation/").content.decode()


def test_citizens_never_reach_submissions(client, feedback_page):
    for url in (f"/admin/forms/submissions/{feedback_page.pk}/", f"/admin/forms-ext/statistics/{feedback_page.pk}/"):
        assert client.get(url).status_code == 302
