"""Telling a citizen, once, that the outcome of what they sent is published (for a
consultation: the report on the proposals, Law on Normative Acts art. 26(5)).

- **The consent** is a separate checkbox of the form, never ticked in advance: a stock
  *checkbox* field whose internal name is one of CONSENT_FIELD_NAMES (the label
  „Уведомете ме, когато справката бъде публикувана“, or in English "Notify me when the
  report is published"; FORMS_OUTCOME_NOTICE_FIELDS names others). Ticked, with an email
  given, it is stored with the submission (`notify_on_outcome`, `record_consent`); a box
  the officer set to be ticked by default is no consent and counts for nothing.
- **When**: the page that owns the form tells `outcome_published(form_page)` when an
  editor publishes its outcome (the pages app does it for consultations on every publish,
  pages.proposal_report). Every consenting submission not told yet is put in the outbox
  (`outcome_notice` *due*); one task, `send_outcome_notices`, claims each (*sending*) and
  sends it with `send_outcome_notice`, which records *sent* and the time
  (`outcome_notified_at`); a notice whose every try failed (FORMS_NOTIFY_MAX_ATTEMPTS) is
  *failed*, and the officer's column says so, to write to the citizen another way. A
  submission leaves the empty state once, so a republished page, a second run or a
  retried task never sends a second notice.
- **The email**, in the language of the form the citizen used and Sofia time: the page's
  title, when it was sent, the reference and the link to the citizen's row of the
  published outcome (the page's `outcome_fragment(submission_id)`, when it has one), and
  nothing the citizen typed. A page in that language whose outcome is not public yet
  (`outcome_is_published`) is replaced by the page in the default language.
- **GDPR**: erasing the citizen's data deletes the submission, and its address and consent
  with it; what the page published (the anonymous row) stays.
"""

import logging

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from civic_core.urls_absolute import page_url
from forms_ext import conf, mail, readable
from forms_ext.models import CivicSubmission
from forms_ext.naming import clean_name_for

logger = logging.getLogger(__name__)

CONSENT_LABEL = "Уведомете ме, когато справката бъде публикувана"
CONSENT_FIELD_NAMES = (clean_name_for(CONSENT_LABEL), clean_name_for("Notify me when the report is published"))
BATCH = 200
State = CivicSubmission.OutcomeNotice


def consent_field_names(page):
    """The internal names of `page`'s outcome-notice consent checkboxes (not ticked by default)."""
    names = set(CONSENT_FIELD_NAMES) | set(getattr(settings, "FORMS_OUTCOME_NOTICE_FIELDS", ()))
    fields = getattr(page, "civic_form_fields", None)
    if fields is None:
        fields = page.get_form_fields()
    return {
        field.clean_name
        for field in fields
        if field.field_type == "checkbox"
        and field.clean_name in names
        and not str(field.default_value or "").strip()  # any default ticks the box: no consent
    }


def wants_notice(page, answers, contact_email):
    return bool(contact_email) and any(answers.get(name) is True for name in consent_field_names(page))


def record_consent(page, submission):
    """Store the citizen's consent with their submission just accepted (forms_ext.receipts)."""
    if wants_notice(page, submission.form_data, submission.contact_email):
        CivicSubmission.objects.filter(pk=submission.pk).update(notify_on_outcome=True)
        submission.notify_on_outcome = True


def outcome_published(form_page):
    """`form_page`'s outcome is public: queue the notice of every citizen who asked for
    it and has not been told. Returns how many were queued."""
    queued = (
        CivicSubmission.objects.filter(page_id=form_page.pk, notify_on_outcome=True, outcome_notice="")
        .exclude(contact_email="")
        .update(outcome_notice=State.DUE)
    )
    if queued:
        send_outcome_notices.enqueue()
    return queued


@task()
def send_outcome_notices():
    """Send every notice due, each claimed first, so two runs never send one twice."""
    due = list(
        CivicSubmission.objects.filter(outcome_notice=State.DUE).order_by("pk").values_list("pk", flat=True)[:BATCH]
    )
    for pk in due:
        if CivicSubmission.objects.filter(pk=pk, outcome_notice=State.DUE).update(outcome_notice=State.SENDING):
            send_outcome_notice.call(pk)
    if len(due) == BATCH:
        send_outcome_notices.enqueue()


def notice_context(submission):
    """The email's context, in the active language: nothing the citizen typed. The page's
    title in that language; the link to the outcome there when it is public there too,
    else to the outcome in the default language."""
    page = submission.page.specific
    localized = page.localized.specific
    shown = localized if localized.pk == page.pk or getattr(localized, "outcome_is_published", True) else page
    url = page_url(shown)
    fragment = shown.outcome_fragment(submission.pk) if hasattr(shown, "outcome_fragment") else ""
    site = page.get_site()
    return {
        "page": localized,
        "outcome_url": f"{url}#{fragment}" if url and fragment else url,
        "reference": submission.reference,
        "sent_at": readable.short_time(submission.submit_time),
        "site_name": site.site_name if site else "",
    }


@task()
def send_outcome_notice(submission_id, attempt=1):
    """Email one citizen that the outcome is published (see the module's docstring);
    retried like every email forms_ext sends; sent at most once."""
    submission = CivicSubmission.objects.filter(pk=submission_id).select_related("page").first()
    if (
        submission is None  # erased meanwhile
        or not submission.contact_email
        or not submission.notify_on_outcome
        or submission.outcome_notice != State.SENDING
    ):
        return False
    message = mail.to_citizen(submission, "forms_ext/email/outcome_notice", notice_context)
    if not mail.send(message, send_outcome_notice, attempt, submission_id):
        if attempt >= conf.get("FORMS_NOTIFY_MAX_ATTEMPTS"):  # the last try: the officer is told
            CivicSubmission.objects.filter(pk=submission_id, outcome_notice=State.SENDING).update(
                outcome_notice=State.FAILED
            )
        return False
    CivicSubmission.objects.filter(pk=submission_id, outcome_notice=State.SENDING).update(
        outcome_notice=State.SENT, outcome_notified_at=timezone.now()
    )
    return True


# What officers see ---------------------------------------------------------------
NOTICE_HEADING = _("Notice of the report")
NOTIFIED_AT = _("notified on %(time)s")
WAITING = _("asked to be notified")
NOT_SENT = _("not notified: the email could not be sent, write to them yourself")


def notice_status(submission):
    """The officer's word on a submission's notice: "notified on 04.12.2026 21:05" in Sofia
    time; a notice every try of which failed says so (the address is in the submission)."""
    if submission.outcome_notified_at:
        return NOTIFIED_AT % {"time": readable.short_time(submission.outcome_notified_at)}
    if submission.outcome_notice == State.FAILED:
        return str(NOT_SENT)
    if submission.notify_on_outcome:
        return str(WAITING)
    return ""
