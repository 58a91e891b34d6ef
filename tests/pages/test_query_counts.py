"""Every public page type runs the same number of SQL queries with 3 or with 30 children
or related items: lists and detail pages never query once per item."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from pages.models import ConsultationProposal, Topic
from tests.support import content_tree
from tests.support.db import rolled_back_after_module

pytestmark = pytest.mark.django_db
# A first visit with every cache empty: the page chrome (menu, breadcrumb, language
# switcher, EU notice) takes most of these.
MAX_QUERIES = 30
# The next visit: the route, the chrome, an empty form and published comments come from
# the cache until content changes (pages.page_cache), the page's own content does not.
MAX_WARM_QUERIES = 14


@pytest.fixture(autouse=True)
def without_page_cache(settings):
    # What rendering costs: with the page cache on, a second visit would run no query at all.
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture(scope="module")
def bare_tree(django_db_setup, django_db_blocker):
    """A bare home page with the index pages and three topics in place of the demo site,
    made once for the module inside a transaction rolled back after it (replacing the
    demo's tree takes seconds); each test runs in a savepoint inside it, so every test
    starts from this same tree. The models and primary keys of its objects."""
    with rolled_back_after_module(django_db_blocker):
        home = content_tree.home()
        indexes = content_tree.indexes(home)
        yield (
            (type(home), home.pk),
            {key: (type(page), page.pk) for key, page in indexes.items()},
            [topic.pk for topic in content_tree.topics(3)],
        )


@pytest.fixture
def tree(bare_tree, db):
    """The module's tree for one test, as fresh instances: a page remembers in memory how
    many children it has, and the last test's children were rolled back."""
    (home_model, home_pk), indexes, topic_pks = bare_tree
    topics = Topic.objects.in_bulk(topic_pks)
    return (
        home_model.objects.get(pk=home_pk),
        {key: model.objects.get(pk=pk) for key, (model, pk) in indexes.items()},
        [topics[pk] for pk in topic_pks],
    )


def query_count(client, url, django_assert_max_num_queries):
    """(queries of a first visit with every cache empty, queries of the next visit)."""
    from civic_core import cache

    client.get(url)  # the process's own memos (locales, content types), as in any running worker
    cache.reset()
    counts = []
    for limit in (MAX_QUERIES, MAX_WARM_QUERIES):
        with django_assert_max_num_queries(limit), CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    return tuple(counts)


def counts_with_3_and_30(client, url, add_items, django_assert_max_num_queries):
    add_items(range(3))
    with_3 = query_count(client, url, django_assert_max_num_queries)
    add_items(range(3, 30))  # more than a listing's page of 12
    with_30 = query_count(client, url, django_assert_max_num_queries)
    return with_3, with_30


@pytest.mark.parametrize(
    "index,make,url",
    [
        ("consultations", content_tree.consultation, "/konsultatsii/"),
        ("events", content_tree.event, "/sabitiya/"),
        ("best_practices", content_tree.best_practice, "/dobri-praktiki/"),
        ("news", content_tree.news, "/novini/"),
        ("news", content_tree.news, "/"),
    ],
)
def test_index_pages_do_not_query_per_child(client, tree, django_assert_max_num_queries, index, make, url):
    home, indexes, topics = tree

    def add_children(numbers):
        for i in numbers:
            make(indexes[index], i, topics)

    with_3, with_30 = counts_with_3_and_30(client, url, add_children, django_assert_max_num_queries)
    assert with_3 == with_30


def many_topics(numbers):
    return [Topic.objects.create(name=f"Т {i}", slug=f"t-{i}", locale=Locale.get_default()) for i in numbers]


def test_consultation_page_does_not_query_per_proposal_topic_or_comment(client, tree, django_assert_max_num_queries):
    from forms_ext.models import CivicSubmission

    home, indexes, topics = tree
    page = content_tree.consultation(indexes["consultations"], 1)
    page.publish_comments = True

    def add_items(numbers):
        numbers = list(numbers)
        page.topics.add(*many_topics(numbers))
        ConsultationProposal.objects.bulk_create(
            [
                ConsultationProposal(page=page, summary=f"П {i}", decision="accepted", reasons="М", sort_order=i)
                for i in numbers
            ]
        )
        CivicSubmission.objects.bulk_create(
            [
                CivicSubmission(
                    page=page,
                    form_data={},
                    language="bg",
                    fingerprint=f"c{i}",
                    comment=f"Коментар {i}",
                    moderation_status=CivicSubmission.Moderation.APPROVED,
                )
                for i in numbers
            ]
        )
        page.save()

    with_3, with_30 = counts_with_3_and_30(client, page.url, add_items, django_assert_max_num_queries)
    assert with_3 == with_30


@pytest.mark.parametrize(
    "make,stream,item",
    [
        (
            content_tree.event,
            "agenda",
            lambda i: ("item", {"title": f"Т {i}", "time": None, "speaker": "", "description": ""}),
        ),
        (content_tree.report, None, content_tree.recommendation),
        (content_tree.best_practice, None, None),
        (content_tree.news, None, None),
    ],
)
def test_detail_pages_do_not_query_per_item(client, tree, django_assert_max_num_queries, make, stream, item):
    home, indexes, topics = tree
    parent = {content_tree.event: "events", content_tree.best_practice: "best_practices"}.get(make, "news")
    page = make(indexes[parent], 1)

    def add_items(numbers):
        numbers = list(numbers)
        page.topics.add(*many_topics(numbers))
        if stream:
            value = getattr(page, stream)
            for i in numbers:
                value.append(item(i))
        elif item:  # related objects of their own
            for i in numbers:
                item(page, i)
        page.save()

    with_3, with_30 = counts_with_3_and_30(client, page.url, add_items, django_assert_max_num_queries)
    assert with_3 == with_30


def test_search_results_do_not_query_per_result(client, tree, django_assert_max_num_queries):
    home, indexes, topics = tree

    def add_results(numbers):
        for i in numbers:
            content_tree.news(indexes["news"], i, topics)

    with_3, with_30 = counts_with_3_and_30(client, "/search/?q=Новина", add_results, django_assert_max_num_queries)
    assert with_3 == with_30


def test_api_listing_does_not_query_per_page(client, tree, django_assert_max_num_queries):
    home, indexes, topics = tree

    def add_events(numbers):
        for i in numbers:
            content_tree.event(indexes["events"], i, topics)

    with_3, with_30 = counts_with_3_and_30(
        client,
        "/api/v2/pages/?type=pages.EventPage&fields=start,kind&limit=20",
        add_events,
        django_assert_max_num_queries,
    )
    assert with_3 == with_30
