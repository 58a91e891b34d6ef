"""A page behind a password or a login shows nowhere in public: not on its section's
list, the home page, the tracker, the menu, search, feeds, calendars, the API or open
data, in either language; a restriction on the Bulgarian page protects its English
translation too."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from pages.models import Recommendation
from tests.support import factories

pytestmark = pytest.mark.django_db

SECRET = "Таен проект на наредба"


@pytest.fixture
def tree(home):
    consultations = factories.ConsultationIndexPageFactory(parent=home, show_in_menus=True)
    events = factories.EventIndexPageFactory(parent=home)
    consultation = factories.ConsultationPageFactory(parent=consultations, title=SECRET, slug="tayna")
    event = factories.EventPageFactory(parent=events, title=f"{SECRET}: обсъждане", slug="tayno-sabitie")
    public = factories.ConsultationPageFactory(parent=consultations, title="Открита консултация", slug="otkrita")
    secret_en = factories.translate(consultation, title="Secret draft ordinance")
    event_en = factories.translate(event, title="Secret draft ordinance: a discussion")
    factories.translate(public, title="Open consultation")
    for page in (consultation, event):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="tayna")
    return {"consultations": consultations, "events": events, "secret_en": secret_en, "event_en": event_en}


PUBLIC_ADDRESSES = [
    "/",
    "/en/",
    "/konsultatsii-1/",
    "/en/konsultatsii-1/",
    "/sabitiya-1/",
    "/en/sabitiya-1/",
    "/search/?q=наредба",
    "/en/search/?q=ordinance",
    "/feeds/consultations/rss/",
    "/en/feeds/consultations/atom/",
    "/feeds/events/rss/",
    "/en/feeds/events/rss/",
    "/calendar/events.ics",
    "/en/calendar/events.ics",
    "/open-data/consultations.csv",
    "/en/open-data/consultations.json",
    "/open-data/events.json",
    "/en/open-data/events.csv",
    "/api/v2/pages/?type=pages.ConsultationPage&fields=title",
    "/api/v2/pages/?type=pages.ConsultationPage&fields=title&locale=en",
    "/api/v2/pages/?type=pages.EventPage&fields=title&locale=en",
]


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_a_private_page_shows_on_no_public_list_in_either_language(tree, address):
    prefix = tree["consultations"].slug
    address = address.replace("konsultatsii-1", prefix).replace("sabitiya-1", tree["events"].slug)
    response = Client().get(address)
    assert response.status_code == 200, address
    body = response.content.decode()
    assert "Таен" not in body and "Secret" not in body and "tayna" not in body and "tayno" not in body


def test_the_open_page_beside_it_is_listed(tree):
    html = Client().get(f"/{tree['consultations'].slug}/").content.decode()
    assert "Открита консултация" in html
    assert "Open consultation" in Client().get(f"/en/{tree['consultations'].slug}/").content.decode()


def test_the_english_translation_of_a_private_page_asks_for_the_password(tree):
    citizen = Client()
    response = citizen.get(tree["secret_en"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Secret draft ordinance" not in html and 'type="password"' in html


def test_a_private_report_keeps_its_recommendations_off_the_tracker(home):
    news = factories.NewsIndexPageFactory(parent=home)
    report = factories.ReportPageFactory(parent=news, title="Таен доклад")
    Recommendation.objects.create(report=report, locale=report.locale, number=1, text="Тайна препоръка")
    tracker = factories.RecommendationTrackerPageFactory(parent=home)
    assert "Тайна препоръка" in Client().get(tracker.url).content.decode()
    PageViewRestriction.objects.create(page=report, restriction_type=PageViewRestriction.LOGIN)
    assert "Тайна препоръка" not in Client().get(tracker.url).content.decode()
    assert "Таен доклад" not in Client().get(news.url).content.decode()
