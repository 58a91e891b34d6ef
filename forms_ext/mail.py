"""The one way forms_ext sends email: from a background task, retried with a growing
delay when the mail server fails, so a server that is down delays a message but never
loses it, nor blocks or loses what the citizen sent."""

import datetime
import logging

from django.utils import timezone

from forms_ext import conf

logger = logging.getLogger(__name__)


def retry_later(task_to_retry, attempt, *args):
    """Queue another try, 2, 4, 8 … minutes later, until FORMS_NOTIFY_MAX_ATTEMPTS."""
    if attempt >= conf.get("FORMS_NOTIFY_MAX_ATTEMPTS"):
        logger.error("Giving up %s%r after %d attempts", task_to_retry.name, args, attempt)
        return
    if task_to_retry.get_backend().supports_defer:
        delay = datetime.timedelta(minutes=2**attempt)
        task_to_retry = task_to_retry.using(run_after=timezone.now() + delay)
    task_to_retry.enqueue(*args, attempt=attempt + 1)


def send(message, task_to_retry, attempt, *args):
    """Send `message`; on any failure log it and queue `task_to_retry(*args)` again.
    True when sent."""
    try:
        message.send()
    except Exception:  # any mail failure: log it and try again later
        logger.warning("Sending %s%r failed (attempt %d)", task_to_retry.name, args, attempt, exc_info=True)
        retry_later(task_to_retry, attempt, *args)
        return False
    return True


def to_citizen(submission, templates, context_for):
    """The email to the citizen who sent `submission`, written in the language of the page
    they used (the site's default for a language it no longer has) and in Sofia time:
    `<templates>_subject.txt` and `<templates>.txt` rendered with `context_for(submission)`."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils import translation

    available = {code for code, _name in settings.LANGUAGES}
    language = submission.language if submission.language in available else settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        context = context_for(submission)
        subject = render_to_string(f"{templates}_subject.txt", context).strip()
        body = render_to_string(f"{templates}.txt", context)
    return EmailMessage(subject, body, to=[submission.contact_email])
