"""The law's period for proposals (pages.legal.consultation) holds however a consultation
is published: the editor refuses it (tests/pages/test_consultations.py), and so do the
page listing's bulk "Publish" and a workflow's "Approve" from the dashboard, which publish
the latest draft without the editor's form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pages import roles
from pages.models import ConsultationPage
from tests.support import factories, people

pytestmark = pytest.mark.django_db

REFUSED = "не е публикувана"
TEN_DAYS = "Срокът за предложения е 10 дни"


@pytest.fixture
def index(home):
    return factories.ConsultationIndexPageFactory(parent=home)


@pytest.fixture
def officer():
    return people.in_role("officer")


def draft(page, user, days, reasons=""):
    """The officer saves a draft whose period is `days` long (a draft may break the rule:
    the editor warns and keeps it)."""
    page = ConsultationPage.objects.get(pk=page.pk)
    page.closes_at = page.opens_at + datetime.timedelta(days=days)
    page.shorter_period_reasons = reasons
    return page.save_revision(user=user)


def new_consultation(index, user, days):
    """A consultation never published, its only version a draft `days` long."""
    page = factories.ConsultationPageFactory.build(
        opens_at=timezone.now() + datetime.timedelta(days=1), live=False, fields=[]
    )
    page.closes_at = page.opens_at + datetime.timedelta(days=days)
    index.add_child(instance=page)
    page.save_revision(user=user)
    return ConsultationPage.objects.get(pk=page.pk)


def bulk_publish(client, pages, next_url, include_descendants=False):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    query = "&".join(f"id={page.pk}" for page in pages) + f"&next={next_url}"
    assert client.get(f"{url}?{query}").status_code == 200  # the confirmation screen
    data = {"include_descendants": "on"} if include_descendants else {}
    return client.post(f"{url}?{query}", data, follow=True)


def shown(response):
    assert response.status_code == 200
    return response.content.decode()


def test_bulk_publish_refuses_a_consultation_shorter_than_the_law_allows(index, officer):
    client = people.logged_in(officer)
    short = new_consultation(index, officer, days=10)
    lawful = new_consultation(index, officer, days=30)
    listing = reverse("wagtailadmin_explore", args=[index.pk])

    html = shown(bulk_publish(client, [short, lawful], listing))
    assert f"Консултацията „{short.title}“ {REFUSED}" in html
    assert TEN_DAYS in html and "най-малко 30 дни" in html
    short.refresh_from_db()
    lawful.refresh_from_db()
    assert not short.live and not lawful.live  # nothing of the batch was published
    assert client.get(short.url or f"/{index.slug}/{short.slug}/").status_code == 404

    # Alone, the lawful one is published.
    html = shown(bulk_publish(client, [lawful], listing))
    lawful.refresh_from_db()
    assert lawful.live and REFUSED not in html
    assert client.get(lawful.url).status_code == 200


def test_bulk_publish_of_a_section_with_its_drafts_refuses_an_unlawful_draft_below(index, officer):
    client = people.logged_in(officer)
    short = new_consultation(index, officer, days=20)  # 14–29 days need the reasons stated
    listing = reverse("wagtailadmin_explore", args=[index.get_parent().pk])

    html = shown(bulk_publish(client, [index], listing, include_descendants=True))
    assert f"Консултацията „{short.title}“ {REFUSED}" in html
    assert "Посочете изключителните причини" in html
    short.refresh_from_db()
    assert not short.live

    draft(short, officer, days=20, reasons="Срокът за прилагане на директивата изтича.")
    shown(bulk_publish(client, [index], listing, include_descendants=True))
    short.refresh_from_db()
    assert short.live and short.period_days == 20


def test_a_published_consultation_keeps_its_lawful_version_when_a_bulk_publish_is_refused(index, officer):
    client = people.logged_in(officer)
    page = factories.ConsultationPageFactory(parent=index, fields=[])
    closes_at = page.closes_at
    draft(page, officer, days=5)
    html = shown(bulk_publish(client, [page], reverse("wagtailadmin_explore", args=[index.pk])))
    assert REFUSED in html and "Срокът за предложения е 5 дни" in html
    page.refresh_from_db()
    assert page.live and page.closes_at == closes_at and page.has_unpublished_changes


@pytest.fixture
def approval(index):
    """The consultations section waits for a moderator's approval (pages.roles)."""
    roles.switch_two_person_approval(index)
    return index


def approve(client, page, **headers):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state is not None
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(f"{url}?next={reverse('wagtailadmin_home')}", {"comment": ""}, **headers)


def test_a_moderators_approval_does_not_publish_a_draft_the_law_does_not_allow(approval, officer):
    page = new_consultation(approval, officer, days=30)
    page.get_workflow().start(page, officer)  # the officer submits it for approval
    draft(page, officer, days=10)  # …then shortens the period in a draft
    moderator = people.logged_in(people.in_role("moderator"))

    # From the dashboard's "Awaiting your review": refused, with the reason, nothing changed.
    html = shown(moderator.get(approve(moderator, page)["Location"]))
    assert f"Консултацията „{page.title}“ {REFUSED}" in html and TEN_DAYS in html
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress
    assert page.current_workflow_task_state.status == "in_progress"

    # The modal's request (approve with a comment) is refused the same way.
    response = approve(moderator, page, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.json()["step"] == "success"
    assert TEN_DAYS in shown(moderator.get(response.json()["redirect"]))
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress

    # The officer puts the period right; the approval publishes it.
    draft(page, officer, days=31)
    approve(moderator, page)
    page.refresh_from_db()
    assert page.live and page.period_days == 31 and not page.workflow_in_progress


def test_a_request_for_changes_is_not_held_by_the_period(approval, officer):
    page = new_consultation(approval, officer, days=30)
    page.get_workflow().start(page, officer)
    draft(page, officer, days=3)
    moderator = people.logged_in(people.in_role("moderator"))
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    assert moderator.post(url, {"comment": "Срокът е твърде кратък."}).status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
