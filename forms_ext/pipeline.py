"""The one submission pipeline every civic form page goes through:

    open? → validate → too fast? → spam checks (held aside) → token spent? → accept:
    store (with the registration, if the page takes them, and the notification task, in
    one savepoint) → thank-you page

Whatever a citizen sends, the answer is a page in their language with a clear message;
nothing is stored unless the whole submission is accepted, and suspected spam is held
aside, with everything that was sent, for an officer to review and release. A released
submission goes through `accept` like any other.

Duplicates: the same answers from the same client to the same form are stored once, for
as long as the first is kept (its form's retention period); a unique constraint on the
form and the fingerprint makes that hold for requests that arrive together."""

import hashlib
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from civic_core import clientip
from forms_ext import receipts, registration, spam, tasks
from forms_ext.fields import private_storage
from forms_ext.models import CivicSubmission, HeldSubmission
from forms_ext.privacy import normalise_email

CLOSED_MESSAGE = _("This form is not accepting submissions at the moment. Nothing was saved.")
HELD_MESSAGES = {
    HeldSubmission.Reason.HONEYPOT: _(
        "Your submission looks automated, so it has been kept aside for an officer to review. "
        "It is not published and nothing else was saved."
    ),
    HeldSubmission.Reason.RATE_LIMIT: _(
        "We have received many submissions from your connection in a short time. Yours has been kept "
        "aside for an officer to review; please try again later."
    ),
}
TOO_FAST_MESSAGE = _("The form was sent very quickly after it was opened. Please check your answers and send it again.")
DUPLICATE_MESSAGE = _("We already have exactly this submission from you, so it was not saved twice.")
ALREADY_REGISTERED_MESSAGES = {
    registration.Status.PENDING: _(
        "This email address is already registered for this event: confirm the registration with the link we "
        "emailed to it. Nothing new was saved."
    ),
    registration.Status.CONFIRMED: _(
        "This email address already has a confirmed place at this event. Nothing new was saved."
    ),
    registration.Status.WAITING: _(
        "This email address is already on the waiting list of this event. Nothing new was saved."
    ),
}


class Duplicate(Exception):
    pass


@dataclass
class Received:
    """What a citizen sent, ready to be stored or held: the answers without the spam
    defence fields, the uploads (not yet saved), and who and where from."""

    answers: dict
    uploads: dict = field(default_factory=dict)  # {field name: uploaded file}
    files: dict = field(default_factory=dict)  # {field name: stored private name}
    language: str = ""
    ip_hash: str = ""

    def file_digests(self):
        """{field name: SHA-256 of the file}: what a duplicate must also share. A file
        already stored (a held submission released) counts by its stored name, which no
        other submission has."""
        digests = {name: f"stored:{stored}" for name, stored in self.files.items()}
        for name, upload in self.uploads.items():
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            digests[name] = digest.hexdigest()
        return digests

    def save_uploads(self):
        """Store the uploads privately under random names (once)."""
        for name, upload in self.uploads.items():
            self.files[name] = private_storage().save(f"{uuid.uuid4().hex}.{upload.detected_extension}", upload)
        self.uploads = {}
        return self.files


def handle_submission(page, request):
    """Process a POST to `page` (a CivicFormMixin page) and return the response."""
    if not page.form_is_open:
        return page.render_form(request, None, notice=CLOSED_MESSAGE, status=409)

    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if not form.is_valid():
        return page.render_form(request, spam.refresh_token(form))

    if spam.sent_too_fast(form):
        form = page.get_form(request.POST, page=page, user=request.user)
        form.add_error(None, TOO_FAST_MESSAGE)
        return page.render_form(request, spam.refresh_token(form), status=400)

    received = received_from(page, form, request)
    token = form.cleaned_data[spam.TOKEN_FIELD]
    reason, fresh = _spam_reason(page, form, received.ip_hash, token)
    if not fresh:
        form.add_error(None, spam.SPENT_MESSAGE)
        return page.render_form(request, spam.refresh_token(form), status=400)
    if reason:
        hold(page, received, reason)
        status = 429 if reason == HeldSubmission.Reason.RATE_LIMIT else 200
        return page.render_form(request, None, notice=HELD_MESSAGES[reason], status=status)
    try:
        submission = accept(page, received)
    except Duplicate:
        spam.unspend_token(token)
        return page.render_form(request, None, notice=DUPLICATE_MESSAGE)
    except registration.AlreadyRegistered as already:
        spam.unspend_token(token)
        return page.render_form(request, None, notice=ALREADY_REGISTERED_MESSAGES[already.entry.status])
    return page.render_landing_page(request, submission)


def received_from(page, form, request):
    uploads = {name: value for name, value in form.cleaned_data.items() if hasattr(value, "detected_extension")}
    skip = {spam.HONEYPOT_FIELD, spam.TOKEN_FIELD, *uploads}
    # An optional question left unanswered is not an answer: nothing is stored for it.
    answers = {
        name: value for name, value in form.cleaned_data.items() if name not in skip and value not in ("", None, [])
    }
    return Received(
        answers=answers, uploads=uploads, language=page.locale.language_code, ip_hash=clientip.hashed_client(request)
    )


