"""A translator's whole job in the admin: translate a new page in wagtail-localize's
editor, publish it at /en/, notice when the Bulgarian source changes and sync it."""

from urllib.parse import urlencode

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

from pages.models import EUFundingNotice, HomePage, ProjectPage
from tests.support.admin_forms import project_form_data, slug_the_admin_fills_in

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Отворен бюджет": "Open budget",
    "otvoren-byudzhet": "open-budget",
    "Резюме на проекта.": "Project summary.",
    "Оперативна програма „Добро управление“": "Operational Programme “Good Governance”",
    "Европейски социален фонд": "European Social Fund",
    "Съфинансиран от ЕС.": "Co-financed by the EU.",
    "Повече граждани в общинските решения.": "More citizens in municipal decisions.",
    "Обучения за граждани": "Training for citizens",
}


@pytest.fixture
def new_project(django_user_model, demo):
    """An officer publishes a new project page from the admin, keeping the slug the title filled in."""
    officer = Client()
    officer.force_login(django_user_model.objects.create_superuser("officer", "officer@example.org", "pw"))
    home = HomePage.objects.get(locale__language_code="bg")
    url = reverse("wagtailadmin_pages:add", args=["pages", "projectpage", home.pk])
    slug = slug_the_admin_fills_in(officer.get(url).content.decode(), "Отворен бюджет")
    response = officer.post(url, project_form_data(demo.project.beneficiary_id, "Отворен бюджет", slug))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    officer.logout()
    return ProjectPage.objects.get(locale__language_code="bg", title="Отворен бюджет")


def english_copy(page):
    return page.get_translation(Locale.objects.get(language_code="en"))


def denied(response):
    """Wagtail's admin answers a refused request with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def translators_list(client):
    """The rows of Reports → Pages to translate, as (page title, language, status)."""
    response = client.get(reverse("pages_to_translate"))
    assert response.status_code == 200
    return {(row.source.title, row.locale.language_code, row.status) for row in response.context["rows"]}


def translate_every_string(client, page):
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale__language_code="en")
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        response = client.put(
            url, urlencode({"value": ENGLISH[segment.string.data]}), content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code in (200, 201), response.content
    return translation


def test_translator_translates_publishes_and_syncs_a_page(
    translator_client, new_project, django_capture_on_commit_callbacks
):
    client = translator_client
    assert new_project.slug == "otvoren-byudzhet"
    alias = english_copy(new_project)
    assert alias.alias_of_id == new_project.pk

    # The English copy is still an alias: its edit view offers to translate it.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[alias.pk]))
    assert response.status_code == 200
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[new_project.pk])
    assert submit_url in response.content.decode()
    # Not yet translated, so it is on the translators' list.
    assert ("Отворен бюджет", "en", "untranslated") in translators_list(client)

    response = client.post(submit_url, {"locales": [Locale.objects.get(language_code="en").pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[alias.pk])
    assert client.get(response["Location"]).status_code == 200  # wagtail-localize's editor

    translation = translate_every_string(client, new_project)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[alias.pk]), {"action": "publish"})
    assert response.status_code == 302

    page = client.get("/en/open-budget/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<h1 id="page-title">Open budget</h1>' in html
    assert "Training for citizens" in html and "BG05SFOP001-2.025-0099-C01" in html
    assert not {row for row in translators_list(client) if row[0] == "Отворен бюджет"}

    # An officer corrects the budget in Bulgarian and publishes: the translation is flagged.
    source = ProjectPage.objects.get(pk=new_project.pk)
    source.budget = "130000.00"
    source.save_revision().publish()
    assert ("Отворен бюджет", "en", "out_of_date") in translators_list(client)
    report = client.get(reverse("pages_to_translate")).content.decode()
    assert "Остарял превод" in report  # the admin speaks Bulgarian to them
    update_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    assert f'href="{update_url}?next=' in report

    # The translator syncs: the English page gets the new budget and is no longer flagged.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(update_url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert "130,000.00" in client.get("/en/open-budget/").content.decode()
    assert not {row for row in translators_list(client) if row[0] == "Отворен бюджет"}


def test_page_strings_round_trip_through_a_po_file(translator_client, new_project):
    client = translator_client
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[new_project.pk]),
        {"locales": [Locale.objects.get(language_code="en").pk]},
    )
    translation = Translation.objects.get(
        source__object_id=new_project.translation_key, target_locale__language_code="en"
    )

    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    assert {entry.msgid for entry in po} == set(ENGLISH)
    for entry in po:
        entry.msgstr = ENGLISH[entry.msgid]

    edit_url = reverse("wagtailadmin_pages:edit", args=[english_copy(new_project).pk])
    upload = SimpleUploadedFile("civic-monitoring-en.po", str(po).encode(), content_type="text/x-gettext-translation")
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload, "next": edit_url}
    )
    assert response.status_code == 302 and response["Location"] == edit_url

    again = polib.pofile(
        client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode()
    )
    assert {entry.msgid: entry.msgstr for entry in again} == ENGLISH
    assert translation.get_progress() == (len(ENGLISH), len(ENGLISH))


def test_translators_cannot_publish_or_delete_bulgarian_pages_nor_change_settings(translator, translator_client, demo):
    client = translator_client
    bulgarian = demo.project
    permissions = bulgarian.permissions_for_user(translator)
    assert not permissions.can_publish() and not permissions.can_delete() and not permissions.can_edit()
    assert english_copy(bulgarian).permissions_for_user(translator).can_publish()

    assert denied(client.post(reverse("wagtailadmin_pages:delete", args=[bulgarian.pk])))
    assert Page.objects.filter(pk=bulgarian.pk).exists()
    for settings_url in [
        reverse("wagtailsites:index"),
        reverse("wagtaillocales:index"),
        reverse("wagtailusers_users:index"),
    ]:
        assert denied(client.get(settings_url)), settings_url

    # Snippets: the English notice is theirs to edit, the Bulgarian source is not.
    edit = "wagtailsnippets_pages_eufundingnotice:edit"
    assert (
        client.get(reverse(edit, args=[EUFundingNotice.objects.get(locale__language_code="en").pk])).status_code == 200
    )
    assert denied(client.get(reverse(edit, args=[EUFundingNotice.objects.get(locale__language_code="bg").pk])))


def test_the_translators_list_costs_the_same_queries_however_many_pages(translator_client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_the_list():
        with CaptureQueriesContext(connection) as queries:
            assert translator_client.get(reverse("pages_to_translate")).status_code == 200
        return len(queries)

    queries_for_the_list()  # warm the admin's per-user caches
    before = queries_for_the_list()
    rows_before = len(translator_client.get(reverse("pages_to_translate")).context["rows"])
    home = HomePage.objects.get(locale__language_code="bg")
    for number in range(3):
        home.add_child(
            instance=ProjectPage(
                title=f"Проект {number}",
                project_code=f"P-{number}",
                programme="П",
                fund="Ф",
                cofinancing_statement="С",
                start_date="2027-01-01",
                end_date="2027-12-31",
                main_aim="Ц",
                beneficiary=demo.project.beneficiary,
            )
        ).save_revision().publish()
    demo.sync_translation_trees()
    assert len(translator_client.get(reverse("pages_to_translate")).context["rows"]) == rows_before + 3
    assert queries_for_the_list() == before
