"""Browser tests: Playwright drives Debian's chromium (never a downloaded browser) against
the demo site served by its own process (tests/live_site.py).

Without chromium every e2e test is skipped, and the run ends with a loud notice."""

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.support.live_site import LiveSite, copy_of_test_database, drop_database

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # the tests run as root in a container
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OFFICER = ("admin", "e2e-officer-password")
# One process start builds everything the tests need and reports the ids they navigate by.
SEED = """
import json
from django.core.management import call_command
from pages.models import ProjectPage
call_command("seed_demo", verbosity=0)
call_command("ensure_admin", verbosity=0)
project = ProjectPage.objects.get(slug="proekt", locale__language_code="bg")
print(json.dumps({"project": project.pk}))
"""
_skipped_for_lack_of_chromium = []


def chromium_executable():
    """$CHROMIUM when set (even if it is missing: then the tests are skipped), else Debian's."""
    chosen = os.environ.get("CHROMIUM")
    candidates = (
        [chosen] if chosen else ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    )
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


def pytest_collection_modifyitems(config, items):
    if chromium_executable():
        return
    skip = pytest.mark.skip(reason="chromium is not installed: browser tests skipped (apt-get install chromium)")
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)
            _skipped_for_lack_of_chromium.append(item.nodeid)


def pytest_terminal_summary(terminalreporter):
    if _skipped_for_lack_of_chromium:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(_skipped_for_lack_of_chromium)} browser and accessibility tests did not run: chromium is not "
            "installed. Install it with `apt-get install chromium` (as root) and run `make test` again.",
            red=True,
        )


# Package scope: the site and the browser (and the async-unsafe switch below) end with the
# e2e tests, before the rest of the suite runs.
@pytest.fixture(scope="package")
def live_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site with an officer account, served on a free loopback port."""
    with django_db_blocker.unblock():
        database = copy_of_test_database("e2e")
    site = LiveSite(database, tmp_path_factory.mktemp("e2e-media"))
    site.environment["ADMIN_PASSWORD"] = OFFICER[1]
    # Browser journeys fill a form in well under the real minimum of a few seconds, and
    # send several forms from one address: the spam checks stay on but let them through.
    site.environment["FORMS_MIN_FILL_SECONDS"] = "0"
    site.environment["FORMS_RATE_LIMIT"] = "1000"
    # The server starts while the seed runs: it needs nothing the seed makes before the
    # tests' first request.
    site.launch()
    try:
        site.ids = json.loads(site.python(SEED).splitlines()[-1])
        site.wait_until_ready()
    except BaseException:
        site.stop()
        raise
    yield site
    site.stop()
    with django_db_blocker.unblock():
        drop_database(database.rsplit("/", 1)[1])


@pytest.fixture(scope="package")
def browser(live_site):
    """Chromium under Playwright's sync API, whose event loop runs in this thread: while it
    lives, Django's guard against database calls from async code is lifted (the tests'
    own database calls are ordinary synchronous ones).

    With that loop running, Django keeps the thread's database connections apart from
    its usual ones (asgiref's Local stores them per context): they are closed before the
    loop ends, or the one the tests opened would stay connected to the test database, and
    dropping that database at the end of the run would wait for it and fail."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                connections.close_all()
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class BrowserPage:
    """A browser tab at one viewport that records what the console says about the
    Content-Security-Policy and any script error."""

    def __init__(self, browser, site, viewport):
        self.site = site
        self.context = browser.new_context(viewport=viewport, locale="bg-BG")
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.problems = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")

    def open(self, path):
        response = self.page.goto(self.site.url + path)
        self.page.wait_for_load_state("load")
        return response

    def log_in(self, username, password):
        """Log in through the admin's login form and land on the dashboard."""
        self.open("/admin/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        with self.page.expect_navigation():
            self.page.click("button[type=submit]")
        assert self.page.url == f"{self.site.url}/admin/"

    def close(self):
        self.context.close()


@pytest.fixture
def open_browser(live_site, browser):
    """open_browser("desktop" | "phone" | {viewport}) → a BrowserPage; closed after the test."""
    from tests.e2e.site_pages import VIEWPORTS

    tabs = []

    def open_tab(viewport="desktop"):
        tab = BrowserPage(browser, live_site, VIEWPORTS.get(viewport, viewport))
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        tab.close()


@pytest.fixture(scope="session")
def screenshots_dir(tmp_path_factory):
    """docs/screenshots when SCREENSHOTS_DIR says so (`make screenshots`), else a temporary folder."""
    target = os.environ.get("SCREENSHOTS_DIR")
    if target:
        path = Path(target)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


def confirm_from_email(tab, address):
    """Open the confirmation link emailed to `address` in the visitor's browser and confirm."""
    page = tab.page
    tab.open(tab.site.link_in_latest_email(address, "/registrations/confirm/"))
    with page.expect_navigation():
        page.get_by_role("button", name="Да, потвърждавам регистрацията си").click()
    return page.locator("main [role=status]").inner_text()


def translate_segment(page, heading, text):
    """In wagtail-localize's editor: the segment under `heading`, Translate, type, Save."""
    segment = page.locator("li", has=page.get_by_role("heading", name=heading, exact=True)).first
    segment.get_by_role("button", name="Превеждане").click()
    segment.locator("textarea").fill(text)
    segment.get_by_role("button", name="Запазване").click()
    segment.get_by_text("Преведено ръчно").wait_for()
