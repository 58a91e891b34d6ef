"""Public comments: a submission with a comment waits for an officer, who approves
(publishes), rejects or answers it in the admin's moderation queue."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from forms_ext.models import CivicSubmission

ANONYMOUS = _("Anonymous")


def published_comments(page):
    """Approved comments on `page` (any translation of it), oldest first."""
    return list(
        CivicSubmission.objects.filter(
            page_id=page.submissions_page.pk, moderation_status=CivicSubmission.Moderation.APPROVED
        )
        .only("display_name", "comment", "reply", "replied_at", "submit_time")
        .order_by("submit_time", "pk")
    )


def approve(submission, reply=""):
    submission.moderation_status = CivicSubmission.Moderation.APPROVED
    if reply:
        submission.reply = reply
    submission.save()


def reject(submission):
    submission.moderation_status = CivicSubmission.Moderation.REJECTED
    submission.save()


def sent_at(submission):
    """When the citizen sent it, in Sofia time, as the admin shows it."""
    return date_format(timezone.localtime(submission.submit_time), "DATETIME_FORMAT")


def title(submission):
    """„Comment on <page>, <when>“: the moderation screen's title, in Sofia time."""
    return _("Comment on „%(page)s“, %(sent)s") % {"page": submission.page.title, "sent": sent_at(submission)}
