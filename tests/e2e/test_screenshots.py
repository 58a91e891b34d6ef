"""Screenshots of the main pages at desktop and phone widths. `make screenshots` writes
them to docs/screenshots/ (shown in the README); a normal run only checks they can be taken."""

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
