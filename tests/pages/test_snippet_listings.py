"""The officers' lists of topics and organisations open on Bulgarian: each topic once,
not once per language; the language filter shows English, or both, on request."""

import pytest
from django.urls import reverse

from pages.models import Organisation, Topic
from tests.support import factories, people

pytestmark = pytest.mark.django_db

TOPICS = {
    "Градска среда": "Urban environment",
    "Образование": "Education",
    "Култура": "Culture",
    "Транспорт": "Transport",
    "Здраве": "Health",
    "Спорт": "Sport",
}


@pytest.fixture
def topics(db):
    """Six topics with their English translations: twelve rows in the database."""
    Topic.objects.all().delete()
    for number, (bulgarian, english) in enumerate(TOPICS.items()):
        topic = Topic.objects.create(name=bulgarian, slug=f"tema-{number}", locale=factories.locale("bg"))
        translation = topic.copy_for_translation(factories.locale("en"))
        translation.name = english
        translation.save()
    return Topic.objects.filter(locale__language_code="bg")


def listed(response):
    """The rows on the listing's page, how many it says there are, and its HTML."""
    assert response.status_code == 200
    page = response.context["page_obj"]
    return len(page.object_list), page.paginator.count, response.content.decode()


@pytest.fixture
def officer():
    return people.logged_in(people.in_role("officer"))


def test_six_bulgarian_topics_show_as_six_rows_in_bulgarian(officer, topics):
    rows, count, html = listed(officer.get(reverse("wagtailsnippets_pages_topic:list")))
    assert (rows, count) == (6, 6)
    for bulgarian, english in TOPICS.items():
        assert bulgarian in html
        assert english not in html
    assert "Език" in html  # the language column and filter


def test_the_language_filter_shows_english_or_both(officer, topics):
    url = reverse("wagtailsnippets_pages_topic:list")
    rows, count, html = listed(officer.get(url, {"locale": "en"}))
    assert (rows, count) == (6, 6)
    assert all(english in html for english in TOPICS.values())
    assert not any(bulgarian in html for bulgarian in TOPICS)
    rows, count, html = listed(officer.get(url, {"locale": ""}))
    assert (rows, count) == (12, 12)
    assert all(name in html for pair in TOPICS.items() for name in pair)


def test_a_search_for_a_topic_finds_it_once(officer, topics):
    rows, count, html = listed(officer.get(reverse("wagtailsnippets_pages_topic:list"), {"q": "Образование"}))
    assert (rows, count) == (1, 1)


def test_organisations_open_on_bulgarian_too(officer, db):
    for name, english in [("Сдружение „Бъдеще“", "Future Association"), ("Читалище „Зора“", "Zora Community Centre")]:
        organisation = Organisation.objects.create(name=name, locale=factories.locale("bg"))
        translation = organisation.copy_for_translation(factories.locale("en"))
        translation.name = english
        translation.save()
    url = reverse("wagtailsnippets_pages_organisation:list")
    bulgarian = Organisation.objects.filter(locale__language_code="bg").count()
    rows, count, html = listed(officer.get(url))
    assert (rows, count) == (bulgarian, bulgarian)
    assert "Читалище „Зора“" in html and "Zora Community Centre" not in html
    rows, count, html = listed(officer.get(url, {"locale": "en"}))
    assert "Zora Community Centre" in html and "Читалище „Зора“" not in html
