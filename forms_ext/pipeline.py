"""The one submission pipeline every civic form page goes through:

    open? → validate → spam checks → duplicate? → store (one transaction, with the
    notification tasks queued in it) → thank-you page

Whatever a citizen sends, the answer is a page in their language with a clear
message; nothing is stored unless the whole submission is accepted, and suspected
spam is held aside for review instead of being dropped."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from forms_ext import registration, spam, tasks
from forms_ext.fields import store_upload
from forms_ext.models import CivicSubmission, HeldSubmission
from forms_ext.privacy import client_ip, hash_ip, normalise_email
from forms_ext.signals import registrations_changed

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


def handle_submission(page, request):
    """Process a POST to `page` (a CivicFormMixin page) and return the response."""
    if not page.form_is_open:
        return page.render_form(request, None, notice=CLOSED_MESSAGE, status=409)

    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if not form.is_valid():
        return page.render_form(request, form)

    ip_hash = hash_ip(client_ip(request))
    language = page.locale.language_code
    answers = _answers(form)

    if spam.sent_too_fast(form):
        form = page.get_form(request.POST, page=page, user=request.user)
        form.add_error(None, TOO_FAST_MESSAGE)
        _refresh_token(form)
        return page.render_form(request, form, status=400)
    reason = _spam_reason(page, form, ip_hash)
    if reason:
        HeldSubmission.objects.create(
            page=page.submissions_page, form_data=answers, language=language, reason=reason, ip_hash=ip_hash
        )
        status = 429 if reason == HeldSubmission.Reason.RATE_LIMIT else 200
        return page.render_form(request, None, notice=HELD_MESSAGES[reason], status=status)

    fingerprint = spam.fingerprint(page.submissions_page.pk, answers, ip_hash)
    if CivicSubmission.objects.filter(page=page.submissions_page, fingerprint=fingerprint).exists():
        return page.render_form(request, None, notice=DUPLICATE_MESSAGE)

    submission = store(page, form, answers, language, ip_hash, fingerprint)
    if page.takes_registrations:
        registrations_changed.send(sender=type(page), request=request, page=page.submissions_page)
    return page.render_landing_page(request, submission)


def _spam_reason(page, form, ip_hash):
    if spam.honeypot_filled(form):
        return HeldSubmission.Reason.HONEYPOT
    if spam.rate_limited(page.submissions_page.pk, ip_hash):
        return HeldSubmission.Reason.RATE_LIMIT
    return None


def _answers(form):
    """The citizen's answers, without the spam-defence fields and uploaded files."""
    skip = {spam.HONEYPOT_FIELD, spam.TOKEN_FIELD, *_file_fields(form)}
    return {name: value for name, value in form.cleaned_data.items() if name not in skip}


def _file_fields(form):
    return [name for name, value in form.cleaned_data.items() if hasattr(value, "detected_extension")]


def _fields_of_type(page, field_type):
    return [field.clean_name for field in page.civic_form_fields if field.field_type == field_type]


def _first_answer(page, answers, field_type):
    names = _fields_of_type(page, field_type)
    return str(answers.get(names[0]) or "") if names else ""


def _refresh_token(form):
    data = form.data.copy()
    data[spam.TOKEN_FIELD] = spam.issue_token()
    form.data = data


@transaction.atomic(savepoint=False)
def store(page, form, answers, language, ip_hash, fingerprint):
    """Store an accepted submission and queue its notifications, all or nothing: the
    queued tasks are rows in the same transaction (django-tasks database backend).
    Inside a request's transaction no savepoint is needed: a failure here fails, and
    undoes, the whole request."""
    files = {name: store_upload(form.cleaned_data[name]) for name in _file_fields(form)}
    comment = _first_answer(page, answers, "comment") if page.publish_comments else ""
    submission = CivicSubmission.objects.create(
        page=page.submissions_page,
        form_data={**answers, **files},
        files=files,
        language=language,
        contact_email=normalise_email(_first_answer(page, answers, "email")),
        ip_hash=ip_hash,
        fingerprint=fingerprint,
        comment=comment,
        display_name=_first_answer(page, answers, "display_name")[:80],
        moderation_status=CivicSubmission.Moderation.PENDING if comment else CivicSubmission.Moderation.PRIVATE,
    )
    if page.submissions_page.recipients:  # who is told: the default-language page says (tasks.notify_staff)
        tasks.notify_staff.enqueue(submission.pk)
    if page.takes_registrations:
        registration.register(
            page.submissions_page,
            name=_first_answer(page, answers, "name") or submission.contact_email,
            email=submission.contact_email,
            language=language,
            submission=submission,
        )
    return submission
