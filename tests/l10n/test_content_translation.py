"""What is translated and what is kept the same in every language, and the English
demo content translators start from."""

import re

import pytest
from django.conf import settings
from django.db import models
from django.urls import reverse
from wagtail.models import Locale, Page, get_translatable_models
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringTranslation, Translation

from pages.models import EUFundingNotice, Organisation, ProjectPage, SiteContact

pytestmark = pytest.mark.django_db

ALWAYS_SYNCHRONISED_TYPES = (
    models.DateField, models.TimeField, models.DecimalField, models.IntegerField,
    models.FloatField, models.BooleanField, models.URLField, models.EmailField, models.FileField,
)  # fmt: skip
# Text fields that hold codes, contact data or form field names rather than language.
SYNCHRONISED_NAME = re.compile(r"(^|_)(code|phone|email|url|website|clean_name)$")
CYRILLIC = re.compile("[а-яА-Я]")


def our_translatable_models():
    return [
        model
        for model in get_translatable_models(include_subclasses=True)
        if model._meta.app_label in {"pages", "forms_ext"}
    ]


@pytest.mark.parametrize("model", our_translatable_models(), ids=lambda model: model.__name__)
def test_codes_dates_numbers_links_and_references_are_synchronised(model):
    """The rule in the README, checked for every page type and snippet as they arrive."""
    instance = model()
    for field in get_translatable_fields(model):
        if field.field_name in {"title", "slug", "seo_title", "search_description"}:
            continue
        db_field = model._meta.get_field(field.field_name)
        # References (pages, snippets, images, documents) too: templates call `.localized`.
        synchronised_kind = isinstance(db_field, (*ALWAYS_SYNCHRONISED_TYPES, models.ForeignKey))
        if synchronised_kind or SYNCHRONISED_NAME.search(field.field_name):
            assert not field.is_translated(instance), f"{model.__name__}.{field.field_name} must be synchronised"


def test_project_texts_are_translated_and_its_facts_are_not():
    fields = {field.field_name: field.is_translated(ProjectPage()) for field in get_translatable_fields(ProjectPage)}
    for name in ("title", "summary", "programme", "fund", "cofinancing_statement", "main_aim", "objectives", "results"):
        assert fields[name], name
    for name in ("project_code", "beneficiary", "start_date", "end_date", "budget", "eu_share"):
        assert not fields[name], name


def test_every_demo_page_and_snippet_is_published_in_english(client, demo):
    bulgarian = [*Page.objects.filter(locale__language_code="bg", depth__gt=1).specific()]
    bulgarian += [*Organisation.objects.filter(locale__language_code="bg")]
    bulgarian += [
        EUFundingNotice.objects.get(locale__language_code="bg"),
        SiteContact.objects.get(locale__language_code="bg"),
    ]
    for source in bulgarian:
        english = source.get_translation(source.locale.__class__.objects.get(language_code="en"))
        if isinstance(english, Page):
            assert english.alias_of_id is None and english.live and not english.has_unpublished_changes, english
            assert client.get(english.url).status_code == 200
        texts = [
            getattr(english, field.field_name)
            for field in get_translatable_fields(type(source))
            if field.is_translated(source)
            and isinstance(source._meta.get_field(field.field_name), (models.CharField, models.TextField))
        ]
        assert texts and not [text for text in texts if CYRILLIC.search(text)], (source, texts)
        # Made through wagtail-localize, so translators carry on from there.
        translation = Translation.objects.get(
            source__object_id=source.translation_key, target_locale__language_code="en"
        )
        total, translated = translation.get_progress()
        assert total == translated > 0


def test_english_demo_forms_keep_their_field_names_and_speak_english(demo):
    """Answers from /en/ land under the same keys as from /, so only the texts change."""
    english_locale = Locale.objects.get(language_code="en")
    forms = [
        page for page in Page.objects.filter(locale__language_code="bg").specific() if hasattr(page, "form_fields")
    ]
    assert len([page for page in forms if page.form_fields.exists()]) >= 4  # feedback, monitoring, consultation, event
    for source in forms:
        english = source.get_translation(english_locale)
        fields = list(english.form_fields.all())
        assert [field.clean_name for field in fields] == [field.clean_name for field in source.form_fields.all()]
        texts = [
            text for field in fields for text in (field.label, field.help_text, field.choices, field.default_value)
        ]
        assert not [text for text in texts if CYRILLIC.search(text)], (source, texts)


def test_english_site_chrome_is_english(client, demo):
    html = client.get("/en/").content.decode()
    assert "European Union" in html and "European Social Fund" in html
    assert "co-financed by the European Union through the European Social Fund" in html
    assert "Европейски" not in html


def test_machine_translation_is_off_unless_configured(translator_client, demo):
    from sliven_site.settings import base

    assert base.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    # The test settings use wagtail-localize's dummy translator, never a real service.
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["CLASS"].endswith("DummyTranslator")
    project = demo.project
    translation = Translation.objects.get(source__object_id=project.translation_key, target_locale__language_code="en")
    StringTranslation.objects.filter(locale__language_code="en", context__object_id=project.translation_key).delete()
    response = translator_client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert response.status_code == 302
    total, translated = translation.get_progress()
    assert translated == total
    assert (
        StringTranslation.objects.filter(
            context__object_id=project.translation_key, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
        ).count()
        == total
    )


def test_the_english_footer_links_the_privacy_notice_and_accessibility_statement(client, demo):
    html = client.get("/en/").content.decode()
    for page in (demo.site_contact.privacy_page, demo.site_contact.accessibility_page):
        english = page.get_translation(Locale.objects.get(language_code="en"))
        assert f'href="{english.url}"' in html, english.url


def test_english_pages_and_cards_name_their_topics_in_english(client, demo):
    from pages.models import EventPage

    event = EventPage.objects.filter(locale__language_code="en", topics__isnull=False).first()
    page = client.get(event.url).content.decode()
    listing = client.get("/en/events/").content.decode()
    for html in (page, listing):
        topics = " ".join(re.findall(r'class="small mb-0 topics">(.*?)</p>', html, re.S))
        assert "Urban environment" in topics or "Civic participation" in topics, topics
        assert not CYRILLIC.search(topics), topics
