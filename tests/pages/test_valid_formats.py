"""Valid formats (issue 22): the national open-data portal harvests `catalog.json` as
DCAT-AP 3 JSON-LD with the EU vocabularies; a program reads typed open-data JSON and a
spreadsheet a CSV with documented yes/no values; a search engine reads an event as Google's
Event rich result documents it; an HTML checker and a screen reader find no conformance
errors (datetimes, status roles, heading levels, landmark roles, the language of
untranslated Bulgarian content on /en/)."""

import csv
import datetime
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from pyld import jsonld

from forms_ext.models import Registration
from pages.models import EventPage, Organisation, SiteContact
from tests.support import factories

pytestmark = pytest.mark.django_db

ORIGIN = "https://civic.example.org"
EU = "http://publications.europa.eu/resource/authority/"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SCHEMA = "https://schema.org/"
# An HTML "valid global date and time string" (or a date) with no fraction of a second.
HTML_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2}))?$")


@pytest.fixture
def public(settings, home):
    settings.SITE_URL = ORIGIN
    return home


@pytest.fixture
def project_site(public):
    """The test's site with a project page (its beneficiary publishes the data), site
    contacts in both languages, an event and a consultation."""
    factories.ProjectPageFactory(
        parent=public, beneficiary=Organisation.objects.create(name="Община Тест", locale=factories.locale())
    )
    for code in ("bg", "en"):
        contacts(
            code,
            site_name="Тестов сайт" if code == "bg" else "Test site",
            organisation="Община Сливен" if code == "bg" else "Sliven Municipality",
            email="civic@sliven.example",
            phone="+359 44 611 000",
        )
    return factories.form_pages(public)


def contacts(code="bg", **values):
    """The site contacts of a language (the session's demo made them), changed."""
    SiteContact.objects.filter(locale=factories.locale(code)).update(**values)


def path(page):
    """The page's path (its URL is absolute: the test's site is beside the demo's)."""
    return urlsplit(page.url).path


