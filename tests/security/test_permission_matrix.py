"""Who may open which admin screen. One row per admin URL: when a feature adds an admin
view or a data export, add a row here with the roles that may use it."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from pages.models import ConsultationPage, FeedbackPage

ROLES = ["anonymous", "citizen", "section_editor", "moderator", "translator", "admin"]
EVERY_STAFF_ROLE = {"section_editor", "moderator", "translator", "admin"}
ADMIN_ONLY = {"admin"}

# (url, roles that get the screen); every other role is turned away. {project}, {home} and
# {en_home} are the demo pages' ids.
MATRIX = [
    ("/admin/", EVERY_STAFF_ROLE),
    ("/admin/pages/", EVERY_STAFF_ROLE),
    ("/admin/pages/{project}/edit/", {"section_editor", "moderator", "admin"}),
    ("/admin/pages/{home}/edit/", {"moderator", "admin"}),
    ("/admin/pages/{en_home}/edit/", {"moderator", "translator", "admin"}),
    ("/admin/pages/{home}/add_subpage/", {"moderator", "admin"}),
    (
        "/admin/pages/{project}/delete/",
        {"section_editor", "moderator", "admin"},
    ),  # publishers may delete in their section
    # Translators translate the snippets shown on every page (the Translators group's migration).
    ("/admin/snippets/pages/organisation/", {"translator", "admin"}),
    ("/admin/snippets/pages/eufundingnotice/", {"translator", "admin"}),
    ("/admin/snippets/pages/sitecontact/", {"translator", "admin"}),
    # Officers follow the recommendations; translators translate them.
    ("/admin/snippets/pages/recommendation/", {"moderator", "translator", "admin"}),
    ("/admin/snippets/pages/recommendation/add/", {"moderator", "admin"}),
    # What citizens sent: only for those who may edit the form's page (Wagtail's rule),
    # and the GDPR tools for whoever holds the personal-data permission.
    ("/admin/forms/", EVERY_STAFF_ROLE),
    ("/admin/forms/submissions/{feedback}/", {"moderator", "admin"}),
    ("/admin/forms/submissions/{feedback}/?export=csv", {"moderator", "admin"}),
    ("/admin/forms/submissions/{consultation}/", {"moderator", "admin"}),
    ("/admin/forms-ext/statistics/{feedback}/", {"moderator", "admin"}),
    ("/admin/forms-ext/moderation/", {"moderator", "admin"}),
    ("/admin/forms-ext/registrations/", {"moderator", "admin"}),
    ("/admin/forms-ext/held/", {"moderator", "admin"}),
    ("/admin/forms-ext/personal-data/", ADMIN_ONLY),
    ("/admin/users/", ADMIN_ONLY),
    ("/admin/groups/", ADMIN_ONLY),
    ("/admin/sites/", ADMIN_ONLY),
    ("/admin/locales/", ADMIN_ONLY),
    ("/admin/redirects/", ADMIN_ONLY),
    ("/admin/documents/", {"moderator", "admin"}),
    ("/admin/images/", {"moderator", "admin"}),
]

PAGE_EDITING = ["add_page", "change_page", "publish_page"]


def staff_group(name, page_permissions=()):
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for page, codenames in page_permissions:
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=group,
                page=page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
    return group


@pytest.fixture
def people(demo, django_user_model):
    """One user per role; the moderator is in Wagtail's stock Moderators group."""
    en_home = Page.objects.get(depth=2, locale__language_code="en")
    groups = {
        "section_editor": staff_group("Project section editors", [(demo.project, PAGE_EDITING)]),
        "moderator": Group.objects.get(name="Moderators"),
        "translator": Group.objects.get(name="Translators"),  # as the migrations made it
    }
    users = {"anonymous": None}
    users["citizen"] = django_user_model.objects.create_user("citizen", "citizen@example.org", "pw")
    for role, group in groups.items():
        users[role] = django_user_model.objects.create_user(role, f"{role}@example.org", "pw")
        users[role].groups.add(group)
    users["admin"] = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    ids = {
        "project": demo.project.pk,
        "home": demo.home.pk,
        "en_home": en_home.pk,
        "feedback": FeedbackPage.objects.get(locale__language_code="bg").pk,
        "consultation": ConsultationPage.objects.get(
            locale__language_code="bg", slug="pravilnik-obshtestveni-saveti-kvartali"
        ).pk,
    }
    return users, ids


def gets_the_screen(url, response):
    """Wagtail turns people away by redirecting to the login page or, with a message,
    to the dashboard; an explorer may redirect into the user's own section."""
    final = response.redirect_chain[-1][0] if response.redirect_chain else url
    turned_away = final.startswith("/admin/login/") or (final == "/admin/" and url != "/admin/")
    return response.status_code == 200 and not turned_away


@pytest.mark.parametrize("url,allowed", MATRIX, ids=[row[0] for row in MATRIX])
def test_admin_screens_open_only_for_the_roles_that_need_them(client, people, url, allowed):
    users, ids = people
    outcome = {}
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        response = client.get(url.format(**ids), follow=True)
        assert response.status_code < 500, f"{role} got a server error on {url}"
        outcome[role] = gets_the_screen(url.format(**ids), response)
    assert outcome == {role: role in allowed for role in ROLES}


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, people):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
