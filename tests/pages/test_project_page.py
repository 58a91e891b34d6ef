"""A citizen reads the EU-funded project's facts; an officer edits them in the admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pages.models import ProjectPage
from pages.models.project import months_between

pytestmark = pytest.mark.django_db

FIVE_OBJECTIVES = [
    "Усъвършенстване на мониторинга и оценката на провежданите политики",
    "Създаване на възможности за засилено участие на гражданското общество",
    "Трансфер на добри практики за гражданско участие",
    "Въвеждане на иновативен механизъм за обратна връзка",
    "Повишен капацитет на партньорските организации",
]


def test_citizen_reads_the_project_facts(client, demo):
    response = client.get("/proekt/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "BG05SFOP001-2.025-0025-C01" in html
    assert "Оперативна програма „Добро управление“" in html
    assert "Европейски социален фонд" in html
    assert "Фондация „Регионален център за икономическо развитие“ гр. Сливен" in html
    assert "Община Сливен" in html
    for objective in FIVE_OBJECTIVES:
        assert objective in html
    assert html.count('<ol class="objectives"><li>') == 1
    assert "12 месеца" in html
    for group in ["Служителите от Община Сливен", "Неправителствени организации", "Бизнес организации", "Граждани"]:
        assert group in html
    assert "Стратегическа цел 2" in html and "Стратегическа цел 3" in html


def test_duration_is_derived_from_the_dates(demo):
    project = ProjectPage.objects.get(project_code="BG05SFOP001-2.025-0025-C01", locale__language_code="bg")
    assert project.duration_months == 12
    project.end_date = datetime.date(2020, 3, 31)
    assert project.duration_months == 6


@pytest.mark.parametrize(
    "start,end,months",
    [
        ((2019, 3, 1), (2020, 2, 29), 12),
        ((2019, 3, 15), (2019, 4, 14), 1),
        ((2020, 1, 1), (2020, 1, 10), 0),
        ((2020, 1, 31), (2020, 2, 28), 1),
        ((2021, 1, 1), (2023, 12, 31), 36),
    ],
)
def test_months_between(start, end, months):
    assert months_between(datetime.date(*start), datetime.date(*end)) == months


def test_end_date_before_start_date_is_refused(demo):
    project = ProjectPage.objects.get(locale__language_code="bg")
    project.end_date = project.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "end_date" in error.value.message_dict


def test_project_page_is_searchable_by_its_code(demo):
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    bulgarian = ProjectPage.objects.live().filter(locale=Locale.get_default())
    results = get_search_backend().search("BG05SFOP001", bulgarian)
    assert [page.slug for page in results] == ["proekt"]


def test_officer_edits_the_project_in_tabs_with_help_text(admin_client_logged_in, demo):
    project = ProjectPage.objects.get(locale__language_code="bg")
    response = admin_client_logged_in.get(f"/admin/pages/{project.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for tab in ["Финансиране", "Цели", "Резултати и документи"]:
        assert tab in html
    assert "BG05SFOP001-2.025-0025-C01" in html
    assert "договора за безвъзмездна финансова помощ" in html  # help text on the project code


class ProjectPageRendersAndPreviews(WagtailPageTestCase):
    def setUp(self):
        from sliven_site.demo import DemoBuilder

        DemoBuilder(log=lambda message: None).build()
        self.project = Page.objects.get(slug="proekt", locale__language_code="bg").specific

    def test_renders_and_previews(self):
        self.assertPageIsRenderable(self.project)
        post_data = nested_form_data(
            {
                "title": self.project.title,
                "slug": self.project.slug,
                "summary": "Резюме",
                "project_code": "BG05SFOP001-2.025-0025-C01",
                "programme": "Оперативна програма „Добро управление“",
                "fund": "Европейски социален фонд",
                "cofinancing_statement": "Съфинансиран от ЕС.",
                "beneficiary": self.project.beneficiary_id,
                "start_date": "2019-10-01",
                "end_date": "2020-09-30",
                "main_aim": "Основна цел",
                "objectives": streamfield([("item", "Първа цел")]),
                "target_groups": streamfield([]),
                "strategic_aims": streamfield([]),
                "results": streamfield([]),
                "body": streamfield([]),
                "partners": inline_formset([]),
                "documents": inline_formset([]),
                "indicators": inline_formset([]),
            }
        )
        self.assertPageIsPreviewable(self.project, post_data=post_data)
