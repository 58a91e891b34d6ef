"""The campaign's figures the managing authority asks for: an officer reads them on the
admin's home page and citizens on the project page, counted from the site's content."""

import re

import pytest
from django.test import Client

from forms_ext.models import CivicSubmission, Subscription
from pages.campaign import indicators
from pages.models import ConsultationPage, EventPage, ProjectPage, Recommendation
from tests.support.forms import post_form

pytestmark = pytest.mark.django_db


def seed_participants():
    return sum(event.attendance for event in EventPage.objects.filter(locale__language_code="bg", start__year=2020))


def figure(html, name):
    return int(re.search(rf'data-figure="{name}">(\d+)', html).group(1))


def test_the_project_page_shows_its_indicators_against_their_targets(client, demo):
    html = client.get("/proekt/").content.decode()
    rows = re.findall(
        r'<tr>\s*<th scope="row"[^>]*>(.*?)</th>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>([\d—]+)</td>', html, re.S
    )
    achieved = {re.sub(r"<.*?>|\s*\(.*", "", name).strip(): (int(target), value) for name, target, value in rows}
    assert achieved["Проведени обществени обсъждания, кръгли маси и конференции"] == (6, "6")
    assert achieved["Участници в проведените събития"] == (125, str(seed_participants()))
    assert seed_participants() > 125 and "изпълнена цел" in html


def test_an_officer_sees_the_campaign_figures_on_the_admin_home(admin_client_logged_in, demo):
    html = admin_client_logged_in.get("/admin/").content.decode()
    assert "Кампанията в цифри" in html
    assert figure(html, "events_held") == 6
    assert figure(html, "participants") == seed_participants()
    assert figure(html, "submissions") == CivicSubmission.objects.count()
    pending = CivicSubmission.objects.filter(moderation_status="pending").count()
    assert figure(html, "moderation_queue") == pending
    consultation = ConsultationPage.objects.get(
        locale__language_code="bg", slug="pravilnik-obshtestveni-saveti-kvartali"
    )
    assert f'data-consultation="{consultation.pk}"' in html
    assert figure(html, "subscribers") == Subscription.objects.filter(confirmed_at__isnull=False).count() == 3
    by_status = [int(n) for n in re.findall(r"<span data-recommendations>(\d+)</span>", html)]
    demo_statuses = ["proposed", "accepted", "in_progress", "implemented", "rejected"]
    bulgarian = Recommendation.objects.filter(locale__language_code="bg")
    assert by_status == [bulgarian.filter(status=status).count() for status in demo_statuses] == [0, 1, 1, 2, 1]


def test_the_figures_follow_what_citizens_send(admin_client_logged_in, demo):
    before = admin_client_logged_in.get("/admin/").content.decode()
    consultation = ConsultationPage.objects.get(
        locale__language_code="bg", slug="pravilnik-obshtestveni-saveti-kvartali"
    )
    post_form(
        Client(),
        consultation,
        {
            "predlozhenie": "Да има и детски съвет.",
            "komentar_za_publikuvane": "Да има и детски съвет.",
            "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
        },
    )
    after = admin_client_logged_in.get("/admin/").content.decode()
    assert figure(after, "submissions") == figure(before, "submissions") + 1
    assert figure(after, "moderation_queue") == figure(before, "moderation_queue") + 1


def test_an_indicator_counted_by_the_site_follows_a_new_event(client, demo):
    project = ProjectPage.objects.get(locale__language_code="bg")
    events = project.indicators.get(source="events_held")
    held = indicators.achieved(events)
    event = EventPage.objects.get(locale__language_code="bg", slug="kragla-masa-obshtestveni-saveti")
    event.start, event.end, event.registration_opens = "2020-11-01T10:00:00+02:00", "2020-11-01T12:00:00+02:00", None
    event.save_revision().publish()
    assert indicators.achieved(ProjectPage.objects.get(pk=project.pk).indicators.get(source="events_held")) == held + 1
