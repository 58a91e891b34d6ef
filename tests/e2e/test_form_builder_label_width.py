"""The form builder in a real browser at 1366 px: the "Label" input beside the field-type
select is wide enough to read what an officer types (it was squashed to about 55 px)."""

import pytest

from tests.e2e.conftest import OFFICER

pytestmark = pytest.mark.e2e

EVENT_WITH_A_FORM = """
from pages.models import EventPage
page = next(p for p in EventPage.objects.filter(locale__language_code="bg") if p.form_fields.exists())
print(page.pk)
"""


def test_the_label_input_of_the_form_builder_is_at_least_200_px_wide(open_browser, live_site):
    event = live_site.python(EVENT_WITH_A_FORM).split()[-1]
    tab = open_browser("desktop")
    page = tab.page
    tab.log_in(*OFFICER)

    tab.open(f"/admin/pages/{event}/edit/")
    page.get_by_role("tab", name="Регистрация").click()
    label = page.locator("input[name='form_fields-0-label']")
    label.scroll_into_view_if_needed()

    assert label.is_visible()
    assert label.bounding_box()["width"] >= 200
    # The field type beside it stays usable too.
    assert page.locator("select[name='form_fields-0-field_type']").bounding_box()["width"] >= 150


CONSULTATION = """
from pages.models import ConsultationPage
print(ConsultationPage.objects.filter(locale__language_code="bg").first().pk)
"""


def test_every_tab_of_the_consultation_editor_can_be_clicked_at_1366_px(open_browser, live_site):
    """The floating "Collapse all" button covered the last of the consultation editor's
    seven tabs and swallowed clicks on them."""
    consultation = live_site.python(CONSULTATION).split()[-1]
    tab = open_browser("desktop")
    page = tab.page
    tab.log_in(*OFFICER)
    tab.open(f"/admin/pages/{consultation}/edit/")
    tabs = page.get_by_role("tab")
    assert tabs.count() >= 7
    for index in range(tabs.count()):
        box = tabs.nth(index).bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        on_top = page.evaluate(
            "([x, y]) => { const el = document.elementFromPoint(x, y); return el && el.closest('[role=tab]') ? el.closest('[role=tab]').textContent.trim() : (el ? el.outerHTML.slice(0, 120) : null); }",
            [x, y],
        )
        assert on_top == tabs.nth(index).text_content().strip(), on_top
        tabs.nth(index).click()
        assert tabs.nth(index).get_attribute("aria-selected") == "true"