def _spam_reason(page, form, ip_hash, token):
    """(why the submission is held, or None; whether its token was fresh): the client's
    submissions are counted (a filled honeypot's are not) and the token spent at once."""
    honeypot = spam.honeypot_filled(form)
    over_limit, fresh = spam.count_and_spend(page.submissions_page.pk, ip_hash, token, count=not honeypot)
    if honeypot:
        return HeldSubmission.Reason.HONEYPOT, fresh
    return (HeldSubmission.Reason.RATE_LIMIT if over_limit else None), fresh


def _first_answer(page, answers, field_type):
    names = [field.clean_name for field in page.civic_form_fields if field.field_type == field_type]
    return str(answers.get(names[0]) or "") if names else ""


def hold(page, received, reason):
    """Keep a suspected spam submission aside, everything included. A client keeps one
    held submission per form and rate-limit window; later ones only add to its count, so
    a flood cannot fill the disk or bury the review queue."""
    form_page = page.submissions_page
    already = spam.held_in_window(form_page.pk, received.ip_hash)
    if already is not None and HeldSubmission.objects.filter(pk=already).exists():
        HeldSubmission.objects.filter(pk=already).update(attempts=F("attempts") + 1)
        return None
    files = received.save_uploads()
    held = HeldSubmission.objects.create(
        page=form_page,
        form_data={**received.answers, **files},
        files=files,
        language=received.language,
        contact_email=normalise_email(_first_answer(page, received.answers, "email")),
        reason=reason,
        ip_hash=received.ip_hash,
    )
    spam.held_in_window(form_page.pk, received.ip_hash, held.pk)
    return held


def accept(page, received):
    """Store an accepted submission with everything it causes: its reference (forms_ext.
    receipts), the registration (when the page takes them), the comment in the moderation
    queue, the officers' notification, the citizen's receipt by email.
    Raises Duplicate or registration.AlreadyRegistered, and then stores nothing."""
    form_page = page.submissions_page
    answers = received.answers
    comment = _first_answer(page, answers, "comment") if page.publish_comments else ""
    # The same answers with another file are another submission, not a duplicate.
    digests = received.file_digests()
    fingerprint = spam.fingerprint(
        form_page.pk, {**answers, "files": digests} if digests else answers, received.ip_hash
    )
    contact_email = normalise_email(_first_answer(page, answers, "email"))
    # Upload names are chosen before the row is written, the files saved after it.
    refused = None
    with transaction.atomic(savepoint=False):  # the request's transaction, or one of its own
        # A duplicate rolls the counter back with the row: no number lost. The savepoint
        # is made with the counter's step and ends with the transaction (each on its own
        # would cost a round trip of its own).
        try:
            reference = receipts.issue(form_page, savepoint=True)
            submission = CivicSubmission.objects.create(
                page=form_page,
                form_data=answers,
                language=received.language,
                contact_email=contact_email,
                ip_hash=received.ip_hash,
                fingerprint=fingerprint,
                reference=reference,
                receipt_due=receipts.emails_receipt(page, contact_email, reference),
                comment=comment,
                display_name=_first_answer(page, answers, "display_name")[:80],
                moderation_status=CivicSubmission.Moderation.PENDING if comment else CivicSubmission.Moderation.PRIVATE,
            )
            if page.takes_registrations:
                registration.register(
                    form_page,
                    name=_first_answer(page, answers, "name") or contact_email,
                    email=contact_email,
                    language=received.language,
                    submission=submission,
                )
        except (IntegrityError, registration.AlreadyRegistered) as error:
            # Back to the savepoint, known to be good: Django's docs allow the flag cleared.
            transaction.set_rollback(False)
            receipts.roll_back()
            refused = error  # raised below: through the atomic block it would spoil the answer
    if isinstance(refused, IntegrityError):
        if (
            "submission_page_fingerprint" in str(refused)
            or CivicSubmission.objects.filter(page=form_page, fingerprint=fingerprint).exists()
        ):
            raise Duplicate from refused
        raise refused
    if refused is not None:
        raise refused
    files = received.save_uploads()
    if files:
        submission.files = files
        submission.form_data = {**answers, **files}
        submission.save(update_fields=["files", "form_data"])
    if form_page.recipients:  # who is told: the default-language page says (tasks.notify_staff)
        tasks.notify_staff.enqueue(submission.pk)
    receipts.send_after_accepting(page, submission)
    return submission


@transaction.atomic
def release(held):
    """An officer found a held submission genuine: it goes through `accept` as if it had
    just been sent (registration, moderation queue, notification), with its files."""
    page = held.page.specific
    answers = {name: value for name, value in held.form_data.items() if name not in held.files}
    received = Received(answers=answers, files=dict(held.files), language=held.language, ip_hash=held.ip_hash)
    submission = accept(page, received)
    HeldSubmission.objects.filter(pk=held.pk).update(files={})  # the files are the submission's now
    HeldSubmission.objects.filter(pk=held.pk).delete()
    return submission
