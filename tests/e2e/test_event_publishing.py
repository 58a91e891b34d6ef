"""An officer publishes a new event with a registration form from the Wagtail admin; a
citizen finds it on the public events page and registers; a translator publishes it in
English with wagtail-localize's editor."""
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import OFFICER

pytestmark = pytest.mark.e2e

SOFIA = ZoneInfo("Europe/Sofia")
CONSENT_LABEL = "Съгласен съм с обработването на личните ми данни"
PRIVACY_NOTICE = (
    "Община Сливен събира името и имейла ви, за да потвърди мястото ви на събитието. "
    "Пазим ги 90 дни след събитието."
)


def admin_datetime(moment):
    """The admin's date-time fields take Sofia time as YYYY-MM-DD HH:MM."""
    return moment.astimezone(SOFIA).strftime("%Y-%m-%d %H:%M")


def log_in(tab, username, password):
    page = tab.page
    tab.open("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.url == f"{tab.site.url}/admin/"


def fill_datetime(page, selector, value):
    page.fill(selector, value)
    page.keyboard.press("Escape")  # close the date picker


def add_form_field(page, index, label, field_type, required=True):
    page.get_by_role("button", name="Добави Поле на формуляра").click()
    page.locator(f"#id_form_fields-{index}-label").wait_for()
    page.fill(f"#id_form_fields-{index}-label", label)
    page.select_option(f"#id_form_fields-{index}-field_type", field_type)
    required_box = page.locator(f"#id_form_fields-{index}-required")
    if required_box.is_visible() and required_box.is_checked() != required:
        required_box.set_checked(required)


def publish(page):
    """Publish from the editor's footer: the action sits in the menu beside "Save draft"."""
    page.locator("footer").get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.locator("footer button[name=action-publish]").click()


def officer_publishes_an_event(tab, title):
    page = tab.page
    log_in(tab, *OFFICER)
    # Pages → the Bulgarian home → Събития → add a child page (an event is the only kind).
    tab.open("/admin/pages/")
    with page.expect_navigation():
        page.get_by_role("link", name="Explore child pages of 'Партньори за развитие на Община Сливен'").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Explore child pages of 'Събития'").click()
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Добави дъщерна страница").first.click()

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


def test_an_officer_publishes_an_event_with_registration_and_a_citizen_registers(open_browser):
    title = f"Обсъждане на квартал „Речица“ {uuid.uuid4().hex[:6]}"
    officer = open_browser("desktop")
    officer_publishes_an_event(officer, title)
    assert not officer.problems, "\n".join(officer.problems)

    citizen = open_browser("phone")
    page = citizen.page
    citizen.open("/sabitiya/")
    event_link = page.locator("main").get_by_role("link", name=title, exact=True)
    assert event_link.is_visible()
    with page.expect_navigation():
        event_link.click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator(".places-left").inner_text().strip() == "Остават 12 места."

    page.get_by_role("textbox", name="Име и фамилия").fill("Георги Петров")
    page.get_by_role("textbox", name="Имейл").fill(f"georgi-{uuid.uuid4().hex[:6]}@example.org")
    page.get_by_label(CONSENT_LABEL).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Изпращане").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Благодарим ви"
    assert page.locator(".registration-status").inner_text().startswith("Мястото ви е потвърдено")
    with page.expect_navigation():
        page.get_by_role("link", name="Обратно към страницата").click()
    assert page.locator(".places-left").inner_text().strip() == "Остават 11 места."
    assert not citizen.problems, "\n".join(citizen.problems)