def event_jsonld(client, page):
    response = client.get(path(page))
    assert response.status_code == 200, page.url
    (raw,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(raw)


def expanded_nodes(document):
    """Every node of the JSON-LD document, expanded (pyld: the context must be complete)."""
    nodes = []

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if "@type" in value or "@id" in value:
                nodes.append(value)
            for key, item in value.items():
                if not key.startswith("@"):
                    walk(item)

    walk(jsonld.expand(document))
    return nodes


def ids(node, prop):
    return [value["@id"] for value in node.get(prop, []) if "@id" in value]


def literals(node, prop):
    return [value["@value"] for value in node.get(prop, []) if "@value" in value]


# catalog.json: DCAT-AP 3 ------------------------------------------------------------
@pytest.mark.parametrize(("prefix", "language", "eu_language"), [("", "bg", "BUL"), ("/en", "en", "ENG")])
def test_the_catalogue_is_dcat_ap_json_ld_with_the_eu_vocabularies(client, project_site, prefix, language, eu_language):
    response = client.get(f"{prefix}/open-data/catalog.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    document = response.json()
    assert document["@type"] == "dcat:Catalog"
    assert {"dcat", "dct", "foaf", "vcard", "adms"} <= set(document["@context"])

    nodes = expanded_nodes(document)
    (catalog,) = [node for node in nodes if DCAT + "Catalog" in node.get("@type", [])]
    assert literals(catalog, DCT + "title") == ["Тестов сайт" if language == "bg" else "Test site"]
    assert literals(catalog, DCT + "description")[0]
    assert ids(catalog, FOAF + "homepage") == [f"{ORIGIN}{prefix}/"]
    assert ids(catalog, DCT + "language") == [EU + "language/" + eu_language]
    (publisher,) = catalog[DCT + "publisher"]
    assert literals(publisher, FOAF + "name") == ["Община Тест"]  # the beneficiary of the site's project

    datasets = [node for node in nodes if DCAT + "Dataset" in node.get("@type", [])]
    assert [literals(node, DCT + "identifier")[0] for node in datasets] == [
        "consultations",
        "events",
        "recommendations",
        "form-statistics",
    ]
    for dataset in datasets:
        assert literals(dataset, DCT + "title")[0] and literals(dataset, DCT + "description")[0]
        keywords = dataset[DCAT + "keyword"]
        assert keywords and all(keyword["@language"] == language for keyword in keywords)
        assert ids(dataset, DCAT + "theme") and all(
            theme.startswith(EU + "data-theme/") for theme in ids(dataset, DCAT + "theme")
        )
        assert ids(dataset, DCT + "accrualPeriodicity") == [EU + "frequency/UPDATE_CONT"]
        assert ids(dataset, DCT + "language") == [EU + "language/" + eu_language]
        assert ids(dataset, DCT + "license") == [EU + "licence/CC_BY_4_0"]  # what the page states
        (contact,) = dataset[DCAT + "contactPoint"]
        assert VCARD + "Organization" in contact["@type"]
        assert ids(contact, VCARD + "hasEmail") == ["mailto:civic@sliven.example"]
        modified = dataset[DCT + "modified"][0]
        assert modified["@type"] == "http://www.w3.org/2001/XMLSchema#dateTime"
        assert datetime.datetime.fromisoformat(modified["@value"])

        distributions = {
            ids(node, DCT + "format")[0].rsplit("/", 1)[1]: node for node in dataset[DCAT + "distribution"]
        }
        assert set(distributions) == {"CSV", "JSON"}
        for kind, media in (("CSV", "text/csv"), ("JSON", "application/json")):
            distribution = distributions[kind]
            assert DCAT + "Distribution" in distribution["@type"]
            assert ids(distribution, DCAT + "accessURL") == [f"{ORIGIN}{prefix}/open-data/"]
            (download,) = ids(distribution, DCAT + "downloadURL")
            assert download.startswith(f"{ORIGIN}{prefix}/open-data/") and download.endswith("." + kind.lower())
            assert ids(distribution, DCAT + "mediaType") == ["https://www.iana.org/assignments/media-types/" + media]
            assert ids(distribution, DCT + "license") == [EU + "licence/CC_BY_4_0"]
            # and each download answers, in the catalogue's language
            path = download.removeprefix(ORIGIN)
            assert client.get(path).status_code == 200


def test_without_a_project_the_site_contacts_publish_the_data(client, public):
    contacts(site_name="Тестов сайт", organisation="РЦИР Сливен", email="")
    document = client.get("/open-data/catalog.json").json()
    assert document["dct:publisher"]["foaf:name"]["@value"] == "РЦИР Сливен"
    contact = document["dcat:dataset"][0]["dcat:contactPoint"]
    assert contact["vcard:fn"]["@value"] == "РЦИР Сливен" and "vcard:hasEmail" not in contact  # no address given
    assert "null" not in client.get("/open-data/catalog.json").content.decode()  # JSON-LD has no nulls


# Typed open data -------------------------------------------------------------------
def test_open_data_json_is_typed_and_the_csv_writes_documented_values(client, public):
    events = factories.EventIndexPageFactory(parent=public)
    unlimited = factories.EventPageFactory(parent=events, capacity=None)
    factories.EventPageFactory(parent=events, capacity=10, is_cancelled=True, attendance=7)
    consultations = factories.ConsultationIndexPageFactory(parent=public)
    draft = factories.ConsultationPageFactory(parent=consultations)

    records = {row["title"]: row for row in client.get("/open-data/events.json").json()["records"]}
    plain = records[unlimited.title]
    assert plain["capacity"] is None and plain["attendance"] is None  # null, never ""
    assert plain["cancelled"] is False and plain["registered"] == 0
    cancelled = next(row for row in records.values() if row["cancelled"] is True)
    assert cancelled["capacity"] == 10 and cancelled["attendance"] == 7
    consultations = {row["title"]: row for row in client.get("/open-data/consultations.json").json()["records"]}
    consultation = consultations[draft.title]
    assert consultation["outcome_date"] is None and isinstance(consultation["period_days"], int)
    assert isinstance(consultation["proposals_accepted"], int)
    statistics = client.get("/open-data/form-statistics.json").json()["records"]
    assert any(row["last_submission_date"] is None for row in statistics)  # a form nobody used yet
    recommendations = client.get("/open-data/recommendations.json").json()["records"]
    assert any(row["progress_percent"] is None for row in recommendations)  # the demo's rejected one
    typed = {
        "events": ("start", "end", "capacity", "attendance"),
        "consultations": ("opens_at", "closes_at", "outcome_date", "period_days"),
        "recommendations": ("deadline", "progress_percent", "last_update"),
        "form-statistics": ("last_submission_date",),
    }
    for document, columns in typed.items():
        for row in client.get(f"/open-data/{document}.json").json()["records"]:
            assert all(row[column] != "" for column in columns), (document, row)

    text = client.get("/open-data/events.csv").content.decode("utf-8-sig")
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows[unlimited.title]["cancelled"] == "false" and rows[unlimited.title]["capacity"] == ""
    assert {row["cancelled"] for row in rows.values()} == {"false", "true"}
    assert "True" not in text and "False" not in text and "None" not in text
    page = client.get("/en/open-data/").content.decode()
    assert "a yes/no value is written true or false" in page  # documented where the files are offered


# Event structured data --------------------------------------------------------------
@pytest.fixture
def events(public):
    return factories.EventIndexPageFactory(parent=public)


def test_an_event_with_open_registration_is_a_google_event_with_offers(client, events, public):
    organiser = Organisation.objects.create(
        name="Фондация „Гражданско участие“", website="https://participation.example.org", locale=factories.locale()
    )
    event = factories.EventPageFactory(
        parent=events,
        venue_name="Заседателна зала на Община Сливен",
        venue_address="гр. Сливен, бул. „Цар Освободител“ 1",
        organiser=organiser,
    )
    data = event_jsonld(client, event)
    assert data["@type"] == "Event" and data["url"] == ORIGIN + path(event)
    assert data["eventStatus"] == SCHEMA + "EventScheduled"
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    place = data["location"]
    assert place["@type"] == "Place" and place["name"] == "Заседателна зала на Община Сливен"
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "бул. „Цар Освободител“ 1",
        "addressLocality": "Сливен",
        "addressCountry": "BG",
    }
    offer = data["offers"]
    assert offer["@type"] == "Offer" and offer["availability"] == SCHEMA + "InStock"
    assert offer["price"] == 0 and offer["priceCurrency"] in ("EUR", "BGN") and offer["url"] == ORIGIN + path(event)
    assert datetime.datetime.fromisoformat(offer["validFrom"]) == event.registration_opens
    (image,) = data["image"]
    assert image.startswith(ORIGIN + "/") and image.endswith(".png")  # the site's share card
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Фондация „Гражданско участие“",
        "url": "https://participation.example.org",
    }


