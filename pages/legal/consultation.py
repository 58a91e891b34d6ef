"""The rules of a public consultation under the Law on Normative Acts (ЗНА), art. 26.

Art. 26(4): citizens get at least 30 days for proposals; in exceptional cases, stated
with reasons, at least 14. The period is counted in calendar days in Sofia, so a
consultation opened on 1 March at 09:00 and closed on 31 March at 17:00 has 30 days.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

SOFIA = ZoneInfo("Europe/Sofia")
STANDARD_PERIOD_DAYS = 30
SHORTEST_PERIOD_DAYS = 14

UPCOMING, OPEN, CLOSED, CONCLUDED = "upcoming", "open", "closed", "concluded"


def period_days(opens_at: datetime.datetime, closes_at: datetime.datetime) -> int:
    """Calendar days between opening and closing, as dated in Sofia."""
    return (closes_at.astimezone(SOFIA).date() - opens_at.astimezone(SOFIA).date()).days


def period_errors(opens_at, closes_at, shorter_period_reasons="") -> dict:
    """What is wrong with the proposal period, by field name; empty when it is lawful."""
    if not (opens_at and closes_at):
        return {}
    if closes_at <= opens_at:
        return {"closes_at": _("The consultation must close after it opens.")}
    days = period_days(opens_at, closes_at)
    if days < SHORTEST_PERIOD_DAYS:
        return {
            "closes_at": _(
                "The period for proposals is %(days)d days. The Law on Normative Acts (art. 26, para. 4) "
                "requires at least 30 days, or at least 14 days in exceptional cases with the reasons stated."
            )
            % {"days": days}
        }
    if days < STANDARD_PERIOD_DAYS and not (shorter_period_reasons or "").strip():
        return {
            "shorter_period_reasons": _(
                "The period for proposals is %(days)d days, shorter than the 30 days the Law on Normative Acts "
                "(art. 26, para. 4) sets. State the exceptional reasons for the shorter period, or close it later."
            )
            % {"days": days}
        }
    return {}


def consultation_status(opens_at, closes_at, outcome_published: bool, now: datetime.datetime) -> str:
    """upcoming before it opens, open until it closes, then closed until the outcome
    (the art. 26(5) report) is published, and concluded after that."""
    if now < opens_at:
        return UPCOMING
    if now < closes_at:
        return OPEN
    return CONCLUDED if outcome_published else CLOSED


def days_left(closes_at, now: datetime.datetime) -> int:
    """Whole days until closing, counted in Sofia's calendar: 0 on the closing day."""
    return max(0, (closes_at.astimezone(SOFIA).date() - now.astimezone(SOFIA).date()).days)


def publishing_refusal(title, opens_at, closes_at, shorter_period_reasons="") -> str:
    """Why a consultation may not be published, in one sentence for the officer who tried
    (the editor's form says it field by field); empty when its period is lawful. Every way
    to publish holds it: the editor, the page listing's bulk "Publish" and a workflow's
    approval (pages.wagtail_hooks)."""
    errors = period_errors(opens_at, closes_at, shorter_period_reasons)
    if not errors:
        return ""
    return _("The consultation „%(title)s“ was not published. %(reasons)s") % {
        "title": title,
        "reasons": " ".join(str(message) for message in errors.values()),
    }
