"""What is stored is what the citizen sent: a question they skipped stores nothing (and
counts as no answer), identical parallel submissions are stored once, and the files go
with the submission that holds them, whatever deletes it."""

import os
import stat
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from forms_ext.fields import private_storage
from forms_ext.models import CivicSubmission
from tests.support import factories, people
from tests.support.forms import post_form

pytestmark = pytest.mark.django_db
CHOICES = ["Парк", "Улица", "Училище"]
PDF = b"%PDF-1.4\n% evidence\n"


@pytest.fixture
def page(home):
    return factories.FeedbackPageFactory(
        parent=home,
        fields=[
            ("dropdown", "Къде", False, CHOICES),
            ("radio", "Колко често", False, ["Всеки ден", "Рядко"]),
            ("dropdown", "Задължително място", True, CHOICES),
            ("file", "Снимка", False),
            ("consent", "Съгласен съм", True),
        ],
    )


def test_an_optional_drop_down_and_radio_start_empty(client, page):
    html = client.get(page.url).content.decode()
    optional = html.split('name="kade"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected>— не е избрано —</option>' in optional
    required = html.split('name="zadalzhitelno_myasto"', 1)[1].split("</select>", 1)[0]
    assert 'value=""' not in required  # nothing to skip in a required question
    radio = html.split('name="kolko_chesto"')[1:]
    assert radio and not any("checked" in part.split(">", 1)[0] for part in radio)


def test_a_skipped_question_stores_nothing_and_counts_as_no_answer(client, page):
    post_form(client, page, {"zadalzhitelno_myasto": "Парк", "saglasen_sam": "on"})
    post_form(
        client, page, {"kade": "Улица", "zadalzhitelno_myasto": "Парк", "saglasen_sam": "on"}, REMOTE_ADDR="10.0.0.2"
    )
    skipped, answered = CivicSubmission.objects.filter(page=page).order_by("pk")
    assert "kade" not in skipped.form_data and "kolko_chesto" not in skipped.form_data
    assert answered.form_data["kade"] == "Улица"
    stats = people.logged_in(people.user("admin", superuser=True)).get(f"/admin/forms-ext/statistics/{page.pk}/")
    html = stats.content.decode()
    where = html.split("<h2>Къде</h2>", 1)[1].split("</table>", 1)[0]
    assert '<th scope="row">Парк</th><td>0</td>' in where  # nobody was counted as "Парк"
    assert "Без отговор</th><td>1</td>" in where


def upload():
    return SimpleUploadedFile("snimka.pdf", PDF, content_type="application/pdf")


def test_a_citizens_file_is_readable_by_the_site_alone(client, page):
    post_form(client, page, {"zadalzhitelno_myasto": "Парк", "saglasen_sam": "on", "snimka": upload()})
    name = CivicSubmission.objects.get(page=page).files["snimka"]
    path = private_storage().path(name)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700


def test_the_same_answers_with_another_file_are_another_submission_and_the_same_file_a_duplicate(client, page):
    answers = {"zadalzhitelno_myasto": "Парк", "saglasen_sam": "on"}
    post_form(client, page, {**answers, "snimka": upload()})
    other = SimpleUploadedFile("snimka.pdf", PDF + b"% another photo\n", content_type="application/pdf")
    post_form(client, page, {**answers, "snimka": other})
    assert CivicSubmission.objects.filter(page=page).count() == 2  # nothing the citizen sent is lost
    post_form(client, page, {**answers, "snimka": upload()})  # the first one again: a duplicate
    assert CivicSubmission.objects.filter(page=page).count() == 2


def stored_file(client, page, n=0):
    post_form(
        client,
        page,
        {"zadalzhitelno_myasto": CHOICES[n], "saglasen_sam": "on", "snimka": upload()},
        REMOTE_ADDR=f"10.0.1.{n}",
    )
    submission = CivicSubmission.objects.filter(page=page).latest("pk")
    return submission, submission.files["snimka"]


def test_a_file_goes_with_its_submission_whatever_deletes_it(client, page, django_capture_on_commit_callbacks):
    officer = people.logged_in(people.in_role("officer"))
    # Wagtail's own delete of selected submissions.
    submission, name = stored_file(client, page, 0)
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"/admin/forms/submissions/{page.pk}/delete/?selected-submissions={submission.pk}")
    assert not private_storage().exists(name)
    # The moderation queue's delete.
    submission, name = stored_file(client, page, 1)
    CivicSubmission.objects.filter(pk=submission.pk).update(moderation_status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"/admin/forms-ext/moderation/delete/{submission.pk}/")
    assert not private_storage().exists(name)
    # Deleting the form's page deletes its submissions and their files.
    submission, name = stored_file(client, page, 2)
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not CivicSubmission.objects.filter(pk=submission.pk).exists()
    assert not private_storage().exists(name)


def test_a_file_stays_when_the_deletion_is_rolled_back(client, page):
    """Files go only once the deletion is committed: a failed deletion loses nothing."""
    from django.db import transaction

    submission, name = stored_file(client, page, 0)
    with pytest.raises(RuntimeError), transaction.atomic():
        CivicSubmission.objects.filter(pk=submission.pk).delete()
        raise RuntimeError("the request failed after the delete")
    assert CivicSubmission.objects.filter(pk=submission.pk).exists() and private_storage().exists(name)


@pytest.mark.system
@pytest.mark.django_db(transaction=True)
def test_identical_answers_sent_at_once_are_stored_once(live_server, demo, settings):
    """Six identical POSTs at the same moment, through a real server and six database
    connections: one stored, five told it was already received."""
    import re
    import urllib.parse
    import urllib.request

    from pages.models import FeedbackPage
    from tests.support.forms import VALID_FEEDBACK, form_token

    settings.FORMS_RATE_LIMIT = 1000
    page = FeedbackPage.objects.get(locale__language_code="bg")
    before = CivicSubmission.objects.filter(page=page).count()
    url = live_server.url + page.url
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    html = opener.open(url).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    bodies = [
        urllib.parse.urlencode(
            {**VALID_FEEDBACK, "saobshtenie": "Същото", "form_token": form_token(), "csrfmiddlewaretoken": csrf}
        )
        for _ in range(6)
    ]
    barrier = threading.Barrier(6)
    pages = []

    def send(body):
        barrier.wait()
        pages.append(
            opener.open(urllib.request.Request(url, data=body.encode(), headers={"Referer": url})).read().decode()
        )

    threads = [threading.Thread(target=send, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    connection.close()
    assert CivicSubmission.objects.filter(page=page).count() == before + 1
    assert sum("Благодарим" in text for text in pages) == 1
    assert sum("вече имаме точно" in text.lower() or "вече имаме" in text for text in pages) == 5
