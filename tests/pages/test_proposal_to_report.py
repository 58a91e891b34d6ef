"""From a proposal to the report (Law on Normative Acts art. 26(5)): an officer turns a
citizen's submission into a row of the consultation's outcome report, in a draft of the
page; the report becomes public only when the consultation is published, grouped by the
article of the draft; erasing the citizen's data (GDPR) keeps the row, without the name."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from forms_ext.models import CivicSubmission
from pages.models import ConsultationPage, ConsultationProposal
from tests.pages.test_content_page_types import edit_form_data
from tests.support import factories, people
from tests.support.forms import post_form

pytestmark = pytest.mark.django_db

CONSULTATION_FIELDS = [
    ("singleline", "Текст от проекта (член, алинея)", False),
    ("multiline", "Предложение", True),
    ("display_name", "Име за публикуване", False),
    ("email", "Имейл", False),
    ("consent", "Съгласен съм", True),
]
PROPOSAL = "Съветите да се събират поне веднъж на три месеца."


@pytest.fixture
def consultation(home):
    return factories.ConsultationPageFactory(
        parent=factories.ConsultationIndexPageFactory(parent=home),
        title="Правилник за обществените съвети",
        fields=CONSULTATION_FIELDS,
    )


def send(consultation, text=PROPOSAL, article="чл. 4", name="Сдружение „Клуцохор“", email="ana@example.org"):
    """A citizen sends a proposal through the consultation's form."""
    data = {"tekst_ot_proekta_chlen_alineya": article, "predlozhenie": text, "saglasen_sam": "on"}
    if name:
        data["ime_za_publikuvane"] = name
    if email:
        data["imeyl"] = email
    response = post_form(Client(), consultation, data)
    assert response.status_code == 200, response.content.decode()
    return CivicSubmission.objects.filter(page=consultation).latest("submit_time")


def to_report_url(consultation, submission):
    return f"/admin/consultations/{consultation.pk}/submissions/{submission.pk}/to-report/"


def add_to_report(client, consultation, submission, **row):
    data = {"article": "чл. 4", "summary": PROPOSAL, "decision": "accepted", "reasons": "Прието: ал. 2 се променя."}
    return client.post(to_report_url(consultation, submission), data | row)


def draft_rows(consultation):
    page = ConsultationPage.objects.get(pk=consultation.pk)
    return list(page.get_latest_revision_as_object().proposals.all())


def close(consultation):
    """The period is over and the officer dates the outcome (a draft like any other edit)."""
    page = ConsultationPage.objects.get(pk=consultation.pk).get_latest_revision_as_object()
    page.opens_at = timezone.now() - datetime.timedelta(days=40)
    page.closes_at = timezone.now() - datetime.timedelta(days=5)
    page.outcome_date = timezone.localdate()
    return page.save_revision()


