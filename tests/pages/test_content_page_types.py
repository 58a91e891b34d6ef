"""Each content page type is creatable only where it belongs, editable, previewable and renders."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    CivicMonitoringPage,
    ConsultationIndexPage,
    ConsultationPage,
    EventIndexPage,
    EventPage,
    FeedbackPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ProjectPage,
    RecommendationTrackerPage,
    ReportPage,
    StandardPage,
)
from tests.support import content_tree
from tests.support.admin_forms import NO_FORM


def edit_form_data(page):
    """What an editor submits for `page`: StreamFields are built in the browser, so the
    form cannot be read back from the edit view's HTML."""
    data = {"title": page.title, "slug": page.slug}
    if page.specific_class in (ConsultationIndexPage, EventIndexPage, BestPracticeIndexPage, NewsIndexPage):
        data["intro"] = rich_text("<p>Въведение</p>")
    elif isinstance(page, StandardPage):
        data |= {"summary": "Резюме", "body": streamfield([("paragraph", rich_text("<p>Текст</p>"))])}
    elif isinstance(page, ConsultationPage):
        data |= {
            "summary": "Резюме",
            "body": streamfield([]),
            "contact": "",
            "related_project": "",
            "opens_at": "2030-03-01 09:00",
            "closes_at": "2030-04-01 09:00",
            "shorter_period_reasons": "",
            "outcome_date": "",
            "outcome_summary": rich_text(""),
            "documents": inline_formset([]),
            "proposals": inline_formset([]),
            **NO_FORM,
        }
    elif isinstance(page, EventPage):
        data |= {
            "kind": "round_table",
            "summary": "Резюме",
            "start": "2030-03-01 10:00",
            "end": "2030-03-01 13:00",
            "venue_name": "Зала",
            "venue_address": "",
            "map_url": "",
            "online_url": "",
            "organiser": "",
            "capacity": "40",
            "registration_opens": "",
            "registration_closes": "",
            "body": streamfield([]),
            "agenda": streamfield(
                [("item", {"time": "10:00", "title": "Откриване", "description": "", "speaker": ""})]
            ),
            "speakers": streamfield([]),
            "attendance": "",
            "report": rich_text(""),
            "recommendations": rich_text(""),
            "documents": inline_formset([]),
            "gallery": streamfield([]),
            **NO_FORM,
        }
    elif isinstance(page, BestPracticePage):
        data |= {
            "country": "PL",
            "city": "Гданск",
            "organisation_name": "",
            "summary": "Резюме",
            "problem": rich_text("<p>Проблем</p>"),
            "solution": rich_text("<p>Решение</p>"),
            "results": rich_text(""),
            "transferability": rich_text(""),
            "source_url": "",
            "documents": streamfield([]),
            "related_pages": streamfield([]),
        }
    elif isinstance(page, NewsPage):
        data |= {"date": "2020-09-28", "summary": "Резюме", "image": "", "image_alt": "", "body": streamfield([])}
    elif isinstance(page, ReportPage):
        data |= {
            "date": "2020-08-10",
            "summary": "Резюме",
            "body": streamfield([]),
            "documents": streamfield([]),
        }
    return nested_form_data(data)


class ContentPageTypes(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = content_tree.home()
        cls.indexes = content_tree.indexes(cls.home)
        topics = content_tree.topics(1)
        cls.pages = [
            *cls.indexes.values(),
            content_tree.consultation(cls.indexes["consultations"], 1, topics, proposals=2),
            content_tree.event(cls.indexes["events"], 1, topics, agenda=2),
            content_tree.best_practice(cls.indexes["best_practices"], 1, topics),
            content_tree.news(cls.indexes["news"], 1, topics),
            content_tree.report(cls.indexes["news"], 1, topics, recommendations=2),
        ]

    def setUp(self):
        self.login()

    def test_page_types_are_created_only_where_they_belong(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ProjectPage,
                ConsultationIndexPage,
                EventIndexPage,
                BestPracticeIndexPage,
                NewsIndexPage,
                StandardPage,
                FeedbackPage,
                CivicMonitoringPage,
                RecommendationTrackerPage,
            },
        )
        for index, child in [
            (ConsultationIndexPage, ConsultationPage),
            (EventIndexPage, EventPage),
            (BestPracticeIndexPage, BestPracticePage),
        ]:
            self.assertAllowedParentPageTypes(index, {HomePage})
            self.assertAllowedSubpageTypes(index, {child})
            self.assertAllowedParentPageTypes(child, {index})
            self.assertAllowedSubpageTypes(child, set())
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage, ReportPage})
        self.assertAllowedParentPageTypes(ReportPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(Page, ConsultationIndexPage)

    def test_every_page_renders_is_editable_and_previewable(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)
                self.assertPageIsEditable(page, post_data=edit_form_data(page))
                self.assertPageIsPreviewable(page, post_data=edit_form_data(page))
