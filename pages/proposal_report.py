"""From a proposal to the report (Law on Normative Acts art. 26(5), the "справка"): on a
consultation's submissions an officer turns a citizen's proposal into a row of the
outcome report, with the decision and its reasons.

- **A draft, never a publish**: the row is added to the page's latest revision and saved
  as a new draft revision (Wagtail's history says who did it); the report becomes public
  when an editor publishes the consultation, as any other change.
- **Who**: whoever may both see the citizens' input of the page (forms_ext.permissions)
  and edit the page; a locked page is left alone.
- **The proposer** is the name the citizen chose to be published under (the form's
  "Name to publish with a comment" field), else the report says "anonymous"; the officer
  does not type it, so no name goes into the report without the citizen's choice.
- **The link to the submission** is kept on the row as plain values (its id and
  reference), so the row outlives the submission (retention, an officer deleting it). A
  GDPR erasure of the submission (forms_ext.gdpr.submissions_erased) empties the row's
  proposer, in the live report and in every revision of it, and keeps the row.
- **The citizens who asked to be told** (the form's separate consent, forms_ext.
  outcome_notice) are emailed once, when an editor publishes the consultation with its
  report (concluded, with rows): each with the link to their row (`#proposal-<id>`); the
  submissions screen says who was notified and when.
"""

import collections

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from civic_core import cache
from forms_ext import gdpr, outcome_notice, permissions, readable
from forms_ext.models import CivicSubmission
from forms_ext.receipt_search import SubmissionsListView

CONSULTATION = "pages.ConsultationPage"
URL_NAME = "consultation_proposal_to_report"
REPORT_HEADING = _("Outcome report")
ADD_TO_REPORT = _("Add to the report")
ALREADY_IN_REPORT = _("In the draft report")
# Form fields whose answer names the article a proposal concerns (by their internal name).
ARTICLE_FIELD_WORDS = ("chlen", "article", "alineya")


def _proposal_model():
    return apps.get_model("pages", "ConsultationProposal")


def is_consultation(page):
    return page.specific_class is not None and page.specific_class._meta.label == CONSULTATION


def may_add(user, page):
    """Whether `user` may turn the page's submissions into report rows."""
    return permissions.can(user, permissions.VIEW, page) and page.permissions_for_user(user).can_edit()


