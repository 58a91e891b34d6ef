"""Who may open which admin screen. One row per admin URL: when a feature adds an admin
view or a data export, add a row here with the roles that may use it.

Every screen that shows or changes what citizens sent is listed for the form page in the
default language and for its English translation, for each type of form page: the
right to see citizens' input is judged on the Bulgarian page, whoever may edit the
English one (a translator, say)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Page

from forms_ext.fields import private_storage
from forms_ext.models import CivicSubmission, HeldSubmission, Registration
from forms_ext.permissions import VIEW
from tests.support import factories, people
from tests.support.db import rolled_back_after_module

ROLES = ["anonymous", "citizen", "editor", "translator", "section_viewer", "moderator", "officer", "admin"]
STAFF = {"editor", "translator", "section_viewer", "moderator", "officer", "admin"}
ADMIN_ONLY = {"admin"}
# Who sees what citizens sent, and who moderates it, on every form.
INPUT_VIEWERS = {"moderator", "officer", "admin"}
MODERATORS = {"moderator", "officer", "admin"}
FORM_TYPES = ["feedback", "monitoring", "consultation", "event"]
PDF = b"%PDF-1.4\n%minimal\n"
pytestmark = pytest.mark.django_db


def viewers(form_type):
    # The section viewer may see the consultation's input only.
    return INPUT_VIEWERS | ({"section_viewer"} if form_type == "consultation" else set())


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Every form page type in Bulgarian and English, with what citizens sent to each,
    and one person per role; built once for the module, rolled back after it."""
    with rolled_back_after_module(django_db_blocker):
        home = factories.HomePageFactory()
        home_en = factories.translate(home)
        forms = factories.form_pages(home)
        ids = {"home": home.pk, "home_en": home_en.pk}
        for name, page in forms.items():
            ids[name] = page.pk
            ids[f"{name}_en"] = factories.translate(page).pk
            ids[f"{name}_submission"] = factories.SubmissionFactory(page=page).pk
            ids[f"{name}_held"] = factories.HeldSubmissionFactory(page=page).pk
        stored = private_storage().save("evidence.pdf", ContentFile(PDF))
        ids["file_submission"] = factories.SubmissionFactory(
            page=forms["monitoring"], form_data={"dokazatelstvo": stored}, files={"dokazatelstvo": stored}
        ).pk
        ids["comment"] = factories.SubmissionFactory(
            page=forms["feedback"], comment="Благодаря!", moderation_status=CivicSubmission.Moderation.PENDING
        ).pk
        ids["registration"] = factories.RegistrationFactory(page=forms["event"]).pk
        users = {
            "anonymous": None,
            "citizen": people.user("citizen"),
            "editor": people.editor_of_everything(),
            "translator": people.in_role("translator"),
            "section_viewer": people.user(
                "section_viewer", people.group_with("Consultation viewers", [(forms["consultation"], [f"{VIEW}_page"])])
            ),
            "moderator": people.in_role("moderator"),
            "officer": people.in_role("officer"),
            "admin": people.user("admin", superuser=True),
        }
        yield {"ids": ids, "users": users, "forms": forms}


def input_screens():
    """(url, roles that get it) for every screen over citizens' input, per form type and language."""
    rows = []
    for kind in FORM_TYPES:
        for suffix, language_rows in (("", True), ("_en", False)):
            page = "{%s%s}" % (kind, suffix)
            # Wagtail's Forms admin lists and opens the default-language pages only.
            shown = viewers(kind) if language_rows else set()
            rows += [
                (f"/admin/forms/submissions/{page}/", shown),
                (f"/admin/forms/submissions/{page}/?export=csv", shown),
                (f"/admin/forms/submissions/{page}/?export=xlsx", shown),
                (
                    f"/admin/forms/submissions/{page}/delete/?selected-submissions={{{kind}_submission}}",
                    MODERATORS if language_rows else set(),
                ),
                # Our statistics of a translation show (after a redirect) the Bulgarian page's.
                (f"/admin/forms-ext/statistics/{page}/", viewers(kind)),
            ]
        rows += [
            (f"/admin/forms-ext/held/inspect/{{{kind}_held}}/", viewers(kind)),
            (f"/admin/forms-ext/held/delete/{{{kind}_held}}/", MODERATORS),
        ]
    return rows


