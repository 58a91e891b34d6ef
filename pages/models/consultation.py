"""Public consultations under the Law on Normative Acts (ЗНА) art. 26: the draft and its
documents, the period for proposals, and afterwards the art. 26(5) report of what was
proposed and what the municipality did with it."""

import re

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from forms_ext.admin_forms import CivicFormPageForm
from forms_ext.mixins import CivicFormMixin
from forms_ext.models import CivicFormField
from pages.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from pages.choices import CONSULTATION_STATUSES
from pages.legal import consultation as rules
from pages.listings.filters import ConsultationFilterSet
from pages.models.base import BasePage, IndexPage
from pages.models.mixins import ListingCardMixin, TopicsMixin


class ConsultationIndexPage(IndexPage):
    subpage_types = ["pages.ConsultationPage"]
    filterset_class = ConsultationFilterSet
    listing_name = "consultations"

    class Meta:
        verbose_name = _("consultations index")

    def listed_pages(self):
        return ConsultationPage.objects.publicly_listed().child_of(self).defer_streamfields().order_by("-opens_at")


# The editor's buttons that lead to publishing: publish, submit for approval, and a
# workflow action (approve and publish) taken from the editor.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")
NO_DOCUMENTS = _(
    "The consultation has no documents: the Law on Normative Acts (art. 26) requires the draft act with its "
    "motives and the preliminary impact assessment. Add them on the „Documents“ tab."
)


