"""A citizen searches in Bulgarian and finds the page whatever form of the word they
type: definite articles (-ът/-та/-то/-те), plurals, capitals, stress marks. PostgreSQL
does it with the `bulgarian_hunspell` configuration (Debian's Hunspell dictionary, made
by pages' migration 0008): without it these tests fail, never skip."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.support import factories
from tests.support.db import rolled_back_after_module

pytestmark = pytest.mark.django_db

SAVETI = "Съвети за пешеходците през зимата"
BUDGET = "Проект на бюджета на общината за 2027 година"
MEETING = "Среща в читалището"
AIR = "Доклад за качеството на въздуха"
PARK = "Нов парк в квартал Речица"
STREETS = "Ремонт на улиците в центъра"
CONSULTATIONS = "Обществени консултации"


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield build_tree()


@pytest.fixture
def pages(tree, db):
    return tree


def build_tree():
    """Six pages of different types under a site of their own (not the demo's), built
    once for the module."""
    home = factories.site_tree()
    news = factories.NewsIndexPageFactory(parent=home, title="Новини")
    consultations = factories.ConsultationIndexPageFactory(parent=home, title=CONSULTATIONS)
    events = factories.EventIndexPageFactory(parent=home, title="Събития")
    factories.NewsPageFactory(
        parent=news, title=SAVETI, summary="Общината дава практични съвети за безопасност на пътя."
    )
    factories.ConsultationPageFactory(
        parent=consultations, title=BUDGET, summary="Гражданите могат да изпратят предложения до края на месеца."
    )
    factories.EventPageFactory(
        parent=events, title=MEETING, summary="Кметът отговаря на въпроси за детските площадки.", venue_name="Зала"
    )
    factories.ReportPageFactory(parent=news, title=AIR, summary="Измерванията на фините прахови частици през есента.")
    factories.NewsPageFactory(parent=news, title=PARK, summary="Засадени са дървета и нови пейки.")
    factories.NewsPageFactory(parent=news, title=STREETS, summary="Подменя се пътната настилка.")
    return home


def found_titles(client, query, prefix=""):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    return {page.title for page in response.context["results"].paginator.object_list}


# (what the citizen types, the pages they must find: exactly these)
QUERIES = [
    # plural, definite plural, singular, and capitals
    ("съвети", {SAVETI}),
    ("съветите", {SAVETI}),
    ("съвет", {SAVETI}),
    ("Съвети", {SAVETI}),
    ("СЪВЕТИТЕ", {SAVETI}),
    ("пешеходец", {SAVETI}),
    ("пешеходци", {SAVETI}),
    ("зима", {SAVETI}),
    # definite article -ът (full) and -а (short)
    ("бюджетът", {BUDGET}),
    ("бюджет", {BUDGET}),
    ("бюджети", {BUDGET}),
    ("докладът", {AIR}),
    ("доклади", {AIR}),
    ("въздух", {AIR}),
    ("кмет", {MEETING}),
    ("паркът", {PARK}),
    ("паркове", {PARK}),
    # feminine -та
    ("общината", {SAVETI, BUDGET}),
    ("общини", {SAVETI, BUDGET}),
    ("улица", {STREETS}),
    ("улицата", {STREETS}),
    ("настилката", {STREETS}),
    ("площадка", {MEETING}),
    ("площадките", {MEETING}),
    ("частица", {AIR}),
    ("есен", {AIR}),
    # neuter -то, and plural -та
    ("читалище", {MEETING}),
    ("читалищата", {MEETING}),
    ("качество", {AIR}),
    ("измерване", {AIR}),
    ("предложение", {BUDGET}),
    # plural -те, adjectives
    ("гражданин", {BUDGET}),
    ("граждани", {BUDGET}),
    ("детска площадка", {MEETING}),
    ("обществена консултация", {CONSULTATIONS}),
    ("практичен", {SAVETI}),
    ("пейка", {PARK}),
    # forms the dictionary does not relate (ъ dropped, irregular plural): found by the prefix of the stem
    ("център", {STREETS}),
    ("дърво", {PARK}),
    # stress marks, as a dictionary or a careful writer types them
    ("съве\u0301ти", {SAVETI}),
    ("бюдже\u0300та", {BUDGET}),
    # several words: all of them, in any form, function words left out
    ("съвети за зимата", {SAVETI}),
    ("ремонт на улица", {STREETS}),
    ("качеството на въздух", {AIR}),
]


def test_the_database_has_the_bulgarian_configuration():
    """The dictionary is part of the setup (scripts/install-bulgarian-search, migration
    0008): a machine without it fails here rather than skip the table below."""
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('bulgarian_hunspell', 'съветите на общината')::text")
        assert cursor.fetchone()[0] == "'на':2 'община':3 'съвет':1"


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[query for query, _pages in QUERIES])
def test_a_bulgarian_word_form_finds_its_page(client, pages, query, expected):
    assert found_titles(client, query) == expected


def test_the_table_has_more_than_thirty_forms():
    assert len(QUERIES) >= 30


def test_a_word_in_no_page_finds_nothing(client, pages):
    assert found_titles(client, "велосипед") == set()


def test_english_pages_keep_english_stemming(client, pages):
    budget = factories.NewsPageFactory(parent=pages, title="Бюджет")  # its English copy below
    factories.translate(budget, title="Consultations on the municipal budgets", summary="Citizens propose.")
    assert found_titles(client, "consultation", "/en") == {"Consultations on the municipal budgets"}
    assert found_titles(client, "budget", "/en") == {"Consultations on the municipal budgets"}
    assert found_titles(client, "consultation") == set()  # the Bulgarian pages do not say it


def test_update_index_rebuilds_the_index_in_bulgarian(client, pages):
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()
    assert found_titles(client, "съвета") == set()
    call_command("update_index", stdout=io.StringIO())
    # (other addresses: the page cache keeps an answer until content changes)
    assert found_titles(client, "съветите") == {SAVETI}
    assert found_titles(client, "читалищата") == {MEETING}


def test_a_search_over_both_languages_matches_each_in_its_own_configuration(client, pages):
    """The API's search knows no language of its own: the query is matched in each
    language's configuration, so a Bulgarian form finds the Bulgarian page and an English
    form the English one."""
    fountain = factories.NewsPageFactory(parent=pages, title="Ремонт на фонтана")
    factories.translate(fountain, title="Repairing the fountain")

    def titles(query, **filters):
        response = client.get("/api/v2/pages/", {"search": query, "fields": "title", **filters})
        assert response.status_code == 200
        return {item["title"] for item in response.json()["items"]}

    assert titles("фонтаните") == {"Ремонт на фонтана"}
    assert titles("fountains", locale="en") == {"Repairing the fountain"}
