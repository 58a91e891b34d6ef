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
