"""The public pages the browser checks visit. A new page type joins every check (axe at
both widths, CSP, EU emblem) by adding its demo URL to PUBLIC_PAGES, and gets README
screenshots by adding its name to SCREENSHOT_PAGES."""

PUBLIC_PAGES = {
    "home": "/",
    "project": "/proekt/",
    "consultations": "/konsultatsii/",
    "consultation": "/konsultatsii/pravilnik-obshtestveni-saveti-kvartali/",  # open, with its form
    "consultation-concluded": "/konsultatsii/programa-chitalishtna-deynost-2021/",
    "events": "/sabitiya/",
    "event": "/sabitiya/kragla-masa-obshtestveni-saveti/",  # upcoming, with registration
    "event-past": "/sabitiya/zaklyuchitelna-konferentsiya/",
    "best-practices": "/dobri-praktiki/?topic=grazhdansko-uchastie",
    "best-practice": "/dobri-praktiki/grazhdanski-paneli-gdansk/",
    "news": "/novini/",
    "report": "/novini/analitichen-doklad-grazhdansko-uchastie/",
    "recommendations": "/preporaki/",
    "feedback": "/obratna-vrazka/",
    "civic-monitoring": "/grazhdanski-monitoring/",
    "accessibility": "/dostapnost/",
    "search": "/search/?q=%D1%87%D0%B8%D1%82%D0%B0%D0%BB%D0%B8%D1%89%D0%B0",
    "not-found": "/no-such-page/",
    "home-en": "/en/",
    "project-en": "/en/project/",
}

# Pages whose first screen carries "Европейски съюз" in Bulgarian.
BULGARIAN_PAGES = ["home", "project", "consultation", "event", "best-practice", "not-found"]

SCREENSHOT_PAGES = ["home", "project", "consultation", "event", "best-practices"]

VIEWPORTS = {
    "desktop": {"width": 1366, "height": 768},
    "phone": {"width": 390, "height": 844},
}
