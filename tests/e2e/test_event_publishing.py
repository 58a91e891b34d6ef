"""An officer publishes a new event with a registration form from the Wagtail admin; a
citizen finds it on the public events page and registers; a translator publishes it in
English with wagtail-localize's editor."""

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import OFFICER, BrowserPage, confirm_from_email, translate_segment

pytestmark = pytest.mark.e2e

SOFIA = ZoneInfo("Europe/Sofia")
CONSENT_LABEL = "Съгласен съм с обработването на личните ми данни"
PRIVACY_NOTICE = (
    "Община Сливен събира името и имейла ви, за да потвърди мястото ви на събитието. Пазим ги 90 дни след събитието."
)


def admin_datetime(moment):
    """The admin's date-time fields take Sofia time as YYYY-MM-DD HH:MM."""
    return moment.astimezone(SOFIA).strftime("%Y-%m-%d %H:%M")


def fill_datetime(page, selector, value):
    page.fill(selector, value)
    page.keyboard.press("Escape")  # close the date picker


def add_form_field(page, index, label, field_type, required=True):
    page.get_by_role("button", name="Добавяне на Поле на формуляра").click()
    page.locator(f"#id_form_fields-{index}-label").wait_for()
    page.fill(f"#id_form_fields-{index}-label", label)
    page.select_option(f"#id_form_fields-{index}-field_type", field_type)
    required_box = page.locator(f"#id_form_fields-{index}-required")
    if required_box.is_visible() and required_box.is_checked() != required:
        required_box.set_checked(required)


def publish(page):
    """Publish from the editor's footer: the action sits in the menu beside "Save draft"."""
    page.locator("footer").get_by_role("button", name="Още действия").click()
    with page.expect_navigation():
        page.locator("footer button[name=action-publish]").click()


def officer_publishes_an_event(tab, title):
    page = tab.page
    tab.log_in(*OFFICER)
    # Pages → the Bulgarian home → Събития → add a child page (an event is the only kind).
    tab.open("/admin/pages/")
    with page.expect_navigation():
        page.get_by_role(
            "link", name="Разглеждане на подстраниците на „Партньори за развитие на Община Сливен“"
        ).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Разглеждане на подстраниците на „Събития“").click()
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Добавяне на подстраница").first.click()

    now = datetime.now(SOFIA)
    start = (now + timedelta(days=20)).replace(hour=17, minute=30, second=0, microsecond=0)
    page.fill("#id_title", title)
    page.select_option("#id_kind", "public_discussion")
    page.fill("#id_summary", "Обсъждаме заедно с жителите приоритетите на квартала за следващата година.")
    fill_datetime(page, "#id_start", admin_datetime(start))
    fill_datetime(page, "#id_end", admin_datetime(start + timedelta(hours=2)))
    page.fill("#id_venue_name", "Читалище „Зора“")
    page.fill("#id_venue_address", "гр. Сливен, ул. „Г. С. Раковски“ 2")

    page.get_by_role("tab", name="Регистрация").click()
    page.fill("#id_capacity", "12")
    fill_datetime(page, "#id_registration_opens", admin_datetime(now - timedelta(days=1)))
    add_form_field(page, 0, "Име и фамилия", "name")
    add_form_field(page, 1, "Имейл", "email")
    add_form_field(page, 2, CONSENT_LABEL, "consent")
    page.fill("#id_privacy_notice", PRIVACY_NOTICE)
    publish(page)

    errors = page.locator(".help-critical, .error-message, .messages .error")
    assert "/edit/" not in page.url and "/add/" not in page.url, errors.all_inner_texts()
    assert page.locator(".messages").get_by_text(title).count() >= 1  # "… was published"
    return start


@pytest.fixture(scope="module")
def published_event(live_site, browser):
    """The officer's journey, run once for the tests that start from its event: the
    event's (unique) title."""
    title = f"Обсъждане на квартал „Речица“ {uuid.uuid4().hex[:6]}"
    officer = BrowserPage(browser, live_site, {"width": 1366, "height": 900})
    try:
        officer_publishes_an_event(officer, title)
        assert not officer.problems, "\n".join(officer.problems)
    finally:
        officer.close()
    return title


