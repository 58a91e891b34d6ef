"""From a proposal to the report, in the browser: a citizen sends a proposal, asks to be
told when the report is published and gives an email; she sees her reference and gets it
by email. An officer (Communications officers) turns two proposals into rows of the
report from the submissions screen, dates the outcome and publishes the consultation;
the citizen gets one notice, with the link to her row, however often the page is
published. Her data erased, her row stays on the public report, anonymous."""

import json
import re
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import OFFICER
from tests.e2e.test_event_publishing import publish

pytestmark = pytest.mark.e2e

SOFIA = ZoneInfo("Europe/Sofia")
NOTIFY = "Уведомете ме, когато справката бъде публикувана"
CONSENT = "Прочетох информацията за защита на личните данни"
OFFICER_PASSWORD = "e2e-communications-officer"

# A consultation of its own (the demo's stays open for the other journeys), with the
# demo's consultation form, open for 31 days until tomorrow.
CONSULTATION = """
import datetime, json
from django.utils import timezone
from pages.models import ConsultationFormField, ConsultationIndexPage, ConsultationPage
from sliven_site.demo import data
index = ConsultationIndexPage.objects.filter(locale__language_code="bg").first()
now = timezone.now()
page = ConsultationPage(
    title={title!r}, slug={slug!r}, summary="Проект на наредба за тротоарите в центъра.",
    opens_at=now - datetime.timedelta(days=40), closes_at=now + datetime.timedelta(days=1),
    privacy_notice=data.CONSULTATION_FORM["privacy_notice"],
)
page.form_fields = [
    ConsultationFormField(field_type=kind, label=label, required=required, choices=choices, help_text=help_text)
    for kind, label, required, choices, help_text in data.CONSULTATION_FORM["fields"]
]
index.add_child(instance=page)
page.save_revision().publish()
print(json.dumps({{"pk": page.pk, "path": page.url}}))
"""
# The period for proposals ends (the clock moves on): in the live page and its revisions.
PERIOD_ENDS = """
from django.utils import timezone
from wagtail.models import Revision
from pages.models import ConsultationPage
ended = timezone.now() - timezone.timedelta(minutes=5)
ConsultationPage.objects.filter(pk={pk}).update(closes_at=ended)
for revision in Revision.page_revisions.filter(object_id="{pk}"):
    revision.content["closes_at"] = ended.isoformat()
    revision.save(update_fields=["content"])
"""
COMMUNICATIONS_OFFICER = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user = get_user_model().objects.create_user({username!r}, "officer@example.org", {password!r}, first_name="Десислава")
user.groups.add(Group.objects.get(name="Communications officers"))
"""


def send_proposal(tab, path, text, email, name, notify):
    page = tab.page
    tab.open(path)
    box = page.get_by_label(NOTIFY)
    assert box.is_visible() and not box.is_checked()  # never ticked in advance
    page.get_by_role("textbox", name="Текст от проекта (член, алинея)").fill("чл. 3")
    page.get_by_role("textbox", name="Предложение").fill(text)
    page.get_by_role("textbox", name="Име за публикуване").fill(name)
    page.get_by_role("textbox", name="Имейл").fill(email)
    if notify:
        box.check()
    page.get_by_label(CONSENT).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Изпращане").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Благодарим ви"
    return page.locator(".receipt-reference").inner_text().strip()


def add_to_report(tab, pk, text, decision):
    """From the submissions screen: the row of the proposal → "Добави в справката"."""
    page = tab.page
    tab.open(f"/admin/forms/submissions/{pk}/")
    row = page.locator("tr", has_text=text)
    with page.expect_navigation():
        row.get_by_role("link", name="Добави в справката").click()
    page.get_by_label("Решение").select_option(decision)
    page.get_by_label("Мотиви").fill("Предложението е обсъдено от работната група.")
    with page.expect_navigation():
        page.get_by_role("button", name="Запази в черновата на справката").click()
    assert page.url.endswith(f"/admin/forms/submissions/{pk}/")
    assert tab.page.locator("tr", has_text=text).get_by_text("В черновата на справката").is_visible()


def emails_to(site, email):
    """The bodies of the emails to `email`, with the text as written (an 8-bit body comes
    back from the mail log with its non-ASCII letters as \\uXXXX escapes)."""
    escaped = re.compile(r"\\u([0-9a-fA-F]{4})")
    return [escaped.sub(lambda match: chr(int(match[1], 16)), body) for body in site.emails_to(email)]


def notices(site, email):
    return [body for body in emails_to(site, email) if "справката за получените предложения" in body]


def test_a_proposal_becomes_a_row_of_the_report_and_its_author_is_told_once(open_browser, live_site):
    suffix = uuid.uuid4().hex[:6]
    title = f"Наредба за тротоарите в центъра {suffix}"
    created = json.loads(
        live_site.python(CONSULTATION.format(title=title, slug=f"naredba-trotoari-{suffix}")).splitlines()[-1]
    )
    pk, path = created["pk"], created["path"]
    maria, ivan = f"maria-{suffix}@example.org", f"ivan-{suffix}@example.org"
    maria_text = f"Тротоарите да се ремонтират преди пътното платно ({suffix})."
    ivan_text = f"Да има повече пейки по булеварда ({suffix})."

    # The demo's consultation form asks too, and leaves the box empty.
    citizen = open_browser("phone")
    citizen.open("/konsultatsii/pravilnik-obshtestveni-saveti-kvartali/")
    assert citizen.page.get_by_label(NOTIFY).is_visible() and not citizen.page.get_by_label(NOTIFY).is_checked()

    reference = send_proposal(citizen, path, maria_text, maria, "Мария Тодорова", notify=True)
    assert re.fullmatch(r"К-\d{4}-\d{4,}", reference)
    (receipt,) = emails_to(live_site, maria)
    assert reference in receipt and maria_text not in receipt
    send_proposal(open_browser("desktop"), path, ivan_text, ivan, "Иван Колев", notify=False)
    live_site.python(PERIOD_ENDS.format(pk=pk))

    live_site.python(COMMUNICATIONS_OFFICER.format(username=f"desi-{suffix}", password=OFFICER_PASSWORD))
    officer = open_browser("desktop")
    officer.log_in(f"desi-{suffix}", OFFICER_PASSWORD)
    add_to_report(officer, pk, maria_text, "accepted")
    add_to_report(officer, pk, ivan_text, "not_within_scope")
    assert not notices(live_site, maria)  # a draft tells nobody

    # The officer dates the outcome and publishes the consultation.
    page = officer.page
    officer.open(f"/admin/pages/{pk}/edit/")
    page.get_by_role("tab", name="Справка за предложенията").click()
    page.fill("#id_outcome_date", datetime.now(SOFIA).strftime("%Y-%m-%d"))
    page.keyboard.press("Escape")
    publish(page)
    assert "/edit/" not in page.url, page.locator(".help-critical, .error-message").all_inner_texts()

    (notice,) = notices(live_site, maria)
    assert not notices(live_site, ivan)  # he did not ask
    assert title in notice and reference in notice and maria_text not in notice and "Мария" not in notice
    row_link = live_site.link_in_latest_email(maria, "#proposal-")
    assert row_link.startswith(path)
    reader = open_browser("phone")  # the link opens in a new tab of her browser
    reader.open(row_link)
    anchor = row_link.split("#", 1)[1]
    row = reader.page.locator(f"tr:has(#{anchor})")
    assert row.is_visible(), reader.page.locator("main").inner_text()
    assert maria_text in row.inner_text() and "Прието" in row.inner_text()
    assert "Мария Тодорова" in row.inner_text()

    # Published again (a correction): still one notice; the officer sees when she was told.
    officer.open(f"/admin/pages/{pk}/edit/")
    page.fill("#id_summary", "Проект на наредба за тротоарите в центъра и в кварталите.")
    publish(page)
    assert "/edit/" not in page.url
    assert len(notices(live_site, maria)) == 1
    officer.open(f"/admin/forms/submissions/{pk}/")
    told = page.locator("tr", has_text=maria_text).inner_text()
    assert re.search(r"уведомен на \d\d\.\d\d\.\d{4} \d\d:\d\d", told)
    assert "уведомен" not in page.locator("tr", has_text=ivan_text).inner_text()

    # Her data erased (by an administrator): the row stays on the report, anonymous.
    admin = open_browser("desktop")
    admin.log_in(*OFFICER)
    admin.open("/admin/forms-ext/personal-data/")
    admin.page.fill("#id_email", maria)
    admin.page.get_by_label("Разбирам, че изтриването е необратимо").check()
    with admin.page.expect_navigation():
        admin.page.get_by_role("button", name="Изтриване на всичко").click()
    assert "Изтрити са 1 изпращания" in admin.page.locator(".messages").inner_text()
    visitor = open_browser("desktop")  # anyone reading the report now (no copy of it kept from before)
    visitor.open(path)
    row = visitor.page.locator(f"tr:has(#{anchor})")
    assert maria_text in row.inner_text() and "анонимно" in row.inner_text()
    assert "Мария Тодорова" not in visitor.page.content()
    for tab in (citizen, reader, officer, admin, visitor):
        assert not tab.problems, "\n".join(tab.problems)
