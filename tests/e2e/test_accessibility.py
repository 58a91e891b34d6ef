"""An accessibility auditor's checks (WCAG 2.1 AA, EN 301 549) and the EU visibility
rules, in a real browser at desktop and phone widths.

axe-core runs on every public page type in both languages at both widths, and any
violation fails, whatever its impact (minor and moderate included)."""

import pytest

from tests.e2e.site_pages import BULGARIAN_PAGES, PUBLIC_PAGES, VIEWPORTS

pytestmark = pytest.mark.e2e

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# The page types PUBLIC_PAGES does not visit in Bulgarian, and every type in English.
MORE_PAGES = {
    "news-item": "/novini/informatsionna-kampaniya/",
    "open-data": "/open-data/",
    "alerts": "/alerts/",
    "consultations-en": "/en/consultations/",
    "consultation-en": "/en/consultations/draft-rules-neighbourhood-public-councils/",
    "consultation-concluded-en": "/en/consultations/community-centres-programme-2021/",
    "events-en": "/en/events/",
    "event-en": "/en/events/round-table-public-councils/",
    "event-past-en": "/en/events/closing-conference/",
    "best-practices-en": "/en/best-practices/",
    "best-practice-en": "/en/best-practices/gdansk-citizens-panels/",
    "news-en": "/en/news/",
    "news-item-en": "/en/news/information-campaign/",
    "report-en": "/en/news/analytical-report-civic-participation/",
    "recommendations-en": "/en/recommendations/",
    "feedback-en": "/en/feedback/",
    "civic-monitoring-en": "/en/civic-monitoring/",
    "accessibility-en": "/en/accessibility/",
    "open-data-en": "/en/open-data/",
    "alerts-en": "/en/alerts/",
    "search-en": "/en/search/?q=community",
    "not-found-en": "/en/no-such-page/",
}
AUDITED_PAGES = {**PUBLIC_PAGES, **MORE_PAGES}


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return results.response["violations"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", AUDITED_PAGES)
def test_public_pages_have_no_accessibility_violations(open_browser, name, viewport):
    tab = open_browser(viewport)
    tab.open(AUDITED_PAGES[name])
    violations = axe_violations(tab.page)
    assert not violations, f"{AUDITED_PAGES[name]} at {viewport}:\n{describe(violations)}"
    assert not tab.problems, "\n".join(tab.problems)  # nothing the CSP blocked, no script errors


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_open_menu_on_a_phone_and_a_form_with_errors_have_no_violations(open_browser, viewport):
    """What axe cannot see on a page as it loads: the phone's menu once opened, and the
    error summary a form shows after a bad submission."""
    tab = open_browser(viewport)
    page = tab.page
    tab.open("/")
    toggle = page.locator("summary.site-menu__toggle")
    if toggle.is_visible():
        toggle.click()
        assert page.locator(".main-menu a").first.is_visible()
    violations = axe_violations(page)
    assert not violations, f"/ with the menu open at {viewport}:\n{describe(violations)}"

    tab.open("/alerts/")
    page.evaluate("document.querySelectorAll('main form').forEach(form => { form.noValidate = true; })")
    with page.expect_navigation():
        page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    assert page.locator("#error-summary").is_visible()
    violations = axe_violations(page)
    assert not violations, f"/alerts/ with errors at {viewport}:\n{describe(violations)}"


def inside_first_screen(locator, viewport):
    box = locator.bounding_box()
    return box is not None and box["width"] > 0 and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", BULGARIAN_PAGES)
def test_the_eu_emblem_and_union_are_visible_without_scrolling(open_browser, name, viewport):
    tab = open_browser(viewport)
    tab.open(PUBLIC_PAGES[name])
    size = VIEWPORTS[viewport]
    assert inside_first_screen(tab.page.locator("img.eu-flag").first, size)
    assert inside_first_screen(tab.page.get_by_text("Европейски съюз", exact=True).first, size)
    assert tab.page.evaluate("window.scrollY") == 0


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_keyboard_users_skip_to_the_content_and_reach_the_language_switcher(open_browser, viewport):
    tab = open_browser(viewport)
    tab.open("/proekt/")
    page = tab.page

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert page.locator(".skip-link").is_visible()  # it shows itself when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    tab.open("/proekt/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.language-switcher')"):
            break
    else:
        pytest.fail("Tab never reached the language switcher")
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "en"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "en"
