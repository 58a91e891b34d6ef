"""A citizen switches language on any page; search engines learn the translations."""

import pytest

from pages.models import HomePage, ProjectPage

pytestmark = pytest.mark.django_db


def test_translated_page_links_its_translations_for_search_engines(client, demo):
    # No SITE_URL in the test settings: the links are on the origin the request came to
    # (they were the demo Site record's http://localhost before issue 22), like canonical.
    html = client.get("/proekt/").content.decode()
    assert '<html lang="bg"' in html
    assert '<link rel="alternate" hreflang="bg" href="http://testserver/proekt/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/project/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/proekt/">' in html
    english = client.get("/en/project/").content.decode()
    assert '<html lang="en"' in english
    assert '<link rel="alternate" hreflang="bg" href="http://testserver/proekt/">' in english
    assert "untranslated-notice" not in english


def test_switcher_lands_on_the_same_page_in_the_other_language(client, demo):
    html = client.get("/proekt/").content.decode()
    assert 'href="/en/project/" hreflang="en" lang="en">English</a>' in html
    english = client.get("/en/project/").content.decode()
    assert 'href="/proekt/" hreflang="bg" lang="bg">Български</a>' in english


@pytest.fixture
def untranslated_page(demo):
    home = HomePage.objects.get(locale__language_code="bg")
    page = home.add_child(
        instance=ProjectPage(
            title="Обществено обсъждане",
            project_code="BG-TEST-1",
            programme="ОП „Добро управление“",
            fund="ЕСФ",
            cofinancing_statement="Съфинансиран от ЕС.",
            start_date="2021-01-01",
            end_date="2021-06-30",
            main_aim="Цел.",
            beneficiary=demo.project.beneficiary,
        )
    )
    page.save_revision().publish()
    demo.sync_translation_trees()  # wagtail-localize gives English an alias of it
    return page


def test_untranslated_page_says_so_and_offers_the_home_page(client, untranslated_page):
    assert untranslated_page.slug == "obshtestveno-obsazhdane"
    html = client.get("/obshtestveno-obsazhdane/").content.decode()
    assert (
        'href="/en/" hreflang="en" lang="en" title="Тази страница още не е преведена: ще отидете на началната страница."'
        in html
    )
    assert 'hreflang="en" href=' not in html  # no alternate for a translation that does not exist

    # Someone following an old English link reads the Bulgarian original, labelled as such.
    fallback = client.get("/en/obshtestveno-obsazhdane/")
    assert fallback.status_code == 200
    text = fallback.content.decode()
    assert '<main id="main" tabindex="-1" class="container py-4" lang="bg">' in text
    assert "This page is not translated yet: you are reading the original in Bulgarian." in text
    assert 'hreflang="bg" href="http://testserver/obshtestveno-obsazhdane/"' in text


def test_language_links_cost_a_bounded_number_of_queries(
    client, demo, untranslated_page, django_assert_max_num_queries
):
    """The switcher, hreflang links and fallback notice share one query for a page's
    translations and one for the language homes; the rest is the page itself (with its
    partners, indicators and documents) and the page chrome."""
    client.get("/en/project/")  # warm the site root cache
    with django_assert_max_num_queries(28):
        assert client.get("/en/project/").status_code == 200
    with django_assert_max_num_queries(28):
        assert client.get("/en/obshtestveno-obsazhdane/").status_code == 200
