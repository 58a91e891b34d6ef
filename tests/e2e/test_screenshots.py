"""Screenshots of the main pages at desktop and phone widths, and of the admin in
Bulgarian as an officer sees it (dashboard, page editor, form builder). `make screenshots`
writes them to docs/screenshots/ (shown in the README); a normal run only checks they can
be taken."""

import json

import pytest

from tests.e2e.site_pages import PUBLIC_PAGES, SCREENSHOT_PAGES, VIEWPORTS

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", SCREENSHOT_PAGES)
def test_screenshot(open_browser, screenshots_dir, name, viewport):
    tab = open_browser(viewport)
    assert tab.open(PUBLIC_PAGES[name]).status == 200
    path = screenshots_dir / f"{name}-{viewport}.png"
    tab.page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000


def test_screenshot_of_the_home_page_with_the_phone_menu_open(open_browser, screenshots_dir):
    """`home-phone-menu.png`: the phone's collapsed menu, opened by its toggle."""
    tab = open_browser("phone")
    assert tab.open(PUBLIC_PAGES["home"]).status == 200
    tab.page.locator("header summary").click()
    assert tab.page.locator("header .main-menu a").first.is_visible()
    path = screenshots_dir / "home-phone-menu.png"
    tab.page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000


# The admin as a communications officer sees it, in Bulgarian: `admin-<name>-desktop.png`.
ADMIN_OFFICER = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
from pages import roles
from pages.models import ConsultationPage
User = get_user_model()
person = User.objects.filter(username="petya").first() or User.objects.create_user(
    "petya", "petya@example.org", "screenshots-password", first_name="Петя", last_name="Иванова"
)
person.groups.add(Group.objects.get(name=roles.OFFICERS))
profile = UserProfile.get_for_user(person)
profile.preferred_language = "bg"
profile.save()
consultation = ConsultationPage.objects.get(slug="pravilnik-obshtestveni-saveti-kvartali", locale__language_code="bg")
print(json.dumps({"consultation": consultation.pk}))
"""
ADMIN_SCREENSHOTS = ["dashboard", "page-editor", "form-builder"]


@pytest.fixture(scope="module")
def officer_ids(live_site):
    return json.loads(live_site.python(ADMIN_OFFICER).splitlines()[-1])


@pytest.mark.parametrize("name", ADMIN_SCREENSHOTS)
def test_admin_screenshot(open_browser, screenshots_dir, officer_ids, name):
    tab = open_browser("desktop")
    page = tab.page
    tab.log_in("petya", "screenshots-password")
    if name != "dashboard":
        tab.open(f"/admin/pages/{officer_ids['consultation']}/edit/")
    if name == "form-builder":
        page.get_by_role("tab", name="Формуляр").click()
        first_label = page.locator("#id_form_fields-0-label")
        first_label.evaluate("element => element.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)  # the editor's panels settle
    path = screenshots_dir / f"admin-{name}-desktop.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000
    assert not tab.problems, "\n".join(tab.problems)
