"""Small page trees for tests that need each content page type but not the demo site."""

import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Locale, Page, Site

from pages.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationProposal,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    Recommendation,
    RecommendationUpdate,
    ReportPage,
    StandardPage,
    Topic,
)

SOFIA = ZoneInfo("Europe/Sofia")
START = datetime.datetime(2020, 3, 2, 10, tzinfo=SOFIA)


def home():
    """A bare home page in place of the demo site's (the tests roll the change back)."""
    root = Page.get_first_root_node()
    for existing in root.get_children():
        existing.delete()
    page = root.add_child(instance=HomePage(title="Начало", slug="home", locale=Locale.get_default()))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": page})
    return page


def topics(count=3):
    return [Topic.objects.create(name=f"Тема {i}", slug=f"tema-{i}", locale=Locale.get_default()) for i in range(count)]


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def consultation(index, i, topic_list=(), proposals=0):
    page = ConsultationPage(
        title=f"Консултация {i}",
        slug=f"konsultatsiya-{i}",
        summary="Резюме",
        opens_at=START + datetime.timedelta(days=i),
        closes_at=START + datetime.timedelta(days=i + 30),
        outcome_date=datetime.date(2020, 12, 1),
    )
    page.topics = list(topic_list)
    page.proposals = [
        ConsultationProposal(summary=f"Предложение {n}", decision="accepted", reasons="Мотиви")
        for n in range(proposals)
    ]
    return add(index, page)


def event(index, i, topic_list=(), agenda=0):
    page = EventPage(
        title=f"Събитие {i}",
        slug=f"sabitie-{i}",
        summary="Резюме",
        venue_name="Зала",
        start=START + datetime.timedelta(days=i),
        end=START + datetime.timedelta(days=i, hours=3),
        attendance=10,
        agenda=[
            ("item", {"title": f"Точка {n}", "time": None, "speaker": "", "description": ""}) for n in range(agenda)
        ],
    )
    page.topics = list(topic_list)
    return add(index, page)


def best_practice(index, i, topic_list=()):
    page = BestPracticePage(
        title=f"Практика {i}",
        slug=f"praktika-{i}",
        country="EE",
        summary="Резюме",
        problem="<p>Проблем</p>",
        solution="<p>Решение</p>",
    )
    page.topics = list(topic_list)
    return add(index, page)


def news(index, i, topic_list=()):
    page = NewsPage(title=f"Новина {i}", slug=f"novina-{i}", summary="Резюме")
    page.topics = list(topic_list)
    return add(index, page)


def report(index, i, topic_list=(), recommendations=0):
    page = ReportPage(title=f"Доклад {i}", slug=f"doklad-{i}", summary="Резюме")
    page.topics = list(topic_list)
    page = add(index, page)
    for n in range(1, recommendations + 1):
        recommendation(page, n)
    return page


def recommendation(report, n, **fields):
    """Recommendation `n` of `report`, accepted, with a dated update."""
    item = Recommendation(
        locale=report.locale,
        report=report,
        number=n,
        text=f"Препоръка {n}",
        responsible_unit="Община Сливен",
        **{"status": "accepted", "progress": 10, **fields},
    )
    item.updates = [RecommendationUpdate(locale=report.locale, text=f"Направено по препоръка {n}")]
    item.save()
    return item


def indexes(home_page):
    return {
        "consultations": add(home_page, ConsultationIndexPage(title="Консултации", slug="konsultatsii")),
        "events": add(home_page, EventIndexPage(title="Събития", slug="sabitiya")),
        "best_practices": add(home_page, BestPracticeIndexPage(title="Практики", slug="dobri-praktiki")),
        "news": add(home_page, NewsIndexPage(title="Новини", slug="novini")),
        "standard": add(home_page, StandardPage(title="За проекта", slug="za-proekta")),
    }
