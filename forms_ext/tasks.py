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

from civic_core.urls_absolute import page_origin, page_url
from forms_ext import conf, mail, readable
from forms_ext.models import CivicSubmission, Registration
from forms_ext.tokens import registration_token

logger = logging.getLogger(__name__)


def recipient_languages(addresses):
    """{language: [address, …]}: each address in the admin language of the staff member
    who has it (Account → Preferred language), the site's language for others."""
    from django.contrib.auth import get_user_model

    languages = {}
    users = {}
    for user in get_user_model().objects.filter(email__in=addresses, is_active=True).order_by("pk"):
        users.setdefault(user.email.lower(), user)
    available = {code for code, _name in settings.LANGUAGES}
    for address in addresses:
        language = settings.LANGUAGE_CODE
        user = users.get(address.lower())
        profile = getattr(user, "wagtail_userprofile", None) if user is not None else None
        if profile is not None and profile.preferred_language in available:
            language = profile.preferred_language
        languages.setdefault(language, []).append(address)
    return languages


@task()
def notify_staff(submission_id, language=None, attempt=1):
    """Tell the page's notification addresses about a new submission, each in their own
    language (recipient_languages), with the time it was sent in Sofia time; `language`
    narrows a retry to the addresses whose message failed."""

    submission = CivicSubmission.objects.filter(pk=submission_id).select_related("page").first()
    if submission is None:  # erased meanwhile
        return False
    page = submission.page.specific
    sent = True
    for code, addresses in recipient_languages(page.recipients).items():
        if language is not None and code != language:
            continue
        with translation.override(code):
            data = submission.get_data()
            types = readable.field_types(page)
            rows = [
                (label, readable.answer(data.get(name), types.get(name)))
                for name, label in readable.data_fields_in(page, code)
                if name not in ("submit_time", "language")
            ]
            context = {
                "page": page,
                "reference": submission.reference,
                "rows": rows,
                "sent_at": readable.short_time(submission.submit_time),
                "language": readable.language_name(submission.language),
            }
            body = render_to_string("forms_ext/email/new_submission.txt", context)
            subject = f"{page.title}: {context['sent_at']}"
        message = EmailMessage(subject, body, to=addresses)
        sent = mail.send(message, notify_staff, attempt, submission_id, code) and sent
    return sent


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
        root = page_origin(page)
        attach_calendar = kind in ("confirmed", "promoted") and hasattr(page, "ics_bytes")
        details = localized.registration_details() if hasattr(localized, "registration_details") else []
        context = {
            "page": localized,
            "page_url": page_url(localized),
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
