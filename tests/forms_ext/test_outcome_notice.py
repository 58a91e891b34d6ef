"""A citizen who ticks „Уведомете ме, когато справката бъде публикувана“ (a separate
consent, never ticked in advance) and gives an email gets one email when an editor
publishes the consultation with its report: in the language of the form they used, Sofia
time, the page's title and the link to their row, nothing they typed; never a second one,
however often the page is republished or the task retried. The officer sees who was
notified and when; a GDPR erasure takes the address and the consent, the row stays."""

import datetime
import json
import re
import zoneinfo

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forms_ext import outcome_notice
from forms_ext.models import CivicSubmission
from pages.models import ConsultationPage, ConsultationProposal
from tests.support import factories, people
from tests.support.forms import post_form
from tests.support.mailbox import link, to

pytestmark = pytest.mark.django_db

NOTIFY = "Уведомете ме, когато справката бъде публикувана"
FIELDS = [
    ("singleline", "Текст от проекта (член, алинея)", False),
    ("multiline", "Предложение", True),
    ("display_name", "Име за публикуване", False),
    ("email", "Имейл", False),
    ("checkbox", NOTIFY, False),
    ("consent", "Съгласен съм", True),
]
PROPOSAL = "Съветите да се събират поне веднъж на три месеца."
NOTICE_SUBJECT = "Справката по „Правилник за обществените съвети“ е публикувана"


@pytest.fixture
def consultation(home):
    return factories.ConsultationPageFactory(
        parent=factories.ConsultationIndexPageFactory(parent=home),
        title="Правилник за обществените съвети",
        fields=FIELDS,
    )


@pytest.fixture
def officer():
    return people.logged_in(people.in_role("officer"))


def send(page, email="ana@example.org", notify=True, text=PROPOSAL, name="Анна Иванова", client=None):
    data = {"tekst_ot_proekta_chlen_alineya": "чл. 4", "predlozhenie": text, "saglasen_sam": "on"}
    if name:
        data["ime_za_publikuvane"] = name
    if email:
        data["imeyl"] = email
    if notify:
        data["uvedomete_me_kogato_spravkata_bade_publikuvana"] = "on"
    response = post_form(client or Client(), page, data)
    assert response.status_code == 200, response.content.decode()
    return CivicSubmission.objects.filter(page=page.submissions_page).latest("pk")


def add_to_report(officer, consultation, submission, decision="accepted"):
    response = officer.post(
        f"/admin/consultations/{consultation.pk}/submissions/{submission.pk}/to-report/",
        {"article": "чл. 4", "summary": "Заседания всяко тримесечие.", "decision": decision, "reasons": "Прието."},
    )
    assert response.status_code == 302


def publish_report(consultation):
    """The editor dates the outcome of a closed consultation and publishes it."""
    page = ConsultationPage.objects.get(pk=consultation.pk).get_latest_revision_as_object()
    page.opens_at = timezone.now() - datetime.timedelta(days=40)
    page.closes_at = timezone.now() - datetime.timedelta(days=5)
    page.outcome_date = timezone.localdate()
    page.save_revision().publish()


def notices():
    return [message for message in mail.outbox if "публикувана" in message.subject or "published" in message.subject]


def test_the_box_is_not_ticked_and_only_a_ticked_box_with_an_email_is_stored(consultation):
    html = Client().get(consultation.url).content.decode()
    box = re.search(r'<input[^>]*name="uvedomete_me_kogato_spravkata_bade_publikuvana"[^>]*>', html)
    assert box and "checked" not in box.group(0)
    assert NOTIFY in html
    assert send(consultation).notify_on_outcome
    assert not send(consultation, notify=False, text="Второ.").notify_on_outcome
    assert not send(consultation, email="", text="Трето.").notify_on_outcome


def test_the_consenting_citizen_gets_one_notice_with_the_link_to_her_row(officer, consultation):
    ana = send(consultation)
    ivan = send(consultation, email="ivan@example.org", notify=False, text="Протоколите да се публикуват.")
    add_to_report(officer, consultation, ana)
    add_to_report(officer, consultation, ivan, decision="not_accepted")
    mail.outbox.clear()
    assert not CivicSubmission.objects.get(pk=ana.pk).outcome_notified_at  # a draft tells nobody

    publish_report(consultation)
    (notice,) = notices()
    assert notice.to == ["ana@example.org"] and notice.subject == NOTICE_SUBJECT
    assert not to("ivan@example.org")
    # Sofia time, the reference, nothing she typed.
    sent_at = timezone.localtime(ana.submit_time, zoneinfo.ZoneInfo("Europe/Sofia"))
    assert f"{sent_at:%d.%m.%Y %H:%M}" in notice.body and ana.reference in notice.body
    assert PROPOSAL not in notice.body and "Анна Иванова" not in notice.body and "Заседания" not in notice.body
    path = link(notice, "/konsultatsiya")
    assert path.endswith(f"#proposal-{ana.pk}")
    report = Client().get(path.split("#")[0]).content.decode()
    row = report[report.index(f'id="proposal-{ana.pk}"') :]
    assert row.index("Заседания всяко тримесечие.") < row.index("</tr>")

    # Republished (a correction), and the task run again: no second notice.
    page = ConsultationPage.objects.get(pk=consultation.pk)
    page.outcome_summary = "<p>Поправка.</p>"
    page.save_revision().publish()
    outcome_notice.send_outcome_notices.call()
    outcome_notice.send_outcome_notice.call(ana.pk)
    assert len(notices()) == 1

    # The officer sees who was notified, and when (Sofia time).
    listing = officer.get(reverse("wagtailforms:list_submissions", args=[consultation.pk])).content.decode()
    notified = CivicSubmission.objects.get(pk=ana.pk).outcome_notified_at
    assert f"уведомен на {timezone.localtime(notified, zoneinfo.ZoneInfo('Europe/Sofia')):%d.%m.%Y %H:%M}" in listing
    assert "Уведомяване за справката" in listing


