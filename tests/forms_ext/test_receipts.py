"""Receipts: a citizen who sends a form sees a reference of their own on the thank-you
page (К-2026-0001, then 0002 …, never twice, even for posts that arrive together) and,
when they gave an email address, receives it by email in the page's language with the
page's title and link and nothing they typed; an officer finds the submission by it in
the admin, a translator does not; a held submission gets one when it is released."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from forms_ext import gdpr
from forms_ext.models import CivicSubmission, HeldSubmission, ReceiptCounter
from tests.support import factories, people
from tests.support.forms import (
    RECEIPT_REFERENCE,
    form_token,
    live_visitor,
    make_registration_page,
    post_form,
    registration_data,
)

pytestmark = pytest.mark.django_db
PROPOSAL = "Предлагам чл. 5 да отпадне, защото дублира закона."


def year():
    return timezone.localtime().year


def proposal(n=1, email="maria@example.org", **extra):
    data = {"ime": f"Мария {n}", "saobshtenie": f"{PROPOSAL} ({n})", "saglasen_sam": "on", **extra}
    if email:
        data["imeyl"] = email
    return data


def reference_on(response):
    match = RECEIPT_REFERENCE.search(response.content.decode())
    assert match, response.content.decode()
    return match.group(1)


@pytest.fixture
def consultation(home):
    return factories.ConsultationPageFactory(
        parent=factories.ConsultationIndexPageFactory(parent=home), title="Наредба за обществените съвети"
    )


def test_a_citizen_sees_her_reference_on_the_thank_you_page_and_the_next_gets_the_next(consultation):
    first = post_form(Client(), consultation, proposal(1))
    assert first.status_code == 200
    assert reference_on(first) == f"К-{year()}-0001"
    assert "Вашият входящ номер" in first.content.decode()
    assert CivicSubmission.objects.get(page=consultation).reference == f"К-{year()}-0001"

    # The thank-you page comes from the cache now: it must carry this citizen's reference.
    second = post_form(Client(), consultation, proposal(2))
    assert reference_on(second) == f"К-{year()}-0002"
    assert f"К-{year()}-0001" not in second.content.decode()
    assert "no-store" in second["Cache-Control"]


def test_each_kind_of_form_has_its_prefix(home):
    pages = factories.form_pages(home)
    feedback = post_form(Client(), pages["feedback"], proposal(1))
    monitoring = post_form(Client(), pages["monitoring"], proposal(2))
    assert reference_on(feedback) == f"О-{year()}-0001"
    assert reference_on(monitoring) == f"М-{year()}-0001"


def test_the_email_carries_the_reference_title_and_link_and_nothing_the_citizen_typed(consultation):
    post_form(Client(), consultation, proposal(1, email="Maria@Example.org"))
    submission = CivicSubmission.objects.get(page=consultation)
    [receipt] = [message for message in mail.outbox if message.to == ["maria@example.org"]]
    assert submission.reference in receipt.subject and "Наредба за обществените съвети" in receipt.subject
    assert submission.reference in receipt.body
    assert "Наредба за обществените съвети" in receipt.body
    assert consultation.get_full_url() in receipt.body
    sent = timezone.localtime(submission.submit_time)
    assert f"{sent:%d.%m.%Y %H:%M}" in receipt.body and "българско време" in receipt.body
    assert PROPOSAL not in receipt.body and "Мария" not in receipt.body + receipt.subject


def test_an_english_page_sends_the_receipt_in_english(consultation):
    english = factories.translate(consultation, title="Ordinance on public councils")
    response = post_form(Client(), english, proposal(1))
    assert "Your reference number" in response.content.decode()
    [receipt] = mail.outbox
    assert receipt.subject == f"Your reference К-{year()}-0001: „Ordinance on public councils“"
    assert "Reference number: К-" in receipt.body and "(Sofia time)" in receipt.body
    assert english.get_full_url() in receipt.body and "/en/" in english.get_full_url()
    assert "българско време" not in receipt.body and "Входящ" not in receipt.body


def test_no_email_without_an_address(consultation):
    response = post_form(Client(), consultation, proposal(1, email=None))
    assert reference_on(response) == f"К-{year()}-0001"
    assert "имейл адреса, който посочихте" not in response.content.decode()
    assert mail.outbox == []


def test_a_registration_is_not_sent_a_second_email(home):
    event = make_registration_page(home, capacity=5)
    response = post_form(Client(), event, registration_data(1))
    assert reference_on(response) == f"Ф-{year()}-0001"
    [email] = mail.outbox  # the registration's own, which says the reference
    assert "/registrations/confirm/" in email.body and f"Входящ номер: Ф-{year()}-0001" in email.body


def test_a_duplicate_gives_no_number_away(consultation):
    client = Client()
    post_form(client, consultation, proposal(1))
    again = post_form(client, consultation, proposal(1))
    assert "receipt-reference" not in again.content.decode()
    assert reference_on(post_form(client, consultation, proposal(2))) == f"К-{year()}-0002"


def test_numbers_have_at_least_four_digits_and_go_on_past_9999(consultation):
    assert reference_on(post_form(Client(), consultation, proposal(1))) == f"К-{year()}-0001"
    ReceiptCounter.objects.filter(prefix="К", year=year()).update(last=9998)
    assert reference_on(post_form(Client(), consultation, proposal(2))) == f"К-{year()}-9999"
    assert reference_on(post_form(Client(), consultation, proposal(3))) == f"К-{year()}-10000"
    stored = CivicSubmission.objects.filter(page=consultation).order_by("pk").values_list("reference", flat=True)
    assert list(stored) == [f"К-{year()}-0001", f"К-{year()}-9999", f"К-{year()}-10000"]


def test_a_held_submission_gets_its_reference_when_released(consultation):
    held_response = post_form(Client(), consultation, proposal(1, website="http://spam.example"))
    assert "receipt-reference" not in held_response.content.decode() and mail.outbox == []
    assert reference_on(post_form(Client(), consultation, proposal(2))) == f"К-{year()}-0001"
    held = HeldSubmission.objects.get(page=consultation)
    mail.outbox.clear()
    people.logged_in(people.in_role("officer")).post(f"/admin/forms-ext/held/{held.pk}/release/")
    released = CivicSubmission.objects.get(page=consultation, form_data__saobshtenie=f"{PROPOSAL} (1)")
    assert released.reference == f"К-{year()}-0002"
    [receipt] = mail.outbox
    assert receipt.to == ["maria@example.org"] and released.reference in receipt.body


def test_an_officer_finds_the_submission_by_its_reference(consultation):
    for n in (1, 2, 3):
        post_form(Client(), consultation, proposal(n))
    officer = people.logged_in(people.in_role("officer"))
    url = f"/admin/forms/submissions/{consultation.pk}/"
    listing = officer.get(url).content.decode()
    assert "Входящ номер" in listing and f"К-{year()}-0003" in listing
    # As the citizen may read it out: Latin letters, lower case, no zeros.
    for typed in (f"К-{year()}-0002", f"k-{year()}-2", f"K{year()}2"):
        found = officer.get(url, {"q": typed}).content.decode()
        assert f"{PROPOSAL} (2)" in found, typed
        assert f"{PROPOSAL} (1)" not in found and f"{PROPOSAL} (3)" not in found
    assert officer.get(url, {"q": f"К-{year()}-0009"}).context["data_rows"] == []


def test_a_translator_cannot_find_a_submission_by_its_reference(consultation):
    post_form(Client(), consultation, proposal(1))
    translator = people.logged_in(people.in_role("translator"))
    for page in (consultation, factories.translate(consultation)):
        response = translator.get(f"/admin/forms/submissions/{page.pk}/", {"q": f"К-{year()}-0001"})
        assert response.status_code in (302, 403)
        assert PROPOSAL not in response.content.decode()


def test_an_erased_citizens_reference_is_never_given_again(consultation):
    post_form(Client(), consultation, proposal(1, email="ana@example.org"))
    assert gdpr.export_personal_data("ana@example.org")["submissions"][0]["reference"] == f"К-{year()}-0001"
    gdpr.erase_personal_data("ana@example.org")
    assert not CivicSubmission.objects.filter(contact_email="ana@example.org").exists()
    assert reference_on(post_form(Client(), consultation, proposal(2))) == f"К-{year()}-0002"


def test_a_busy_form_queues_one_sender_not_one_task_per_receipt(consultation, settings):
    from django_tasks_db.models import DBTaskResult

    from forms_ext import receipts

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for n in range(1, 4):
        assert post_form(Client(), consultation, proposal(n, email=f"citizen{n}@example.org")).status_code == 200
    queued = DBTaskResult.objects.filter(task_path="forms_ext.receipts.send_receipts")
    assert queued.count() == 1 and mail.outbox == []
    receipts.send_receipts.call()  # what the task worker runs
    assert sorted(message.to[0] for message in mail.outbox) == [f"citizen{n}@example.org" for n in range(1, 4)]
    assert not CivicSubmission.objects.filter(receipt_due=True).exists()
    # It looks once more a little later, for a receipt stored while it ran; that look,
    # finding nothing, queues nothing more.
    sweep = queued.exclude(status="SUCCESSFUL").order_by("-enqueued_at").first()
    assert sweep is not None and sweep.run_after is not None
    receipts.send_receipts.call(sweep=True)
    assert len(mail.outbox) == 3


def test_a_receipt_stored_while_the_sender_runs_is_sent_by_its_second_look(consultation, settings):
    from forms_ext import receipts

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    post_form(Client(), consultation, proposal(1, email="first@example.org"))
    receipts.send_receipts.call()  # the run, then a second citizen's submission while the flag is still set
    from django.core.cache import cache

    cache.add(receipts.WAKE_FLAG, 1)
    post_form(Client(), consultation, proposal(2, email="second@example.org"))
    assert [message.to[0] for message in mail.outbox] == ["first@example.org"]
    receipts.send_receipts.call(sweep=True)
    assert [message.to[0] for message in mail.outbox] == ["first@example.org", "second@example.org"]


@pytest.mark.system
@pytest.mark.django_db(transaction=True)
def test_citizens_posting_at_the_same_moment_get_distinct_references(live_server, demo, settings):
    """Real concurrent requests, each in its own database connection and transaction."""
    settings.FORMS_RATE_LIMIT = 10_000
    page = factories.ConsultationPageFactory(parent=factories.ConsultationIndexPageFactory(parent=demo.home))
    send = live_visitor(live_server.url + page.url)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answered = list(pool.map(lambda n: send({**proposal(n), "form_token": form_token()}), range(24)))
    shown = [RECEIPT_REFERENCE.search(html).group(1) for _status, html in answered]

    stored = list(CivicSubmission.objects.filter(page_id=page.pk).values_list("reference", flat=True))
    assert len(set(shown)) == 24 and sorted(shown) == sorted(stored)
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in shown)
    assert numbers == list(range(numbers[0], numbers[0] + 24))  # no number lost or given twice
    assert {reference.rsplit("-", 1)[0] for reference in shown} == {f"К-{year()}"}


@pytest.mark.system
@pytest.mark.django_db(transaction=True)
def test_the_same_proposal_sent_many_times_at_once_is_stored_once_and_gives_no_number_away(live_server, demo, settings):
    """A double click on a slow connection, many times over: the copies race to the
    database in their own connections; the unique fingerprint stops all but one, and each
    stopped copy hands its step of the counter back."""
    settings.FORMS_RATE_LIMIT = 10_000
    page = factories.ConsultationPageFactory(parent=factories.ConsultationIndexPageFactory(parent=demo.home))
    send = live_visitor(live_server.url + page.url)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answered = list(pool.map(lambda _n: send({**proposal(1), "form_token": form_token()}), range(8)))

    assert all(status == 200 for status, _html in answered)
    shown = [match.group(1) for _status, html in answered if (match := RECEIPT_REFERENCE.search(html))]
    assert shown == [f"К-{year()}-0001"]  # one copy stored; the others told it already arrived
    assert CivicSubmission.objects.filter(page_id=page.pk).count() == 1
    _status, html = send({**proposal(2), "form_token": form_token()})
    assert RECEIPT_REFERENCE.search(html).group(1) == f"К-{year()}-0002"
