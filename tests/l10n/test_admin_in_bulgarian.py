"""Wagtail's admin in Bulgarian, as a communications officer sees it: civic_core's catalog
(merged by scripts/i18n-sync from civic_core/locale_upstream/bg) completes Wagtail's and
wagtail-localize's, on every screen of an officer's day and in the JavaScript catalogs.

Each screen is checked for strings Wagtail ships without Bulgarian: the Bulgarian is on the
page and the English is not (in the visible text, scripts and markup aside)."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Locale
from wagtail.users.models import UserProfile

from tests.support import factories, people
from tests.support.live_site import ROOT

pytestmark = pytest.mark.django_db


class _Text(HTMLParser):
    """The text a reader sees, plus the placeholders, titles and labels of attributes."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        for name, value in attrs:
            if name in ("placeholder", "title", "aria-label", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(response):
    assert response.status_code == 200, response
    parser = _Text()
    parser.feed(response.content.decode())
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def assert_bulgarian(text, expected):
    """`expected`: {English: Bulgarian}; the Bulgarian shown, the English nowhere."""
    for english, bulgarian in expected.items():
        assert bulgarian in text, f"{bulgarian!r} (for {english!r}) is not on the screen"
        assert not re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text), f"{english!r} is still in English"


def javascript_catalog(response):
    """The {msgid: msgstr} of a Django JavaScriptCatalog response."""
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\n  \});", response.content.decode(), re.S)
    return json.loads(match.group(1)) if match else {}


@pytest.fixture
def officer(demo):
    person = people.in_role("officer", "petya")
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = "bg"
    profile.save()
    return people.logged_in(person)


@pytest.fixture
def form_page(demo):
    home = factories.site_tree()
    page = factories.FeedbackPageFactory(
        parent=home,
        title="Предложения за парка",
        fields=[("singleline", "Име", True), ("dropdown", "Квартал", False, ["Център", "Дружба"])],
    )
    factories.SubmissionFactory(page=page)
    return page


def test_the_dashboard(officer):
    text = visible_text(officer.get(reverse("wagtailadmin_home")))
    assert_bulgarian(text, {"Search all pages…": "Търсене във всички страници…", "Site summary": "Обобщение на сайта"})


def test_the_page_explorer(officer, form_page):
    text = visible_text(officer.get(reverse("wagtailadmin_explore", args=[form_page.get_parent().pk])))
    assert_bulgarian(
        text,
        {
            "Add child page": "Добавяне на подстраница",
            "Sort menu order": "Подреждане на менюто",
            "Has child pages": "Има подстраници",
        },
    )


@override_settings(WAGTAIL_AUTOSAVE_INTERVAL=500)  # the Sliven site turns autosave off; other sites may not
def test_the_page_editor_and_its_form_builder(officer, form_page):
    response = officer.get(reverse("wagtailadmin_pages:edit", args=[form_page.pk]))
    text = visible_text(response)
    assert_bulgarian(
        text,
        {
            "Promote": "Популяризиране",
            "Label": "Надпис",
            "Required": "Задължително",
            "Single line text": "Текст на един ред",
            "Drop down": "Падащ списък",
            "Multi-line text": "Текст на няколко реда",
            "Autosave is paused": "Автоматичното запазване е спряно временно",
            "Save draft": "Запазване на чернова",
        },
    )
    # The editor's scripts take their strings from the catalog civic_core serves.
    assert f'src="{reverse("wagtailadmin_javascript_catalog")}"' in response.content.decode()


def test_the_forms_submissions_list(officer, form_page):
    text = visible_text(officer.get(reverse("wagtailforms:list_submissions", args=[form_page.pk])))
    assert_bulgarian(
        text,
        {"Form data": "Изпратени формуляри", "Download CSV": "Изтегляне на CSV", "Download XLSX": "Изтегляне на XLSX"},
    )


def test_the_image_and_document_libraries(officer, demo):
    collection = Collection.get_first_root_node()
    get_image_model().objects.create(title="Парк", file=get_test_image_file(), collection=collection)
    get_document_model().objects.create(title="Наредба", file=ContentFile(b"%PDF-1.4", name="naredba.pdf"))
    images = visible_text(officer.get(reverse("wagtailimages:index")))
    assert_bulgarian(images, {"Add an image": "Добавяне на изображение"})
    documents = visible_text(officer.get(reverse("wagtaildocs:index")))
    assert_bulgarian(documents, {"Add a document": "Добавяне на документ"})


def test_the_translate_page_screen(officer, form_page):
    text = visible_text(officer.get(reverse("wagtail_localize:submit_page_translation", args=[form_page.pk])))
    assert_bulgarian(text, {"Translate page": "Превеждане на страницата", "Locales": "Езици"})


def test_the_translation_editor_loads_the_bulgarian_javascript_catalog(officer, form_page):
    url = reverse("wagtail_localize:submit_page_translation", args=[form_page.pk])
    english = Locale.objects.get(language_code="en")
    assert officer.post(url, {"locales": [english.pk]}).status_code == 302
    translated = form_page.get_translation(english)
    response = officer.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert response.status_code == 200
    # wagtail-localize's editor is a script: its strings are in the catalog civic_core serves there.
    assert f'src="{reverse("wagtail_localize:javascript_catalog")}"' in response.content.decode()
    assert reverse("wagtail_localize:javascript_catalog") == "/admin/localize/jsi18n/"


def test_messages_that_name_an_object_agree_with_any_model():
    """Wagtail's own Bulgarian said "Препоръка '…' обновен": the model's name cannot agree
    with a participle, so the suite's names the record and gives the model in brackets."""
    with translation.override("bg"):
        message = gettext("%(model_name)s '%(object)s' updated.") % {"model_name": "Препоръка", "object": "Пейки"}
        created = gettext("%(model_name)s '%(object)s' created.") % {"model_name": "Тема", "object": "Паркове"}
    assert message == "Записът „Пейки“ (Препоръка) е обновен."
    assert created == "Записът „Паркове“ (Тема) е създаден."


def test_the_admin_javascript_catalogs_are_bulgarian(officer):
    admin = javascript_catalog(officer.get("/admin/jsi18n/"))
    assert admin["Collapse all"] == "Свиване на всички"
    assert admin["Expand all"] == "Разгъване на всички"
    localize = javascript_catalog(officer.get("/admin/localize/jsi18n/"))
    assert localize["Download PO file"] == "Изтегляне на PO файл"
    assert localize["Publish in "] == "Публикуване на "


def test_the_catalogs_are_in_step_with_the_installed_wagtail():
    """0 Bulgarian strings missing for the suite's catalogs and for every catalog of the
    installed Wagtail and wagtail-localize (scripts/i18n-sync --check)."""
    result = subprocess.run(
        [sys.executable, "scripts/i18n-sync", "--check"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite://"},  # the site's settings, not the tests'
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
