"""Citizens in a real browser: from the home page to a proposal on the open consultation
(in Bulgarian and in English, and with the keyboard only), and a registration for the
upcoming round table."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

CONSENT = '[name="prochetoh_informatsiyata_za_zashtita_na_lichnite_danni"]'


def tab_until(page, condition, limit=40):
    """Press Tab until `condition` (JavaScript) holds: how a keyboard user moves on."""
    for _ in range(limit):
        if page.evaluate(condition):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"never reached by Tab: {condition}")


def test_a_citizen_finds_the_open_consultation_and_sends_a_proposal(open_browser):
    tab = open_browser("desktop")
    page = tab.page
    tab.open("/")
    page.locator(".main-menu").get_by_role("link", name="Обществени консултации").click()
    page.get_by_role("link", name="Проект на Правилник за обществените съвети по кварталите на град Сливен").click()
    expect(page.get_by_role("heading", name="Изпратете предложение или коментар")).to_be_visible()
    page.locator('[name="predlozhenie"]').fill("Съветите да публикуват протоколите си онлайн.")
    page.locator(CONSENT).check()
    page.get_by_role("button", name="Изпращане").click()
    expect(page.get_by_role("heading", name="Благодарим ви")).to_be_visible()
    assert "Получихме изпратеното от вас" in page.locator("main [role=status]").first.inner_text()
    assert not tab.problems, "\n".join(tab.problems)


def test_an_english_speaking_citizen_does_the_same_from_the_english_site(open_browser):
    tab = open_browser("phone")
    page = tab.page
    tab.open("/en/")
    page.locator(".main-menu").get_by_role("link", name="Public consultations").click()
    page.locator("main").get_by_role("link", name="Проект на Правилник за обществените съвети по кварталите на град Сливен").click()
    assert page.url.startswith(tab.site.url + "/en/")
    expect(page.get_by_role("heading", name="Send a proposal or comment")).to_be_visible()
    page.locator('[name="predlozhenie"]').fill("Publish the councils' minutes online.")
    page.locator(CONSENT).check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert not tab.problems, "\n".join(tab.problems)


def test_the_consultation_form_works_with_the_keyboard_alone(open_browser):
    tab = open_browser("desktop")
    page = tab.page
    tab.open("/konsultatsii/pravilnik-obshtestveni-saveti-kvartali/")
    # Sent empty: the error summary comes first, and its link takes focus to the field.
    page.locator('[name="tekst_ot_proekta_chlen_alineya"]').focus()
    tab_until(page, "document.activeElement.type === 'submit'")
    page.keyboard.press("Enter")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    link = summary.get_by_role("link").filter(has_text="Предложение").first
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "predlozhenie"
    # Now with the keyboard only: type, tab to the consent box, tick it with Space, send.
    page.keyboard.type("Да се добави срок за отговор на сигналите.")
    tab_until(page, "document.activeElement.name === 'prochetoh_informatsiyata_za_zashtita_na_lichnite_danni'")
    page.keyboard.press("Space")
    assert page.locator(CONSENT).is_checked()
    tab_until(page, "document.activeElement.type === 'submit'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Благодарим ви")).to_be_visible()
    assert not tab.problems, "\n".join(tab.problems)


def test_a_citizen_registers_for_the_round_table(open_browser):
    tab = open_browser("desktop")
    page = tab.page
    tab.open("/")
    page.locator(".main-menu").get_by_role("link", name="Събития").click()
    page.get_by_role("link", name="Кръгла маса „Обществените съвети по кварталите – как да заработят“").click()
    places = page.locator(".places-left").inner_text()
    assert places.startswith("Остават") and "места" in places
    page.locator('[name="ime_i_familia"]').fill("Георги Петров")
    page.locator('[name="imeyl"]').fill("georgi@example.org")
    page.locator(CONSENT).check()
    page.get_by_role("button", name="Изпращане").click()
    expect(page.get_by_role("heading", name="Благодарим ви")).to_be_visible()
    assert "Мястото ви е потвърдено" in page.locator(".registration-status").inner_text()
    assert not tab.problems, "\n".join(tab.problems)
