"""The public pages the browser checks visit. A new page type joins every check (axe at
both widths, CSP, EU emblem) by adding its demo URL to PUBLIC_PAGES, and gets README
screenshots by adding its name to SCREENSHOT_PAGES."""

PUBLIC_PAGES = {
    "home": "/",
    "project": "/proekt/",
    "not-found": "/no-such-page/",
    "home-en": "/en/",
    "project-en": "/en/proekt/",
}

# Pages whose first screen carries "Европейски съюз" in Bulgarian.
BULGARIAN_PAGES = ["home", "project", "not-found"]

SCREENSHOT_PAGES = ["home", "project"]

VIEWPORTS = {
    "desktop": {"width": 1366, "height": 768},
    "phone": {"width": 390, "height": 844},
}
