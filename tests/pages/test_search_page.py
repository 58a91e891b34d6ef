"""What the search page shows a citizen: each result's type, date and section (so two
pages of one title are told apart), partial words, and, when nothing matches, help:
the other language's results, fewer words, a corrected spelling and the sections to
browse by topic. On a database without the Bulgarian dictionary the site keeps
searching and the deployment check says so."""

import datetime
import re

import pytest
from django.core import checks
from django.test import override_settings

from pages.snippets import Topic
from tests.support import factories
from tests.support.db import rolled_back_after_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        home = factories.site_tree()
        news = factories.NewsIndexPageFactory(parent=home, title="Новини", slug="novini")
        archive = factories.NewsIndexPageFactory(parent=home, title="Архив", slug="arhiv")
        consultations = factories.ConsultationIndexPageFactory(parent=home, title="Консултации", slug="konsultatsii")
        events = factories.EventIndexPageFactory(parent=home, title="Събития", slug="sabitiya")
        advice = factories.NewsPageFactory(
            parent=news,
            title="Съвети за пешеходците",
            summary="Как да пресичаме безопасно през зимата.",
            date=datetime.date(2026, 11, 3),
        )
        factories.translate(advice, title="Advice for pedestrians", summary="Crossing safely in winter.")
        factories.ReportPageFactory(parent=news, title="Годишен отчет", date=datetime.date(2026, 1, 15))
        factories.ReportPageFactory(parent=archive, title="Годишен отчет", date=datetime.date(2025, 1, 20))
        environment = Topic.objects.create(
            name="Паркове и градини", slug="parkove-i-gradini", locale=factories.locale()
        )
        consultation = factories.ConsultationPageFactory(
            parent=consultations, title="Наредба за зелените площи", summary="Паркове и градинки в кварталите."
        )
        consultation.topics.add(environment)
        factories.publish(consultation)
        factories.EventPageFactory(parent=events, title="Среща в читалището", summary="Разговор с кмета.")
        yield {"home": home, "consultation": consultation}


@pytest.fixture
def site(tree, db):
    return tree


def search(client, query, prefix=""):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def results(html):
    """(type, title, facts) of each result, as the page shows them."""
    found = []
    for item in re.findall(r'<li class="search-result.*?</li>\s*</ul>', html, re.S):
        kind = re.search(r'class="[^"]*result-type">([^<]+)<', item).group(1).strip()
        title = re.search(r"<h3[^>]*><a [^>]*>([^<]+)</a>", item).group(1).strip()
        facts = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item.split('result-facts">', 1)[1])).strip()
        found.append((kind, title, facts))
    return found


def test_a_result_shows_its_type_in_bulgarian_its_date_and_its_section(client, site):
    html = search(client, "пешеходци")
    assert results(html) == [("Новина", "Съвети за пешеходците", "3 ноември 2026 г. В раздел Новини")]


def test_two_results_with_one_title_are_told_apart_by_section_date_and_address(client, site):
    found = results(search(client, "отчетът"))
    assert [(kind, title) for kind, title, _facts in found] == [("Аналитичен доклад", "Годишен отчет")] * 2
    archive, news = sorted((facts for _kind, _title, facts in found), key=lambda facts: "Архив" not in facts)
    assert "20 януари 2025 г." in archive and "В раздел Архив" in archive and "/arhiv/" in archive
    assert "15 януари 2026 г." in news and "В раздел Новини" in news and "/novini/" in news


def test_the_beginning_of_a_word_finds_the_page_and_says_so(client, site):
    html = search(client, "читали")
    assert [title for _kind, title, _facts in results(html)] == ["Среща в читалището"]
    assert "започващи с „читал“" in html  # the stem of what was typed


