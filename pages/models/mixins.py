"""What the content page types share: topics, and what a listing card shows."""
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel


class TopicsMixin(models.Model):
    topics = ParentalManyToManyField(
        "pages.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_("Tick every topic this is about; citizens filter lists by topic."),
    )

    topics_panel = FieldPanel("topics", widget=forms.CheckboxSelectMultiple)

    class Meta:
        abstract = True


class ListingCardMixin:
    """What the one listing card include (includes/listing_card.html) asks of a page.
    A page type overrides only what it has."""

    @property
    def card_badge(self):
        """None, or {"label": …, "style": a Bootstrap colour name} for a status badge."""
        return None

    @property
    def card_facts(self):
        """Short lines under the title: dates, place, country."""
        return []
