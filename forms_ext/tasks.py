"""Background tasks (django-tasks): the emails a submission or registration causes.
They run after the submission is stored, so a mail server that is down delays an
email but never loses or blocks a submission; a failed send is retried with backoff."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from forms_ext import conf
from forms_ext.models import CivicSubmission, Registration
from forms_ext.tokens import registration_token

logger = logging.getLogger(__name__)


def _retry(task_to_retry, attempt, *args):
    """Queue another try, later each time, until FORMS_NOTIFY_MAX_ATTEMPTS."""
    if attempt >= conf.get("FORMS_NOTIFY_MAX_ATTEMPTS"):
        logger.error("Giving up %s%r after %d attempts", task_to_retry.name, args, attempt)
        return
    if task_to_retry.get_backend().supports_defer:
        delay = datetime.timedelta(minutes=2**attempt)
        task_to_retry = task_to_retry.using(run_after=timezone.now() + delay)
    task_to_retry.enqueue(*args, attempt=attempt + 1)


def _send(message, task_to_retry, attempt, *args):
    try:
        message.send()
    except Exception:  # any mail failure: log it and try again later
        logger.warning("Sending %s%r failed (attempt %d)", task_to_retry.name, args, attempt, exc_info=True)
        _retry(task_to_retry, attempt, *args)
        return False
    return True


@task()
def notify_staff(submission_id, attempt=1):
    """Tell the page's notification addresses about a new submission."""

    submission = CivicSubmission.objects.filter(pk=submission_id).select_related("page").first()
    if submission is None:  # erased meanwhile
        return False
    page = submission.page.specific
    with translation.override(settings.LANGUAGE_CODE):
        data = submission.get_data()
        rows = [(label, data.get(name)) for name, label in page.get_data_fields()]
        body = render_to_string("forms_ext/email/new_submission.txt", {"page": page, "rows": rows})
        subject = f"{page.title}: {submission.submit_time:%Y-%m-%d %H:%M}"
    return _send(EmailMessage(subject, body, to=page.recipients), notify_staff, attempt, submission_id)


@task()
def send_registration_email(registration_id, kind, attempt=1):
    """Confirmation, waiting-list or promotion email, in the registrant's language,
    with the event's .ics attached when the page provides `ics_bytes()`."""

    entry = Registration.objects.filter(pk=registration_id).select_related("page").first()
    if entry is None or not entry.email:
        return False
    page = entry.page.specific
    with translation.override(entry.language):
        localized = page.localized
        cancel_url = page.get_site().root_url + reverse(
            "forms_ext:cancel_registration", args=[registration_token(entry)]
        )
        attach_calendar = kind != "waiting" and hasattr(page, "ics_bytes")
        context = {
            "page": localized,
            "entry": entry,
            "kind": kind,
            "cancel_url": cancel_url,
            "attach_calendar": attach_calendar,
        }
        subject = render_to_string("forms_ext/email/registration_subject.txt", context).strip()
        body = render_to_string("forms_ext/email/registration.txt", context)
    message = EmailMessage(subject, body, to=[entry.email])
    if attach_calendar:
        message.attach(f"{page.slug}.ics", page.ics_bytes(), "text/calendar")
    return _send(message, send_registration_email, attempt, registration_id, kind)
