"""An officer works in the Wagtail admin under its own Content-Security-Policy."""

import pytest

from tests.e2e.conftest import OFFICER

pytestmark = pytest.mark.e2e


def test_an_officer_logs_in_and_opens_the_project_in_the_page_editor(open_browser, live_site):
    tab = open_browser("desktop")
    page = tab.page
    tab.log_in(*OFFICER)

    tab.open(f"/admin/pages/{live_site.ids['project']}/edit/")
    assert page.locator("#id_title").input_value() == "Партньори за развитие на Община Сливен"
    # The admin's scripts run: switching tabs reveals the funding facts.
    page.get_by_role("tab", name="Финансиране").click()  # the officer's admin speaks Bulgarian
    assert page.locator("#id_project_code").is_visible()
    assert page.locator("#id_project_code").input_value() == "BG05SFOP001-2.025-0025-C01"
    assert not tab.problems, "\n".join(tab.problems)

    # Back on the public page, the editor's userbar works under the strict public policy.
    tab.open("/proekt/")
    assert page.locator("wagtail-userbar").count() == 1
    assert not tab.problems, "\n".join(tab.problems)
