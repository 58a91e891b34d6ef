import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from civic_core.locales import localize_many
from pages.blocks import BaseStreamBlock, ObjectiveListBlock
from pages.choices import IndicatorSource

from .base import BasePage


class ProjectPage(BasePage):
    """An EU-funded project: its facts are structured fields, so they can be listed,
    exported through the API and checked against the grant agreement."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Two or three sentences for listings and search results.")
    )

    # Funding facts
    project_code = models.CharField(
        _("project code"),
        max_length=60,
        help_text=_("The contract number from the grant agreement, e.g. BG05SFOP001-2.025-0025-C01."),
    )
    programme = models.CharField(
        _("operational programme"),
        max_length=200,
        help_text=_("e.g. Оперативна програма „Добро управление“."),
    )
    priority_axis = models.CharField(
        _("priority axis"), max_length=255, blank=True, help_text=_("As written in the grant agreement.")
    )
    procedure = models.CharField(
        _("procedure"),
        max_length=255,
        blank=True,
        help_text=_("The call for proposals the project was funded under, with its code."),
    )
    fund = models.CharField(
        _("fund"), max_length=160, help_text=_("The EU fund co-financing the project, e.g. Европейски социален фонд.")
    )
    cofinancing_statement = models.TextField(
        _("co-financing statement"),
        help_text=_("The sentence stating the EU co-financing, exactly as the programme's visibility rules give it."),
    )
    beneficiary = models.ForeignKey(
        "pages.Organisation",
        verbose_name=_("beneficiary"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The organisation that signed the grant agreement."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget = models.DecimalField(
        _("total budget (BGN)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Optional. The total eligible budget in leva."),
    )
    eu_share = models.DecimalField(
        _("EU share (BGN)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Optional. The part financed by the European Union."),
    )

    # Aims
    main_aim = models.TextField(_("main aim"), help_text=_("The project's overall objective, in one paragraph."))
    objectives = StreamField(
        ObjectiveListBlock(),
        verbose_name=_("specific objectives"),
        blank=True,
        help_text=_("One item per specific objective, in the order of the grant agreement."),
    )
    target_groups = StreamField(
        ObjectiveListBlock(),
        verbose_name=_("target groups"),
        blank=True,
        help_text=_("One item per target group."),
    )
    strategic_aims = StreamField(
        ObjectiveListBlock(),
        verbose_name=_("programme strategic aims"),
        blank=True,
        help_text=_("The programme's strategic aims the project contributes to, one per item."),
    )

    # Results
    results = StreamField(
        BaseStreamBlock(),
        verbose_name=_("results"),
        blank=True,
        help_text=_("What the project achieved: text, figures, images, documents."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("more about the project"), blank=True)

    facts_panels = [
        FieldPanel("project_code"),
        FieldPanel("programme"),
        FieldPanel("priority_axis"),
        FieldPanel("procedure"),
        FieldPanel("fund"),
        FieldPanel("cofinancing_statement"),
        MultiFieldPanel(
            [FieldPanel("beneficiary"), InlinePanel("partners", label=_("Partner"))],
            heading=_("Beneficiary and partners"),
        ),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Duration")),
        FieldRowPanel([FieldPanel("budget"), FieldPanel("eu_share")], heading=_("Budget")),
    ]
    aims_panels = [
        FieldPanel("main_aim"),
        FieldPanel("objectives"),
        FieldPanel("target_groups"),
        FieldPanel("strategic_aims"),
    ]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    results_panels = [
        FieldPanel("results"),
        InlinePanel(
            "indicators",
            label=_("Indicator"),
            heading=_("Indicators"),
            help_text=_(
                "The indicators the managing authority follows, with their targets. Choose how the achieved "
                "value is found: counted by the site from its events, consultations and submissions, or typed."
            ),
        ),
        InlinePanel("documents", label=_("Document")),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Funding facts")),
            ObjectList(aims_panels, heading=_("Aims")),
            ObjectList(results_panels, heading=_("Results and documents")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("project_code"),
        index.SearchField("main_aim"),
        index.SearchField("objectives"),
        index.SearchField("results"),
        index.FilterField("start_date"),
    ]

    # Translation rule (README, "Translating content"): codes and references are the
    # same in every language; dates and amounts are synchronised by default.
    override_translatable_fields = [
        SynchronizedField("project_code", overridable=False),
        SynchronizedField("beneficiary", overridable=False),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project page")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    @property
    def duration_months(self):
        """Derived from the dates, never typed: 1 March to 28 February is 12 months."""
        if not (self.start_date and self.end_date):
            return None
        return months_between(self.start_date, self.end_date)

    @cached_property
    def partner_organisations(self):
        """Partners in the visitor's language, in the editor's order."""
        return localize_many([link.organisation for link in self.partners.select_related("organisation__logo")])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["project_documents"] = self.documents.select_related("document")
        return context


class ProjectPartner(Orderable):
    page = ParentalKey(ProjectPage, related_name="partners", on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        "pages.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_("Optional, e.g. partner, associated partner.")
    )

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")


class ProjectDocument(Orderable):
    page = ParentalKey(ProjectPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Leave empty to use the document's own title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")

    @property
    def display_title(self):
        return self.title or self.document.title


class ProjectIndicator(TranslatableMixin, Orderable):
    """An indicator of the project (e.g. "participants in public discussions"): its target
    and what has been achieved, counted by the site where it can be."""

    page = ParentalKey(ProjectPage, related_name="indicators", on_delete=models.CASCADE)
    name = models.CharField(
        _("indicator"), max_length=255, help_text=_("As in the grant contract, e.g. Проведени обществени обсъждания.")
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("Optional, e.g. people, events."))
    target = models.PositiveIntegerField(
        _("target"), help_text=_("The value the grant contract sets for the indicator.")
    )
    source = models.CharField(
        _("achieved value"),
        max_length=40,
        choices=IndicatorSource.choices,
        default="manual",
        help_text=_("Counted values follow the site's content; choose „Typed by the officer“ for anything else."),
    )
    achieved_typed = models.PositiveIntegerField(
        _("achieved (typed)"),
        null=True,
        blank=True,
        help_text=_("Only for indicators typed by the officer."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("target"), FieldPanel("source"), FieldPanel("achieved_typed")]),
    ]
    override_translatable_fields = [
        SynchronizedField("target"),
        SynchronizedField("source"),
        SynchronizedField("achieved_typed"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from `start` to `end`, the end day included, rounded to the
    nearest month: 2019-03-01 .. 2020-02-29 is 12, 2019-03-15 .. 2019-04-14 is 1."""
    if end < start:
        raise ValueError("end before start")
    after_end = end + datetime.timedelta(days=1)
    months = (after_end.year - start.year) * 12 + (after_end.month - start.month)
    if after_end.day < start.day:
        months -= 1
    anchor_month = start.month - 1 + months
    anchor_year = start.year + anchor_month // 12
    anchor_month = anchor_month % 12 + 1
    day = min(start.day, _days_in_month(anchor_year, anchor_month))
    leftover_days = (after_end - datetime.date(anchor_year, anchor_month, day)).days
    return months + (1 if leftover_days >= 15 else 0)


def _days_in_month(year: int, month: int) -> int:
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (next_month - datetime.timedelta(days=1)).day
