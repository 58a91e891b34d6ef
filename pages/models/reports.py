"""Analytical reports and the recommendations tracker: every recommendation of the reports,
followed in public until it is implemented or rejected with reasons.

A recommendation is a translatable snippet (officers update its status whenever the
addressee acts, without republishing the report): its status, deadline, progress and
report are the same in every language, its text, responsible unit, reasons and dated
updates are translated. Citizens' civic-monitoring reports are linked to the Bulgarian
recommendation by an officer and counted on every translation of it."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from rest_framework.fields import ReadOnlyField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from civic_core.locales import active_locale, default_locale
from forms_ext.models import CivicSubmission
from pages.blocks import AttachmentsBlock, BaseStreamBlock
from pages.listings import visibility
from pages.listings.filters import ANY

from .base import BasePage, IndexPage
from .feedback import CivicMonitoringPage
from .mixins import DatedPageMixin, ListingCardMixin, TopicsMixin


class Status(models.TextChoices):
    # "recommendation" context: Bulgarian agrees the words with „препоръка“ (feminine).
    PROPOSED = "proposed", pgettext_lazy("recommendation", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("recommendation", "Accepted")
    IN_PROGRESS = "in_progress", pgettext_lazy("recommendation", "In progress")
    IMPLEMENTED = "implemented", pgettext_lazy("recommendation", "Implemented")
    REJECTED = "rejected", pgettext_lazy("recommendation", "Rejected")


OPEN_STATUSES = {Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS}


class MonitoringReportChoiceField(forms.ModelMultipleChoiceField):
    """A citizen's monitoring report as the officer recognises it: its number, date and
    the beginning of the longest answer (what happened)."""

    def label_from_instance(self, submission):
        answers = [str(value) for value in (submission.form_data or {}).values() if isinstance(value, str)]
        excerpt = Truncator(max(answers, key=len, default="")).chars(90)
        return f"№ {submission.pk}, {timezone.localtime(submission.submit_time):%d.%m.%Y}: {excerpt}"


class RecommendationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "monitoring_reports" in self.fields:
            field = self.fields["monitoring_reports"]
            self.fields["monitoring_reports"] = MonitoringReportChoiceField(
                queryset=CivicSubmission.objects.filter(
                    page__content_type__app_label="pages",
                    page__content_type__model="civicmonitoringpage",
                ).order_by("-submit_time"),
                required=False,
                label=field.label,
                help_text=field.help_text,
                widget=forms.CheckboxSelectMultiple,
            )
        if "report" in self.fields:
            self.fields["report"].queryset = ReportPage.objects.filter(locale=default_locale())


SYNCHRONISED = ["report", "number", "status", "deadline", "progress"]


class Recommendation(TranslatableMixin, index.Indexed, ClusterableModel):
    Status = Status

    report = models.ForeignKey(
        "pages.ReportPage",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="tracked_recommendations",
        help_text=_("The analytical report that makes the recommendation (its Bulgarian page)."),
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1, help_text=_("Its number in the report."))
    text = models.TextField(
        _("recommendation"),
        help_text=_("The recommendation as the report words it: what should be done, and by whom."),
    )
    responsible_unit = models.CharField(
        _("responsible unit"),
        max_length=255,
        help_text=_("Who must act on it, e.g. Община Сливен, дирекция „Човешки ресурси“."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    status_reason = models.TextField(
        _("reasons"),
        blank=True,
        help_text=_("Required when the recommendation is rejected: why. Optional otherwise, e.g. what was decided."),
    )
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("Optional. When it should be done by.")
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("How much of it is done, from 0 to 100. Implemented recommendations count as 100."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)  # open data's "modified"
    monitoring_reports = models.ManyToManyField(
        "forms_ext.CivicSubmission",
        verbose_name=_("citizens' monitoring reports"),
        blank=True,
        related_name="recommendations",
        help_text=_(
            "Reports sent through the civic monitoring form that concern this recommendation. "
            "Only their number is public."
        ),
    )

    panels = [
        PageChooserPanel("report", "pages.ReportPage"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("deadline")]),
        FieldPanel("text"),
        FieldPanel("responsible_unit"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]), FieldPanel("status_reason")],
            heading=_("Where it stands"),
        ),
        InlinePanel(
            "updates",
            heading=_("Updates"),
            label=_("Update"),
            help_text=_("Dated news of what has been done, with evidence; newest shown first."),
        ),
        FieldPanel("monitoring_reports"),
    ]
    base_form_class = RecommendationForm
    override_translatable_fields = [SynchronizedField(name) for name in SYNCHRONISED]
    search_fields = [
        index.SearchField("text"),
        index.SearchField("responsible_unit"),
        index.AutocompleteField("text"),
        index.FilterField("status"),
        index.FilterField("locale_id"),
        index.FilterField("report_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["report__date", "report_id", "number"]

    def __str__(self):
        return f"{self.number}. {Truncator(self.text).chars(80)}"

    def clean(self):
        super().clean()
        if self.status == Status.REJECTED and not self.status_reason.strip():
            raise ValidationError(
                {"status_reason": _("Say why the recommendation was rejected: citizens see the reasons.")}
            )

    def save(self, *args, **kwargs):
        if self.status == Status.IMPLEMENTED:
            self.progress = 100
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self):
        return bool(self.deadline and self.is_open and self.deadline < timezone.localdate())

    @property
    def shows_progress(self):
        return self.status != Status.REJECTED

    @property
    def style(self):
        return {
            Status.IMPLEMENTED: "success",
            Status.REJECTED: "secondary",
            Status.IN_PROGRESS: "primary",
            Status.ACCEPTED: "info",
        }.get(self.status, "light")


class RecommendationUpdate(TranslatableMixin, Orderable):
    """What was done about a recommendation, when, and the evidence for it."""

    recommendation = ParentalKey(Recommendation, related_name="updates", on_delete=models.CASCADE)
    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("When it happened (not when you write it down).")
    )
    text = models.TextField(
        _("what was done"),
        help_text=_(
            "One or two sentences a citizen understands: the decision, the step taken or what is still missing."
        ),
    )
    evidence_url = models.URLField(
        _("evidence link"), blank=True, help_text=_("Optional. E.g. the council's decision or the published order.")
    )
    evidence_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("evidence document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("date"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("evidence_url"), FieldPanel("evidence_document")]),
    ]
    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("evidence_url"),
        SynchronizedField("evidence_document"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    @property
    def evidence(self):
        if self.evidence_document_id:
            return self.evidence_document.url
        return self.evidence_url


def tracked(report_translation_key=None):
    """The recommendations in the active language, each with `linked_reports` (how many
    citizens' monitoring reports concern it) and `report_page` (its report in the active
    language, or the Bulgarian one): a fixed number of queries however many there are.

    Recommendations are taken from live reports in the default language; a
    recommendation not yet translated shows in Bulgarian."""
    default, active = default_locale(), active_locale()
    sources = (
        Recommendation.objects.filter(locale=default, report__live=True)
        .exclude(report__translation_key__in=visibility.restricted_keys())
        .select_related("report")
        .annotate(linked_reports=Count("monitoring_reports"))
    )
    if report_translation_key:
        sources = sources.filter(report__translation_key=report_translation_key)
    sources = list(sources)
    shown = {source.translation_key: source for source in sources}
    if active.pk != default.pk and sources:
        for translation in Recommendation.objects.filter(locale=active, translation_key__in=list(shown)):
            # Where it stands is the source's until the translator next syncs: take it from there.
            source = shown[translation.translation_key]
            for name in SYNCHRONISED:
                setattr(translation, name, getattr(source, name))
            translation.linked_reports = source.linked_reports
            shown[translation.translation_key] = translation
    rows = [shown[source.translation_key] for source in sources]
    newest_first = RecommendationUpdate.objects.order_by("-date", "-sort_order").select_related("evidence_document")
    models.prefetch_related_objects(
        list({id(obj): obj for obj in sources + rows}.values()), models.Prefetch("updates", newest_first)
    )
    for source, row in zip(sources, rows, strict=True):
        # Every update of the source, in the row's language where it has been translated.
        translated = {update.translation_key: update for update in row.updates.all()}
        row.timeline = [translated.get(update.translation_key, update) for update in source.updates.all()]
    reports = (
        {
            report.translation_key: report
            for report in ReportPage.objects.live().filter(
                locale=active, translation_key__in={row.report.translation_key for row in rows}
            )
        }
        if active.pk != default.pk
        else {}
    )
    for row in rows:
        row.report_page = reports.get(row.report.translation_key, row.report)
    return rows


def status_counts(rows):
    """[(status, label, count)] for every status, in the order of the workflow."""
    counts = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return [(value, label, counts.get(value, 0)) for value, label in Status.choices]


class TrackerFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    report = forms.ChoiceField(label=_("Report"), required=False)
    unit = forms.ChoiceField(label=_("Responsible unit"), required=False)

    def __init__(self, data=None, rows=(), **kwargs):
        super().__init__(data, **kwargs)
        reports = {str(row.report.translation_key): row.report_page.title for row in rows}
        self.fields["status"].choices = ANY + list(Status.choices)
        self.fields["report"].choices = ANY + list(reports.items())
        self.fields["unit"].choices = ANY + [(unit, unit) for unit in sorted({row.responsible_unit for row in rows})]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def apply(self, rows):
        if not self.is_valid():
            return rows
        wanted = self.cleaned_data
        return [
            row
            for row in rows
            if (not wanted["status"] or row.status == wanted["status"])
            and (not wanted["report"] or str(row.report.translation_key) == wanted["report"])
            and (not wanted["unit"] or row.responsible_unit == wanted["unit"])
        ]


class RecommendationTrackerPage(IndexPage):
    """Every recommendation of the analytical reports, where it stands and what has been
    done about it; filtered by status, report and responsible unit."""

    subpage_types = []

    class Meta:
        verbose_name = _("recommendations tracker")

    def listing(self, request, items, filterset=None):
        """The recommendations (snippets, not pages), filtered here: there are dozens."""
        rows = tracked()
        form = TrackerFilterForm(request.GET or None, rows=rows)
        return {
            "filter_form": form,
            "recommendations": form.apply(rows) if request.GET else rows,
            "total": len(rows),
            "status_counts": status_counts(rows),
            "monitoring_page": _monitoring_page(),
        }


def _monitoring_page():
    """The civic monitoring form in the active language, to point citizens to it."""
    page = CivicMonitoringPage.objects.publicly_listed().filter(locale=active_locale()).first()
    return page or CivicMonitoringPage.objects.publicly_listed().filter(locale=default_locale()).first()


class ReportPage(DatedPageMixin, TopicsMixin, ListingCardMixin, BasePage):
    """An analytical report. Its recommendations are tracked snippets (above) that officers update as the addressees act, and the report lists
    them with where they stand."""

    summary = models.TextField(
        _("summary"), help_text=_("The main findings in two or three sentences. Shown in lists.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("findings"), blank=True)
    documents = StreamField(
        AttachmentsBlock(), verbose_name=_("documents"), blank=True, help_text=_("The full report and its annexes.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        TopicsMixin.topics_panel,
        FieldPanel("body"),
        HelpPanel(
            content=_(
                "The report's recommendations are entered and followed under Recommendations in the menu: "
                "choose this report there. They appear on this page and in the recommendations tracker."
            ),
            heading=_("Recommendations"),
        ),
        FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tracked_recommendations", [index.SearchField("text")]),
    ]
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("topics"),
        APIField("body"),
        APIField("recommendations", serializer=ReadOnlyField(source="recommendation_rows")),
        APIField("documents"),
    ]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("analytical report")
        verbose_name_plural = _("analytical reports")

    @property
    def card_badge(self):
        return {"label": _("Analytical report"), "style": "primary"}

    def recommendations(self):
        """Its tracked recommendations in the active language."""
        return tracked(self.translation_key)

    def recommendation_rows(self):
        """The recommendations as the API and open data give them."""
        return [
            {
                "number": row.number,
                "text": row.text,
                "responsible_unit": row.responsible_unit,
                "status": row.status,
                "status_reason": row.status_reason,
                "deadline": row.deadline.isoformat() if row.deadline else None,
                "progress": row.progress if row.shows_progress else None,
            }
            for row in self.recommendations()
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["recommendations"] = self.recommendations()
        context["tracker"] = RecommendationTrackerPage.objects.live().filter(locale_id=self.locale_id).first()
        return context
