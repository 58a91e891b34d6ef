"""An accessibility auditor's checks (WCAG 2.1 AA, EN 301 549) and the EU visibility
rules, in a real browser at desktop and phone widths."""

import pytest

from tests.e2e.site_pages import BULGARIAN_PAGES, PUBLIC_PAGES, VIEWPORTS

pytestmark = pytest.mark.e2e

BLOCKING_IMPACTS = {"critical", "serious"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_have_no_serious_accessibility_violations(open_browser, name, viewport):
    tab = open_browser(viewport)
    tab.open(PUBLIC_PAGES[name])
    violations = axe_violations(tab.page)
    assert not violations, f"{PUBLIC_PAGES[name]} at {viewport}:\n{describe(violations)}"
    assert not tab.problems, "\n".join(tab.problems)  # nothing the CSP blocked, no script errors


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