class ReportRowForm(forms.Form):
    article = forms.CharField(
        label=_("Article"),
        max_length=100,
        required=False,
        help_text=_(
            "The article or paragraph of the draft it concerns, e.g. „Art. 5(2)“. Empty for a general proposal."
        ),
        error_messages={"max_length": _("Name the article in at most 100 characters, e.g. „Art. 5(2)“.")},
    )
    summary = forms.CharField(
        label=_("Proposal"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "As the report will show it: in short, in neutral words. Citizens' contact details do not belong here."
        ),
        error_messages={"required": _("Write the proposal as the report will show it.")},
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        error_messages={
            "required": _("Choose the decision on the proposal."),
            "invalid_choice": _("Choose one of the decisions listed."),
        },
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why it was accepted, partly accepted, not accepted or is not within the scope of the draft."),
        error_messages={"required": _("Give the reasons for the decision: the law requires them.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [("", "---------"), *_proposal_model().Decision.choices]


def _answers(page, submission):
    """[(field, answer)] of what the citizen sent, in the form's order."""
    data = submission.get_data()
    return [(field, data.get(field.clean_name)) for field in page.get_form_fields()]


def initial_row(page, submission):
    """The form's first values, from what the citizen sent: the proposal (their long
    answers, else the comment) and the article, when the form asked for one."""
    answers = _answers(page, submission)
    text = "\n\n".join(str(value).strip() for field, value in answers if field.field_type == "multiline" and value)
    article = next(
        (
            str(value).strip()
            for field, value in answers
            if field.field_type == "singleline" and value and any(w in field.clean_name for w in ARTICLE_FIELD_WORDS)
        ),
        "",
    )
    return {"summary": text or submission.comment, "article": article}


@transaction.atomic
def add_row(page, submission, data, user):
    """Add the row to the page's latest revision and save it as a new draft revision
    (one officer at a time: the page's row is locked). Returns the revision."""
    Page.objects.select_for_update().filter(pk=page.pk).first()
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    rows = list(draft.proposals.all())
    rows.append(
        _proposal_model()(
            article=" ".join(data["article"].split()),
            summary=data["summary"],
            proposer=submission.display_name,
            decision=data["decision"],
            reasons=data["reasons"],
            submission_id=submission.pk,
            submission_reference=submission.reference,
            sort_order=max((row.sort_order or 0 for row in rows), default=-1) + 1,
        )
    )
    draft.proposals = rows
    return draft.save_revision(user=user, log_action=True)


def proposal_to_report(request, page_id, submission_id):
    """/admin/consultations/<page>/submissions/<submission>/to-report/: the form, and the
    draft revision it saves."""
    page = get_object_or_404(Page, pk=page_id)
    if not is_consultation(page):
        raise Http404
    page = page.specific
    if page.submissions_page.pk != page.pk:  # a translation: its submissions are the source's
        return redirect(URL_NAME, page.submissions_page.pk, submission_id)
    if not may_add(request.user, page):
        raise PermissionDenied
    submission = get_object_or_404(CivicSubmission, pk=submission_id, page_id=page.pk)
    form = ReportRowForm(request.POST or None, initial=initial_row(page, submission))
    submissions_url = reverse("wagtailforms:list_submissions", args=[page.pk])
    if request.method == "POST":
        if page.permissions_for_user(request.user).page_locked():
            form.add_error(None, _("The consultation is locked by someone else: nothing was added to the report."))
        elif form.is_valid():
            try:
                add_row(page, submission, form.cleaned_data, request.user)
            except ValidationError as error:
                form.add_error(
                    None,
                    _(
                        "The consultation's draft cannot be saved as it is (%(errors)s): correct it in the editor, "
                        "then add the proposal again."
                    )
                    % {"errors": "; ".join(error.messages)},
                )
            else:
                messages.success(
                    request,
                    _(
                        "The proposal is in the draft of the outcome report. It becomes public when the "
                        "consultation is published."
                    ),
                )
                return redirect(submissions_url)
        if form.errors:
            messages.error(request, _("Nothing was added to the report: correct what is marked below."))
    in_report = [
        row for row in page.get_latest_revision_as_object().proposals.all() if row.submission_id == submission.pk
    ]
    return TemplateResponse(
        request,
        "pages/admin/proposal_to_report.html",
        {
            "page": page,
            "submission": submission,
            "sent_at": readable.short_time(submission.submit_time),
            "answers": [(field.label, value) for field, value in _answers(page, submission)],
            "form": form,
            "in_report": in_report,
            "submissions_url": submissions_url,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )


class ConsultationSubmissionsListView(SubmissionsListView):
    """A consultation's submissions, each with a link that turns it into a row of the
    outcome report (for those who may edit the page too)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.form_page.submissions_page
        if "data_rows" not in context:
            return context
        self.add_notice_column(context)
        if not may_add(self.request.user, page):
            return context
        in_report = collections.Counter(
            row.submission_id for row in page.get_latest_revision_as_object().proposals.all()
        )
        context["data_headings"].append({"name": "outcome_report", "label": REPORT_HEADING, "order": None})
        for row in context["data_rows"]:
            link = format_html(
                '<a class="button button-small button-secondary" href="{}">{}</a>',
                reverse(URL_NAME, args=[page.pk, row["model_id"]]),
                ADD_TO_REPORT,
            )
            if in_report[row["model_id"]]:
                link = format_html('{} <span class="w-status">{}</span>', link, ALREADY_IN_REPORT)
            row["fields"].append(link)
        return context

    def add_notice_column(self, context):
        """Who asked to be told of the published report, and when they were (Sofia time)."""
        submissions = {submission.pk: submission for submission in context["submissions"]}
        if not any(submission.notify_on_outcome for submission in submissions.values()):
            return
        context["data_headings"].append(
            {"name": "outcome_notice", "label": outcome_notice.NOTICE_HEADING, "order": None}
        )
        for row in context["data_rows"]:
            submission = submissions.get(row["model_id"])
            row["fields"].append(outcome_notice.notice_status(submission) if submission else "")


# The notice of the published report ---------------------------------------------------
def report_published(sender, instance, **kwargs):
    """On every publish of a consultation in any language: once the report is public in
    the default language, the citizens who asked are told (once: forms_ext.outcome_notice)."""
    if not is_consultation(instance):
        return
    source = instance.specific.submissions_page.specific  # the page in the default language
    if source.outcome_is_published:
        outcome_notice.outcome_published(source)


# GDPR erasure ----------------------------------------------------------------------
def anonymise_erased(sender, submissions, **kwargs):
    """The rows made from erased submissions keep their text and decision and lose the
    proposer: in the live report and in every revision of the pages (all languages)."""
    ids = {pk for pk, _page_id in submissions}
    changed = _proposal_model().objects.filter(submission_id__in=ids).exclude(proposer="").update(proposer="")
    sources = Page.objects.filter(pk__in={page_id for _pk, page_id in submissions})
    pages = Page.objects.filter(translation_key__in=sources.values("translation_key")).values_list("pk", flat=True)
    for revision in Revision.page_revisions.filter(object_id__in=[str(pk) for pk in pages]):
        rows = revision.content.get("proposals") or []
        erased = [row for row in rows if row.get("submission_id") in ids and row.get("proposer")]
        for row in erased:
            row["proposer"] = ""
        if erased:
            revision.save(update_fields=["content"])
            changed += 1
    if changed:
        transaction.on_commit(cache.bump_version)


def connect():
    gdpr.submissions_erased.connect(anonymise_erased, dispatch_uid="pages_anonymise_erased_proposers")
    page_published.connect(report_published, dispatch_uid="pages_tell_citizens_report_published")