MATRIX = [
    ("/admin/", STAFF),
    # The page explorer is for those who edit pages.
    ("/admin/pages/", {"editor", "translator", "officer", "admin"}),
    ("/admin/pages/{home}/edit/", {"editor", "officer", "admin"}),
    ("/admin/pages/{home_en}/edit/", {"editor", "translator", "officer", "admin"}),
    ("/admin/pages/{home}/add_subpage/", {"editor", "officer", "admin"}),
    ("/admin/pages/{feedback}/delete/", {"editor", "officer", "admin"}),
    # Officers keep the snippets shown on every page; translators translate them.
    ("/admin/snippets/pages/topic/", {"officer", "translator", "admin"}),
    ("/admin/snippets/pages/topic/add/", {"officer", "admin"}),
    ("/admin/snippets/pages/organisation/", {"officer", "translator", "admin"}),
    ("/admin/snippets/pages/eufundingnotice/", {"officer", "translator", "admin"}),
    ("/admin/snippets/pages/sitecontact/", {"officer", "translator", "admin"}),
    ("/admin/snippets/pages/recommendation/", {"officer", "translator", "admin"}),
    ("/admin/snippets/pages/recommendation/add/", {"officer", "admin"}),
    ("/admin/documents/", {"officer", "admin"}),
    ("/admin/images/", {"officer", "admin"}),
    # What citizens sent.
    # The list of forms, for whoever sees some form's input; which forms it lists is tested below.
    ("/admin/forms/", INPUT_VIEWERS | {"section_viewer"}),
    *input_screens(),
    ("/admin/forms-ext/submissions/{file_submission}/file/dokazatelstvo/", INPUT_VIEWERS),
    ("/admin/forms-ext/moderation/", INPUT_VIEWERS | {"section_viewer"}),
    ("/admin/forms-ext/moderation/inspect/{comment}/", INPUT_VIEWERS),
    ("/admin/forms-ext/moderation/edit/{comment}/", MODERATORS),
    ("/admin/forms-ext/registrations/", INPUT_VIEWERS | {"section_viewer"}),
    ("/admin/forms-ext/registrations/inspect/{registration}/", INPUT_VIEWERS),
    ("/admin/forms-ext/registrations/edit/{registration}/", MODERATORS),
    ("/admin/forms-ext/registrations/delete/{registration}/", MODERATORS),
    ("/admin/forms-ext/held/", INPUT_VIEWERS | {"section_viewer"}),
    # An event's registrations (its translation's address shows the Bulgarian page's) and
    # its sign-in sheet; marking people attended is a POST that takes *moderate*.
    ("/admin/forms-ext/pages/{event}/registrations/", INPUT_VIEWERS),
    ("/admin/forms-ext/pages/{event_en}/registrations/", INPUT_VIEWERS),
    ("/admin/forms-ext/pages/{event}/registrations/?status=confirmed&attended=no", INPUT_VIEWERS),
    ("/admin/forms-ext/pages/{event}/registrations/attended/", set()),
    ("/admin/events/{event}/sign-in-sheet/", INPUT_VIEWERS),
    ("/admin/events/{event_en}/sign-in-sheet/", INPUT_VIEWERS),
    # A consultation's submission turned into a row of its outcome report: seeing the
    # input and editing the page (pages.proposal_report).
    ("/admin/consultations/{consultation}/submissions/{consultation_submission}/to-report/", {"officer", "admin"}),
    ("/admin/consultations/{consultation_en}/submissions/{consultation_submission}/to-report/", {"officer", "admin"}),
    ("/admin/forms-ext/personal-data/", ADMIN_ONLY),
    ("/admin/users/", ADMIN_ONLY),
    ("/admin/groups/", ADMIN_ONLY),
    ("/admin/sites/", ADMIN_ONLY),
    ("/admin/locales/", ADMIN_ONLY),
    ("/admin/redirects/", ADMIN_ONLY),
]


