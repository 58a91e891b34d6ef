"""The page editor without traps, as a communications officer meets it: the topic
checkboxes of the page's own language, each recommendation listed once, warnings where a
page would publish broken, and the consultation-period rule on publishing, not on saving
a draft."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.models import ConsultationIndexPage, ConsultationPage, EventIndexPage, EventPage, Recommendation, Topic
from tests.pages.test_content_page_types import edit_form_data
from tests.support import factories, people
from tests.support.admin_forms import NO_FORM

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(site):
    return people.logged_in(people.in_role("officer"))


def sofia(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def consultation_data(title, slug, days, documents=(), reasons="", **extra):
    opens = timezone.now() + datetime.timedelta(days=1)
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Проект на наредба.",
            "body": streamfield([]),
            "topics": [],
            "related_project": "",
            "contact": "",
            "opens_at": sofia(opens),
            "closes_at": sofia(opens + datetime.timedelta(days=days)),
            "shorter_period_reasons": reasons,
            "outcome_date": "",
            "outcome_summary": rich_text(""),
            "documents": inline_formset(list(documents)),
            "proposals": inline_formset([]),
            **NO_FORM,
            **extra,
        }
    )


def add_consultation(client, data):
    index = ConsultationIndexPage.objects.get(locale__language_code="bg")
    return client.post(f"/admin/pages/add/pages/consultationpage/{index.pk}/", data, follow=True)


def shown(response):
    return response.content.decode()


# Topics and recommendations ----------------------------------------------------------


def test_the_topic_checkboxes_of_a_bulgarian_page_list_only_the_bulgarian_topics(site, officer):
    page = ConsultationPage.objects.filter(locale__language_code="bg").first()
    bulgarian = Topic.objects.filter(locale__language_code="bg")
    assert bulgarian.count() == 6 and Topic.objects.filter(locale__language_code="en").count() == 6

    html = shown(officer.get(f"/admin/pages/{page.pk}/edit/"))

    ticked_or_not = re.findall(r'<input type="checkbox" name="topics" value="(\d+)"', html)
    assert sorted(map(int, ticked_or_not)) == sorted(bulgarian.values_list("pk", flat=True))


def test_the_recommendations_list_shows_each_recommendation_once_with_its_language(site, officer):
    assert Recommendation.objects.filter(locale__language_code="bg").count() == 5
    assert Recommendation.objects.filter(locale__language_code="en").count() == 5

    html = shown(officer.get("/admin/snippets/pages/recommendation/"))

    assert "5 препоръки" in html and "10 препоръки" not in html
    listing = html[html.index('<table class="listing">') :]
    rows = listing[listing.index("<tbody>") : listing.index("</tbody>")]
    assert rows.count("Български") == 5 and "English" not in rows  # the language column
    everything = shown(officer.get("/admin/snippets/pages/recommendation/", {"locale": ""}))
    assert "10 препоръки" in everything


# Warnings where a page would publish broken --------------------------------------------

REGISTRATION_FIELDS = [
    {"label": "Име", "field_type": "name", "required": "on", "help_text": "", "choices": "", "default_value": ""},
    {"label": "Имейл", "field_type": "email", "required": "on", "help_text": "", "choices": "", "default_value": ""},
]


def event_data(**changes):
    data = edit_form_data(EventPage(title="Обучение за читалища", slug="obuchenie-chitalishta"))
    data |= nested_form_data({"form_fields": inline_formset(REGISTRATION_FIELDS)})
    data |= {"privacy_notice": "Пазим името до края на обучението.", "notify_to": "events@sliven.bg"}
    return data | changes


def add_event(client, data):
    index = EventIndexPage.objects.get(locale__language_code="bg")
    return client.post(f"/admin/pages/add/pages/eventpage/{index.pk}/", data, follow=True)


NO_WINDOW = "Формулярът за регистрация не се показва на страницата: събитието няма период за регистрация."


@pytest.mark.parametrize("action", [{}, {"action-publish": "action-publish"}], ids=["save draft", "publish"])
def test_an_event_with_a_registration_form_and_no_registration_window_gets_a_warning(site, officer, action):
    response = add_event(officer, event_data(capacity="40", registration_opens="", **action))

    page = EventPage.objects.get(slug="obuchenie-chitalishta", locale__language_code="bg")
    assert page.live == bool(action)
    assert NO_WINDOW in shown(response)


def test_an_event_with_a_registration_window_gets_no_warning(site, officer):
    opens = sofia(timezone.now())
    response = add_event(officer, event_data(registration_opens=opens, **{"action-publish": "action-publish"}))

    assert EventPage.objects.get(slug="obuchenie-chitalishta", locale__language_code="bg").live
    assert NO_WINDOW not in shown(response)
    assert "Никой няма да бъде уведомен" not in shown(response)


def test_a_form_nobody_is_notified_of_gets_a_warning(site, officer):
    data = event_data(registration_opens=sofia(timezone.now()), notify_to="", **{"action-publish": "action-publish"})

    response = add_event(officer, data)

    assert EventPage.objects.get(slug="obuchenie-chitalishta", locale__language_code="bg").live
    assert "Никой няма да бъде уведомен за новите изпращания" in shown(response)


def test_a_consultation_without_documents_gets_a_warning(site, officer):
    data = consultation_data("Без документи", "bez-dokumenti", days=30, **{"action-publish": "action-publish"})

    response = add_consultation(officer, data)

    assert ConsultationPage.objects.get(slug="bez-dokumenti", locale__language_code="bg").live
    assert "Консултацията няма документи" in shown(response)


# The consultation period: a rule for publishing ----------------------------------------


def test_a_draft_with_a_10_day_period_saves_with_the_rule_as_a_warning(site, officer):
    response = add_consultation(officer, consultation_data("Кратка чернова", "kratka-chernova", days=10))

    page = ConsultationPage.objects.get(slug="kratka-chernova", locale__language_code="bg")
    assert not page.live and page.period_days == 10
    assert "Срокът за предложения е 10 дни" in shown(response)
    assert "messages" in shown(response) and "warning" in shown(response)


def test_publishing_a_10_day_period_is_refused(site, officer):
    data = consultation_data("Кратка", "kratka", days=10, **{"action-publish": "action-publish"})

    response = add_consultation(officer, data)

    assert response.status_code == 200
    assert "Срокът за предложения е 10 дни" in shown(response)
    assert not ConsultationPage.objects.filter(slug="kratka").exists()


def test_publishing_a_draft_with_a_10_day_period_is_refused_until_it_is_lawful(site, officer):
    add_consultation(officer, consultation_data("Чернова", "chernova", days=10))
    page = ConsultationPage.objects.get(slug="chernova", locale__language_code="bg")
    edit = f"/admin/pages/{page.pk}/edit/"

    refused = officer.post(edit, consultation_data("Чернова", "chernova", days=10, **{"action-publish": "1"}))
    assert refused.status_code == 200 and not ConsultationPage.objects.get(pk=page.pk).live

    officer.post(edit, consultation_data("Чернова", "chernova", days=30, **{"action-publish": "1"}))
    assert ConsultationPage.objects.get(pk=page.pk).live


def test_a_draft_that_closes_before_it_opens_is_refused_even_as_a_draft(site, officer):
    response = add_consultation(officer, consultation_data("Наобратно", "naobratno", days=-3))

    assert "Консултацията трябва да приключва след началото си" in shown(response)
    assert not ConsultationPage.objects.filter(slug="naobratno").exists()


def test_autosave_is_off_so_no_page_is_created_while_the_officer_fills_it_in(site, officer):
    assert settings.WAGTAIL_AUTOSAVE_INTERVAL == 0
    index = ConsultationIndexPage.objects.get(locale__language_code="bg")

    html = shown(officer.get(f"/admin/pages/add/pages/consultationpage/{index.pk}/"))

    assert "data-w-autosave-interval-value" not in html
    assert re.search(r'<form[^>]*data-controller="[^"]*w-autosave', html) is None


# Documents, privacy notice, translations, the dashboard, the form builder -------------


def test_consultation_documents_are_listed_by_their_title_with_their_kind_beside_it(site, client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from pages.models.consultation import ConsultationDocument
    from tests.support.factories import publish

    document = Document.objects.create(
        title="Проект на Наредба за паркирането", file=ContentFile(b"%PDF-1.4 draft", name="naredba.pdf")
    )
    page = ConsultationPage.objects.filter(locale__language_code="bg", live=True).first()
    page.documents = [ConsultationDocument(kind="draft_act", document=document)]
    publish(page)

    html = shown(client.get(page.url))

    link = re.search(rf'<a href="{re.escape(document.url)}">(.*?)</a>', html).group(1)
    assert link == "Проект на Наредба за паркирането"
    assert "Проект на акт:" in html  # the kind, beside the title


def set_site_wide_privacy_notice(text):
    from pages.snippets import SiteContact

    contact = SiteContact.objects.get(locale__language_code="bg")
    contact.form_privacy_notice = text
    contact.save()


SITE_WIDE = "Община Сливен обработва данните от всички формуляри на сайта по чл. 6, ал. 1, буква „д“ от ОРЗД."


def test_a_form_without_its_own_privacy_notice_shows_the_site_wide_one(site, officer, client):
    set_site_wide_privacy_notice(SITE_WIDE)
    data = event_data(registration_opens=sofia(timezone.now()), privacy_notice="", **{"action-publish": "1"})

    editor = shown(add_event(officer, data))

    page = EventPage.objects.get(slug="obuchenie-chitalishta", locale__language_code="bg")
    assert page.live and page.privacy_notice == ""
    assert "нужна информация за защита на личните данни" not in editor
    assert SITE_WIDE in shown(client.get(page.url))


def test_a_form_may_override_the_site_wide_privacy_notice(site, officer, client):
    set_site_wide_privacy_notice(SITE_WIDE)
    data = event_data(registration_opens=sofia(timezone.now()), **{"action-publish": "1"})

    add_event(officer, data)

    html = shown(client.get(EventPage.objects.get(slug="obuchenie-chitalishta", locale__language_code="bg").url))
    assert "Пазим името до края на обучението." in html and SITE_WIDE not in html


def test_without_a_site_wide_privacy_notice_a_form_still_needs_its_own(site, officer):
    set_site_wide_privacy_notice("")
    data = event_data(registration_opens=sofia(timezone.now()), privacy_notice="", **{"action-publish": "1"})

    editor = shown(add_event(officer, data))

    assert "нужна информация за защита на личните данни" in editor
    assert not EventPage.objects.filter(slug="obuchenie-chitalishta").exists()


def test_the_privacy_notice_field_says_it_defaults_to_the_site_wide_text(site, officer):
    set_site_wide_privacy_notice(SITE_WIDE)
    index = EventIndexPage.objects.get(locale__language_code="bg")

    html = shown(officer.get(f"/admin/pages/add/pages/eventpage/{index.pk}/"))

    assert "Оставете празно, за да се показва общата за сайта информация" in html


def test_deleting_a_bulgarian_draft_deletes_its_english_draft(site, officer):
    add_consultation(officer, consultation_data("Чернова за триене", "chernova-za-triene", days=30))
    draft = ConsultationPage.objects.get(slug="chernova-za-triene", locale__language_code="bg")
    # wagtail-localize keeps the English tree in step: a draft copy (an alias) of the new page.
    english = ConsultationPage.objects.filter(translation_key=draft.translation_key, locale__language_code="en")
    assert english.filter(live=False).exists()

    officer.post(f"/admin/pages/{draft.pk}/delete/")

    assert not ConsultationPage.objects.filter(translation_key=draft.translation_key).exists()


def test_deleting_a_bulgarian_page_leaves_a_published_english_translation_alone(site, officer):
    from tests.support.factories import translate

    add_consultation(officer, consultation_data("За триене", "za-triene", days=30, **{"action-publish": "1"}))
    page = ConsultationPage.objects.get(slug="za-triene", locale__language_code="bg")
    english = translate(page)
    # wagtail-localize turns the synchronised copy into a translation of its own.
    ConsultationPage.objects.filter(pk=english.pk).update(alias_of=None)

    officer.post(f"/admin/pages/{page.pk}/delete/")

    assert not ConsultationPage.objects.filter(pk=page.pk).exists()
    assert ConsultationPage.objects.filter(pk=english.pk, live=True).exists()


def test_the_translators_dashboard_is_titled_with_the_site_not_localhost(site):
    translator = people.logged_in(people.in_role("translator"))

    html = shown(translator.get("/admin/"))

    assert "localhost" not in html
    assert "Партньори за развитие на Община Сливен" in html


def test_the_form_builder_gives_the_label_input_at_least_200_px(site, officer):
    page = EventPage.objects.filter(locale__language_code="bg").first()

    html = shown(officer.get(f"/admin/pages/{page.pk}/edit/"))

    assert "forms_ext/css/admin.css" in html and "formbuilder-type" in html
    css = open(finders.find("forms_ext/css/admin.css"), encoding="utf-8").read()
    row = re.search(r"\.w-field-row:has\(> \.formbuilder-type\)\s*\{([^}]*)\}", css).group(1)
    assert re.search(r"grid-template-columns:\s*minmax\(200px", row)


def test_the_only_target_language_is_ticked_when_submitting_for_translation(site, officer):
    add_consultation(officer, consultation_data("За превод", "za-prevod", days=30, **{"action-publish": "1"}))
    page = ConsultationPage.objects.get(slug="za-prevod", locale__language_code="bg")
    translator = people.logged_in(people.in_role("translator"))

    html = shown(translator.get(f"/admin/localize/submit/page/{page.pk}/"))

    english = factories.locale("en")
    checkbox = re.search(rf'<input type="checkbox" name="locales" value="{english.pk}"[^>]*>', html).group(0)
    assert "checked" in checkbox
    topic = Topic.objects.create(name="Нова тема", slug="nova-tema", locale=factories.locale("bg"))
    html = shown(translator.get(f"/admin/localize/submit/snippet/pages/topic/{topic.pk}/"))
    checkbox = re.search(rf'<input type="checkbox" name="locales" value="{english.pk}"[^>]*>', html).group(0)
    assert "checked" in checkbox


def test_pages_to_translate_lists_snippets_too_and_a_changed_recommendation(site):
    from wagtail_localize.models import TranslationSource

    from pages.models.reports import RecommendationUpdate

    translator = people.logged_in(people.in_role("translator"))
    topic = Topic.objects.create(name="Младежка политика", slug="mladezhka-politika", locale=factories.locale("bg"))
    recommendation = Recommendation.objects.filter(locale__language_code="bg").order_by("number").first()
    assert TranslationSource.objects.filter(object_id=recommendation.translation_key).exists()
    before = shown(translator.get("/admin/reports/pages-to-translate/"))
    assert str(recommendation) not in before[before.index("snippets-to-translate") :]

    RecommendationUpdate.objects.create(
        recommendation=recommendation, locale=recommendation.locale, date=timezone.localdate(), text="Проведена среща."
    )
    recommendation.save()  # as the snippet editor saves it
    html = shown(translator.get("/admin/reports/pages-to-translate/"))

    snippets = html[html.index('<table class="listing snippets-to-translate">') :]
    snippets = snippets[: snippets.index("</table>")]
    topic_row = snippets[snippets.index("Младежка политика") :]
    assert "Все още няма превод" in topic_row[: topic_row.index("</tr>")]
    assert f"/admin/localize/submit/snippet/pages/topic/{topic.pk}/" in snippets
    recommendation_row = snippets[snippets.index(str(recommendation)) :]
    assert "Остарял превод" in recommendation_row[: recommendation_row.index("</tr>")]
