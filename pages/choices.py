"""Choices shared by the models, the filters and the API, in a module of their own so
that none of them needs to import another to know them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pages.legal import consultation as rules


class EventKind(models.TextChoices):
    PUBLIC_DISCUSSION = "public_discussion", _("Public discussion")
    ROUND_TABLE = "round_table", _("Round table")
    CONFERENCE = "conference", _("Conference")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other event")


class IndicatorSource(models.TextChoices):
    """Where a project indicator's achieved value comes from (pages.campaign.indicators)."""

    MANUAL = "manual", _("Typed by the officer")
    EVENTS_HELD = "events_held", _("Events held (counted)")
    PARTICIPANTS = "participants", _("Participants in the events held (counted)")
    CONSULTATIONS = "consultations", _("Public consultations opened (counted)")
    SUBMISSIONS = "submissions", _("Citizens' submissions received (counted)")
    RECOMMENDATIONS_IMPLEMENTED = "recommendations_implemented", _("Recommendations implemented (counted)")


# A consultation's status, derived from its dates and its published outcome.
CONSULTATION_STATUSES = {
    rules.UPCOMING: _("Upcoming"),
    rules.OPEN: _("Open for proposals"),
    rules.CLOSED: _("Closed, outcome pending"),
    rules.CONCLUDED: _("Concluded"),
}

# The member states of the European Union, by ISO 3166-1 alpha-2 code.

EU_MEMBER_STATES = [
    ("AT", _("Austria")),
    ("BE", _("Belgium")),
    ("BG", _("Bulgaria")),
    ("HR", _("Croatia")),
    ("CY", _("Cyprus")),
    ("CZ", _("Czechia")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("DE", _("Germany")),
    ("GR", _("Greece")),
    ("HU", _("Hungary")),
    ("IE", _("Ireland")),
    ("IT", _("Italy")),
    ("LV", _("Latvia")),
    ("LT", _("Lithuania")),
    ("LU", _("Luxembourg")),
    ("MT", _("Malta")),
    ("NL", _("Netherlands")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("RO", _("Romania")),
    ("SK", _("Slovakia")),
    ("SI", _("Slovenia")),
    ("ES", _("Spain")),
    ("SE", _("Sweden")),
]
