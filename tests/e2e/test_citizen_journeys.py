"""A citizen takes part: finds the open consultation from the home page and sends a
proposal (in Bulgarian and in English, with the mouse and with the keyboard alone), and
registers for the upcoming event. What is checked is what the citizen sees."""

import re
import uuid

import pytest

from tests.e2e.conftest import confirm_from_email

pytestmark = pytest.mark.e2e

CONSULTATION_TITLE = "Проект на Правилник за обществените съвети по кварталите на град Сливен"
ENGLISH_CONSULTATION_TITLE = "Draft Rules on Neighbourhood Public Councils in the Town of Sliven"
EVENT_PATH = "/sabitiya/kragla-masa-obshtestveni-saveti/"
EVENT_TITLE = "Кръгла маса „Обществените съвети по кварталите – как да заработят“"
CONSENT = "Прочетох информацията за защита на личните данни"


def unique(text):
    """Answers differ from run to run and test to test: the duplicate check would
    otherwise take a second identical submission for a resend."""
    return f"{text} ({uuid.uuid4().hex[:8]})"


def follow(page, name, within="main"):
    """Click the link a reader would, and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(within).get_by_role("link", name=name, exact=True).first.click()


BULGARIAN_FORM = {
    "article": "Текст от проекта (член, алинея)",
    "proposal": "Предложение",
    "comment": "Коментар за публикуване",
    "name": "Име за публикуване",
    "email": "Имейл",
    "consent": CONSENT,
    "send": "Изпращане",
}
ENGLISH_FORM = {
    "article": "Provision of the draft (article, paragraph)",
    "proposal": "Proposal",
    "comment": "Comment for publication",
    "name": "Name to publish",
    "email": "Email",
    "consent": "I have read the information on personal data protection",
    "send": "Send",
}


def send_a_proposal(page, labels=BULGARIAN_FORM):
    page.get_by_role("textbox", name=labels["article"]).fill("чл. 5, ал. 2")
    page.get_by_role("textbox", name=labels["proposal"]).fill(unique("Съветите да заседават всеки месец"))
    page.get_by_role("textbox", name=labels["comment"]).fill("Повече срещи означават повече участие.")
    page.get_by_role("textbox", name=labels["name"]).fill("Мария от Клуцохор")
    page.get_by_role("textbox", name=labels["email"]).fill("maria@example.org")
    page.get_by_label(labels["consent"]).check()
    with page.expect_navigation():
        page.get_by_role("button", name=labels["send"]).click()


def test_a_citizen_finds_the_open_consultation_from_the_home_page_and_sends_a_proposal(open_browser):
    tab = open_browser("desktop")
    page = tab.page
    tab.open("/")
    follow(page, "Обществени консултации", within="header")
    assert page.get_by_role("heading", level=1).inner_text().strip() != ""
    follow(page, CONSULTATION_TITLE)

    assert page.get_by_role("heading", level=1).inner_text() == CONSULTATION_TITLE
    form = page.locator("section.civic-form")
    assert form.is_visible()
    assert page.locator("#privacy-notice summary").is_visible()  # the privacy notice is at hand
    send_a_proposal(page)

    assert page.get_by_role("heading", level=1).inner_text() == "Благодарим ви"
    assert page.get_by_text(f"Получихме изпратеното от вас чрез „{CONSULTATION_TITLE}“.").is_visible()
    assert page.evaluate("document.documentElement.lang") == "bg"
    follow(page, "Обратно към страницата")
    assert page.get_by_role("heading", level=1).inner_text() == CONSULTATION_TITLE
    assert not tab.problems, "\n".join(tab.problems)


def test_an_english_speaker_finds_the_consultation_from_the_english_home_page_and_sends_a_proposal(open_browser):
    tab = open_browser("desktop")
    page = tab.page
    tab.open("/")
    follow(page, "English", within=".language-switcher")
    assert page.evaluate("document.documentElement.lang") == "en"
    follow(page, "Public consultations", within="header")
    follow(page, ENGLISH_CONSULTATION_TITLE)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == ENGLISH_CONSULTATION_TITLE
    send_a_proposal(page, ENGLISH_FORM)

    assert page.get_by_role("heading", level=1).inner_text() == "Thank you"
    assert page.get_by_text("We have received what you sent").is_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert not tab.problems, "\n".join(tab.problems)


def tab_to(page, describe, condition, presses=120):
    """Press Tab until `condition` (a script on document.activeElement) holds."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(f"(element => {condition})(document.activeElement)"):
            return
    pytest.fail(f"Tab never reached {describe}")