def refused(response):
    """Wagtail's admin answers a permission error with a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


@pytest.fixture
def officer():
    return people.logged_in(people.in_role("officer"))


def test_an_officer_turns_a_proposal_into_a_draft_row_of_the_report(officer, consultation, client):
    submission = send(consultation)
    listing = officer.get(reverse("wagtailforms:list_submissions", args=[consultation.pk])).content.decode()
    assert "Добави в справката" in listing and f'href="{to_report_url(consultation, submission)}"' in listing

    form = officer.get(to_report_url(consultation, submission)).content.decode()
    assert PROPOSAL in form and "чл. 4" in form  # filled in from what the citizen sent
    assert "Сдружение „Клуцохор“" in form

    response = add_to_report(officer, consultation, submission, summary="Съветите заседават всяко тримесечие.")
    assert response.status_code == 302
    # The live page is unchanged: the report is an editor's publish.
    assert not ConsultationProposal.objects.filter(page=consultation).exists()
    assert ConsultationPage.objects.get(pk=consultation.pk).has_unpublished_changes
    (row,) = draft_rows(consultation)
    assert (row.summary, row.proposer, row.decision, row.article) == (
        "Съветите заседават всяко тримесечие.",
        "Сдружение „Клуцохор“",
        "accepted",
        "чл. 4",
    )
    assert (row.submission_id, row.submission_reference) == (submission.pk, submission.reference)
    revision = ConsultationPage.objects.get(pk=consultation.pk).latest_revision
    assert revision.user.username == "officer"
    listing = officer.get(reverse("wagtailforms:list_submissions", args=[consultation.pk])).content.decode()
    assert "В черновата на справката" in listing


def test_the_published_report_lists_the_rows_by_article(officer, consultation, client):
    anonymous = send(consultation, text="Да има съвет и за селата.", article="", name="", email="")
    second = send(consultation, text="Протоколите да се публикуват.", article="чл. 10", name="Иван Петров")
    first = send(consultation)
    add_to_report(
        officer, consultation, anonymous, article="", summary="Съвет и за селата.", decision="not_within_scope"
    )
    add_to_report(officer, consultation, second, article="чл. 10", summary="Протоколите да се публикуват.")
    add_to_report(officer, consultation, first, article=" чл.  4 ", decision="partly_accepted")
    assert len(draft_rows(consultation)) == 3

    close(consultation).publish()
    html = client.get(ConsultationPage.objects.get(pk=consultation.pk).url).content.decode()
    report = html[html.index('id="proposals-title"') :]
    # Articles in the draft's order (4 before 10), general proposals last.
    assert report.index(">чл. 4<") < report.index(">чл. 10<") < report.index("Общи предложения")
    assert report.index("Общи предложения") < report.index("Съвет и за селата.")
    assert "Сдружение „Клуцохор“" in report and "Иван Петров" in report and "анонимно" in report
    assert "Частично прието" in report and "Извън предмета на проекта" in report
    assert ConsultationProposal.objects.filter(page=consultation).count() == 3


def test_erasing_the_citizens_data_keeps_the_row_without_the_name(officer, consultation, client):
    submission = send(consultation, name="Анна Иванова", email="ana@example.org")
    add_to_report(officer, consultation, submission)
    close(consultation).publish()
    add_to_report(officer, consultation, submission, summary="Второ предложение от същото писмо.")  # a later draft

    boss = people.logged_in(people.user("boss", superuser=True))
    erased = boss.post(
        "/admin/forms-ext/personal-data/", {"email": "ana@example.org", "action": "erase", "confirm": "on"}
    )
    assert erased.status_code == 302
    assert not CivicSubmission.objects.filter(pk=submission.pk).exists()
    (live,) = ConsultationProposal.objects.filter(page=consultation)
    assert (live.proposer, live.summary, live.submission_id) == ("", PROPOSAL, submission.pk)
    assert [row.proposer for row in draft_rows(consultation)] == ["", ""]  # the drafts forget her too
    html = client.get(ConsultationPage.objects.get(pk=consultation.pk).url).content.decode()
    assert "Анна Иванова" not in html and "анонимно" in html and PROPOSAL in html


def test_the_rows_stay_linked_to_their_submissions_when_an_editor_publishes_the_draft(officer, consultation):
    first, second = send(consultation), send(consultation, text="Протоколите да се публикуват.", name="")
    add_to_report(officer, consultation, first)
    add_to_report(officer, consultation, second, summary="Протоколите да се публикуват.", decision="not_accepted")
    rows = [
        {"id": "", "article": row.article, "summary": row.summary, "proposer": row.proposer, "reasons": row.reasons}
        | {"decision": "partly_accepted" if row.submission_id == second.pk else row.decision}
        for row in draft_rows(consultation)
    ]
    page = ConsultationPage.objects.get(pk=consultation.pk)
    data = nested_form_data(edit_form_data(page) | {"proposals": inline_formset(rows, initial=2)})
    response = officer.post(f"/admin/pages/{page.pk}/edit/", data | {"action-publish": "action-publish"})
    assert response.status_code == 302, response.context["form"].errors
    live = {row.submission_id: row for row in ConsultationProposal.objects.filter(page=consultation)}
    assert set(live) == {first.pk, second.pk}
    assert live[second.pk].decision == "partly_accepted" and live[first.pk].submission_reference == first.reference


def test_a_row_outlives_its_submission_deleted_by_an_officer(officer, consultation):
    submission = send(consultation)
    add_to_report(officer, consultation, submission)
    CivicSubmission.objects.filter(pk=submission.pk).delete()
    (row,) = draft_rows(consultation)
    assert (row.proposer, row.submission_id) == ("Сдружение „Клуцохор“", submission.pk)


@pytest.mark.parametrize("who", ["translator", "editor"])
def test_people_who_may_not_see_citizens_input_are_refused(who, consultation):
    submission = send(consultation)
    person = people.in_role("translator") if who == "translator" else people.editor_of_everything()
    client = people.logged_in(person)
    assert refused(client.get(to_report_url(consultation, submission)))
    assert refused(add_to_report(client, consultation, submission))
    assert draft_rows(consultation) == []


def test_a_moderator_who_may_not_edit_the_page_is_refused(consultation):
    submission = send(consultation)
    moderator = people.logged_in(people.in_role("moderator"))
    listing = moderator.get(reverse("wagtailforms:list_submissions", args=[consultation.pk])).content.decode()
    assert "Добави в справката" not in listing
    assert refused(add_to_report(moderator, consultation, submission))
    assert draft_rows(consultation) == []


@pytest.mark.parametrize(
    "row,message",
    [
        ({"summary": "   "}, "Напишете предложението така, както ще го покаже справката."),
        ({"decision": ""}, "Изберете решението по предложението."),
        ({"decision": "maybe"}, "Изберете едно от посочените решения."),
        ({"reasons": ""}, "Посочете мотивите за решението: законът ги изисква."),
        ({"article": "чл. 4" * 40}, "Посочете члена с най-много 100 знака"),
    ],
)
def test_bad_input_says_what_is_wrong_in_bulgarian_and_changes_nothing(officer, consultation, row, message):
    submission = send(consultation)
    revisions = ConsultationPage.objects.get(pk=consultation.pk).revisions.count()
    response = add_to_report(officer, consultation, submission, **row)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Нищо не е добавено в справката" in html
    assert ConsultationPage.objects.get(pk=consultation.pk).revisions.count() == revisions
    assert draft_rows(consultation) == []


def test_a_submission_of_another_page_is_not_found(officer, consultation, home):
    other = factories.FeedbackPageFactory(parent=home)
    submission = factories.SubmissionFactory(page=other)
    assert officer.get(to_report_url(consultation, submission)).status_code == 404
    assert officer.get(f"/admin/consultations/{other.pk}/submissions/{submission.pk}/to-report/").status_code == 404
