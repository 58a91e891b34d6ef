"""Anonymous visitors get pages from the cache; anything published shows at once."""

import gzip

import pytest
from icalendar import Calendar
from wagtail.models import Page

from pages.models import ProjectPage
from pages.snippets import SiteContact

pytestmark = pytest.mark.django_db


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_second_anonymous_visit_is_served_from_the_cache(client, demo, django_assert_num_queries):
    first = fetch(client, "/proekt/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = fetch(client, "/proekt/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "s-maxage" in second["Cache-Control"]


def test_logged_in_editors_are_never_served_cached_pages(admin_client_logged_in, client, demo):
    fetch(client, "/proekt/")
    response = fetch(admin_client_logged_in, "/proekt/")
    assert "X-Page-Cache" not in response


def test_query_strings_are_cached_separately(client, demo):
    assert fetch(client, "/?a=1")["X-Page-Cache"] == "miss"
    assert fetch(client, "/?a=2")["X-Page-Cache"] == "miss"
    assert fetch(client, "/?a=1")["X-Page-Cache"] == "hit"


def test_paths_a_site_bypasses_are_never_cached(client, demo, settings):
    settings.PAGE_CACHE_BYPASS_PREFIXES = ["/novini/"]  # say, a section served by a view of its own
    for _ in range(2):
        assert "X-Page-Cache" not in fetch(client, "/novini/")
    assert fetch(client, "/proekt/")["X-Page-Cache"] == "miss"


def warm(client, *urls):
    for url in urls:
        fetch(client, url)
        assert fetch(client, url)["X-Page-Cache"] == "hit"


def project():
    return ProjectPage.objects.get(locale__language_code="bg")


def test_publishing_a_change_shows_at_once_in_both_languages(client, demo):
    warm(client, "/", "/proekt/", "/en/", "/en/project/")
    page = project()
    page.title = "Ново заглавие на проекта"
    page.save_revision().publish()
    for url in ["/", "/proekt/", "/en/", "/en/project/"]:
        assert fetch(client, url)["X-Page-Cache"] == "miss", url
    assert "Ново заглавие на проекта" in fetch(client, "/proekt/").content.decode()


def test_a_translator_publishing_a_translation_shows_at_once(client, demo, django_capture_on_commit_callbacks):
    from wagtail.models import Locale
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    warm(client, "/en/", "/en/project/", "/proekt/")
    english = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(project())
    title = project().title
    # In wagtail-localize's editor the translator retypes the title and publishes.
    StringTranslation.objects.filter(
        translation_of__data=title, locale=english, translation_of__segments__source=source
    ).update(data="Partners for the development of Sliven, phase two")
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        Translation.objects.get(source=source, target_locale=english).save_target(publish=True)

    for url in ("/en/", "/en/project/"):
        assert fetch(client, url)["X-Page-Cache"] == "miss", url
    assert "Partners for the development of Sliven, phase two" in fetch(client, "/en/project/").content.decode()
    assert fetch(client, "/en/project/")["X-Page-Cache"] == "hit"


def test_unpublishing_removes_the_page(client, demo):
    warm(client, "/proekt/")
    project().unpublish()
    assert client.get("/proekt/").status_code == 404


def test_moving_and_deleting_invalidate(client, demo):
    warm(client, "/")
    home = Page.objects.get(depth=2, locale__language_code="bg")
    child = home.add_child(instance=Page(title="Временна", slug="vremenna"))
    child.save_revision().publish()
    warm(client, "/", "/vremenna/")
    child.move(home, pos="first-child")
    assert fetch(client, "/")["X-Page-Cache"] == "miss"
    warm(client, "/")
    Page.objects.get(pk=child.pk).delete()
    assert fetch(client, "/")["X-Page-Cache"] == "miss"
    assert client.get("/vremenna/").status_code == 404


def test_footer_contacts_change_shows_at_once(client, demo):
    warm(client, "/proekt/")
    contact = SiteContact.objects.get(locale__language_code="bg")
    contact.phone = "+359 44 611 111"
    contact.save()
    assert "+359 44 611 111" in fetch(client, "/proekt/").content.decode()


def test_page_cache_steps_aside_when_the_cache_is_down(client, demo, monkeypatch):
    class BrokenCache:
        def __getattr__(self, name):
            raise ConnectionError("cache down")

    monkeypatch.setattr("civic_core.cache.store.cache", BrokenCache())
    response = fetch(client, "/proekt/")
    assert "X-Page-Cache" not in response
    assert "BG05SFOP001-2.025-0025-C01" in response.content.decode()


def test_api_listings_are_cached_and_a_publish_shows_at_once(client, demo):
    url = "/api/v2/pages/?type=pages.ProjectPage&fields=title"
    first = fetch(client, url)
    assert first["X-Page-Cache"] == "miss" and first["Content-Type"].startswith("application/json")
    second = fetch(client, url)
    assert second["X-Page-Cache"] == "hit" and second.json() == first.json()
    page = project()
    page.title = "Заглавие за отворените данни"
    page.save_revision().publish()
    response = fetch(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert [item["title"] for item in response.json()["items"]] == ["Заглавие за отворените данни"]


def test_editing_an_image_or_a_document_renders_pages_afresh(client, demo):
    """A replaced file has a new address in every page that shows it."""
    import wagtail_factories

    for factory in (wagtail_factories.ImageFactory, wagtail_factories.DocumentFactory):
        item = factory(title="Снимка от обсъждането")
        warm(client, "/", "/proekt/")
        item.title = "Снимка от обсъждането (нова версия)"
        item.save()
        assert fetch(client, "/proekt/")["X-Page-Cache"] == "miss", factory


def test_the_calendar_feed_is_cached_and_a_published_event_shows_at_once(client, demo, django_assert_num_queries):
    from pages.models import EventPage

    warm(client, "/calendar/events.ics", "/en/calendar/events.ics")
    with django_assert_num_queries(0):
        assert fetch(client, "/calendar/events.ics")["X-Page-Cache"] == "hit"
    event = EventPage.objects.filter(locale__language_code="bg").first()
    event.title = "Обществено обсъждане на бюджета"
    event.save_revision().publish()
    for url in ("/calendar/events.ics", "/en/calendar/events.ics"):
        assert fetch(client, url)["X-Page-Cache"] == "miss"
    calendar = Calendar.from_ical(fetch(client, "/calendar/events.ics").content)
    assert "Обществено обсъждане на бюджета" in [str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")]


def test_a_client_that_polls_gets_not_modified_until_the_next_publish(client, demo):
    for url in ("/calendar/events.ics", "/feeds/news/rss/", "/proekt/"):
        fetch(client, url)
        etag = fetch(client, url)["ETag"]
        unchanged = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert unchanged.status_code == 304 and unchanged.content == b"", url
        assert unchanged["ETag"] == etag and "public" in unchanged["Cache-Control"]

    etag = fetch(client, "/proekt/")["ETag"]
    page = project()
    page.title = "Заглавие след промяната"
    page.save_revision().publish()
    changed = client.get("/proekt/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "Заглавие след промяната" in changed.content.decode()
    assert changed["ETag"] != etag


def test_pages_with_a_form_carry_no_etag(client, demo):
    from pages.models import FeedbackPage

    url = FeedbackPage.objects.get(locale__language_code="bg").url
    fetch(client, url)
    cached = fetch(client, url)
    assert cached["X-Page-Cache"] == "hit" and "ETag" not in cached
    assert "private" in cached["Cache-Control"]


def test_clients_that_accept_gzip_get_the_cached_answer_compressed(client, demo):
    browser = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}
    for url in ("/calendar/events.ics", "/en/calendar/events.ics", "/feeds/news/rss/", "/proekt/", "/en/project/"):
        plain = fetch(client, url)
        assert "Accept-Encoding" in plain["Vary"], url
        compressed = client.get(url, **browser)
        assert compressed["X-Page-Cache"] == "hit" and compressed["Content-Encoding"] == "gzip", url
        assert gzip.decompress(compressed.content) == plain.content, url
        assert len(compressed.content) < len(plain.content), url
        assert int(compressed["Content-Length"]) == len(compressed.content), url
        assert "Accept-Encoding" in compressed["Vary"] and "public" in compressed["Cache-Control"], url
        # Two forms of one answer: each has its own ETag, and each is answered 304.
        assert compressed["ETag"] != plain["ETag"], url
        unchanged = client.get(url, HTTP_IF_NONE_MATCH=compressed["ETag"], **browser)
        assert unchanged.status_code == 304 and unchanged["ETag"] == compressed["ETag"], url
        # A client that asks for no compression, or refuses gzip, gets the text.
        for refusing in ("identity", "gzip;q=0, deflate", ""):
            answer = client.get(url, HTTP_ACCEPT_ENCODING=refusing)
            assert "Content-Encoding" not in answer and answer.content == plain.content, (url, refusing)


def test_pages_with_a_form_are_compressed_around_each_visitors_own_tokens(client, demo):
    """BREACH: a secret compressed together with text an attacker influences leaks
    through the response's length. The tokens are sent as stored (uncompressed) blocks
    between independently compressed pieces of the page: each visitor's page decompresses
    to their own tokens, the tokens appear verbatim in the compressed bytes, and the
    compressed length is the same for every visitor."""
    import re
    import zlib

    from pages.models import FeedbackPage

    url = FeedbackPage.objects.get(locale__language_code="bg").url
    fetch(client, url)
    answers = []
    for _visitor in range(3):
        client.cookies.clear()
        cached = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert cached["X-Page-Cache"] == "hit" and cached["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in cached["Vary"] and "private" in cached["Cache-Control"]
        assert int(cached["Content-Length"]) == len(cached.content)
        html = gzip.decompress(cached.content)  # checks the CRC-32 and length too
        assert zlib.decompress(cached.content, 16 + zlib.MAX_WBITS) == html
        assert b"__VISITOR_VALUE_" not in html and b"</html>" in html
        csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        token = re.search(rb'name="form_token" value="([^"]+)"', html).group(1)
        assert csrf in cached.content and token in cached.content  # stored, not compressed
        answers.append((len(cached.content), csrf, token))
    assert len({length for length, _csrf, _token in answers}) == 1
    assert len({csrf for _length, csrf, _token in answers}) == 3
    assert len({token for _length, _csrf, token in answers}) == 3
    # A client that does not ask for gzip gets the text, filled in the same way.
    plain = client.get(url)
    assert "Content-Encoding" not in plain and b"__VISITOR_VALUE_" not in plain.content
    assert b"__CSRF_TOKEN__" not in plain.content and b'name="csrfmiddlewaretoken"' in plain.content