def focus_is_visible(page):
    """The focused element matches :focus-visible and draws an outline or a ring."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
            const ring = style.boxShadow && style.boxShadow !== 'none';
            return element.matches(':focus-visible') && (outline || ring);
        }"""
    )


def test_a_keyboard_user_corrects_the_errors_and_sends_a_proposal(open_browser):
    tab = open_browser("desktop")
    page = tab.page
    tab.open("/konsultatsii/pravilnik-obshtestveni-saveti-kvartali/")

    # Sent empty: the required proposal and consent are missing.
    tab_to(page, "the send button", "element.type === 'submit'")
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"  # announced by screen readers
    # ...and it takes focus, so the next Tab goes to its first link.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'error-summary'")
    assert "Има проблем с изпратеното" in summary.inner_text()
    links = summary.get_by_role("link")
    assert links.count() == 2
    assert "Предложение" in links.nth(0).inner_text()
    assert CONSENT in links.nth(1).inner_text()

    # The summary is the first thing Tab reaches in the form section; its link takes the
    # reader to the field.
    tab_to(page, "the first link of the error summary", "!!element.closest('#error-summary')")
    assert "Предложение" in page.evaluate("document.activeElement.textContent")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'id_predlozhenie'")
    assert focus_is_visible(page)
    page.keyboard.type(unique("Протоколите на съветите да се публикуват"))

    # Back up to the article field and on through the rest of the form.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "id_tekst_ot_proekta_chlen_alineya"
    page.keyboard.type("чл. 7")
    page.keyboard.press("Tab")  # the proposal again
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_komentar_za_publikuvane"
    page.keyboard.press("Tab")
    page.keyboard.type("Иван")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "email"
    page.keyboard.type("ivan@example.org")
    page.keyboard.press("Tab")  # "notify me when the report is published": left unticked
    assert page.evaluate("document.activeElement.id") == "id_uvedomete_me_kogato_spravkata_bade_publikuvana"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"
    assert focus_is_visible(page)
    page.keyboard.press("Space")
    assert page.get_by_label(CONSENT).is_checked()
    tab_to(page, "the send button", "element.type === 'submit'", presses=5)
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("heading", level=1).inner_text() == "Благодарим ви"
    assert not tab.problems, "\n".join(tab.problems)


def places_left(page):
    text = page.locator(".places-left").inner_text()
    match = re.fullmatch(r"Остава(?:т)? (\d+) (?:място|места)\.", text.strip())
    assert match, f"unexpected places text: {text!r}"
    return int(match.group(1))


def register(page, name, email):
    page.get_by_role("textbox", name="Име и фамилия").fill(name)
    page.get_by_role("textbox", name="Имейл").fill(email)
    page.get_by_role("textbox", name="Организация").fill("Читалище „Зора“")
    page.get_by_role("textbox", name="Нужди от достъпност").fill("Достъп с инвалидна количка")
    page.get_by_label(CONSENT).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Изпращане").click()


def test_a_citizen_sees_the_places_left_and_registers_for_the_upcoming_event(open_browser):
    tab = open_browser("desktop")
    page = tab.page
    tab.open("/")
    follow(page, "Събития", within="header")
    follow(page, EVENT_TITLE)
    assert page.url.endswith(EVENT_PATH)

    before = places_left(page)
    assert 0 < before <= 30
    email = f"petya-{uuid.uuid4().hex[:8]}@example.org"
    register(page, unique("Петя Иванова"), email)

    assert page.get_by_role("heading", level=1).inner_text() == "Благодарим ви"
    assert page.locator(".registration-status").inner_text().startswith("Запазваме ви място")
    follow(page, "Обратно към страницата")
    assert places_left(page) == before - 1  # the place is held for her
    assert "е потвърдено" in confirm_from_email(tab, email)
    tab.open(EVENT_PATH)
    assert places_left(page) == before - 1
    assert not tab.problems, "\n".join(tab.problems)
