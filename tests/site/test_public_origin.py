"""One public origin (issue 22): with SITE_URL set, every address the site writes for
machines and mail programs is on it, whatever host the request named and whatever the
Site record says; search engines see both languages (the sitemap with reciprocal
alternates, robots.txt, the API's English pages); the feeds are valid RSS 2.0 and Atom."""

import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, PageViewRestriction, Site

from forms_ext.models import Subscription
from pages.models import ConsultationPage, EventIndexPage, EventPage, HomePage, NewsPage
from tests.support import factories, mailbox
from tests.support.forms import post_form

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ORIGIN = "https://civic.example.org"
OTHER_ORIGINS = re.compile(r"localhost|testserver|127\.0\.0\.1|\[::1\]")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
FEEDS = [f"/feeds/{kind}/{form}/" for kind in ("news", "consultations", "events") for form in ("rss", "atom")]


@pytest.fixture
def public(settings, demo):
    """The demo under SITE_URL; the Site record is left as the demo made it (localhost:80)
    and the test client keeps naming "testserver": neither may show anywhere."""
    settings.SITE_URL = ORIGIN
    return demo


def only_public_origin(text, where):
    found = OTHER_ORIGINS.search(text)
    assert found is None, f"{where}: {text[max(found.start() - 120, 0) : found.end() + 120]!r}"


def get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response


def one_page_of_each_type():
    """A live page of every page type, in both languages (a real translation when there is one)."""
    chosen = {}
    for page in Page.objects.live().filter(depth__gte=2).select_related("locale", "content_type").order_by("path"):
        key = (page.content_type_id, page.locale.language_code)
        if key not in chosen and page.alias_of_id is None:
            chosen[key] = page
    return list(chosen.values())


def head_of(html):
    return html.split("</head>", 1)[0]


def absolute_urls(text):
    return re.findall(r"https?://[^\s\"'<>]+", text)


# Every output on the public origin ----------------------------------------------------
def test_every_page_type_heads_its_html_with_the_public_origin_only(public, client):
    pages = one_page_of_each_type()
    assert len({page.content_type_id for page in pages}) >= 10
    for page in pages:
        html = get(client, page.url).content.decode()
        only_public_origin(html, page.url)
        head = head_of(html)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', head).group(1)
        og_url = re.search(r'<meta property="og:url" content="([^"]+)">', head).group(1)
        assert canonical == og_url == ORIGIN + page.url, page.url
        hreflangs = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))
        assert hreflangs, page.url
        assert all(url.startswith(ORIGIN + "/") for url in hreflangs.values()), page.url
        assert hreflangs[page.locale.language_code] == canonical


@pytest.mark.parametrize(
    "path",
    ["/search/?q=наредба", "/en/search/?q=ordinance", "/open-data/", "/en/open-data/", "/alerts/", "/en/alerts/"],
)
def test_search_open_data_and_alerts_have_canonical_hreflang_and_sharing_tags(public, client, path):
    head = head_of(get(client, path).content.decode())
    only_public_origin(head, path)
    bare = path.split("?", 1)[0]
    assert f'<link rel="canonical" href="{ORIGIN}{bare}">' in head
    assert f'<meta property="og:url" content="{ORIGIN}{bare}">' in head
    bulgarian = bare.removeprefix("/en")
    assert f'<link rel="alternate" hreflang="bg" href="{ORIGIN}{bulgarian}">' in head
    assert f'<link rel="alternate" hreflang="en" href="{ORIGIN}/en{bulgarian}">' in head
    assert f'<link rel="alternate" hreflang="x-default" href="{ORIGIN}{bulgarian}">' in head
    assert '<meta property="og:image" content="https://civic.example.org/static/' in head
    # The language switcher goes to the same view in the other language, not to its home page.
    other = bulgarian if bare.startswith("/en/") else "/en" + bulgarian
    other_code = "bg" if bare.startswith("/en/") else "en"
    assert f'href="{other}" hreflang="{other_code}"' in get(client, path).content.decode()