def test_nothing_found_points_to_the_results_in_english(client, site):
    html = search(client, "pedestrians")
    assert "0 резултата за „pedestrians“" in html
    link = re.search(r'<li class="other-language" lang="en"><a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert link.group(2) == "1 резултат на английски"
    english = client.get(link.group(1).replace("&amp;", "&"))
    assert [title for _kind, title, _facts in results(english.content.decode())] == ["Advice for pedestrians"]


def test_nothing_found_for_many_words_offers_each_word_that_finds_something(client, site):
    html = search(client, "съвети велосипеди")
    assert "0 резултата" in html
    fewer = re.search(r'<li class="fewer-words">(.*?)</li>', html, re.S).group(1)
    assert "Опитайте с по-малко думи" in fewer
    assert re.search(r'<a href="/search/\?q=%D1%81%D1%8A%D0%B2%D0%B5%D1%82%D0%B8">съвети</a> \(1\)', fewer)
    assert "велосипеди" not in fewer


def test_a_misspelt_word_gets_a_corrected_search_that_finds_the_page(client, site):
    html = search(client, "четалището")
    suggestion = re.search(r'<li class="did-you-mean">Може би търсите <a href="([^"]+)">([^<]+)</a>\?', html)
    assert suggestion.group(2) == "читалището"
    corrected = client.get(suggestion.group(1).replace("&amp;", "&")).content.decode()
    assert [title for _kind, title, _facts in results(corrected)] == ["Среща в читалището"]


def test_a_misspelt_word_lists_pages_with_similar_words(client, site):
    """pg_trgm, which migration 0008 creates where the database allows (the tests' does)."""
    html = search(client, "четалище")
    similar = re.search(r'<ul class="similar-pages">(.*?)</ul>', html, re.S).group(1)
    assert "Среща в читалището" in similar


def test_nothing_found_offers_the_sections_and_their_topics(client, site):
    html = search(client, "велосипеди")
    sections = re.search(r'<ul class="browse-sections">(.*?)</ul>', html, re.S).group(1)
    for title in ["Новини", "Архив", "Консултации", "Събития"]:
        assert f">{title}</a>" in sections
    topic = re.search(r'<a href="([^"]*/konsultatsii/\?topic=parkove-i-gradini)">Паркове и градини</a>', sections)
    listing = client.get(topic.group(1))
    assert listing.status_code == 200
    assert "Наредба за зелените площи" in listing.content.decode()


def test_english_search_shows_english_types_and_finds_english_forms(client, site):
    found = results(search(client, "pedestrian", "/en"))
    assert [(kind, title) for kind, title, _facts in found] == [("News item", "Advice for pedestrians")]


def test_punctuation_alone_or_a_too_long_query_is_a_clear_message(client, site):
    assert "Въведете една или повече думи" in search(client, "„“ *** ()")
    assert "Въведете една или повече думи" in search(client, "- -- ---")
    html = search(client, "съвет " * 40)
    assert 'role="alert"' in html and "search-result" not in html


def deployment_warnings():
    return [message.id for message in checks.run_checks(include_deployment_checks=True) if message.id == "pages.W001"]


def test_the_deployment_check_is_quiet_when_the_configuration_exists(site):
    assert deployment_warnings() == []


def test_without_the_dictionary_search_falls_back_to_simple_and_the_check_warns(client, site):
    backends = {"default": {"BACKEND": "pages.search", "SEARCH_CONFIG": {"bg": "no_such_dictionary", "en": "english"}}}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        assert deployment_warnings() == ["pages.W001"]
        news = factories.NewsIndexPageFactory(parent=site["home"], title="Съобщения", slug="saobshteniya")
        factories.NewsPageFactory(parent=news, title="Съвети за колоездачи", summary="Карайте с каска.")
        assert "Съвети за колоездачи" in [title for _kind, title, _facts in results(search(client, "колоездачи"))]
        assert "Съвети за колоездачи" in [title for _kind, title, _facts in results(search(client, "каска"))]


SQLITE_SCRIPT = """
import json
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from wagtail.models import Site
from pages.models import NewsPage

home = Site.objects.get(is_default_site=True).root_page
page = NewsPage(title="Съветите на общината", slug="saveti", summary="Как пешеходците пресичат безопасно.")
home.add_child(instance=page)
page.save_revision().publish()
call_command("update_index", stdout=open("/dev/null", "w"))
setup_test_environment()  # responses carry their context
client = Client(HTTP_HOST="localhost")
found = {}
for query in ["съветите", "съвети", "съвет", "Съвет", "пешеход", "пешеходец", "общини", "велосипед"]:
    response = client.get("/search/", {"q": query})
    found[query] = [page.title for page in response.context["results"].paginator.object_list]
print("RESULT " + json.dumps(found, ensure_ascii=False))
"""


@pytest.mark.system
@pytest.mark.slow
def test_on_the_sqlite_quick_start_partial_and_inflected_words_find_the_page(tmp_path):
    """SQLite has no stemmer (Wagtail's backend finds "съветите" only as typed): the
    beginning of each word's stem finds the other forms and partial words."""
    import json
    import os
    import subprocess
    import sys

    from tests.support.live_site import ROOT

    environment = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "sliven_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "FORMS_PRIVATE_ROOT": str(tmp_path / "private"),
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run(manage + ["migrate", "--noinput", "-v0"], cwd=ROOT, env=environment, check=True, timeout=300)
    run = subprocess.run(
        manage + ["shell", "-c", SQLITE_SCRIPT], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.split("RESULT ", 1)[1])
    title = ["Съветите на общината"]
    assert found == {
        "съветите": title,
        "съвети": title,
        "съвет": title,
        "Съвет": title,
        "пешеход": title,
        "пешеходец": title,
        "общини": title,
        "велосипед": [],
    }
