"""What a page rendered without the page cache reuses until content changes (the route
to a page, the chrome, an empty form's layout, published comments), and that every
change still shows at once."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from forms_ext.models import CivicSubmission
from pages.models import EventIndexPage, EventPage, FeedbackPage, ProjectPage
from pages.snippets import SiteContact, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response


def test_a_second_visit_reads_far_less(client, demo):
    first, _ = queries(client, "/proekt/")
    second, response = queries(client, "/proekt/")
    assert second <= first - 8
    assert "X-Page-Cache" not in response


def test_unpublishing_moving_and_renaming_change_the_route_at_once(client, demo):
    project = ProjectPage.objects.get(locale__language_code="bg")
    client.get("/proekt/")
    project.slug = "proekt-novo"
    project.save_revision().publish()
    assert client.get("/proekt/").status_code == 404
    assert client.get("/proekt-novo/").status_code == 200
    ProjectPage.objects.get(pk=project.pk).unpublish()
    assert client.get("/proekt-novo/").status_code == 404


def test_chrome_changes_show_at_once_without_the_page_cache(client, demo):
    client.get("/proekt/")
    contact = SiteContact.objects.get(locale__language_code="bg")
    contact.phone = "+359 44 622 222"
    contact.save()
    assert "+359 44 622 222" in client.get("/proekt/").content.decode()
    home = Page.objects.get(depth=2, locale__language_code="bg")
    new = home.add_child(instance=Page(title="Нов раздел в менюто", slug="nov-razdel", show_in_menus=True))
    new.save_revision().publish()
    assert "Нов раздел в менюто" in client.get("/proekt/").content.decode()


def test_each_visitor_gets_their_own_tokens_in_the_cached_form_and_it_submits(demo, settings):
    settings.FORMS_MIN_FILL_SECONDS = 0
    page = FeedbackPage.objects.get(locale__language_code="bg")
    pages = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        html = visitor.get(page.url).content.decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
        assert "__CIVIC_FORM" not in html
        pages.append((visitor, csrf, token))
    assert pages[0][1] != pages[1][1]
    visitor, csrf, token = pages[1]
    before = CivicSubmission.objects.count()
    response = visitor.post(
        page.url,
        {
            "csrfmiddlewaretoken": csrf,
            "form_token": token,
            "tema": "gradska-sreda",
            "otsenka_na_uslugata": "4",
            "saobshtenie": "Изпратено от кеширания формуляр.",
            "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
        },
    )
    assert response.status_code == 200
    assert CivicSubmission.objects.count() == before + 1


def test_a_renamed_topic_shows_in_the_form_at_once(client, demo):
    page = FeedbackPage.objects.get(locale__language_code="bg")
    client.get(page.url)
    topic = Topic.objects.get(locale__language_code="bg", slug="gradska-sreda")
    topic.name = "Градска среда и паркове"
    topic.save()
    assert "Градска среда и паркове" in client.get(page.url).content.decode()


@pytest.mark.parametrize("page_cache", [False, True])
def test_making_a_page_private_takes_effect_at_once(client, demo, settings, page_cache):
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_ENABLED = page_cache
    project = ProjectPage.objects.get(locale__language_code="bg")
    for _ in range(2):  # seen, and remembered as public
        assert client.get("/proekt/").status_code == 200
    restriction = PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/proekt/")
    assert response.status_code == 302 and "/login" in response["Location"]
    restriction.delete()
    assert client.get("/proekt/").status_code == 200


def send_feedback(client, page, message):
    from tests.support.forms import VALID_FEEDBACK, post_form

    response = post_form(client, page, {**VALID_FEEDBACK, "saobshtenie": message})
    assert response.status_code == 200
    return response.content.decode()


def test_the_thank_you_page_follows_a_published_change_and_each_citizen_keeps_their_answer(demo, settings):
    page = FeedbackPage.objects.get(locale__language_code="bg")
    first = send_feedback(Client(), page, "Първо мнение.")
    assert "Благодарим" in first
    page.thank_you_text = "Отговаряме до 14 дни."
    page.save_revision().publish()
    again = send_feedback(Client(), page, "Второ мнение.")
    assert "Отговаряме до 14 дни." in again
    assert "Първо мнение" not in again and "Второ мнение" not in again  # nothing of anyone's own
    assert (
        CivicSubmission.objects.filter(page=page, form_data__saobshtenie__in=["Първо мнение.", "Второ мнение."]).count()
        == 2
    )


def test_a_preview_shows_the_draft_form_fields_and_visitors_the_published_ones(client, demo, admin_client_logged_in):
    from pages.models.feedback import FeedbackFormField
    from tests.support.forms import VALID_FEEDBACK, post_form

    page = FeedbackPage.objects.get(locale__language_code="bg")
    assert client.get(page.url).status_code == 200  # the published fields are remembered
    draft = page.get_latest_revision_as_object()
    draft.form_fields.add(
        FeedbackFormField(field_type="singleline", label="Квартал", clean_name="kvartal", required=False)
    )
    revision = draft.save_revision()
    preview = admin_client_logged_in.get(reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]))
    assert preview.status_code == 200
    assert "Квартал" in preview.content.decode()
    assert "Квартал" not in client.get(page.url).content.decode()
    # Each worker keeps the form built from the published fields; a publish rebuilds it.
    send_feedback(Client(), page, "Преди новото поле.")
    revision.publish()
    assert "Квартал" in client.get(page.url).content.decode()
    assert post_form(Client(), page, {**VALID_FEEDBACK, "kvartal": "Сини камъни"}).status_code == 200
    assert CivicSubmission.objects.filter(page=page).latest("pk").form_data["kvartal"] == "Сини камъни"


def test_a_consultations_kept_content_follows_a_publish_and_a_preview_shows_the_draft(
    client, demo, admin_client_logged_in
):
    from pages.models import ConsultationPage

    consultation = ConsultationPage.objects.filter(locale__language_code="bg").live().first()
    client.get(consultation.url)  # its topics, documents and text are now kept
    topic = Topic.objects.get(locale__language_code="bg", slug="gradska-sreda")
    draft = consultation.get_latest_revision_as_object()
    draft.body = [("paragraph", "<p>Нов текст на предложението.</p>")]
    draft.topics = [topic]
    revision = draft.save_revision()
    preview = admin_client_logged_in.get(
        reverse("wagtailadmin_pages:revisions_view", args=[consultation.pk, revision.pk])
    )
    assert "Нов текст на предложението." in preview.content.decode()
    assert "Нов текст на предложението." not in client.get(consultation.url).content.decode()
    revision.publish()
    html = client.get(consultation.url).content.decode()
    assert "Нов текст на предложението." in html and topic.name in html


def test_the_event_index_shows_the_same_cards_when_they_are_kept_and_an_edit_at_once(client, demo):
    """Its events are read only as far as finding a kept card needs; a card built afresh
    (first visit, after a publish) reads the event in full."""
    index = EventIndexPage.objects.live().first()
    first = client.get(index.url).content.decode()
    assert client.get(index.url).content.decode() == first  # the cards from the cache now

    event = EventPage.objects.live().child_of(index).order_by("start").last().get_latest_revision_as_object()
    event.title = "Открита среща за бюджета на общината"
    event.summary = "Ново резюме за картата на събитието."
    event.save_revision().publish()
    shown = client.get(index.url).content.decode()
    assert "Открита среща за бюджета на общината" in shown and "Ново резюме за картата на събитието." in shown