def test_the_sitemap_robots_and_favicon_are_on_the_public_origin(public, client):
    xml = get(client, "/sitemap.xml").content.decode()
    only_public_origin(xml, "sitemap.xml")
    locations = [loc.text for loc in ET.fromstring(xml).iter(f"{SITEMAP}loc")]
    assert locations and all(location.startswith(ORIGIN + "/") for location in locations)

    robots = get(client, "/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    text = robots.content.decode()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in text.splitlines()
    assert "Disallow: /admin/" in text
    only_public_origin(text, "robots.txt")

    icon = get(client, "/favicon.ico")
    assert icon["Content-Type"] == "image/x-icon"
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert '<link rel="icon" href="/static/pages/img/favicon.svg"' in get(client, "/").content.decode()


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_feed_links_the_public_origin_only(public, client, language):
    for path in FEEDS:
        body = get(client, language + path).content.decode()
        only_public_origin(body, language + path)
        assert f"{ORIGIN}{language}/" in body


@pytest.mark.parametrize("language", ["", "/en"])
def test_calendars_link_the_events_on_the_public_origin(public, client, language):
    feed = get(client, f"{language}/calendar/events.ics").content.decode()
    only_public_origin(feed, "events.ics")
    urls = re.findall(r"^URL:(.+?)\r?$", feed, re.M)
    assert urls and all(url.startswith(f"{ORIGIN}{language}/") for url in urls)
    event = EventPage.objects.live().filter(locale__language_code=language.strip("/") or "bg").first()
    one = get(client, f"{language}/calendar/event-{event.pk}.ics").content.decode()
    only_public_origin(one, "event.ics")
    assert f"URL:{ORIGIN}{event.url}" in one.replace("\r\n ", "")


def test_event_structured_data_names_the_public_address(public, client):
    event = EventPage.objects.live().filter(locale__language_code="en").first()
    html = get(client, event.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.+?)</script>', html, re.S).group(1))
    assert data["url"] == ORIGIN + event.url


@pytest.mark.parametrize("language", ["", "/en"])
def test_open_data_files_and_the_catalogue_are_on_the_public_origin(public, client, language):
    catalogue = get(client, f"{language}/open-data/catalog.json").content.decode()
    only_public_origin(catalogue, "catalog.json")
    for url in absolute_urls(catalogue):
        host = urlsplit(url).netloc
        assert host in ("civic.example.org", "creativecommons.org") or not host.endswith(("local", "testserver")), url
    slugs = re.findall(r"/open-data/([a-z-]+)\.csv", catalogue)
    assert {"consultations", "events", "recommendations", "form-statistics"} <= set(slugs)
    for slug in set(slugs):
        rows = list(
            csv.DictReader(io.StringIO(get(client, f"{language}/open-data/{slug}.csv").content.decode("utf-8-sig")))
        )
        document = get(client, f"{language}/open-data/{slug}.json").content.decode()
        only_public_origin(document, f"{slug}.json")
        for row in [*rows, *json.loads(document)["records"]]:
            for column in ("url", "report_url"):
                if row.get(column):
                    assert row[column].startswith(f"{ORIGIN}{language}/"), (slug, row[column])


def test_the_api_lists_and_details_pages_on_the_public_origin(public, client):
    for query in ("", "?locale=en", "?type=pages.EventPage&fields=start", "?locale=en&type=pages.NewsPage"):
        listing = get(client, f"/api/v2/pages/{query}").content.decode()
        only_public_origin(listing, query)
    items, offset = [], 0
    while offset == 0 or len(items) == offset:
        items += get(client, f"/api/v2/pages/?locale=en&limit=20&offset={offset}").json()["items"]
        offset += 20
    assert items and all(item["meta"]["locale"] == "en" for item in items)
    for item in items:
        assert item["meta"]["detail_url"].startswith(f"{ORIGIN}/api/v2/pages/")
        assert item["meta"]["html_url"].startswith(f"{ORIGIN}/en/")
        detail = get(client, item["meta"]["detail_url"].removeprefix(ORIGIN))
        only_public_origin(detail.content.decode(), item["meta"]["detail_url"])
        assert detail.json()["meta"]["html_url"] == item["meta"]["html_url"]
    for kind in ("images", "documents"):
        only_public_origin(get(client, f"/api/v2/{kind}/").content.decode(), kind)


def test_the_api_finds_a_page_by_its_english_address(public, client):
    index = EventIndexPage.objects.live().get(locale__language_code="en")
    found = client.get("/api/v2/pages/find/", {"html_path": index.url})
    assert found.status_code == 302
    assert found["Location"].startswith(f"{ORIGIN}/api/v2/pages/{index.pk}/")
    detail = get(client, found["Location"].removeprefix(ORIGIN)).json()
    assert detail["id"] == index.pk and detail["meta"]["locale"] == "en"
    bulgarian = index.get_translation(factories.locale("bg"))
    assert client.get("/api/v2/pages/find/", {"html_path": bulgarian.url})["Location"].startswith(
        f"{ORIGIN}/api/v2/pages/{bulgarian.pk}/"
    )
    assert client.get("/api/v2/pages/find/", {"html_path": "/en/no-such-page/"}).status_code == 404


def test_registration_and_alert_emails_link_the_public_origin(public, django_capture_on_commit_callbacks):
    Subscription.objects.all().delete()
    index = EventIndexPage.objects.get(locale__language_code="bg")
    event = factories.EventPageFactory(parent=index, capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(Client(), event, {"ime": "Гражданин", "imeyl": "ana@example.org", "saglasen_sam": "on"})
    assert response.status_code in (200, 302)
    (confirmation,) = mailbox.to("ana@example.org")
    assert f"{ORIGIN}/registrations/confirm/" in confirmation.body
    assert ORIGIN + event.url in confirmation.body
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(mailbox.link(confirmation, "/registrations/confirm/"))

    from tests.forms_ext.test_email_alerts import link_in, publish_consultation, subscribe

    citizen = Client()
    with django_capture_on_commit_callbacks(execute=True):
        assert subscribe(citizen, email="ivan@example.org").status_code == 200
    confirm = [message for message in mailbox.to("ivan@example.org")][-1]
    assert f"{ORIGIN}/alerts/confirm/" in confirm.body
    citizen.post("/" + link_in(confirm, "alerts/confirm"))
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_consultation("Проект на Наредба за шума", "naredba-shum-origin")
    alert = mailbox.to("ivan@example.org")[-1]
    assert ORIGIN + page.url in alert.body
    assert alert.extra_headers["List-Unsubscribe"].startswith(f"<{ORIGIN}/alerts/unsubscribe/")
    assert mail.outbox
    for message in mail.outbox:
        only_public_origin(message.body + str(message.extra_headers), message.subject)
        for alternative, _type in getattr(message, "alternatives", []):
            only_public_origin(str(alternative), message.subject)


# Without SITE_URL: the request's origin, never two of them on one page -------------------
def test_without_site_url_canonical_and_hreflang_agree_on_the_request_origin(demo, client):
    head = head_of(get(client, "/en/project/").content.decode())
    assert '<link rel="canonical" href="http://testserver/en/project/">' in head
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/project/">' in head
    assert "localhost" not in head


# The Site record and the settings follow SITE_URL ---------------------------------------
def test_civic_site_url_brings_the_site_record_in_line_and_changes_nothing_twice(public, capsys):
    call_command("civic_site_url")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("civic.example.org", 443, ORIGIN)
    assert "now serves https://civic.example.org" in capsys.readouterr().out
    call_command("civic_site_url")
    assert "already serves" in capsys.readouterr().out
    call_command("civic_site_url", "--check")
    assert Site.objects.get(pk=site.pk).hostname == "civic.example.org"


def test_civic_site_url_check_fails_while_the_record_disagrees(public):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="localhost:80"):
        call_command("civic_site_url", "--check")
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


def test_an_unset_site_url_leaves_the_site_record_alone(settings, demo, capsys):
    settings.SITE_URL = ""
    call_command("civic_site_url")
    assert "SITE_URL is not set" in capsys.readouterr().out
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


@pytest.mark.parametrize(
    "environment, expected",
    [
        ({"SITE_URL": "https://civic.example.org/"}, "https://civic.example.org https://civic.example.org"),
        ({"SITE_URL": "https://civic.example.org", "EMAIL": "1"}, "Sliven Civic <noreply@civic.example.org>"),
        (
            {"SITE_URL": "https://civic.example.org", "WAGTAILADMIN_BASE_URL": "https://admin.example.org"},
            "https://civic.example.org https://admin.example.org",
        ),
        ({}, " http://127.0.0.1:8000"),
    ],
)
def test_the_settings_read_site_url_from_the_environment(environment, expected):
    names = (
        "settings.DEFAULT_FROM_EMAIL"
        if environment.pop("EMAIL", None)
        else "settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL"
    )
    code = f"from django.conf import settings; print({names})"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "sliven_site.settings.dev",
        "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}",
        **environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip("\n") == expected


def test_make_run_names_its_own_address_as_the_public_origin():
    makefile = (ROOT / "Makefile").read_text()
    assert "SITE_URL ?= http://$(HOST):$(PORT)" in makefile
    assert "manage.py civic_site_url" in makefile
    assert "civic_site_url" in (ROOT / "docs" / "deploying.md").read_text()


# Both languages for machines ------------------------------------------------------------
def sitemap_entries(client):
    root = ET.fromstring(get(client, "/sitemap.xml").content)
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        entries[url.find(f"{SITEMAP}loc").text] = alternates
    return entries


def test_the_sitemap_lists_both_languages_with_reciprocal_alternates(public, client):
    entries = sitemap_entries(client)
    english = {loc for loc in entries if loc.startswith(f"{ORIGIN}/en/")}
    bulgarian = set(entries) - english
    assert f"{ORIGIN}/en/" in english and f"{ORIGIN}/en/project/" in english and f"{ORIGIN}/proekt/" in bulgarian
    live_english = Page.objects.live().filter(locale__language_code="en", alias_of__isnull=True, depth__gte=2)
    assert len(english) == live_english.count()
    aliases = Page.objects.live().filter(locale__language_code="en", alias_of__isnull=False)
    assert not {ORIGIN + page.url for page in aliases} & set(entries)
    assert len(entries) == len(set(entries))
    translated = [loc for loc, alternates in entries.items() if alternates]
    assert len(translated) >= 2 * 10
    for loc in translated:
        alternates = entries[loc]
        assert set(alternates) == {"bg", "en", "x-default"}, loc
        assert loc in alternates.values()
        assert alternates["x-default"] == alternates["bg"]
        for other in (alternates["bg"], alternates["en"]):
            assert entries[other] == alternates, (loc, other)  # reciprocal


def test_private_pages_stay_out_of_the_sitemap_in_both_languages(public, client):
    page = NewsPage.objects.live().filter(locale__language_code="bg").first()
    english = page.get_translation_or_none(factories.locale("en"))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    from civic_core import cache

    cache.reset()
    entries = sitemap_entries(client)
    assert ORIGIN + page.url not in entries
    if english is not None:
        assert ORIGIN + english.url not in entries
    assert all(ORIGIN + page.url not in alternates.values() for alternates in entries.values())


def test_pages_have_a_description_and_titles_of_their_own(public, client):
    titles = {}
    for page in one_page_of_each_type():
        head = head_of(get(client, page.url).content.decode())
        title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
        assert title not in titles, (page.url, titles.get(title))
        titles[title] = page.url
        assert re.search(r'<meta name="description" content="[^"]{10,}">', head), page.url
    home = HomePage.objects.get(locale__language_code="bg")
    site_name = home.title
    home_title = re.search(r"<title>(.*?)</title>", get(client, "/").content.decode()).group(1)
    assert home_title == site_name
    project_title = re.search(r"<title>(.*?)</title>", get(client, "/proekt/").content.decode()).group(1)
    assert project_title.count(site_name) == 1 and project_title != home_title
    consultation = ConsultationPage.objects.live().filter(locale__language_code="bg").first()
    consultation_title = re.search(r"<title>(.*?)</title>", get(client, consultation.url).content.decode()).group(1)
    assert consultation_title.startswith(consultation.title) and consultation_title.endswith(f" | {site_name}")


# Valid feeds ------------------------------------------------------------------------------
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("kind", ["news", "consultations", "events"])
def test_atom_feeds_keep_every_must_of_rfc_4287(public, client, language, kind):
    body = get(client, f"{language}/feeds/{kind}/atom/").content
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    feed = ET.fromstring(body)
    assert feed.tag == f"{ATOM}feed"

    def one(element, name):
        found = element.findall(f"{ATOM}{name}")
        assert len(found) == 1, (name, len(found))
        return found[0]

    assert IRI.match(one(feed, "id").text)
    assert one(feed, "title").text
    assert RFC3339.match(one(feed, "updated").text)
    feed_authors = feed.findall(f"{ATOM}author")
    assert all(author.find(f"{ATOM}name") is not None and author.find(f"{ATOM}name").text for author in feed_authors)
    self_links = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == [f"{ORIGIN}{language}/feeds/{kind}/atom/"]
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = set()
    for entry in entries:
        entry_id = one(entry, "id").text
        assert IRI.match(entry_id) and entry_id.startswith("tag:civic.example.org,"), entry_id
        ids.add(entry_id)
        assert one(entry, "title").text
        assert RFC3339.match(one(entry, "updated").text)
        assert feed_authors or entry.findall(f"{ATOM}author")
        alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") in (None, "alternate")]
        assert entry.find(f"{ATOM}content") is not None or alternates
        assert len({(link.get("type"), link.get("hreflang")) for link in alternates}) == len(alternates)
        assert all(link.get("href").startswith(f"{ORIGIN}{language}/") for link in alternates)
    assert len(ids) == len(entries)
    for entry in parsed.entries:
        assert entry.get("updated_parsed") and entry.get("id") and entry.get("link")
    assert parsed.feed.get("author")


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("kind", ["news", "consultations", "events"])
def test_rss_feeds_are_valid_rss_2(public, client, language, kind):
    body = get(client, f"{language}/feeds/{kind}/rss/").content
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    rss = ET.fromstring(body)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    for required in ("title", "link", "description"):
        assert channel.find(required) is not None and channel.find(required).text, required
    assert channel.find("link").text.startswith(f"{ORIGIN}{language}/")
    assert channel.find("language").text == (language.strip("/") or "bg")
    items = channel.findall("item")
    assert items
    for item in items:
        assert item.find("title") is not None or item.find("description") is not None
        assert item.find("link").text.startswith(f"{ORIGIN}{language}/")
        assert item.find("pubDate") is not None
    assert [entry.link for entry in parsed.entries] == [item.find("link").text for item in items]


def test_no_page_nor_file_the_site_serves_names_a_local_origin(public, client, settings):
    """Every live public page of the demo in both languages, every static file they link
    (stylesheet, scripts, images), and the machine-readable outputs: none names
    localhost, 127.0.0.1 or the request's host."""
    from django.contrib.staticfiles import finders

    settings.DEBUG = False
    restricted = [restriction.page.path for restriction in PageViewRestriction.objects.select_related("page")]
    pages = [
        page
        for page in Page.objects.live().filter(depth__gte=2).order_by("path")
        if page.alias_of_id is None and not any(page.path.startswith(path) for path in restricted)
    ]
    assert len(pages) > 40
    static = set()
    for page in pages:
        html = get(client, page.url).content.decode()
        only_public_origin(html, page.url)
        static.update(re.findall(r'(?:href|src)="/static/([^"?#]+)', html))
    outputs = ["/robots.txt", "/sitemap.xml", "/calendar/events.ics", "/api/v2/pages/", "/open-data/", *FEEDS]
    for path in outputs:
        only_public_origin(get(client, path).content.decode(), path)
    assert any(name.endswith(".css") for name in static)
    for name in sorted(static):
        found = finders.find(name)
        assert found, name
        only_public_origin(Path(found).read_bytes().decode("utf-8", "replace"), f"/static/{name}")
