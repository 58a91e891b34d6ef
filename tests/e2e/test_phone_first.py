"""The phone-first layout as a citizen sees it in a real browser: on a phone the menu is
collapsed behind its toggle (which works without JavaScript too); on a laptop the whole
header menu is one line, the site's name apart from it; every form control's border and
focus ring stands out from the page (WCAG 1.4.11, 3:1); the home page leads with what a
citizen can do now; topic badges keep their distance."""

import pytest

from tests.e2e.site_pages import VIEWPORTS

pytestmark = pytest.mark.e2e

MENU_LINKS = "header .main-menu a"

# Contrast of two colours as computed styles give them, against what lies behind the element.
CONTRAST = """
(element, which) => {
  const parse = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const luminance = ({ r, g, b }) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const behind = (node) => {
    for (let n = node.parentElement; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const style = getComputedStyle(element);
  const page = behind(element);
  const ratio = (colour) => {
    const [l1, l2] = [luminance(colour), luminance(page)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  if (which === "border") {
    const sides = ["Top", "Right", "Bottom", "Left"].map((side) => ({
      width: parseFloat(style[`border${side}Width`]),
      ratio: ratio(parse(style[`border${side}Color`])),
    }));
    return { width: Math.min(...sides.map((s) => s.width)), ratio: Math.min(...sides.map((s) => s.ratio)) };
  }
  return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), ratio: ratio(parse(style.outlineColor)) };
}
"""
CONTROLS = (
    "main input:not([type=hidden]):not([type=submit]):not([type=button]):visible, main select:visible, "
    "main textarea:visible"
)


def test_on_a_phone_the_menu_is_collapsed_until_its_toggle_is_used(open_browser):
    tab = open_browser("phone")
    page = tab.page
    tab.open("/")
    links = page.locator(MENU_LINKS)
    assert links.count() >= 5
    assert not any(links.nth(i).is_visible() for i in range(links.count()))
    toggle = page.locator("header summary", has_text="Меню")
    assert toggle.is_visible()
    # The search and the languages stay in reach beside the toggle.
    assert page.locator("header .site-search-link").is_visible()
    assert page.locator("header .language-switcher a[hreflang=en]").is_visible()

    toggle.click()
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    with page.expect_navigation():
        page.locator("header").get_by_role("link", name="Обществени консултации").click()
    assert page.url.endswith("/konsultatsii/")
    assert not page.locator(MENU_LINKS).first.is_visible()  # closed again on the next page
    assert not tab.problems, "\n".join(tab.problems)


def test_on_a_phone_without_javascript_the_menu_opens_from_the_keyboard(browser, live_site):
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="bg-BG", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_site.url + "/")
        links = page.locator(MENU_LINKS)
        assert not links.first.is_visible()
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        else:
            pytest.fail("Tab never reached the menu's toggle")
        page.keyboard.press("Enter")
        assert all(links.nth(i).is_visible() for i in range(links.count()))
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.main-menu')")
        with page.expect_navigation():
            page.locator("header").get_by_role("link", name="Събития", exact=True).click()
        assert page.url.endswith("/sabitiya/")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/en/", "/konsultatsii/pravilnik-obshtestveni-saveti-kvartali/"])