class ConsultationPageForm(CivicFormPageForm):
    """Refuses to publish a proposal period the Law on Normative Acts (art. 26(4)) does
    not allow. A draft is saved with it (the period is often settled last); the editor
    then shows the rule as a warning (ConsultationPage.editor_warnings)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_report_rows_linked()

    def keep_report_rows_linked(self):
        """A row of the report not yet published has no id, so the editor's form makes it
        anew from what is posted: it gets back, by its place in the list, the submission it
        was made from (pages.proposal_report), which the editor neither shows nor posts."""
        formset = self.formsets.get("proposals")
        if formset is None or not formset.is_bound:
            return
        for form, row in zip(formset.initial_forms, formset.get_queryset(), strict=False):
            if form.instance.pk is None and row.pk is None:
                form.instance.submission_id = row.submission_id
                form.instance.submission_reference = row.submission_reference

    def is_publishing(self):
        return any(self.data.get(action) for action in PUBLISHING_ACTIONS)

    def clean(self):
        cleaned_data = super().clean()
        opens_at, closes_at = cleaned_data.get("opens_at"), cleaned_data.get("closes_at")
        errors = rules.period_errors(opens_at, closes_at, cleaned_data.get("shorter_period_reasons"))
        for field, message in errors.items():
            # Closing before opening is a typing error, never a draft worth keeping.
            if self.is_publishing() or (opens_at and closes_at and closes_at <= opens_at):
                self.add_error(field, message)
        return cleaned_data


class ConsultationPage(CivicFormMixin, TopicsMixin, ListingCardMixin, BasePage):
    """A consultation takes proposals and comments through the form officers build on
    its "Form" tab, while it is open; moderated comments can be published under it."""

    STATUS_LABELS = CONSULTATION_STATUSES
    STATUS_STYLES = {
        rules.UPCOMING: "info",
        rules.OPEN: "success",
        rules.CLOSED: "warning",
        rules.CONCLUDED: "secondary",
    }

    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences: what is proposed and why. Shown in lists.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("the proposal in detail"), blank=True)
    related_project = models.ForeignKey(
        "pages.ProjectPage",
        verbose_name=_("related project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. The project this consultation is part of."),
    )
    contact = models.TextField(
        _("contact"),
        blank=True,
        help_text=_("Who answers questions about the draft, and how to reach them (email, phone)."),
    )
    opens_at = models.DateTimeField(
        _("opens at"), help_text=_("When citizens can start sending proposals (Sofia time).")
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        help_text=_(
            "The last moment for proposals (Sofia time). The law requires at least 30 days; 14 to 29 days only with reasons."
        ),
    )
    shorter_period_reasons = models.TextField(
        _("reasons for the shorter period"),
        blank=True,
        help_text=_(
            "Fill in only when the period is shorter than 30 days: the exceptional circumstances that justify it. Published with the consultation."
        ),
    )
    outcome_date = models.DateField(
        _("outcome published on"),
        null=True,
        blank=True,
        help_text=_(
            "Fill in when you publish the report on the proposals received; the consultation then shows as concluded."
        ),
    )
    outcome_summary = RichTextField(
        _("what we changed"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("In plain words: what changed in the draft because of the proposals (You said, we did)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        TopicsMixin.topics_panel,
        FieldPanel("related_project"),
        FieldPanel("contact"),
    ]
    period_panels = [
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Period for proposals")),
        FieldPanel("shorter_period_reasons"),
    ]
    documents_panels = [InlinePanel("documents", label=_("Document"))]
    outcome_panels = [
        FieldPanel("outcome_date"),
        FieldPanel("outcome_summary"),
        InlinePanel("proposals", label=_("Proposal received")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(period_panels, heading=_("Period for proposals")),
            ObjectList(documents_panels, heading=_("Documents")),
            ObjectList(CivicFormMixin.form_panels + CivicFormMixin.privacy_panels, heading=_("Form")),
            ObjectList(outcome_panels, heading=_("Outcome report")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = ConsultationPageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("outcome_summary"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("topics"),
        APIField("related_project"),
        APIField("contact"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("shorter_period_reasons"),
        APIField("status"),
        APIField("documents"),
        APIField("outcome_date"),
        APIField("outcome_summary"),
        APIField("proposals"),
    ]
    parent_page_types = ["pages.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    # Status: derived from the clock and the published outcome, never typed.
    @property
    def status(self):
        return rules.consultation_status(self.opens_at, self.closes_at, self.outcome_date is not None, timezone.now())

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]

    @property
    def is_open(self):
        return self.status == rules.OPEN

    @property
    def days_left(self):
        """Days until closing while open; None otherwise."""
        return rules.days_left(self.closes_at, timezone.now()) if self.is_open else None

    def editor_warnings(self):
        warnings = list(rules.period_errors(self.opens_at, self.closes_at, self.shorter_period_reasons).values())
        if not list(self.documents.all()):
            warnings.append(NO_DOCUMENTS)
        return warnings + super().editor_warnings()

    def accepts_submissions(self):
        """Proposals only while the consultation is open."""
        return self.is_open

    def form_opens_or_closes_at(self):
        now = timezone.now()
        return min((moment for moment in (self.opens_at, self.closes_at) if moment and moment > now), default=None)

    @property
    def period_days(self):
        return rules.period_days(self.opens_at, self.closes_at)

    @classmethod
    def status_q(cls, status):
        """Consultations in `status` as a database condition, mirroring
        pages.legal.consultation.consultation_status."""
        now = timezone.now()
        return {
            rules.UPCOMING: Q(opens_at__gt=now),
            rules.OPEN: Q(opens_at__lte=now, closes_at__gt=now),
            rules.CLOSED: Q(closes_at__lte=now, outcome_date__isnull=True),
            rules.CONCLUDED: Q(closes_at__lte=now, outcome_date__isnull=False),
        }.get(status, Q())

    @property
    def card_badge(self):
        return {"label": self.status_label, "style": self.STATUS_STYLES[self.status]}

    @property
    def card_facts(self):
        facts = [
            _("Proposals from %(opens)s to %(closes)s")
            % {
                "opens": date_format(localtime(self.opens_at), "DATE_FORMAT"),
                "closes": date_format(localtime(self.closes_at), "DATE_FORMAT"),
            }
        ]
        if self.is_open:
            facts.append(self.days_left_label)
        return facts

    @property
    def days_left_label(self):
        """ "12 days left", "Closes today"; empty unless open."""
        if not self.is_open:
            return ""
        if self.days_left == 0:
            return _("Closes today")
        return ngettext("%(days)d day left", "%(days)d days left", self.days_left) % {"days": self.days_left}

    def get_submissions_list_view_class(self):
        """The form's submissions, each with an "add to the report" link (pages.proposal_report)."""
        from pages.proposal_report import ConsultationSubmissionsListView  # admin views load after the models

        return ConsultationSubmissionsListView

    @cached_property
    def outcome_report(self):
        """The report's rows grouped by the article they concern, articles in the draft's
        order ("чл. 2" before "чл. 10"), the general proposals last: [(article, [rows])]."""
        groups = {}
        for proposal in self.proposals.all():
            article = " ".join(proposal.article.split())
            groups.setdefault(article.casefold().replace(" ", ""), (article, []))[1].append(proposal)
        return sorted(groups.values(), key=lambda group: _article_order(group[0]))

    @property
    def outcome_report_size(self):
        return sum(len(rows) for _article, rows in self.outcome_report)

    @property
    def outcome_report_by_article(self):
        """Whether any row names an article (else the report is one list, as before)."""
        return any(article for article, _rows in self.outcome_report)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultation_documents"] = self.documents.select_related("document")
        return context