def test_an_officer_publishes_an_event_with_registration_and_a_citizen_registers(open_browser, published_event):
    title = published_event
    citizen = open_browser("phone")
    page = citizen.page
    citizen.open("/sabitiya/")
    event_link = page.locator("main").get_by_role("link", name=title, exact=True)
    assert event_link.is_visible()
    with page.expect_navigation():
        event_link.click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator(".places-left").inner_text().strip() == "Остават 12 места."
    event_path = page.url.split(citizen.site.url, 1)[1]

    page.get_by_role("textbox", name="Име и фамилия").fill("Георги Петров")
    email = f"georgi-{uuid.uuid4().hex[:6]}@example.org"
    page.get_by_role("textbox", name="Имейл").fill(email)
    page.get_by_label(CONSENT_LABEL).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Изпращане").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Благодарим ви"
    assert page.locator(".registration-status").inner_text().startswith("Запазваме ви място")
    assert "е потвърдено" in confirm_from_email(citizen, email)
    citizen.open(event_path)
    assert page.locator(".places-left").inner_text().strip() == "Остават 11 места."
    assert not citizen.problems, "\n".join(citizen.problems)


TRANSLATOR = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user = get_user_model().objects.create_user({username!r}, "translator@example.org", {password!r}, first_name="Елена")
user.groups.add(Group.objects.get(name="Translators"))
"""


def test_a_translator_publishes_the_event_in_english(open_browser, live_site, published_event):
    title = published_event
    english_title = "Discussion on the Rechitsa neighbourhood"
    english_summary = "Residents and the municipality discuss the neighbourhood's priorities for next year."
    username, password = f"translator-{uuid.uuid4().hex[:6]}", "translator-password"
    live_site.python(TRANSLATOR.format(username=username, password=password))

    # Before translation the Bulgarian page's language switcher leads to the English home
    # page; the English events page lists the event under its Bulgarian title.
    reader = open_browser("desktop")
    reader.open("/sabitiya/")
    with reader.page.expect_navigation():
        reader.page.locator("main").get_by_role("link", name=title, exact=True).click()
    assert reader.page.locator(".language-switcher a[hreflang=en]").get_attribute("href") == "/en/"
    with reader.page.expect_navigation():
        reader.page.locator(".language-switcher a[hreflang=en]").click()
    with reader.page.expect_navigation():
        reader.page.locator("header").get_by_role("link", name="Events", exact=True).click()
    with reader.page.expect_navigation():
        reader.page.locator("main").get_by_role("link", name=title, exact=True).click()
    english_path = reader.page.url.removeprefix(live_site.url)
    assert english_path.startswith("/en/events/")
    assert reader.page.get_by_role("heading", level=1).inner_text() == title
    assert reader.page.locator(".untranslated-notice").is_visible()

    translator = open_browser("desktop")
    page = translator.page
    translator.log_in(username, password)
    # From the English tree in the admin to the event, still mirroring the Bulgarian page.
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name=re.compile("създадени в|създадена в")).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Разглеждане на подстраниците на „Events“").click()
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name=title, exact=True).first.click()
    assert page.get_by_text("Тази страница все още не е преведена").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Превод на страницата").click()
    assert page.get_by_label("English").is_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Изпращане").click()

    # wagtail-localize's editor: the title and summary by hand, the rest by the machine.
    translate_segment(page, "Заглавие", english_title)
    translate_segment(page, "Резюме", english_summary)
    with page.expect_navigation():
        page.get_by_role("button", name="Превод с Тестов преводач").click()
    assert page.locator(".messages").get_by_text("Преведено успешно").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Публикуване на English").click()
    assert page.locator(".messages").get_by_text(f"Преводът „{english_title}“ (English) е публикуван.").is_visible()
    assert not translator.problems, "\n".join(translator.problems)

    reader.open(english_path)
    assert reader.page.evaluate("document.documentElement.lang") == "en"
    assert reader.page.get_by_role("heading", level=1).inner_text() == english_title
    assert reader.page.get_by_text(english_summary).first.is_visible()
    assert reader.page.locator(".untranslated-notice").count() == 0
    # Now the Bulgarian page's language switcher leads to its English translation.
    with reader.page.expect_navigation():
        reader.page.locator(".language-switcher a[hreflang=bg]").click()
    assert reader.page.get_by_role("heading", level=1).inner_text() == title
    assert reader.page.locator(".language-switcher a[hreflang=en]").get_attribute("href") == english_path
    assert not reader.problems, "\n".join(reader.problems)
