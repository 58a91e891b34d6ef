"""Public consultations under the Law on Normative Acts (ЗНА) art. 26: the draft and its
documents, the period for proposals, and afterwards the art. 26(5) report of what was
proposed and what the municipality did with it."""

import re
from collections import Counter

from django import forms
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.signals import post_delete, post_save
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
from wagtail_localize.fields import SynchronizedField

from civic_core import cache
from forms_ext.admin_forms import CivicFormPageForm
from forms_ext.mixins import CivicFormMixin
from forms_ext.models import CivicFormField, CivicSubmission
from pages.blocks import RICH_TEXT_FEATURES, BaseStreamBlock, DraftActBlock
from pages.choices import CONSULTATION_STATUSES
from pages.legal import consultation as rules
from pages.legal import draft_act
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


DRAFT_ACT_MAX_BYTES = 2 * 1024 * 1024


def _docx_reader():
    """python-docx's Document, when installed (it is optional): .docx uploads need it."""
    try:
        from docx import Document
    except ImportError:
        return None
    return Document


def read_draft_act_upload(upload):
    """The text of an uploaded draft act (.txt in UTF-8 or Windows-1251; .docx with
    python-docx installed). Raises forms.ValidationError with what to do instead."""
    name = (upload.name or "").lower()
    reader = _docx_reader()
    if upload.size > DRAFT_ACT_MAX_BYTES:
        raise forms.ValidationError(_("The file is larger than 2 MB. Paste the text of the draft instead."))
    if name.endswith(".docx") and reader is not None:
        try:
            document = reader(upload)
        except Exception as error:  # a damaged or mislabelled file: python-docx raises many kinds
            raise forms.ValidationError(_("The file could not be read as a Word document (.docx).")) from error
        return "\n".join(paragraph.text for paragraph in document.paragraphs)
    if not name.endswith(".txt"):
        if reader is not None:
            raise forms.ValidationError(_("Upload the draft as a .txt or .docx file, or paste its text."))
        raise forms.ValidationError(_("Upload the draft as a .txt file, or paste its text."))
    raw = upload.read()
    if b"\x00" in raw:
        raise forms.ValidationError(_("The file is not plain text. Save the draft as .txt, or paste its text."))
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise forms.ValidationError(_("The file is not plain text. Save the draft as .txt, or paste its text."))