def _article_order(article):
    """A sort key reading the numbers in "чл. 5, ал. 2" as numbers; no article last."""
    if not article:
        return (1, (), "")
    return (0, tuple(int(number) for number in re.findall(r"\d+", article)), article.casefold())


class ConsultationFormField(CivicFormField):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="form_fields")


class ConsultationDocument(Orderable):
    class Kind(models.TextChoices):
        DRAFT_ACT = "draft_act", _("Draft act")
        MOTIVES = "motives", _("Motives or report")
        IMPACT_ASSESSMENT = "impact_assessment", _("Preliminary impact assessment")
        OTHER = "other", _("Other document")

    page = ParentalKey(ConsultationPage, related_name="documents", on_delete=models.CASCADE)
    kind = models.CharField(
        _("type"),
        max_length=30,
        choices=Kind.choices,
        default=Kind.DRAFT_ACT,
        help_text=_("The law requires the draft with its motives and the preliminary impact assessment."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Leave empty to use the document's own title.")
    )

    panels = [FieldPanel("kind"), FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("kind"), APIField("document"), APIField("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("consultation document")


class ConsultationProposal(Orderable):
    """One line of the art. 26(5) report: a proposal received and what was decided."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        NOT_WITHIN_SCOPE = "not_within_scope", _("Not within the scope of the draft")

    page = ParentalKey(ConsultationPage, related_name="proposals", on_delete=models.CASCADE)
    article = models.CharField(
        _("article"),
        max_length=100,
        blank=True,
        help_text=_(
            "The article or paragraph of the draft it concerns, e.g. „Art. 5(2)“. Empty for a general proposal."
        ),
    )
    summary = models.TextField(_("proposal"), help_text=_("The proposal in short, in neutral words."))
    proposer = models.CharField(
        _("proposed by"),
        max_length=200,
        blank=True,
        help_text=_("An organisation, or a citizen's name only with their consent. Leave empty to show 'anonymous'."),
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reasons = models.TextField(
        _("reasons"), help_text=_("Why it was accepted, partly accepted or not accepted. Required by law.")
    )

    # The submission the row was made from (pages.proposal_report), kept as plain values so
    # that the row outlives the submission; a GDPR erasure of it empties `proposer`.
    submission_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False, db_index=True)
    submission_reference = models.CharField(_("reference"), max_length=24, blank=True, editable=False)

    panels = [
        FieldPanel("article"),
        FieldPanel("summary"),
        FieldPanel("proposer"),
        FieldPanel("decision"),
        FieldPanel("reasons"),
    ]
    api_fields = [
        APIField("article"),
        APIField("summary"),
        APIField("proposer"),
        APIField("decision"),
        APIField("reasons"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("proposal received")
        verbose_name_plural = _("proposals received")