def test_no_notice_before_the_report_is_public(officer, consultation):
    ana = send(consultation)
    add_to_report(officer, consultation, ana)
    page = ConsultationPage.objects.get(pk=consultation.pk).get_latest_revision_as_object()
    page.save_revision().publish()  # the rows are live, but the consultation is still open
    assert ConsultationProposal.objects.filter(page=consultation).exists()
    assert not notices()
    publish_report(consultation)
    assert len(notices()) == 1


def test_a_citizen_who_used_the_english_form_gets_the_notice_in_english(officer, consultation):
    english = factories.translate(consultation, title="Rules of the public councils")
    ana = send(english, email="ana@example.org")
    assert ana.language == "en" and ana.notify_on_outcome
    add_to_report(officer, consultation, ana)
    mail.outbox.clear()
    publish_report(consultation)
    (notice,) = notices()
    assert notice.subject == "The report on „Rules of the public councils“ is published"
    assert "(Sofia time)" in notice.body and "only notice" in notice.body
    # The English page has no report yet: the link is to the published one, her row in it.
    path = link(notice, "/konsultatsiya")
    assert not path.startswith("/en/") and path.endswith(f"#proposal-{ana.pk}")
    assert f'id="proposal-{ana.pk}"' in Client().get(path.split("#")[0]).content.decode()


attempts = []


class DownOnceBackend(BaseEmailBackend):
    """A mail server that refuses the first message, then takes them (Django's outbox)."""

    def send_messages(self, messages):
        attempts.append(len(messages))
        if len(attempts) == 1:
            raise ConnectionRefusedError("mail server down")
        mail.outbox.extend(messages)
        return len(messages)


def test_a_failed_notice_is_retried_and_recorded_only_once_sent(officer, consultation, settings):
    ana = send(consultation)
    add_to_report(officer, consultation, ana)
    mail.outbox.clear()
    attempts.clear()
    settings.EMAIL_BACKEND = "tests.forms_ext.test_outcome_notice.DownOnceBackend"
    publish_report(consultation)
    assert len(attempts) == 2 and len(notices()) == 1
    assert CivicSubmission.objects.get(pk=ana.pk).outcome_notified_at is not None


class AlwaysDownBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_notice_no_try_could_send_is_shown_to_the_officer_as_not_sent(officer, consultation, settings):
    ana = send(consultation)
    add_to_report(officer, consultation, ana)
    settings.FORMS_NOTIFY_MAX_ATTEMPTS = 3
    settings.EMAIL_BACKEND = "tests.forms_ext.test_outcome_notice.AlwaysDownBackend"
    publish_report(consultation)
    assert CivicSubmission.objects.get(pk=ana.pk).outcome_notified_at is None
    listing = officer.get(reverse("wagtailforms:list_submissions", args=[consultation.pk])).content.decode()
    assert "не е уведомен: имейлът не можа да бъде изпратен, пишете му сами" in listing
    assert "иска уведомяване" not in listing
    # A later run (the report republished) does not try again, nor change what was recorded.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    outcome_notice.send_outcome_notices.call()
    assert notices() == []


def test_a_box_ticked_in_advance_by_the_officer_is_no_consent(consultation):
    field = consultation.form_fields.get(clean_name="uvedomete_me_kogato_spravkata_bade_publikuvana")
    type(field).objects.filter(pk=field.pk).update(default_value="on")
    assert not send(consultation).notify_on_outcome


def test_an_erased_citizen_is_not_notified_and_her_row_stays_anonymous(officer, consultation):
    ana = send(consultation)
    add_to_report(officer, consultation, ana)
    boss = people.logged_in(people.user("boss", superuser=True))
    exported = boss.post("/admin/forms-ext/personal-data/", {"email": "ana@example.org", "action": "export"})
    assert json.loads(exported.content)["submissions"][0]["notify_when_outcome_published"] is True
    erased = boss.post(
        "/admin/forms-ext/personal-data/", {"email": "ana@example.org", "action": "erase", "confirm": "on"}
    )
    assert erased.status_code == 302
    mail.outbox.clear()
    publish_report(consultation)
    assert not notices()
    html = Client().get(ConsultationPage.objects.get(pk=consultation.pk).url).content.decode()
    row = html[html.index(f'id="proposal-{ana.pk}"') :]
    assert row.index("анонимно") < row.index("</tr>") and "Анна Иванова" not in html
