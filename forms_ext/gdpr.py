"""GDPR duties: retention (purge), and the rights of access and erasure by email.
Every row that holds what a person sent is covered: submissions, submissions held as
suspected spam, registrations and email-alert subscriptions (their files go with them:
forms_ext.signals)."""

import datetime

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from wagtail.models import Page

from forms_ext import registration
from forms_ext.alerts.subscriptions import purge_unconfirmed
from forms_ext.models import CivicSubmission, HeldSubmission, Registration, Subscription
from forms_ext.privacy import normalise_email

# Suspected spam is kept only long enough for an officer to look at it.
HELD_RETENTION = datetime.timedelta(days=30)
# A registration nobody confirmed is deleted, with the submission behind it, a day after it lapsed.
LAPSED_RETENTION = datetime.timedelta(days=1)
ANONYMISED_NAME = "—"
# Sent with `submissions`, [(submission id, page id)], inside the erasure's transaction
# and before the rows go: whatever keeps something of them elsewhere (the pages app's
# outcome reports, pages.proposal_report) forgets the person there too.
submissions_erased = Signal()


def _deleted(queryset):
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


@transaction.atomic
def purge_expired(now=None):
    """Delete submissions older than their form's retention period and anonymise the
    registrations behind them (the attendance count stays); delete registrations nobody
    confirmed, old held spam and unconfirmed alert subscriptions. Idempotent: safe to
    run every day. Returns the counts, by kind."""
    now = now or timezone.now()
    result = {"submissions": 0, "registrations": 0, "held": 0}
    registration.settle_lapsed(now)  # places nobody confirmed, on pages nobody acted on since
    lapsed = Registration.objects.filter(
        status=Registration.Status.EXPIRED, email_confirmed_at__isnull=True, registered_at__lt=now - LAPSED_RETENTION
    )
    result["lapsed_registrations"] = _deleted(
        CivicSubmission.objects.filter(pk__in=lapsed.exclude(submission=None).values("submission"))
    )
    lapsed.delete()
    page_ids = CivicSubmission.objects.values_list("page_id", flat=True).distinct()
    for page in Page.objects.filter(pk__in=page_ids).specific():
        retention_days = getattr(page, "retention_days", None)
        if retention_days is None:
            continue
        cutoff = now - datetime.timedelta(days=retention_days)
        expired = CivicSubmission.objects.filter(page_id=page.pk, submit_time__lt=cutoff)
        result["registrations"] += (
            Registration.objects.filter(submission__in=expired)
            .exclude(name=ANONYMISED_NAME)
            .update(name=ANONYMISED_NAME, email="", submission=None)
        )
        result["submissions"] += _deleted(expired)
    result["held"] = _deleted(HeldSubmission.objects.filter(held_at__lt=now - HELD_RETENTION))
    result["unconfirmed_alerts"] = purge_unconfirmed(now)
    return result


def submissions_of(email):
    return CivicSubmission.objects.filter(contact_email=normalise_email(email)).select_related("page")


def held_of(email):
    return HeldSubmission.objects.filter(contact_email=normalise_email(email)).select_related("page")


def registrations_of(email):
    return Registration.objects.filter(email__iexact=normalise_email(email)).select_related("page")


def export_personal_data(email):
    """Everything stored about one email address, as a JSON-ready dict."""
    return {
        "email": normalise_email(email),
        "submissions": [
            {
                "form": submission.page.title,
                "reference": submission.reference,
                "submitted": submission.submit_time.isoformat(),
                "language": submission.language,
                "answers": submission.form_data,
                "published_comment": submission.comment
                if submission.moderation_status == CivicSubmission.Moderation.APPROVED
                else "",
                "notify_when_outcome_published": submission.notify_on_outcome,
                "notified_of_outcome": submission.outcome_notified_at.isoformat()
                if submission.outcome_notified_at
                else None,
            }
            for submission in submissions_of(email)
        ],
        "held_submissions": [
            {
                "form": held.page.title,
                "received": held.held_at.isoformat(),
                "language": held.language,
                "answers": held.form_data,
                "held_because": str(held.get_reason_display()),
            }
            for held in held_of(email)
        ],
        "registrations": [
            {
                "page": entry.page.title,
                "name": entry.name,
                "status": entry.status,
                "registered": entry.registered_at.isoformat(),
                "attended": entry.attended,
            }
            for entry in registrations_of(email)
        ],
        "email_alerts": [
            {
                "language": subscription.language,
                "alerts_about": subscription.kinds,
                "topics": subscription.topics,
                "subscribed": subscription.created_at.isoformat(),
                "confirmed": subscription.confirmed_at.isoformat() if subscription.confirmed_at else None,
            }
            for subscription in Subscription.objects.filter(email=normalise_email(email))
        ],
    }


@transaction.atomic
def erase_personal_data(email):
    """Erase every submission (held ones too), registration and alert subscription of
    one email address; a freed place goes to the waiting list. The address goes with the
    submissions, and so does the consent to be told of the outcome (forms_ext.
    outcome_notice): a notice still queued finds nothing to send. Returns (submissions,
    registrations) erased."""
    erased_registrations = registration.remove(registrations_of(email))
    erased = list(submissions_of(email).values_list("pk", "page_id"))
    if erased:
        submissions_erased.send(sender=CivicSubmission, submissions=erased)
    erased_submissions = _deleted(submissions_of(email)) + _deleted(held_of(email))
    Subscription.objects.filter(email=normalise_email(email)).delete()
    return erased_submissions, erased_registrations