def test_offers_follow_the_registration_state(client, events):
    full = factories.EventPageFactory(parent=events, capacity=1)
    Registration.objects.create(page=full, name="Мария", email="maria@example.org", language="bg", status="confirmed")
    assert event_jsonld(client, full)["offers"]["availability"] == SCHEMA + "SoldOut"

    later = factories.EventPageFactory(
        parent=events, registration_opens=timezone.now() + datetime.timedelta(days=2), capacity=None
    )
    assert event_jsonld(client, later)["offers"]["availability"] == SCHEMA + "PreOrder"

    without = factories.EventPageFactory(parent=events, registration_opens=None, capacity=None, fields=[])
    assert "offers" not in event_jsonld(client, without)

    cancelled = factories.EventPageFactory(parent=events, is_cancelled=True)
    data = event_jsonld(client, cancelled)
    assert data["eventStatus"] == SCHEMA + "EventCancelled" and "offers" not in data


def test_an_online_event_without_an_organiser_names_a_virtual_location_and_the_site(client, events, public):
    contacts(site_name="Тестов сайт", organisation="Община Сливен")
    online = factories.EventPageFactory(parent=events, venue_name="", online_url="https://meet.example.org/savet")
    data = event_jsonld(client, online)
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/savet"}
    assert data["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert data["organizer"] == {"@type": "Organization", "name": "Община Сливен", "url": ORIGIN + "/"}

    both = factories.EventPageFactory(
        parent=events, venue_address="1 Tsar Osvoboditel Blvd, Sliven", online_url="https://meet.example.org/x"
    )
    data = event_jsonld(client, both)
    assert data["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert (
        place["address"]["addressLocality"] == "Sliven"
        and place["address"]["streetAddress"] == "1 Tsar Osvoboditel Blvd"
    )
    assert virtual["@type"] == "VirtualLocation"
    english = factories.translate(both)
    assert event_jsonld(client, english)["url"] == ORIGIN + path(english)


def test_the_organisation_running_the_site_organises_with_the_sites_address(client, events):
    contacts(site_name="Тестов сайт", organisation="Община Сливен")
    own = Organisation.objects.create(name="Община Сливен", locale=factories.locale())
    other = Organisation.objects.create(name="Читалище „Зора“", locale=factories.locale())
    ours = event_jsonld(client, factories.EventPageFactory(parent=events, organiser=own))
    assert ours["organizer"] == {"@type": "Organization", "name": "Община Сливен", "url": ORIGIN + "/"}
    theirs = event_jsonld(client, factories.EventPageFactory(parent=events, organiser=other))
    assert theirs["organizer"] == {"@type": "Organization", "name": "Читалище „Зора“"}  # no address of its own


def test_a_venue_without_a_known_locality_leaves_it_out(events, client):
    event = factories.EventPageFactory(parent=events, venue_name="Читалище „Зора“", venue_address="")
    address = event_jsonld(client, event)["location"]["address"]
    assert address == {"@type": "PostalAddress", "streetAddress": "Читалище „Зора“", "addressCountry": "BG"}


# HTML conformance -------------------------------------------------------------------
def datetimes(html):
    return re.findall(r'<time[^>]*\sdatetime="([^"]*)"', html)


def headings(html):
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]