def gets_the_screen(url, response):
    """Wagtail turns people away by redirecting to the login page or, with a message,
    to the dashboard; an explorer may redirect into the user's own section."""
    final = response.redirect_chain[-1][0] if response.redirect_chain else url
    turned_away = final.startswith("/admin/login/") or (final == "/admin/" and url != "/admin/")
    return response.status_code == 200 and not turned_away


@pytest.mark.parametrize("url,allowed", MATRIX, ids=[row[0] for row in MATRIX])
def test_admin_screens_open_only_for_the_roles_that_need_them(client, world, url, allowed):
    address = url.format(**world["ids"])
    outcome = {}
    for role in ROLES:
        client.logout()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        response = client.get(address, follow=True)
        assert response.status_code < 500, f"{role} got a server error on {address}"
        outcome[role] = gets_the_screen(address, response)
    assert outcome == {role: role in allowed for role in ROLES}


def test_the_forms_list_shows_each_form_once_and_only_to_those_who_see_its_input(client, world):
    forms = world["forms"]
    listed = {}
    for role in ("editor", "translator", "section_viewer", "officer"):
        client.force_login(world["users"][role])
        html = client.get("/admin/forms/").content.decode()
        listed[role] = {name for name, page in forms.items() if f"/admin/forms/submissions/{page.pk}/" in html}
        english = [f"/admin/forms/submissions/{world['ids'][f'{name}_en']}/" for name in forms]
        assert not any(link in html for link in english), f"{role} sees a translation in the forms list"
    assert listed == {"editor": set(), "translator": set(), "section_viewer": {"consultation"}, "officer": set(forms)}


@pytest.mark.parametrize("kind", FORM_TYPES)
def test_a_translator_cannot_read_export_or_delete_submissions_through_a_translation(client, world, kind):
    """The reproduction of the breach: the English copy of a form page led a translator
    to every citizen's answers."""
    ids = world["ids"]
    client.force_login(world["users"]["translator"])
    english = ids[f"{kind}_en"]
    for url in (f"/admin/forms/submissions/{english}/", f"/admin/forms/submissions/{english}/?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"@example.org" not in response.content and "Мария".encode() not in response.content
    client.post(f"/admin/forms/submissions/{english}/delete/?selected-submissions={ids[f'{kind}_submission']}")
    assert CivicSubmission.objects.filter(pk=ids[f"{kind}_submission"]).exists()


def test_releasing_and_deleting_take_the_moderate_permission(client, world):
    ids = world["ids"]
    held = ids["feedback_held"]
    for role in ("editor", "translator", "section_viewer"):
        client.force_login(world["users"][role])
        client.post(f"/admin/forms-ext/held/{held}/release/")
        client.post(f"/admin/forms-ext/registrations/delete/{ids['registration']}/")
        for event in (ids["event"], ids["event_en"]):
            client.post(
                f"/admin/forms-ext/pages/{event}/registrations/attended/",
                {"registration": [ids["registration"]], "attended": "yes"},
            )
        client.post(
            f"/admin/forms/submissions/{ids['feedback']}/delete/?selected-submissions={ids['feedback_submission']}"
        )
    assert HeldSubmission.objects.filter(pk=held).exists()
    assert Registration.objects.filter(pk=ids["registration"], attended=False).exists()
    assert CivicSubmission.objects.filter(pk=ids["feedback_submission"]).exists()

    client.force_login(world["users"]["moderator"])
    client.post(f"/admin/forms/submissions/{ids['feedback']}/delete/?selected-submissions={ids['feedback_submission']}")
    assert not CivicSubmission.objects.filter(pk=ids["feedback_submission"]).exists()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_every_page_of_the_suite_is_a_page_the_matrix_knows(world):
    """A new form page type joins the matrix through factories.form_pages."""
    from forms_ext.mixins import CivicFormMixin
    from pages import models

    form_models = {
        model
        for model in vars(models).values()
        if isinstance(model, type) and issubclass(model, CivicFormMixin) and issubclass(model, Page)
    }
    assert form_models == {type(page) for page in world["forms"].values()}
