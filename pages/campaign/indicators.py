"""The campaign's figures, counted from what the site holds: for the project's indicators
(target and achieved, as the managing authority asks for them), the officers' dashboard
and the project page. Counts are taken on the pages in the default language, so each
event or consultation counts once whatever its translations."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from wagtail.models import Locale

from civic_core import cache
from forms_ext import registration
from forms_ext.models import CivicSubmission, Subscription
from pages.models import ConsultationPage, EventPage, Recommendation


def _events_held():
    return EventPage.objects.live().filter(locale=Locale.get_default(), end__lt=timezone.now(), is_cancelled=False)


def events_held():
    return _events_held().count()


def participants():
    """How many people came to the events held (forms_ext.registration.attendances has the rule)."""

    return sum(
        filter(
            None, registration.attendances(list(_events_held().only("pk", "translation_key", "attendance"))).values()
        )
    )


def consultations():
    return ConsultationPage.objects.live().filter(locale=Locale.get_default(), opens_at__lte=timezone.now()).count()


def submissions():
    return CivicSubmission.objects.count()


def recommendations_by_status():
    """{status: count} over the recommendations of live reports, each counted once."""

    return dict(
        Recommendation.objects.filter(locale=Locale.get_default(), report__live=True)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )


def subscribers():
    """Confirmed email-alert subscriptions, and those still waiting for confirmation."""

    return {
        "confirmed": Subscription.objects.filter(confirmed_at__isnull=False).count(),
        "unconfirmed": Subscription.objects.filter(confirmed_at__isnull=True).count(),
    }


def recommendations_implemented():
    return recommendations_by_status().get("implemented", 0)


COUNTERS = {
    "events_held": events_held,
    "participants": participants,
    "consultations": consultations,
    "submissions": submissions,
    "recommendations_implemented": recommendations_implemented,
}


COUNT_SECONDS = 60


def achieved(indicator):
    """An indicator's achieved value: typed by the officer, or counted by the site. Counted
    ones are kept a minute in the cache (and recounted at once after any publish), so
    public pages showing them stay cheap."""
    counter = COUNTERS.get(indicator.source)
    if counter is None:
        return indicator.achieved_typed
    return cache.memo(f"indicator:{indicator.source}", counter, timeout=COUNT_SECONDS)


@dataclass
class Figure:
    """An indicator with what has been achieved: what the project page and the officers'
    dashboard show."""

    indicator: object
    achieved: int | None

    @property
    def percent(self):
        if self.achieved is None or not self.indicator.target:
            return None
        return round(100 * self.achieved / self.indicator.target)

    @property
    def met(self):
        return self.achieved is not None and self.achieved >= self.indicator.target


def figures(indicators):
    return [Figure(indicator, achieved(indicator)) for indicator in indicators]


def dashboard_figures():
    """What the officers' dashboard shows (pages/wagtail_hooks.py)."""

    now = timezone.now()
    open_consultations = (
        ConsultationPage.objects.live()
        .filter(locale=Locale.get_default(), opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at")
    )
    submitted = dict(
        CivicSubmission.objects.filter(page_id__in=[page.pk for page in open_consultations])
        .values_list("page_id")
        .annotate(n=Count("pk"))
        .values_list("page_id", "n")
    )

    by_status = recommendations_by_status()
    return {
        "events_held": events_held(),
        "participants": participants(),
        "open_consultations": [{"page": page, "submissions": submitted.get(page.pk, 0)} for page in open_consultations],
        "moderation_queue": CivicSubmission.objects.filter(
            moderation_status=CivicSubmission.Moderation.PENDING
        ).count(),
        "recommendations": [(label, by_status.get(key, 0)) for key, label in Recommendation.Status.choices],
        "subscribers": subscribers(),
        "submissions": submissions(),
    }