def no_skipped_level(levels):
    return all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))


def test_time_elements_carry_valid_datetimes_without_fractions(client, events, public):
    start = timezone.now().replace(microsecond=123456) + datetime.timedelta(days=3)
    event = factories.EventPageFactory(parent=events, start=start, end=start + datetime.timedelta(hours=2))
    for where in (path(event), path(factories.translate(event)), "/open-data/", "/en/open-data/"):
        html = client.get(where).content.decode()
        found = datetimes(html)
        assert found and all(HTML_DATETIME.match(value) for value in found), (where, found)


def test_search_reports_its_count_in_a_status_paragraph_and_keeps_heading_levels(client, public):
    news = factories.NewsIndexPageFactory(parent=public)
    factories.NewsPageFactory(parent=news, title="Обществен съвет по екология")
    html = client.get("/search/?q=съвет").content.decode()
    assert not re.search(r"<h[1-6][^>]*role=\"status\"", html)
    assert re.search(r'<p[^>]*role="status"[^>]*>[^<]*\d+ ', html)
    assert no_skipped_level(headings(html)), headings(html)
    assert 'role="banner"' not in html and 'role="contentinfo"' not in html
    assert "<header" in html and "<footer" in html


def test_untranslated_bulgarian_cards_on_english_pages_say_so(client, public):
    news = factories.NewsIndexPageFactory(parent=public)
    english_news = factories.translate(news, title="News")
    translated = factories.NewsPageFactory(parent=news, title="Превод", summary="Преведена новина.")
    factories.translate(translated, title="Translated", summary="A translated item.")
    untranslated = factories.NewsPageFactory(parent=news, title="Само на български", summary="Новина без превод.")
    untranslated.create_alias(parent=english_news, update_locale=factories.locale("en"))

    html = client.get(path(english_news)).content.decode()
    cards = {
        title: card
        for card in re.findall(r'<article class="card listing-card.*?</article>', html, re.S)
        for title in re.findall(r"<a href=[^>]*>([^<]+)</a>", card)[:1]
    }
    assert 'lang="bg">Само на български</a>' in cards["Само на български"]
    assert "In Bulgarian" in cards["Само на български"] and 'lang="bg">Новина без превод.' in cards["Само на български"]
    assert 'lang="' not in cards["Translated"] and "In Bulgarian" not in cards["Translated"]
    # Bulgarian visitors see no badge on their own pages
    assert "На български" not in client.get(path(news)).content.decode()


def test_the_outcome_table_on_an_english_page_is_marked_bulgarian(client, demo):
    from pages.models import ConsultationPage

    concluded = next(
        page
        for page in ConsultationPage.objects.live().filter(locale__language_code="en")
        if page.status == "concluded" and page.proposals.exists()
    )
    html = client.get(path(concluded)).content.decode()
    table = html.split('<table class="table table-striped proposals">', 1)[1].split("</table>", 1)[0]
    assert '<td lang="bg">' in table
    outcome = html.split('class="my-4 consultation-outcome"', 1)[1].split("</section>", 1)[0]
    assert "In Bulgarian" in outcome
    bulgarian = client.get(path(concluded.get_translation(factories.locale("bg")))).content.decode()
    assert '<td lang="bg">' not in bulgarian and "На български" not in bulgarian


def test_the_ld_json_of_the_demo_events_is_valid(client, demo):
    """Every demo event's structured data is JSON that a JSON-LD processor expands."""
    for event in EventPage.objects.live():
        data = event_jsonld(client, event)
        expanded = jsonld.expand({**data, "@context": {"@vocab": SCHEMA}})
        assert expanded and data["location"] and data["organizer"]["name"], event.url
