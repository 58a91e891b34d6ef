"""Public comments: held for moderation, published under a chosen name or „Анонимен“,
escaped, and answered publicly by an officer."""

import pytest

from forms_ext.models import CivicSubmission
from tests.support.forms import VALID_FEEDBACK, post_form

pytestmark = pytest.mark.django_db


def comment(client, page, text, name=""):
    post_form(
        client,
        page,
        {**VALID_FEEDBACK, "saobshtenie": text, "komentar_za_publikuvane": text, "ime_za_publikuvane": name},
    )
    return CivicSubmission.objects.get(page=page, comment=text)


def test_a_comment_waits_for_moderation_before_it_is_shown(client, feedback_page):
    submission = comment(client, feedback_page, "Кога ще ремонтирате улицата?")
    assert submission.moderation_status == "pending"
    assert "Кога ще ремонтирате улицата?" not in client.get(feedback_page.url).content.decode()


def test_an_officer_approves_and_answers_from_the_moderation_queue(client, admin_client_logged_in, feedback_page):
    submission = comment(client, feedback_page, "<script>alert(1)</script> Кога?", name="Иван")
    queue = admin_client_logged_in.get("/admin/forms-ext/moderation/").content.decode()
    assert "Иван" in queue
    response = admin_client_logged_in.post(
        f"/admin/forms-ext/moderation/edit/{submission.pk}/",
        {"moderation_status": "approved", "display_name": "Иван", "reply": "През май."},
    )
    assert response.status_code == 302
    html = client.get(feedback_page.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Кога?" in html and "<script>alert(1)" not in html
    assert "Иван" in html and "През май." in html and "Отговор от администрацията" in html


def test_a_comment_without_a_name_is_published_as_anonymous(client, feedback_page):
    submission = comment(client, feedback_page, "Благодаря за обсъждането.")
    submission.moderation_status = "approved"
    submission.save()
    html = client.get(feedback_page.url).content.decode()
    assert "Анонимен" in html and "Благодаря за обсъждането." in html


def test_a_rejected_comment_stays_private(client, feedback_page):
    submission = comment(client, feedback_page, "Обидно съдържание")
    submission.moderation_status = "rejected"
    submission.save()
    assert "Обидно съдържание" not in client.get(feedback_page.url).content.decode()


def test_an_officer_reviews_held_spam_and_releases_a_real_submission(client, admin_client_logged_in, feedback_page):
    from forms_ext.models import HeldSubmission

    post_form(client, feedback_page, {**VALID_FEEDBACK, "saobshtenie": "истинско", "website": "x"})
    held = HeldSubmission.objects.get()
    inspect = admin_client_logged_in.get(f"/admin/forms-ext/held/inspect/{held.pk}/").content.decode()
    assert "истинско" in inspect and f"/admin/forms-ext/held/{held.pk}/release/" in inspect
    admin_client_logged_in.post(f"/admin/forms-ext/held/{held.pk}/release/")
    assert not HeldSubmission.objects.exists()
    assert CivicSubmission.objects.filter(page=feedback_page, form_data__saobshtenie="истинско").exists()


def test_the_admin_tools_render_for_an_officer(admin_client_logged_in, feedback_page):
    for url in (
        "/admin/forms-ext/moderation/",
        "/admin/forms-ext/registrations/",
        "/admin/forms-ext/held/",
        "/admin/forms-ext/personal-data/",
        f"/admin/forms-ext/statistics/{feedback_page.pk}/",
        f"/admin/pages/{feedback_page.get_parent().pk}/",
    ):
        assert admin_client_logged_in.get(url).status_code == 200, url


def test_publishing_a_comment_takes_the_moderate_permission_and_is_signed(client, feedback_page):
    from tests.support import people

    submission = comment(client, feedback_page, "Кога ще има отговор?", name="Мария")
    # Someone who may edit and publish every page, but not moderate, cannot publish it.
    editor = people.logged_in(people.editor_of_everything())
    editor.post(
        f"/admin/forms-ext/moderation/edit/{submission.pk}/",
        {"moderation_status": "approved", "display_name": "Подправено", "reply": "Официален отговор"},
    )
    submission.refresh_from_db()
    assert submission.moderation_status == "pending" and submission.display_name == "Мария" and not submission.reply
    moderator_user = people.in_role("moderator")
    moderator = people.logged_in(moderator_user)
    response = moderator.post(
        f"/admin/forms-ext/moderation/edit/{submission.pk}/",
        {"moderation_status": "approved", "display_name": "Мария", "reply": "Следващата седмица."},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.moderation_status == "approved"
    assert submission.moderated_by == moderator_user and submission.moderated_at is not None
    inspect = moderator.get(f"/admin/forms-ext/moderation/inspect/{submission.pk}/").content.decode()
    assert "moderator" in inspect  # who published it
