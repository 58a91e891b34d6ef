"""Public consultations: the law's minimum period in the editor, the status on the clock,
and the art. 26(5) report citizens read after closing."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.legal import consultation as rules
from pages.models import ConsultationIndexPage, ConsultationPage
from tests.support.admin_forms import NO_FORM

pytestmark = pytest.mark.django_db
SOFIA = ZoneInfo("Europe/Sofia")


def at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SOFIA)


def consultation_form(title, slug, opens, closes, reasons=""):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Проект на наредба.",
            "body": streamfield([]),
            "contact": "",
            "opens_at": opens,
            "closes_at": closes,
            "shorter_period_reasons": reasons,
            "outcome_date": "",
            "outcome_summary": rich_text(""),
            "documents": inline_formset([]),
            "proposals": inline_formset([]),
            **NO_FORM,
        }
    )


def add_consultation(client, index, **form):
    """The officer publishes: the law's period is a rule for publishing (a draft with a
    shorter period saves, with a warning: tests/pages/test_editor_without_traps.py)."""
    data = consultation_form(**form) | {"action-publish": "action-publish"}
    return client.post(f"/admin/pages/add/pages/consultationpage/{index.pk}/", data)


@pytest.fixture
def index(site):
    return ConsultationIndexPage.objects.get(locale__language_code="bg")


def test_officer_cannot_publish_a_consultation_shorter_than_14_days(admin_client_logged_in, index):
    response = add_consultation(
        admin_client_logged_in,
        index,
        title="Кратка",
        slug="kratka",
        opens="2030-03-01 09:00",
        closes="2030-03-11 17:00",
        reasons="Спешно.",
    )
    assert response.status_code == 200
    assert "Срокът за предложения е 10 дни" in response.content.decode()
    assert "най-малко 30 дни" in response.content.decode()
    assert not ConsultationPage.objects.filter(title="Кратка").exists()


def test_officer_must_give_reasons_for_14_to_29_days(admin_client_logged_in, index):
    response = add_consultation(
        admin_client_logged_in,
        index,
        title="Без мотиви",
        slug="bez-motivi",
        opens="2030-03-01 09:00",
        closes="2030-03-20 17:00",
    )
    assert response.status_code == 200
    assert "Посочете изключителните причини" in response.content.decode()
    assert not ConsultationPage.objects.filter(title="Без мотиви").exists()

    add_consultation(
        admin_client_logged_in,
        index,
        title="С мотиви",
        slug="s-motivi",
        opens="2030-03-01 09:00",
        closes="2030-03-20 17:00",
        reasons="Срокът за прилагане на директивата изтича.",
    )
    assert ConsultationPage.objects.get(title="С мотиви", locale__language_code="bg").period_days == 19


def test_officer_publishes_a_30_day_consultation_without_reasons(admin_client_logged_in, index):
    response = add_consultation(
        admin_client_logged_in,
        index,
        title="Редовна",
        slug="redovna",
        opens="2030-03-01 09:00",
        closes="2030-03-31 09:00",
    )
    assert response.status_code == 302
    page = ConsultationPage.objects.get(title="Редовна", locale__language_code="bg")
    assert page.closes_at == at(2030, 3, 31)  # typed in Sofia time, stored in UTC


@pytest.mark.parametrize(
    "opens,closes,reasons,field",
    [
        (at(2030, 3, 1), at(2030, 3, 31), "", None),
        (at(2030, 3, 1), at(2030, 3, 15), "Спешно", None),
        (at(2030, 3, 1), at(2030, 3, 14), "Спешно", "closes_at"),
        (at(2030, 3, 1), at(2030, 3, 30), "  ", "shorter_period_reasons"),
        (at(2030, 3, 1), at(2030, 2, 1), "", "closes_at"),
    ],
)
def test_period_rule(opens, closes, reasons, field):
    errors = rules.period_errors(opens, closes, reasons)
    assert list(errors) == ([field] if field else [])


def test_status_follows_the_clock(index):
    page = ConsultationPage(opens_at=at(2030, 3, 1), closes_at=at(2030, 3, 31, 17))
    with time_machine.travel(at(2030, 2, 28), tick=False):
        assert (page.status, page.is_open, page.days_left) == ("upcoming", False, None)
    with time_machine.travel(at(2030, 3, 21, 12), tick=False):
        assert (page.status, page.is_open, page.days_left) == ("open", True, 10)
    with time_machine.travel(at(2030, 3, 31, 16, 59), tick=False):
        assert (page.status, page.days_left) == ("open", 0)
    with time_machine.travel(at(2030, 3, 31, 17), tick=False):
        assert page.status == "closed"
        page.outcome_date = datetime.date(2030, 4, 20)
        assert page.status == "concluded"


def test_citizen_reads_the_report_on_the_proposals(client, site):
    response = client.get("/konsultatsii/programa-chitalishtna-deynost-2021/")
    html = response.content.decode()
    assert "Приключила" in html
    assert "Какво променихме" in html
    assert html.count("<tr>") == 4  # header and the three proposals
    assert "анонимно" in html
    assert "Частично прието" in html and "Неприето" in html
    assert "Бюджетът за 2021 г. не позволява" in html


def test_citizen_sees_the_open_consultation_with_days_left(client, site):
    page = ConsultationPage.objects.get(slug="pravilnik-obshtestveni-saveti-kvartali", locale__language_code="bg")
    assert page.is_open and page.days_left >= 30
    html = client.get(page.url).content.decode()
    assert "Отворена за предложения" in html
    assert f"Остават {page.days_left} дни" in html


@pytest.mark.parametrize(
    "query,slugs",
    [
        ("", {"pravilnik-obshtestveni-saveti-kvartali", "programa-chitalishtna-deynost-2021"}),
        ("?status=open", {"pravilnik-obshtestveni-saveti-kvartali"}),
        ("?status=concluded", {"programa-chitalishtna-deynost-2021"}),
        ("?status=closed", set()),
        ("?topic=chitalishta&year=2020", {"programa-chitalishtna-deynost-2021"}),
        ("?topic=gradska-sreda", set()),
    ],
)
def test_citizen_filters_consultations(client, site, query, slugs):
    response = client.get(f"/konsultatsii/{query}")
    shown = {page.slug for page in response.context["consultations"]}
    assert shown == slugs


def test_a_bad_filter_explains_itself_and_filters_nothing(client, site):
    response = client.get("/konsultatsii/?year=abc&status=nonsense")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Въведете цяло число" in html
    assert "Направете валиден избор" in html
    assert len(response.context["consultations"].object_list) == 2
