"""Events: public discussions, round tables, conferences. Before the event: when, where,
agenda and registration window; after it: attendance, report, recommendations, photos."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from civic_core import cache
from civic_core.urls_absolute import page_url
from forms_ext import registration
from forms_ext.mixins import CivicFormMixin
from forms_ext.models import CivicFormField
from pages.blocks import RICH_TEXT_FEATURES, AgendaBlock, BaseStreamBlock, GalleryBlock, SpeakersBlock
from pages.choices import EventKind
from pages.formats import ical, jsonld
from pages.listings.filters import EventFilterSet
from pages.listings.pagination import for_cards, paginate
from pages.models.base import BasePage, IndexPage
from pages.models.mixins import ListingCardMixin, TopicsMixin

UPCOMING_SHOWN = 24

NO_REGISTRATION_WINDOW = _(
    "The registration form is not shown on the page: the event has no registration window. Fill in "
    "„Registration opens“ on the „Registration“ tab, or remove the form fields if people do not register online."
)
CAPACITY_WITHOUT_FORM = _(
    "The event has a capacity but no registration form, so nobody can register online. Add the form's "
    "fields on the „Registration“ tab, or leave the capacity empty."
)


class EventIndexPage(IndexPage):
    subpage_types = ["pages.EventPage"]
    filterset_class = EventFilterSet

    class Meta:
        verbose_name = _("events index")

    def listed_pages(self):
        # A card shows none of the stream fields (description, agenda, speakers, gallery).
        return EventPage.objects.publicly_listed().child_of(self).defer_streamfields()

    def listing(self, request, events, filterset=None):
        """The next few upcoming events (a busy season must not make the page huge; the
        rest are a filter or the calendar feed away) and the archive, paged. Both are
        counted in one query, kept for a while; the lists read only what they show
        (indexes on start and end)."""
        now = timezone.now()
        totals = self._totals(events, now, filtered=bool(filterset and filterset.is_filtering))
        # Both lists are shown only as cards, most of them kept: only what finds a kept card
        # is read, the rest for the cards that are built (pages.listings.pagination).
        shown = for_cards(events)
        return {
            "upcoming_events": list(shown.filter(end__gte=now).order_by("start")[:UPCOMING_SHOWN]),
            "upcoming_total": totals["upcoming"],
            "past_events": paginate(request, shown.filter(end__lt=now).order_by("-start"), count=totals["past"]),
        }

    def _totals(self, events, now, filtered):
        """How many events are upcoming and past. The unfiltered counts are kept until
        content changes or the soonest upcoming event ends, whichever comes first (they
        would otherwise count every event of the index on each visit)."""

        def count():
            totals = events.aggregate(
                upcoming=Count("pk", filter=Q(end__gte=now)),
                past=Count("pk", filter=Q(end__lt=now)),
                next_end=Min("end", filter=Q(end__gte=now)),
            )
            return {**totals, "counted_at": now}

        def still_valid(totals):
            # Nothing moves from upcoming to past between the count and the soonest end.
            return totals["counted_at"] <= now and (totals["next_end"] is None or now <= totals["next_end"])

        if filtered:
            return count()
        return cache.memo(f"event-index-totals:{self.pk}", count, still_valid=still_valid)


class EventPage(CivicFormMixin, TopicsMixin, ListingCardMixin, BasePage):
    """Registration is the form officers build on the "Registration" tab: each accepted
    submission takes a place, or a place on the waiting list once `capacity` is reached."""

    Kind = EventKind

    kind = models.CharField(_("type of event"), max_length=30, choices=Kind.choices, default=Kind.PUBLIC_DISCUSSION)
    summary = models.TextField(
        _("summary"),
        help_text=_("Two or three sentences: what the event is about and who should come. Shown in lists."),
    )
    start = models.DateTimeField(_("starts at"), help_text=_("Date and time in Sofia time."))
    end = models.DateTimeField(_("ends at"), help_text=_("Date and time in Sofia time; must be after the start."))
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Tick if the event will not take place; the page stays online with a notice."),
    )
    venue_name = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Зала „Сливен“ на Община Сливен. Leave empty for an online-only event."),
    )
    venue_address = models.CharField(_("venue address"), max_length=255, blank=True)
    map_url = models.URLField(_("map link"), blank=True, help_text=_("Optional. A link to the venue on a map."))
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Optional. Where to join online (video meeting or live stream).")
    )
    organiser = models.ForeignKey(
        "pages.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organisation that runs the event."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("How many people can attend. Leave empty for no limit.")
    )
    registration_opens = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Leave empty if people do not register online."),
    )
    registration_closes = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take registrations until the event starts."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("description"), blank=True)
    agenda = StreamField(
        AgendaBlock(),
        verbose_name=_("agenda"),
        blank=True,
        help_text=_("One item per point of the programme, in order."),
    )
    speakers = StreamField(SpeakersBlock(), verbose_name=_("speakers"), blank=True)

    # After the event
    attendance = models.PositiveIntegerField(
        _("attendance"),
        null=True,
        blank=True,
        help_text=_("How many people came. Type it for events without online registration."),
    )
    report = RichTextField(
        _("report"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What was discussed and concluded, for those who could not come."),
    )
    recommendations = RichTextField(
        _("recommendations"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("The recommendations the participants made, if any."),
    )
    signed_sign_in_sheet = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("signed sign-in sheet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The scan of the sign-in sheet the participants signed, kept as evidence. It is never shown on the "
            "page: only those who may see the event's registrations can download it."
        ),
    )
    gallery = StreamField(
        GalleryBlock(),
        verbose_name=_("photo gallery"),
        blank=True,
        help_text=_("Photos from the event, each with a text alternative."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        FieldPanel("is_cancelled"),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("map_url"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        FieldPanel("organiser"),
        TopicsMixin.topics_panel,
        FieldPanel("body"),
        FieldPanel("agenda"),
        FieldPanel("speakers"),
    ]
    registration_panels = [
        FieldPanel("capacity"),
        FieldRowPanel(
            [FieldPanel("registration_opens"), FieldPanel("registration_closes")], heading=_("Registration window")
        ),
    ]
    outcome_panels = [
        FieldPanel("attendance"),
        FieldPanel("report"),
        FieldPanel("recommendations"),
        FieldPanel("signed_sign_in_sheet"),
        InlinePanel("documents", label=_("Document")),
        FieldPanel("gallery"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(
                registration_panels + CivicFormMixin.form_panels + CivicFormMixin.privacy_panels,
                heading=_("Registration"),
            ),
            ObjectList(outcome_panels, heading=_("After the event")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    # The organiser is a translatable snippet: the English page points at its English row.
    override_translatable_fields = [
        *CivicFormMixin.override_translatable_fields,
        SynchronizedField("organiser", overridable=False),
        # One scan for the event, in every language.
        SynchronizedField("signed_sign_in_sheet", overridable=False),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("report"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("kind"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("is_cancelled"),
        APIField("venue_name"),
        APIField("venue_address"),
        APIField("map_url"),
        APIField("online_url"),
        APIField("organiser"),
        APIField("topics"),
        APIField("capacity"),
        APIField("registration_opens"),
        APIField("registration_closes"),
        APIField("body"),
        APIField("agenda"),
        APIField("speakers"),
        APIField("attendance_total"),
        APIField("report"),
        APIField("recommendations"),
        APIField("documents"),
    ]
    parent_page_types = ["pages.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # The events index lists the next upcoming and the latest past events; with these
        # the database reads the few it shows instead of sorting all of them.
        indexes = [
            models.Index(fields=["start"], name="pages_event_start_idx"),
            models.Index(fields=["end"], name="pages_event_end_idx"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors["registration_closes"] = _("Registration must close before the event ends.")
        if errors:
            raise ValidationError(errors)

    def editor_warnings(self):
        warnings = super().editor_warnings()
        if list(self.form_fields.all()) and self.registration_opens is None and not self.is_cancelled:
            warnings.insert(0, NO_REGISTRATION_WINDOW)
        elif self.capacity and not list(self.form_fields.all()):
            warnings.insert(0, CAPACITY_WITHOUT_FORM)
        return warnings

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def registration_is_open(self):
        """True while citizens can register online: the window has opened (an event
        without one takes no online registration), has not closed (by default, at the
        start) and the event is not cancelled. Capacity is the registration form's concern."""
        if self.registration_opens is None or self.is_cancelled:
            return False
        now = timezone.now()
        return self.registration_opens <= now < (self.registration_closes or self.start)

    def form_opens_or_closes_at(self):
        if self.registration_opens is None or self.is_cancelled:
            return None
        now = timezone.now()
        moments = (self.registration_opens, self.registration_closes or self.start)
        return min((moment for moment in moments if moment and moment > now), default=None)

    @property
    def registration_opens_later(self):
        return bool(self.registration_opens and not self.is_cancelled and self.registration_opens > timezone.now())

    @property
    def attendance_total(self):
        """How many people came (forms_ext.registration.attendances has the rule)."""
        return registration.attendance(self)

    @cached_property
    def registration_counts(self):
        """Places taken, held, free, the waiting list, attended (forms_ext.registration.counts)."""
        return registration.counts(self.submissions_page)

    @property
    def places_left(self):
        """Free places, held ones and those the confirmed waiting list will take counted out."""
        return self.registration_counts["places_left"]

    @property
    def place(self):
        if not self.venue_name:
            return None
        return {"name": self.venue_name, "address": self.venue_address, "map_url": self.map_url}

    @property
    def location_text(self):
        return ", ".join(part for part in (self.venue_name, self.venue_address) if part) or self.online_url

    @property
    def card_badge(self):
        if self.is_cancelled:
            return {"label": _("Cancelled event"), "style": "danger"}
        if self.is_past:
            return {"label": _("Past event"), "style": "secondary"}
        return {"label": _("Upcoming event"), "style": "success"}

    @property
    def card_facts(self):
        facts = [self.get_kind_display(), date_format(localtime(self.start), "DATETIME_FORMAT")]
        if self.location_text:
            facts.append(self.location_text)
        return facts

    # Calendar and structured data
    def calendar_component(self, request=None):
        return ical.event_component(
            uid=f"event-{self.translation_key}@wagtail-civic",
            title=self.title,
            start=self.start,
            end=self.end,
            url=page_url(self, request),
            language=self.locale.language_code,
            description=self.summary,
            location=self.location_text,
            cancelled=self.is_cancelled,
        )

    def registration_details(self):
        """When and where, for the registration emails (forms_ext), in Sofia time."""
        start, end = localtime(self.start), localtime(self.end)
        when = date_format(start, "DATETIME_FORMAT")
        when += "–" + (
            date_format(end, "TIME_FORMAT") if end.date() == start.date() else date_format(end, "DATETIME_FORMAT")
        )
        details = [(_("When"), when)]
        if self.location_text:
            details.append((_("Where"), self.location_text))
        return details

    def ics_bytes(self, request=None):
        """This event as an iCalendar file (RFC 5545), in the page's language."""
        calendar = ical.new_calendar(self.title)
        return ical.calendar_bytes(calendar, [self.calendar_component(request)])

    def jsonld(self, request=None):
        return jsonld.script_json(jsonld.event_page_data(self, request))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["event_documents"] = self.documents.select_related("document")
        context["event_jsonld"] = self.jsonld(request)
        return context


class EventFormField(CivicFormField):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="form_fields")


class EventDocument(Orderable):
    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation or programme")
        PRESENTATION = "presentation", _("Presentation")
        MINUTES = "minutes", _("Minutes")
        REPORT = "report", _("Report")
        RECOMMENDATIONS = "recommendations", _("Recommendations")
        OTHER = "other", _("Other document")

    page = ParentalKey(EventPage, related_name="documents", on_delete=models.CASCADE)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.REPORT)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Leave empty to use the document's own title.")
    )

    panels = [FieldPanel("kind"), FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("kind"), APIField("document"), APIField("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("event document")
