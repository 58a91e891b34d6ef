"""Storing and confirming a citizen's choice of alerts."""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from forms_ext.models import Subscription
from forms_ext.privacy import normalise_email

UNCONFIRMED_DAYS = 7


def _new_token():
    return secrets.token_urlsafe(32)


@transaction.atomic
def request(email, language, kinds, topics):
    """Record what an address asked for; returns (subscription, token to confirm). A new or
    unconfirmed subscription takes the choices at once (nothing is sent to it before its
    confirmation); a confirmed one keeps its current choices, and the new ones wait for
    the confirmation of the link sent with their own token."""
    email = normalise_email(email)
    kinds, topics = sorted(kinds), sorted(topics)
    subscription = Subscription.objects.select_for_update().filter(email=email, language=language).first()
    if subscription is None:
        subscription = Subscription.objects.create(
            email=email, language=language, kinds=kinds, topics=topics, token=_new_token()
        )
        return subscription, subscription.token
    if subscription.confirmed_at is None:
        subscription.kinds, subscription.topics = kinds, topics
        subscription.save(update_fields=["kinds", "topics"])
        return subscription, subscription.token
    subscription.pending_kinds, subscription.pending_topics = kinds, topics
    subscription.pending_token = _new_token()
    subscription.save(update_fields=["pending_kinds", "pending_topics", "pending_token"])
    return subscription, subscription.pending_token


def find(token):
    """(subscription, is a change of choices) for a confirmation link, or (None, False)."""
    if not token:
        return None, False
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is not None:
        return subscription, False
    subscription = Subscription.objects.filter(pending_token=token).first()
    return subscription, subscription is not None


@transaction.atomic
def confirm(subscription, change=False):
    """Start the alerts, or apply the new choices of a confirmed subscription."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if change and subscription.pending_token:
        subscription.kinds, subscription.topics = subscription.pending_kinds, subscription.pending_topics
        subscription.pending_kinds = subscription.pending_topics = subscription.pending_token = None
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
    subscription.save()
    return subscription


def purge_unconfirmed(now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=UNCONFIRMED_DAYS)
    return Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[0]