def test_on_a_laptop_the_header_menu_is_one_line_apart_from_the_sites_name(open_browser, path):
    tab = open_browser("desktop")
    page = tab.page
    tab.open(path)
    links = page.locator(MENU_LINKS)
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert len(boxes) >= 5 and all(box and box["width"] > 0 for box in boxes), "every menu item is shown"
    assert not page.locator("header summary").is_visible()  # no toggle needed
    assert len({round(box["y"]) for box in boxes}) == 1, f"menu items on more than one line: {boxes}"
    assert len({round(box["height"]) for box in boxes}) == 1, "no menu item wraps onto two lines"
    assert max(box["x"] + box["width"] for box in boxes) <= VIEWPORTS["desktop"]["width"]
    bar = page.locator("header .site-menu-nav").bounding_box()
    assert bar["height"] <= boxes[0]["height"] + 1, "the menu bar is one line high"

    name = page.locator("header .site-name")
    name_box = name.bounding_box()
    line = float(name.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert name_box["height"] < 1.6 * line + 16, "the site's name is one line"
    assert name_box["y"] + name_box["height"] <= boxes[0]["y"], "the site's name is above the menu, apart from it"
    name_style = name.evaluate("e => [getComputedStyle(e).fontFamily, getComputedStyle(e).fontSize]")
    link_style = links.first.evaluate("e => [getComputedStyle(e).fontFamily, getComputedStyle(e).fontSize]")
    assert name_style != link_style, "the site's name does not look like a menu item"
    tools = page.locator("header .site-tools").bounding_box()
    assert abs((tools["y"] + tools["height"] / 2) - (name_box["y"] + name_box["height"] / 2)) < 16


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(
    "path",
    [
        "/konsultatsii/",  # the filters: selects
        "/konsultatsii/pravilnik-obshtestveni-saveti-kvartali/",  # the proposal form: text, checkbox
        "/alerts/",  # email, checkboxes
        "/search/?q=%D1%87%D0%B8%D1%82%D0%B0%D0%BB%D0%B8%D1%89%D0%B0",
    ],
)
def test_every_form_control_border_and_focus_ring_has_3_to_1_contrast(open_browser, path, viewport):
    tab = open_browser(viewport)
    page = tab.page
    tab.open(path)
    controls = page.locator(CONTROLS)
    assert controls.count() > 0
    for i in range(controls.count()):
        control = controls.nth(i)
        described = control.evaluate("e => e.outerHTML.slice(0, 120)")
        border = control.evaluate(CONTRAST, "border")
        assert border["width"] >= 1 and border["ratio"] >= 3, f"{described}: border {border}"
        control.focus()
        ring = control.evaluate(CONTRAST, "outline")
        assert ring["style"] != "none" and ring["width"] >= 2 and ring["ratio"] >= 3, f"{described}: focus {ring}"


def test_a_keyboard_user_sees_a_strong_focus_ring_on_links_and_buttons(open_browser):
    tab = open_browser("desktop")
    page = tab.page
    tab.open("/konsultatsii/")
    seen = set()
    for _ in range(30):
        page.keyboard.press("Tab")
        tag = page.evaluate("document.activeElement.tagName")
        if tag in ("A", "BUTTON", "SELECT", "SUMMARY"):
            ring = page.evaluate_handle("document.activeElement").as_element().evaluate(CONTRAST, "outline")
            assert ring["style"] != "none" and ring["width"] >= 2 and ring["ratio"] >= 3, ring
            seen.add(tag)
    assert {"A", "SELECT", "BUTTON"} <= seen


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_home_page_leads_with_what_a_citizen_can_do_now(open_browser, viewport):
    tab = open_browser(viewport)
    page = tab.page
    tab.open("/")
    first = page.locator("main section").first
    assert first.get_attribute("class") == "home-now"
    assert first.get_by_role("heading", level=2).inner_text() == "Какво можете да направите сега"
    actions = first.get_by_role("link")
    names = [actions.nth(i).inner_text() for i in range(actions.count())]
    assert names == ["Кажете мнението си", "Елате на събитие", "Абонирайте се за известия по имейл"]
    assert actions.nth(2).get_attribute("href") == "/alerts/"
    box = actions.first.bounding_box()
    assert box["y"] + box["height"] <= VIEWPORTS[viewport]["height"], "the first action is on the first screen"
    # It comes before the cards, and the cards share their row (no empty column).
    cards_top = page.locator("main .card-grid").first.bounding_box()["y"]
    assert box["y"] < cards_top
    for grid in page.locator("main .card-grid").all():
        grid_box = grid.bounding_box()
        items = grid.locator(":scope > li").all()
        first_row = [item.bounding_box() for item in items]
        first_row = [b for b in first_row if abs(b["y"] - first_row[0]["y"]) < 1]
        right = max(b["x"] + b["width"] for b in first_row)
        assert right >= grid_box["x"] + grid_box["width"] - 1, "the first row of cards is filled"


def test_topic_badges_keep_their_distance(open_browser):
    tab = open_browser("desktop")
    page = tab.page
    tab.open("/dobri-praktiki/")
    lists = page.locator("main .topics")
    checked = 0
    for topics in lists.all():
        badges = [badge.bounding_box() for badge in topics.locator(".badge").all()]
        for before, after in zip(badges, badges[1:], strict=False):
            if abs(before["y"] - after["y"]) < 1:  # on one line: a gap between them
                assert after["x"] - (before["x"] + before["width"]) >= 4
                checked += 1
            else:  # wrapped: a gap between the lines
                assert after["y"] - (before["y"] + before["height"]) >= 4
        previous = topics.evaluate_handle("e => e.previousElementSibling").as_element()
        if previous:
            assert topics.bounding_box()["y"] - (previous.bounding_box()["y"] + previous.bounding_box()["height"]) >= 4
    assert checked > 0


def test_the_year_filter_lists_the_years_that_have_events(open_browser):
    tab = open_browser("phone")
    page = tab.page
    tab.open("/sabitiya/")
    year = page.get_by_label("Година")
    assert year.evaluate("e => e.tagName") == "SELECT"
    options = year.locator("option").all_inner_texts()
    assert options[0] == "Всички" and "2020" in options
    assert options[1:] == sorted(options[1:], reverse=True)
    year.select_option("2020")
    with page.expect_navigation():
        page.get_by_role("button", name="Покажи").click()
    assert "year=2020" in page.url
    assert page.get_by_label("Година").input_value() == "2020"