class ConsultationPageForm(CivicFormPageForm):
    """Refuses to publish a proposal period the Law on Normative Acts (art. 26(4)) does
    not allow. A draft is saved with it (the period is often settled last); the editor
    then shows the rule as a warning (ConsultationPage.editor_warnings).

    The draft act by articles: a file uploaded fills the text field; the articles are
    recognised from the text when the officer ticks "recognise the articles" (which
    replaces the structure), or by themselves on saving a text while the structure is
    still empty, so editing the structure by hand is never undone by a save."""

    draft_act_file = forms.FileField(
        label=_("Upload the draft"),
        required=False,
        help_text=_(
            "A .txt file (or .docx where the site can read Word files). Its text replaces the text above, "
            "and the articles are recognised from it."
        ),
    )
    recognise_articles = forms.BooleanField(
        label=_("Recognise the articles"),
        required=False,
        help_text=_(
            "Tick and save to recognise the articles again from the text above. This replaces the articles "
            "below, with any change made to them by hand."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_report_rows_linked()
        self.keep_an_omitted_draft()

    def keep_an_omitted_draft(self):
        """A post without the draft's articles at all (a client that never showed the
        tab) leaves them as they are, as Django leaves any field a form omits."""
        field = self.fields.get("draft_act")
        if self.is_bound and field is not None:
            if field.widget.value_omitted_from_data(self.data, self.files, self.add_prefix("draft_act")):
                del self.fields["draft_act"]

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
        self.recognise_draft_act(cleaned_data)
        return cleaned_data

    def recognise_draft_act(self, cleaned_data):
        if "draft_act" not in self.fields or "draft_act_text" not in self.fields or "draft_act" in self.errors:
            return  # a form without the draft's panels, or articles the officer must correct first
        upload = cleaned_data.get("draft_act_file")
        if upload:
            try:
                cleaned_data["draft_act_text"] = read_draft_act_upload(upload)
            except forms.ValidationError as error:
                self.add_error("draft_act_file", error)
                return
        text = cleaned_data.get("draft_act_text") or ""
        structure = cleaned_data.get("draft_act")
        asked = bool(cleaned_data.get("recognise_articles") or upload)
        if not asked and (not text.strip() or (structure is not None and len(structure))):
            return
        items = draft_act.parse(text)
        if not draft_act.articles(items):
            if asked:
                self.add_error(
                    "draft_act_text" if not upload else "draft_act_file",
                    _(
                        "No article was recognised: each article must begin a line with „Чл. 1.“, „Член 1“ or "
                        "„§ 1.“. Nothing was changed in the articles."
                    ),
                )
            return
        cleaned_data["draft_act"] = self.fields["draft_act"].block.to_python(draft_act.stream_data(items))


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
    draft_act_text = models.TextField(
        _("the draft act as text"),
        blank=True,
        help_text=_(
            "Paste the text of the draft act (or upload it below). When you save, its articles („Чл. 1.“, "
            "„§ 1.“), paragraphs („(1)“) and chapter headings are recognised into the articles below, if "
            "there are none yet; then edit them there. Not shown on the page."
        ),
    )
    draft_act = StreamField(
        DraftActBlock(),
        verbose_name=_("the draft act by articles"),
        blank=True,
        help_text=_(
            "Shown on the page article by article, each with a link to propose a change to it and the number "
            "of proposals received on it."
        ),
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
    draft_act_panels = [
        FieldPanel("draft_act_text"),
        FieldPanel("draft_act_file"),
        FieldPanel("recognise_articles"),
        FieldPanel("draft_act"),
    ]
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
            ObjectList(draft_act_panels, heading=_("Draft by articles")),
            ObjectList(CivicFormMixin.form_panels + CivicFormMixin.privacy_panels, heading=_("Form")),
            ObjectList(outcome_panels, heading=_("Outcome report")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = ConsultationPageForm
    # The pasted text is only what the articles were recognised from: translators
    # translate the articles themselves, never the whole text at once.
    override_translatable_fields = [
        *CivicFormMixin.override_translatable_fields,
        SynchronizedField("draft_act_text", overridable=False),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("draft_act"),
        index.SearchField("outcome_summary"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("draft_act"),
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
        # With the draft by articles, its order ("Чл. 12а" after "Чл. 12", "§ 1" after the
        # articles); rows naming an article it lacks follow, by number.
        order = {key: position for position, key in enumerate(item["key"] for item in self.draft_act_articles)}

        def place(group):
            key = draft_act.article_key(group[0]) if group[0] else None
            return (0, order[key], _article_order(group[0])) if key in order else (1, 0, _article_order(group[0]))

        return sorted(groups.values(), key=place)

    @property
    def outcome_report_size(self):
        return sum(len(rows) for _article, rows in self.outcome_report)

    @property
    def outcome_report_by_article(self):
        """Whether any row names an article (else the report is one list, as before)."""
        return any(article for article, _rows in self.outcome_report)

    @property
    def outcome_is_published(self):
        """Whether the report is public: the live page concluded, with rows in its report
        (forms_ext.outcome_notice tells the citizens who asked, once)."""
        return self.live and self.status == rules.CONCLUDED and self.proposals.exists()

    def outcome_fragment(self, submission_id):
        """The anchor of the report's row made from the submission, else of the report."""
        for proposal in self.proposals.all():
            if proposal.submission_id == submission_id:
                return proposal.anchor
        return "outcome-title"

    # The draft by articles ----------------------------------------------------------
    @cached_property
    def draft_act_items(self):
        """The draft as the page shows it, in order: dicts of `kind` ("heading", "text",
        "article"), `level` (of the heading element), and for an article its `label`,
        `title`, `paragraphs`, `key` (pages.legal.draft_act.article_key) and `anchor`."""
        items, anchors = [], set()
        chapter_level = None
        for block in self.draft_act:
            if block.block_type == "heading":
                text = str(block.value)
                is_section = text.split(" ", 1)[0].casefold() in ("раздел", "section")
                level = 4 if is_section and chapter_level in (3, 4) else 3
                chapter_level = level
                items.append({"kind": "heading", "text": text, "level": level, "anchor": f"draft-part-{len(items)}"})
            elif block.block_type == "text":
                items.append({"kind": "text", "text": str(block.value)})
            else:
                label = " ".join(str(block.value["label"]).split())
                key = draft_act.article_key(label)
                anchor = draft_act.anchor(key) if key else f"draft-{block.id}"
                while anchor in anchors:  # the same number twice: the second still gets a target
                    anchor = f"{anchor}-2"
                anchors.add(anchor)
                items.append(
                    {
                        "kind": "article",
                        "label": label,
                        "title": block.value["title"],
                        "paragraphs": [str(text) for text in block.value["paragraphs"] if str(text).strip()],
                        "key": key,
                        "anchor": anchor,
                        "level": min((chapter_level or 2) + 1, 5),
                    }
                )
        return items

    @property
    def draft_act_articles(self):
        return [item for item in self.draft_act_items if item["kind"] == "article"]

    def article_form_field(self, page=None):
        """The form's field that asks which article a proposal concerns (a one-line field
        named "article", "член" …, as pages.proposal_report reads it), or None."""
        from pages.proposal_report import ARTICLE_FIELD_WORDS  # admin views load after the models

        page = page or self
        return next(
            (
                field
                for field in page.civic_form_fields
                if field.field_type == "singleline" and any(word in field.clean_name for word in ARTICLE_FIELD_WORDS)
            ),
            None,
        )

    def proposal_counts(self):
        """{article key: how many submissions name it}, of the submissions stored (suspected
        spam held aside is not counted), from every language, by the form's article field."""
        source = self.submissions_page
        field = self.article_form_field(source)
        if field is None or not self.draft_act_articles:
            return Counter()
        answers = (
            CivicSubmission.objects.filter(page_id=source.pk)
            .annotate(article=KeyTextTransform(field.clean_name, "form_data"))
            .exclude(article__isnull=True)
            .exclude(article="")
            .values_list("article", flat=True)
        )
        return Counter(draft_act.article_key(answer) for answer in answers)

    @cached_property
    def draft_act_with_counts(self):
        """draft_act_items, each article with its `count` of proposals."""
        counts = self.proposal_counts()
        return [
            item | {"count": counts.get(item["key"], 0)} if item["kind"] == "article" else item
            for item in self.draft_act_items
        ]

    @property
    def counts_proposals_by_article(self):
        """Whether the form asks which article a proposal concerns, so each can be counted."""
        return bool(self.draft_act_articles) and self.article_form_field(self.submissions_page) is not None

    @property
    def takes_proposals_by_article(self):
        """Whether each article links to the form with itself chosen."""
        return bool(self.draft_act_articles) and self.form_is_open and self.article_form_field() is not None

    def statistics_sections(self, total):
        """The form statistics' first table (forms_ext.stats): the proposals per article of
        the draft act, in the draft's order, and those that name none of its articles."""
        if not self.counts_proposals_by_article:
            return []
        counts = self.proposal_counts()
        articles = self.draft_act_articles
        named = sum(counts.get(item["key"], 0) for item in articles)
        rows = [
            (
                f"{item['label']} {item['title']}".strip(),
                counts.get(item["key"], 0),
                round(100 * counts.get(item["key"], 0) / named) if named else 0,
            )
            for item in articles
        ]
        return [
            {
                "label": _("Proposals per article of the draft"),
                "type": "article",
                "rows": rows,
                "answered": named,
                "unanswered": max(total - named, 0),
                "average": None,
            }
        ]

    def chosen_article(self, value):
        """The label of the draft's article `value` names ("чл. 5", "Art. 5(2)"), or None
        for anything else (an article the draft lacks, a long or empty value)."""
        value = str(value or "")
        if not value.strip() or len(value) > 100:
            return None
        key = draft_act.article_key(value)
        return next((item["label"] for item in self.draft_act_articles if key and item["key"] == key), None)

    def serve(self, request, *args, **kwargs):
        """ "Propose a change to this article" opens the form with that article chosen
        (`?article=чл. 5`); any other value is ignored."""
        if request.method != "POST" and "article" in request.GET:
            form = self.get_form(page=self, user=request.user)
            field = self.article_form_field()
            label = self.chosen_article(request.GET.get("article"))
            if field is not None and label is not None:
                form.initial[field.clean_name] = label
            return self.render_form(request, form)
        return super().serve(request, *args, **kwargs)

    def render_form(self, request, form=None, notice=None, status=200):
        response = super().render_form(request, form, notice=notice, status=status)
        if self.counts_proposals_by_article:
            # The proposals per article change with every submission (each forgets the page).
            cache.follow_page_version(response, str(self.translation_key))
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultation_documents"] = self.documents.select_related("document")
        return context


def _forget_counted_consultation(sender, instance, created=True, **kwargs):
    """A submission stored or deleted changes the proposals per article its consultation
    shows: its cached copies retire, in every language, once that is committed."""
    if not created:
        return

    def counted():
        # The consultation's translation key when its page shows counts per article, else
        # "" (any other form page, or a consultation without a draft or an article field):
        # known per worker until the next publish, so a submission costs no query here.
        consultation = ConsultationPage.objects.filter(pk=instance.page_id).first()
        return str(consultation.translation_key) if consultation and consultation.counts_proposals_by_article else ""

    translation_key = cache.memo_in_worker(f"counted-consultation:{instance.page_id}", counted)
    if translation_key:
        page = ConsultationPage(translation_key=translation_key)
        cache.forget_page(page=page)
        transaction.on_commit(lambda: cache.forget_page(page=page))


post_save.connect(
    _forget_counted_consultation, sender=CivicSubmission, weak=False, dispatch_uid="pages_draft_act_counts_saved"
)
post_delete.connect(
    _forget_counted_consultation, sender=CivicSubmission, weak=False, dispatch_uid="pages_draft_act_counts_deleted"
)


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

    @property
    def anchor(self):
        """The row's id on the public report, the same in every language and revision:
        by the submission it was made from (the link a citizen is emailed), else its own."""
        return f"proposal-{self.submission_id}" if self.submission_id else f"proposal-row-{self.pk}"

    class Meta(Orderable.Meta):
        verbose_name = _("proposal received")
        verbose_name_plural = _("proposals received")
