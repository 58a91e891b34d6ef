"""A citizen reads the demo site's events, best practices, reports and news, finds them
through search, feeds, the calendar and the open-data API."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from pages.models import EventPage, SiteContact

pytestmark = pytest.mark.django_db
SOFIA = ZoneInfo("Europe/Sofia")
SEED_DISCUSSIONS = [
    "Подобряване на градската среда – резултати и предизвикателства",
    "Читалищата – участници в гражданското управление по кварталите в града и в малките населени места",
    "Партньорство и сътрудничество между неправителствените организации и Община Сливен",
    "Партньорство и сътрудничество между бизнеса и Община Сливен",
]


def bulgarian_events():
    return EventPage.objects.filter(locale__language_code="bg").order_by("start")


def seed_events():
    """The six events the press release tells of (the demo adds an upcoming one)."""
    return bulgarian_events().filter(start__year=2020)


# Events -------------------------------------------------------------------------------
def test_the_six_seed_events_drew_over_125_people(site):
    events = list(seed_events())
    assert [event.kind for event in events] == ["public_discussion"] * 4 + ["round_table", "conference"]
    for discussion in SEED_DISCUSSIONS:
        assert any(discussion in event.title for event in events)
    assert sum(event.attendance_total for event in events) > 125


def test_citizen_sees_upcoming_and_past_events_and_filters_them(client, site):
    response = client.get("/sabitiya/")
    assert [event.slug for event in response.context["upcoming_events"]] == ["kragla-masa-obshtestveni-saveti"]
    assert len(response.context["past_events"].object_list) == 6
    assert 'type="text/calendar"' in response.content.decode()
    response = client.get("/sabitiya/?kind=round_table&year=2020")
    assert [event.slug for event in response.context["past_events"]] == ["kragla-masa"]
    response = client.get("/sabitiya/?topic=chitalishta")
    assert [event.slug for event in response.context["past_events"]] == ["obshtestveno-obsazhdane-chitalishtata"]
    assert not client.get("/sabitiya/?year=1999").context["filter_form"].is_valid()


def test_event_calendar_file_imports_at_the_right_local_time(client, site):
    event = bulgarian_events().get(slug="zaklyuchitelna-konferentsiya")
    response = client.get(f"/calendar/event-{event.pk}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Sofia"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["UID"] == f"event-{event.translation_key}@wagtail-civic"
    assert "DTSTAMP" in vevent
    assert vevent["DTSTART"].params["TZID"] == "Europe/Sofia"
    start = vevent.decoded("DTSTART")
    assert (start.hour, start.minute) == (10, 0)  # as announced, Sofia time
    assert start == event.start and vevent.decoded("DTEND") == event.end
    assert str(vevent["SUMMARY"]) == event.title and vevent["SUMMARY"].params["LANGUAGE"] == "bg"
    assert "Заседателна зала" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith("/sabitiya/zaklyuchitelna-konferentsiya/")
    assert event.ics_bytes().startswith(b"BEGIN:VCALENDAR")


def test_calendar_feed_holds_every_event_with_a_stable_uid(client, site):
    first = Calendar.from_ical(client.get("/calendar/events.ics").content)
    again = Calendar.from_ical(client.get("/calendar/events.ics").content)
    uids = [str(vevent["UID"]) for vevent in first.walk("VEVENT")]
    assert len(uids) == bulgarian_events().count() == 7 == len(set(uids))
    assert uids == [str(vevent["UID"]) for vevent in again.walk("VEVENT")]


def test_event_page_carries_schema_org_event(client, site):
    html = client.get("/sabitiya/kragla-masa/").content.decode()
    (raw,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["startDate"].startswith("2020-08-20T09:30:00+03:00")
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] == "Place" and data["location"]["address"]
    assert data["organizer"]["name"].startswith("Фондация")
    assert "16 участници" in html
    assert "<script>" not in html and 'style="' not in html


def test_registration_window_follows_the_clock(site):
    event = EventPage(
        start=datetime.datetime(2030, 5, 10, 10, tzinfo=SOFIA),
        end=datetime.datetime(2030, 5, 10, 13, tzinfo=SOFIA),
        registration_opens=datetime.datetime(2030, 5, 1, 9, tzinfo=SOFIA),
    )
    with time_machine.travel(datetime.datetime(2030, 4, 30, tzinfo=SOFIA), tick=False):
        assert not event.registration_is_open
    with time_machine.travel(datetime.datetime(2030, 5, 9, tzinfo=SOFIA), tick=False):
        assert event.registration_is_open
        event.is_cancelled = True
        assert not event.registration_is_open
        event.is_cancelled = False
    with time_machine.travel(datetime.datetime(2030, 5, 10, 10, tzinfo=SOFIA), tick=False):
        assert not event.registration_is_open  # closes at the start by default
    event.registration_opens = None
    with time_machine.travel(datetime.datetime(2030, 5, 9, tzinfo=SOFIA), tick=False):
        assert not event.registration_is_open  # no window: no online registration


# Best practices ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "query,slugs",
    [
        ("", {"partitsipatoren-byudzhet-lisabon", "byudzhet-tartu", "grazhdanski-paneli-gdansk", "decide-madrid"}),
        ("?country=PL", {"grazhdanski-paneli-gdansk"}),
        ("?topic=gradska-sreda", {"grazhdanski-paneli-gdansk"}),
        ("?q=наводнения", {"grazhdanski-paneli-gdansk"}),
        ("?q=бюджет&country=EE", {"byudzhet-tartu"}),
        (
            "?country=XX",
            {"partitsipatoren-byudzhet-lisabon", "byudzhet-tartu", "grazhdanski-paneli-gdansk", "decide-madrid"},
        ),
    ],
)
def test_citizen_searches_and_filters_best_practices(client, site, query, slugs):
    response = client.get(f"/dobri-praktiki/{query}")
    assert {page.slug for page in response.context["practices"]} == slugs


def test_best_practices_come_from_other_member_states(client, site):
    html = client.get("/dobri-praktiki/grazhdanski-paneli-gdansk/").content.decode()
    assert "Полша" in html and "Как може да се приложи у нас" in html
    assert client.get("/dobri-praktiki/?page=abc").status_code == 200


# Campaign ---------------------------------------------------------------------------
def test_report_lists_its_recommendations_with_where_they_stand(client, site):
    html = client.get("/novini/analitichen-doklad-grazhdansko-uchastie/").content.decode()
    assert html.count('class="card recommendation') == 5
    assert "Общински съвет – Сливен" in html
    assert "В изпълнение" in html and "Изпълнена" in html and "Отхвърлена" in html
    assert 'href="/preporaki/"' in html  # where they are followed


def test_home_page_shows_open_consultations_and_latest_news(client, site):
    html = client.get("/").content.decode()
    assert "Отворени консултации" in html and "Проект на Правилник за обществените съвети" in html
    assert "Информационна кампания представя резултатите" in html
    for title in ["Обществени консултации", "Събития", "Добри европейски практики", "Новини и доклади", "За проекта"]:
        assert f">{title}</a>" in html or f'aria-label="{title}"' in html  # the main menu (short labels)


def test_footer_links_the_privacy_notice_and_accessibility_statement(client, site):
    contact = SiteContact.objects.get(locale__language_code="bg")
    assert contact.privacy_page.slug == "poveritelnost"
    html = client.get("/za-proekta/").content.decode()
    assert 'href="/poveritelnost/"' in html and 'href="/dostapnost/"' in html
    privacy = client.get("/poveritelnost/").content.decode()
    assert "Комисията за защита на личните данни" in privacy and "чл. 6, пар. 1, буква „д“" in privacy
    statement = client.get("/dostapnost/").content.decode()
    for section in ["Състояние на съответствието", "Недостъпно съдържание", "Процедура по прилагане"]:
        assert section in statement


# Site-wide --------------------------------------------------------------------------
def test_search_finds_pages_of_the_current_language_only(client, site):
    response = client.get("/search/", {"q": "читалища"})
    found = list(response.context["results"])
    assert found and all(page.locale.language_code == "bg" for page in found)
    assert "programa-chitalishtna-deynost-2021" in {page.slug for page in found}
    assert client.get("/en/search/", {"q": "читалища"}).status_code == 200
    assert "Това поле е задължително" in client.get("/search/", {"q": ""}).content.decode()


def test_sitemap_lists_the_content_pages(client, site):
    xml = client.get("/sitemap.xml").content.decode()
    for path in [
        "/konsultatsii/",
        "/sabitiya/kragla-masa/",
        "/dobri-praktiki/decide-madrid/",
        "/novini/informatsionna-kampaniya/",
    ]:
        assert path in xml


@pytest.mark.parametrize("feed", ["news", "consultations", "events"])
def test_rss_and_atom_feeds(client, site, feed):
    rss = ET.fromstring(client.get(f"/feeds/{feed}/rss/").content)
    assert rss.find("channel/language").text == "bg"
    assert len(rss.findall("channel/item")) >= 1
    atom = ET.fromstring(client.get(f"/feeds/{feed}/atom/").content)
    assert len(atom.findall("{http://www.w3.org/2005/Atom}entry")) == len(rss.findall("channel/item"))


def test_open_data_api_lists_the_seed_events_and_the_upcoming_one(client, site):
    response = client.get("/api/v2/pages/", {"type": "pages.EventPage", "fields": "start,attendance_total,kind"})
    data = response.json()
    assert data["meta"]["total_count"] == 7
    assert sum(item["attendance_total"] or 0 for item in data["items"]) > 125
    consultations = client.get(
        "/api/v2/pages/", {"type": "pages.ConsultationPage", "fields": "status,proposals"}
    ).json()
    assert {item["status"] for item in consultations["items"]} == {"open", "concluded"}
    assert client.get("/api/v2/pages/", {"type": "pages.EventPage", "locale": "en"}).json()["meta"]["total_count"] == 7
    assert client.post("/api/v2/pages/", {}).status_code == 405


def test_a_busy_season_shows_the_next_upcoming_events_and_says_where_the_rest_are(client, site):
    import datetime

    from django.utils import timezone

    from pages.models import EventIndexPage
    from pages.models.event import UPCOMING_SHOWN

    index = EventIndexPage.objects.get(locale__language_code="bg")
    start = timezone.now() + datetime.timedelta(days=3)
    for n in range(UPCOMING_SHOWN + 2):
        index.add_child(
            instance=EventPage(
                title=f"Среща {n}",
                slug=f"sreshta-{n}",
                summary="Среща.",
                start=start + datetime.timedelta(days=n),
                end=start + datetime.timedelta(days=n, hours=2),
            )
        ).save_revision().publish()
    response = client.get("/sabitiya/")
    upcoming = response.context["upcoming_events"]
    assert len(upcoming) == UPCOMING_SHOWN and upcoming[0].slug == "sreshta-0"
    total = UPCOMING_SHOWN + 3  # and the demo's round table
    assert f"Това са следващите {UPCOMING_SHOWN} от общо {total} предстоящи събития" in response.content.decode()


def test_an_event_that_ends_moves_to_the_past_on_the_index_without_a_publish(client, site, settings):
    from django.utils import timezone

    from pages.models import EventIndexPage
    from pages.models.event import UPCOMING_SHOWN

    settings.PAGE_CACHE_ENABLED = False  # what the page shows when it is rendered
    index = EventIndexPage.objects.get(locale__language_code="bg")
    now = timezone.now().replace(microsecond=0)
    for n in range(UPCOMING_SHOWN + 2):  # the first ends in five minutes, the others days later
        start = now - datetime.timedelta(hours=1) if n == 0 else now + datetime.timedelta(days=n)
        index.add_child(
            instance=EventPage(
                title=f"Среща {n}",
                slug=f"sreshta-{n}",
                summary="Среща.",
                start=start,
                end=now + datetime.timedelta(minutes=5) if n == 0 else start + datetime.timedelta(hours=2),
            )
        ).save_revision().publish()
    total = UPCOMING_SHOWN + 3  # and the demo's round table

    def past_titles(html):
        return re.findall(r">(Среща \d+)<", html[html.index('id="past') :])

    with time_machine.travel(now, tick=False):
        html = client.get("/sabitiya/").content.decode()
        assert f"следващите {UPCOMING_SHOWN} от общо {total} предстоящи" in html
        assert past_titles(html) == []
    with time_machine.travel(now + datetime.timedelta(minutes=6), tick=False):
        html = client.get("/sabitiya/").content.decode()
        assert f"следващите {UPCOMING_SHOWN} от общо {total - 1} предстоящи" in html
        assert past_titles(html) == ["Среща 0"]


def test_listing_and_event_pages_keep_their_language_alternates(client, site):
    for url in ("/sabitiya/", "/sabitiya/kragla-masa/", "/konsultatsii/", "/novini/"):
        html = client.get(url).content.decode()
        assert 'hreflang="en"' in html and 'hreflang="x-default"' in html, url
        assert 'type="text/calendar"' in html or "application/rss+xml" in html, url


def test_a_long_archive_links_the_first_last_and_nearby_pages_only(client, site):
    from django.utils import timezone

    from pages.models import EventIndexPage

    index = EventIndexPage.objects.get(locale__language_code="bg")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    for n in range(100):  # with the six seed events: 106 past events, 9 pages of 12
        index.add_child(
            instance=EventPage(
                title=f"Минала среща {n}",
                slug=f"minala-{n}",
                summary="Среща.",
                start=long_ago - datetime.timedelta(days=n),
                end=long_ago - datetime.timedelta(days=n) + datetime.timedelta(hours=2),
            )
        )
    html = client.get("/sabitiya/?page=2").content.decode()
    pagination = html[html.index('class="pagination') :]
    pagination = pagination[: pagination.index("</nav>")]
    linked = [int(n) for n in re.findall(r'href="\?page=(\d+)"', pagination)]
    assert sorted(set(linked)) == [1, 3, 4, 9]  # "previous" is 1 and "next" 3
    assert 'aria-current="page">2<' in pagination
    assert pagination.count("page-item disabled") == 1  # the ellipsis
    last = client.get("/sabitiya/?page=9").content.decode()
    assert "Минала среща 99" in last and 'aria-current="page">9<' in last
    assert client.get("/sabitiya/?page=999").context["past_events"].number == 9
