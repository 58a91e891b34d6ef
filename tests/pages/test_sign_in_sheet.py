"""An officer prints the sign-in sheet of an event from the admin: an A4 PDF with the EU
visibility block, the project's code, the event, one numbered row per confirmed person
and empty rows for walk-ins, in Cyrillic with its fonts embedded. Nobody who may not see
the registrations gets it."""

import io

import pytest
from pypdf import PdfReader

from forms_ext.models import CivicSubmission, Registration
from pages.campaign.sign_in_sheet import WALK_IN_ROWS
from tests.support import factories, people

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(home):
    factories.ProjectPageFactory(parent=home, project_code="BG05SFOP001-2.025-0025-C01")
    event = factories.EventPageFactory(
        parent=factories.EventIndexPageFactory(parent=home),
        title="Кръгла маса „Обществени съвети“",
        venue_name="Зала „Сливен“",
        venue_address="бул. „Цар Освободител“ 1",
        fields=[*factories.REGISTRATION_FIELDS, ("singleline", "Организация", False)],
    )
    organisation_field = event.form_fields.get(label="Организация").clean_name
    for name, organisation, status in (
        ("Яна Петрова", "Сдружение „Развитие“", Registration.Status.CONFIRMED),
        ("Борис Илиев", "", Registration.Status.CONFIRMED),
        ("Цветан Чакъров", "Читалище", Registration.Status.WAITING),
        ("Мина Иванова", "", Registration.Status.CANCELLED),
    ):
        submission = CivicSubmission.objects.create(
            page=event, form_data={"ime": name, organisation_field: organisation}, fingerprint=name
        )
        factories.RegistrationFactory(page=event, name=name, status=status, submission=submission)
    return event


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_an_officer_prints_the_sign_in_sheet_of_an_event(event):
    officer = people.logged_in(people.in_role("officer"))
    response = officer.get(f"/admin/events/{event.pk}/sign-in-sheet/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith('attachment; filename="')
        and ".pdf" in response["Content-Disposition"]
    )
    reader, text = pdf_text(response)
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=1)  # A4
    for expected in (
        "Присъствен списък",
        "Кръгла маса „Обществени съвети“",
        "BG05SFOP001-2.025-0025-C01",
        "Зала „Сливен“",
        "Европейски съюз",
        "Подпис",
    ):
        assert expected in text, expected
    # The confirmed people, in alphabetical order, with the organisation they gave.
    assert text.index("Борис Илиев") < text.index("Яна Петрова")
    assert "Сдружение „Развитие“" in text
    assert "Цветан Чакъров" not in text and "Мина Иванова" not in text  # waiting, cancelled
    assert str(2 + WALK_IN_ROWS) in text  # numbered empty rows for walk-ins


def test_the_fonts_are_embedded(event):
    officer = people.logged_in(people.in_role("officer"))
    reader, _text = pdf_text(officer.get(f"/admin/events/{event.pk}/sign-in-sheet/"))
    fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert any(key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_the_english_page_gives_the_same_sheet(event):
    english = factories.translate(event, title="Round table")
    officer = people.logged_in(people.in_role("officer"))
    _reader, text = pdf_text(officer.get(f"/admin/events/{english.pk}/sign-in-sheet/"))
    assert "Яна Петрова" in text and "Кръгла маса" in text


@pytest.mark.parametrize("role", ["translator", None])
def test_nobody_who_may_not_see_the_registrations_gets_it(event, role):
    person = people.in_role(role) if role else None
    response = people.logged_in(person).get(f"/admin/events/{event.pk}/sign-in-sheet/")
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"


def test_the_page_explorer_offers_it_on_events_only(event, home):
    officer = people.logged_in(people.in_role("officer"))
    listing = officer.get(f"/admin/pages/{event.get_parent().pk}/").content.decode()
    assert f"/admin/events/{event.pk}/sign-in-sheet/" in listing
    news = factories.NewsPageFactory(parent=factories.NewsIndexPageFactory(parent=home))
    assert "sign-in-sheet" not in officer.get(f"/admin/pages/{news.get_parent().pk}/").content.decode()


def test_a_page_that_is_no_event_has_no_sheet(home):
    news = factories.NewsPageFactory(parent=factories.NewsIndexPageFactory(parent=home))
    officer = people.logged_in(people.in_role("officer"))
    assert officer.get(f"/admin/events/{news.pk}/sign-in-sheet/").status_code == 404
    assert officer.get("/admin/events/999999/sign-in-sheet/").status_code == 404
