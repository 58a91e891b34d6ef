"""Background tasks (django-tasks): the emails a submission or registration causes.
They run after the submission is stored, so a mail server that is down delays an
email but never loses or blocks a submission; a failed send is retried with backoff."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from forms_ext import conf, mail
from forms_ext.models import CivicSubmission, Registration
from forms_ext.tokens import registration_token

logger = logging.getLogger(__name__)


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
    return mail.send(EmailMessage(subject, body, to=page.recipients), notify_staff, attempt, submission_id)


@task()
def send_registration_email(registration_id, kind, attempt=1):
    """The email of a registration, in the registrant's language and Sofia time: `confirm`
    (the link that confirms it), `confirmed`, `waiting` or `promoted`; the event's .ics is
    attached to a confirmed place when the page provides `ics_bytes()`."""
    entry = Registration.objects.filter(pk=registration_id).select_related("page").first()
    if entry is None or not entry.email:
        return False
    page = entry.page.specific
    with translation.override(entry.language), timezone.override(settings.TIME_ZONE):
        localized = page.localized.specific
        root = page.get_site().root_url
        attach_calendar = kind in ("confirmed", "promoted") and hasattr(page, "ics_bytes")
        details = localized.registration_details() if hasattr(localized, "registration_details") else []
        context = {
            "page": localized,
            "page_url": localized.get_full_url(),
            "entry": entry,
            "kind": kind,
            "details": details,
            "hold_minutes": conf.get("FORMS_REGISTRATION_HOLD_MINUTES"),
            "confirm_url": root
            + reverse("forms_ext:confirm_registration", args=[registration_token(entry, "confirm")]),
            "cancel_url": root + reverse("forms_ext:cancel_registration", args=[registration_token(entry)]),
            "attach_calendar": attach_calendar,
        }
        subject = render_to_string("forms_ext/email/registration_subject.txt", context).strip()
        body = render_to_string("forms_ext/email/registration.txt", context)
    message = EmailMessage(subject, body, to=[entry.email])
    if attach_calendar:
        message.attach(f"{page.slug}.ics", localized.ics_bytes(), "text/calendar")
    return mail.send(message, send_registration_email, attempt, registration_id, kind)
