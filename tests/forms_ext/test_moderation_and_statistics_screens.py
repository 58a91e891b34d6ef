"""The officers' screens for citizens' input, as a moderator meets them: the comment
being moderated with approve and reject buttons and Sofia time, the statistics of a
form titled with its page and drawn in readable colours, and the Forms list by page
title with the number of submissions."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders

from forms_ext.models import CivicSubmission
from tests.support import people
from tests.support.factories import SubmissionFactory

pytestmark = pytest.mark.django_db
SOFIA = ZoneInfo("Europe/Sofia")
# 21:30 UTC on 31 May is 00:30 on 1 June in Sofia: a UTC screen shows the wrong day.
SENT_AT = datetime.datetime(2030, 5, 31, 21, 30, tzinfo=datetime.UTC)


@pytest.fixture
def moderator(demo):
    return people.logged_in(people.in_role("moderator"))


@pytest.fixture
def pending_comment(feedback_page):
    submission = SubmissionFactory(
        page=feedback_page,
        comment="Кога ще ремонтирате улица „Раковски“?",
        display_name="Мария",
        moderation_status=CivicSubmission.Moderation.PENDING,
    )
    CivicSubmission.objects.filter(pk=submission.pk).update(submit_time=SENT_AT)
    submission.refresh_from_db()
    return submission


def edit_url(submission):
    return f"/admin/forms-ext/moderation/edit/{submission.pk}/"


def test_the_moderation_screen_shows_the_comment_being_moderated(moderator, pending_comment, feedback_page):
    html = moderator.get(edit_url(pending_comment)).content.decode()

    assert "Кога ще ремонтирате улица „Раковски“?" in html
    assert feedback_page.title in html and "Мария" in html


def test_the_moderation_screen_is_titled_and_dated_in_sofia_time(moderator, pending_comment):
    html = moderator.get(edit_url(pending_comment)).content.decode()

    title = re.search(r"<title>(.*?)</title>", html, flags=re.DOTALL).group(1)
    assert "1 юни 2030" in title and "00:30" in title, title
    assert "1 юни 2030 г., 00:30" in html  # and "Sent at (Sofia time)" says so
    assert "31 май 2030" not in html and "2030-05-31" not in html and "21:30" not in html


def test_a_moderator_approves_a_comment_with_one_button(client, moderator, pending_comment, feedback_page):
    html = moderator.get(edit_url(pending_comment)).content.decode()
    assert 'name="decision" value="approve"' in html and 'name="decision" value="reject"' in html

    response = moderator.post(
        edit_url(pending_comment),
        {"moderation_status": "pending", "display_name": "Мария", "reply": "През юни.", "decision": "approve"},
        follow=True,
    )

    pending_comment.refresh_from_db()
    assert pending_comment.moderation_status == "approved" and pending_comment.moderated_at is not None
    assert "Коментарът е публикуван на страницата." in response.content.decode()
    assert "Кога ще ремонтирате улица „Раковски“?" in client.get(feedback_page.url).content.decode()


def test_a_moderator_rejects_a_comment_with_one_button(client, moderator, pending_comment, feedback_page):
    moderator.post(
        edit_url(pending_comment),
        {"moderation_status": "pending", "display_name": "Мария", "reply": "", "decision": "reject"},
    )

    pending_comment.refresh_from_db()
    assert pending_comment.moderation_status == "rejected"
    assert "Раковски" not in client.get(feedback_page.url).content.decode()


# Statistics -------------------------------------------------------------------------


def test_the_statistics_screen_is_titled_with_the_form_page(moderator, feedback_page):
    html = moderator.get(f"/admin/forms-ext/statistics/{feedback_page.pk}/").content.decode()

    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.DOTALL).group(1)
    assert f"Статистика на формуляра: {feedback_page.title}" in heading
    assert feedback_page.title in re.search(r"<title>(.*?)</title>", html, flags=re.DOTALL).group(1)


def test_the_statistics_bars_are_coloured_and_the_labels_readable(moderator, feedback_page, pending_comment):
    html = moderator.get(f"/admin/forms-ext/statistics/{feedback_page.pk}/").content.decode()

    assert "forms_ext/css/admin.css" in html
    bars = re.findall(r"<rect[^>]*>", html)
    assert bars and all('class="form-stats-bar"' in bar for bar in bars)
    assert 'font-size="9"' not in html
    css = open(finders.find("forms_ext/css/admin.css"), encoding="utf-8").read()
    bar_rule = re.search(r"\.form-stats-bar\s*\{([^}]*)\}", css).group(1)
    assert "fill:" in bar_rule and "#000" not in bar_rule and "black" not in bar_rule
    label_size = re.search(r"\.form-stats-label[^{]*\{[^}]*font-size:\s*(\d+)px", css)
    assert label_size and int(label_size.group(1)) >= 14
    # The day of the comment sent just after midnight, Sofia time.
    assert "01.06.2030" in html


# The Forms list -----------------------------------------------------------------------


def test_the_forms_list_shows_page_titles_types_and_submission_counts(moderator, feedback_page):
    expected = CivicSubmission.objects.filter(page=feedback_page).count()
    SubmissionFactory(page=feedback_page)

    html = moderator.get("/admin/forms/").content.decode()

    assert "(pages.feedbackpage)" not in html and "(pages.consultationpage)" not in html
    assert feedback_page.title in html
    row = html[html.index(f"/admin/forms/submissions/{feedback_page.pk}/") :]
    row = row[: row.index("</tr>")]
    assert re.search(rf">\s*{expected + 1}\s*</a>", row), row
