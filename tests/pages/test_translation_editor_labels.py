"""wagtail-localize's translation editor names each string by its field's verbose name,
its block's label and its tab's heading: a translator whose admin speaks Bulgarian reads
Bulgarian names there, never an internal name such as `search_description` or a block's
type (`call_to_action`)."""

import html
import json
import re

import pytest
import wagtail_factories
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import get_translatable_fields

from pages.models import ConsultationPage, EventPage, Recommendation, RecommendationUpdate
from tests.support import factories, people

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[а-яА-Я]")
INTERNAL_NAME = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def every_block(image, document):
    """One block of every type the pages' main StreamField (pages.blocks.BaseStreamBlock) offers."""
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "Какво предлагаме", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Общината предлага нови правила.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt_text": "Зала", "caption": "Залата на съвета"}},
            {
                "type": "documents",
                "value": {
                    "heading": "Документи",
                    "documents": [{"document": document.pk, "title": "Проект", "description": "Проектът на наредба"}],
                },
            },
            {"type": "quote", "value": {"quote": "Всеки глас е важен.", "attribution": "Кметът"}},
            {
                "type": "call_to_action",
                "value": {
                    "text": "Кажете мнението си",
                    "page": None,
                    "url": "https://example.org/",
                    "button_label": "Към формуляра",
                },
            },
            {"type": "embed", "value": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
            {
                "type": "table",
                "value": {"data": [["Мярка", "Срок"], ["Пейки", "2027"]], "first_row_is_table_header": True},
            },
        ]
    )


@pytest.fixture
def filled(home):
    """A consultation and an event with every translatable field and block filled in."""
    image, document = wagtail_factories.ImageFactory(), wagtail_factories.DocumentFactory()
    consultation = factories.ConsultationPageFactory(
        parent=factories.ConsultationIndexPageFactory(parent=home),
        seo_title="Наредба за съветите",
        search_description="Проект на наредба за обществените съвети.",
        share_text="Кажете мнението си за наредбата.",
        contact="Отдел „Стратегическо развитие“, тел. 044 611 100",
        shorter_period_reasons="Срокът на програмата изтича.",
        outcome_summary="<p>Приехме предложението за пейките.</p>",
        thank_you_text="<p>Благодарим!</p>",
        body=every_block(image, document),
    )
    consultation.documents.create(document=document, title="Проект на наредба", kind="draft_act")
    consultation.proposals.create(
        article="чл. 3", summary="Повече пейки.", proposer="Мария", decision="accepted", reasons="Разумно е."
    )
    consultation.save_revision().publish()
    event = factories.EventPageFactory(
        parent=factories.EventIndexPageFactory(parent=home),
        seo_title="Кръгла маса",
        search_description="Кръгла маса за съветите.",
        share_text="Елате на кръглата маса.",
        venue_address="пл. „Възраждане“ 1",
        body=every_block(image, document),
        agenda=json.dumps(
            [
                {
                    "type": "item",
                    "value": {"time": "10:00", "title": "Откриване", "description": "Кметът", "speaker": "Кметът"},
                }
            ]
        ),
        speakers=json.dumps(
            [{"type": "speaker", "value": {"name": "Иван Петров", "role": "Кмет", "organisation": "Община Сливен"}}]
        ),
        report="<p>Дойдоха 40 души.</p>",
        recommendations="<p>Повече срещи.</p>",
        gallery=json.dumps([{"type": "image", "value": {"image": image.pk, "alt_text": "Зала", "caption": "Срещата"}}]),
    )
    event.documents.create(document=document, title="Програма")
    event.save_revision().publish()
    return {"consultation": consultation, "event": event}


def editor(client, url):
    """The translation editor's own data: its tabs and where each string is."""
    response = client.get(url)
    assert response.status_code == 200
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', response.content.decode()).group(1)))
    return props


def page_editor(client, page):
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert client.post(url, {"locales": [english.pk]}).status_code == 302
    return editor(client, reverse("wagtailadmin_pages:edit", args=[page.get_translation(english).pk]))


def names_shown(props):
    """Every name the editor shows a translator: tab headings, field and sub-field names."""
    names = [tab["label"] for tab in props["tabs"]]
    for segment in props["segments"]:
        names += [segment["location"]["field"], segment["location"]["subField"]]
    return [name for name in names if name]


def assert_bulgarian(names):
    internal = [name for name in names if INTERNAL_NAME.search(name) or not CYRILLIC.search(name)]
    assert not internal, internal


@pytest.fixture
def translator():
    return people.logged_in(people.user("translating-officer", superuser=True))


def test_the_consultation_editor_names_every_string_in_bulgarian(translator, filled):
    props = page_editor(translator, filled["consultation"])
    names = names_shown(props)
    assert_bulgarian(names)
    for expected in ("Описание за търсачките", "Какво променихме", "Призив за действие", "Текст на бутона", "Цитат"):
        assert expected in names, (expected, sorted(set(names)))


def test_the_event_editor_names_every_string_in_bulgarian(translator, filled):
    names = names_shown(page_editor(translator, filled["event"]))
    assert_bulgarian(names)
    for expected in ("Точка от програмата", "Говорител", "Отчет", "Алтернативен текст", "Адрес на мястото"):
        assert expected in names, (expected, sorted(set(names)))


def test_the_recommendation_editor_names_its_updates_in_bulgarian(translator, home):
    report = factories.ReportPageFactory(parent=home)
    recommendation = Recommendation.objects.create(
        report=report,
        number=1,
        text="Повече пейки в парка.",
        responsible_unit="Дирекция „Екология“",
        locale=report.locale,
    )
    RecommendationUpdate.objects.create(
        recommendation=recommendation, text="Поставени са 20 пейки.", locale=report.locale
    )
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_snippet_translation", args=["pages", "recommendation", recommendation.pk])
    assert translator.post(url, {"locales": [english.pk]}).status_code == 302
    target = recommendation.get_translation(english)
    props = editor(translator, reverse("wagtailsnippets_pages_recommendation:edit", args=[target.pk]))
    names = names_shown(props)
    assert_bulgarian(names)
    assert "Какво е направено" in [segment["location"]["subField"] for segment in props["segments"]]


def labels_of(block, path=""):
    """(path, label) of a block and every block inside it."""
    yield path, block.label
    if isinstance(block, blocks.StructBlock | blocks.StreamBlock):
        for name, child in block.child_blocks.items():
            yield from labels_of(child, f"{path}.{name}")
    elif isinstance(block, blocks.ListBlock):
        yield from labels_of(block.child_block, f"{path}[]")


def test_every_translatable_field_and_block_of_the_suite_has_a_bulgarian_name():
    """What the editor would show for any page type or snippet, however filled in."""
    missing = []
    with translation.override("bg"):
        for model in apps.get_models():
            if not issubclass(model, TranslatableMixin) or model._meta.app_label not in ("pages", "forms_ext"):
                continue
            for translatable in get_translatable_fields(model):
                field = model._meta.get_field(translatable.field_name)
                if field.is_relation and field.one_to_many:
                    name = field.related_model._meta.verbose_name
                else:
                    name = field.verbose_name
                if not CYRILLIC.search(str(name)):
                    missing.append(f"{model.__name__}.{field.name}: {name}")
                if isinstance(field, StreamField):
                    for path, label in labels_of(field.stream_block):
                        if path and not CYRILLIC.search(str(label or "")):
                            missing.append(f"{model.__name__}.{field.name}{path}: {label}")
    assert not missing, missing
    assert ConsultationPage._meta.get_field("search_description")  # Wagtail's own, named by civic_core's catalog
    assert EventPage._meta.get_field("agenda")
