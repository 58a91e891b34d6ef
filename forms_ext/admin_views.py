"""Admin views for officers: the moderation queue, registrations and attendance,
held (suspected spam) submissions, per-form statistics, private file downloads and the
GDPR export/erase of one person's data. Every view shows only the form pages the
officer may see (forms_ext.permissions)."""

import csv
import io
import json
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageTypeColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.forms.views import DeleteSubmissionsView as WagtailDeleteSubmissionsView
from wagtail.contrib.forms.views import FormPagesListView as WagtailFormPagesListView
from wagtail.models import Page

from forms_ext import exports, filetypes, gdpr, moderation, permissions, pipeline, readable, registration, stats
from forms_ext.exports import RegistrationsIndexMixin, yes_no_column
from forms_ext.fields import private_storage
from forms_ext.mixins import CivicFormMixin
from forms_ext.models import CivicSubmission, HeldSubmission, Registration


# Section-restricted generic views -------------------------------------------------
class SectionRestrictedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(page_id__in=permissions.page_ids(self.request.user))


class SectionRestrictedObjectMixin:
    """The object's form page must grant the user `needed` (in the default language)."""

    needed = permissions.VIEW

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not permissions.can(self.request.user, self.needed, obj.page_id):
            raise PermissionDenied
        return obj


class SectionRestrictedEditView(SectionRestrictedObjectMixin, generic.EditView):
    needed = permissions.MODERATE


class SectionRestrictedInspectView(SectionRestrictedObjectMixin, generic.InspectView):
    pass


class SectionRestrictedDeleteView(SectionRestrictedObjectMixin, generic.DeleteView):
    needed = permissions.MODERATE


class SectionRestrictedViewSet(ModelViewSet):
    index_view_class = SectionRestrictedIndexView
    edit_view_class = SectionRestrictedEditView
    inspect_view_class = SectionRestrictedInspectView
    delete_view_class = SectionRestrictedDeleteView
    add_to_admin_menu = False
    inspect_view_enabled = True


class ModerationEditView(SectionRestrictedEditView):
    """The comment being moderated, with who sent it, where and when (Sofia time), and the
    moderator's buttons: approve and publish, reject, or save the name and the reply as
    they are. Publishing a comment or an answer is publishing: who did it, and when, is kept."""

    template_name = "forms_ext/admin/moderation_edit.html"
    # The buttons' values: each sets the comment's moderation status.
    DECISIONS = {
        "approve": CivicSubmission.Moderation.APPROVED,
        "reject": CivicSubmission.Moderation.REJECTED,
    }

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        decision = self.DECISIONS.get(self.request.POST.get("decision", ""))
        if decision and "data" in kwargs:
            kwargs["data"] = kwargs["data"].copy()
            kwargs["data"]["moderation_status"] = decision
        return kwargs

    def get_page_subtitle(self):
        return moderation.title(self.object)

    def get_success_message(self, instance=None):
        instance = instance or self.object
        return {
            CivicSubmission.Moderation.APPROVED: _("The comment is published on the page."),
            CivicSubmission.Moderation.REJECTED: _("The comment was rejected: it stays private."),
        }.get(instance.moderation_status, _("The comment was saved."))

    def save_instance(self):
        before = CivicSubmission.objects.filter(pk=self.object.pk).values("moderation_status", "reply").first() or {}
        instance = self.form.save(commit=False)
        if before.get("moderation_status") != instance.moderation_status or before.get("reply") != instance.reply:
            instance.moderated_by = self.request.user
            instance.moderated_at = timezone.now()
        instance.save()
        return instance


class RegistrationEditView(SectionRestrictedEditView):
    """A change of status or attendance goes through forms_ext.registration: a place
    freed goes to the first person waiting, and the event's page shows it."""

    def save_instance(self):
        status = self.form.cleaned_data.get("status")
        instance = self.form.save(commit=False)
        registration.set_attended(instance.page, [instance.pk], instance.attended)
        if status:
            instance = registration.set_status(instance, status)
        return instance


class RegistrationDeleteView(SectionRestrictedDeleteView):
    def delete_action(self):
        registration.remove([self.object])


class ModerationQueueIndexView(SectionRestrictedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().exclude(moderation_status=CivicSubmission.Moderation.PRIVATE)


class ModerationViewSet(SectionRestrictedViewSet):
    """Comments waiting for publication: approve, reject, answer publicly."""

    model = CivicSubmission
    index_view_class = ModerationQueueIndexView
    icon = "comment"
    menu_label = _("Comments to moderate")
    url_prefix = "forms-ext/moderation"
    name = "forms_ext_moderation"
    edit_view_class = ModerationEditView
    # Wagtail's submission model gives its page no verbose name: the column is named here.
    list_display = [
        "display_name",
        "comment",
        Column("page", label=_("page"), sort_key="page"),
        "submit_time",
        "moderation_status",
        "moderated_by",
    ]
    list_filter = ["moderation_status"]
    form_fields = ["moderation_status", "display_name", "reply"]
    inspect_view_fields = [
        "page",
        "submit_time",
        "language",
        "display_name",
        "comment",
        "moderation_status",
        "reply",
        "moderated_by",
        "moderated_at",
    ]
    ordering = ["-submit_time"]


class RegistrationIndexView(RegistrationsIndexMixin, SectionRestrictedIndexView):
    pass


class RegistrationViewSet(SectionRestrictedViewSet):
    """Registrations with their status; tick „attended“ after the event."""

    model = Registration
    icon = "user"
    menu_label = _("Registrations")
    url_prefix = "forms-ext/registrations"
    name = "forms_ext_registrations"
    index_view_class = RegistrationIndexView
    edit_view_class = RegistrationEditView
    delete_view_class = RegistrationDeleteView
    list_display = ["name", "email", "page", "status", "registered_at", yes_no_column(Registration, "attended")]
    # Downloads (CSV/XLSX) for people: forms_ext.exports.
    list_export = [
        "name",
        "email",
        "page",
        "get_status_display",
        "registered_at",
        "email_confirmed_at",
        "cancelled_at",
        "attended",
        "language",
    ]
    export_headings = {
        **RegistrationsIndexMixin.export_headings,
        "get_status_display": Registration._meta.get_field("status").verbose_name,
    }
    export_filename = "registrations"
    list_filter = ["status", "attended"]
    search_fields = ["name", "email"]
    form_fields = ["status", "attended"]
    inspect_view_fields = [
        "page",
        "name",
        "email",
        "language",
        "status",
        "registered_at",
        "email_confirmed_at",
        "cancelled_at",
        "attended",
    ]


# The registrations of one event --------------------------------------------------
# The order the statuses are listed in on an event's registrations.
STATUS_ORDER = [
    Registration.Status.CONFIRMED,
    Registration.Status.PENDING,
    Registration.Status.WAITING,
    Registration.Status.CANCELLED,
    Registration.Status.EXPIRED,
]


class PageRegistrationsFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Registration.Status.choices]
    )
    attended = forms.ChoiceField(
        label=_("Attended"), required=False, choices=[("", _("All")), ("yes", _("Yes")), ("no", _("No"))]
    )


def _registrations_page_for(user, page_id):
    """The page (as given: a translation too) whose registrations `user` may see, else
    404 (no page that takes registrations) or PermissionDenied."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, CivicFormMixin) or not hasattr(page, "capacity"):
        raise Http404
    if not permissions.can(user, permissions.VIEW, page):
        raise PermissionDenied
    return page


def _filters_query(data):
    """The list's filters as a query string (only them: it is sent back after a change)."""
    form = PageRegistrationsFilterForm(data)
    if not form.is_valid():
        return ""
    return urlencode({name: value for name, value in form.cleaned_data.items() if value})


def page_registrations(request, page_id):
    """An event's registrations for its officers: the counts the page and the indicators
    use, everyone by status (filtered by status and attendance), and for those who may
    moderate, ticks to mark many people attended (or not) at once. Registrations from
    every language are the default-language page's: a translation's address shows those.
    An app adds links of its own (an event's sign-in sheet, in pages) through the hook
    `forms_ext_registration_links`: fn(page, user) → [(label, url)]."""
    page = _registrations_page_for(request.user, page_id)
    source = page.submissions_page
    if source.pk != page.pk:
        query = request.GET.urlencode()
        url = reverse("forms_ext_admin:page_registrations", args=[source.pk])
        return redirect(f"{url}?{query}" if query else url)
    form = PageRegistrationsFilterForm(request.GET or None)
    entries = _filtered_registrations(source, form)
    by_status = {status: [] for status in STATUS_ORDER}
    for entry in entries:
        by_status.setdefault(entry.status, []).append(entry)
    totals = registration.counts(source)
    links = [link for fn in hooks.get_hooks("forms_ext_registration_links") for link in fn(source, request.user)]
    return TemplateResponse(
        request,
        "forms_ext/admin/page_registrations.html",
        {
            "page": source,
            "totals": totals,
            "capacity": getattr(source, "capacity", None),
            "typed_attendance": getattr(source, "attendance", None),
            "attendance": registration.attendance(source),
            "groups": [(Registration.Status(status).label, rows) for status, rows in by_status.items() if rows],
            "filter_form": form if form.is_bound else PageRegistrationsFilterForm(),
            "filtered": form.is_bound,
            "query": _filters_query(request.GET),
            "can_moderate": permissions.can(request.user, permissions.MODERATE, source),
            "links": links,
        },
    )


def _filtered_registrations(source, form):
    entries = Registration.objects.filter(page_id=source.pk).order_by("registered_at", "pk")
    if form.is_valid():
        if form.cleaned_data["status"]:
            entries = entries.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["attended"]:
            entries = entries.filter(attended=form.cleaned_data["attended"] == "yes")
    return entries


def page_registrations_csv(request, page_id):
    """An event's registrations as a CSV for people (forms_ext.exports): the list's own
    filters, a byte order mark for Excel, Sofia time to the minute, yes and no as words,
    headings in the officer's language; what a citizen typed never read as a formula."""
    page = _registrations_page_for(request.user, page_id)
    source = page.submissions_page
    if source.pk != page.pk:
        query = request.GET.urlencode()
        url = reverse("forms_ext_admin:page_registrations_csv", args=[source.pk])
        return redirect(f"{url}?{query}" if query else url)
    entries = _filtered_registrations(source, PageRegistrationsFilterForm(request.GET or None))
    status_names = dict(Registration.Status.choices)

    def when(value):
        return readable.spreadsheet_time(value) if value else ""

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "№",
            str(exports.FULL_NAME),
            str(_("Email address")),
            str(_("Status")),
            str(_("Registered at")),
            str(_("Email confirmed at")),
            str(_("Cancelled at")),
            str(_("Attended")),
            str(_("Language")),
        ]
    )
    for number, entry in enumerate(entries, start=1):
        writer.writerow(
            [
                number,
                exports.neutralise(entry.name),
                exports.neutralise(entry.email),
                str(status_names.get(entry.status, entry.status)),
                when(entry.registered_at),
                when(entry.email_confirmed_at),
                when(entry.cancelled_at),
                readable.yes_no(entry.attended),
                readable.language_name(entry.language),
            ]
        )
    response = HttpResponse(exports.BOM + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"registrations-{source.slug or source.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def page_registrations_attended(request, page_id):
    """Mark the ticked registrations of an event attended (`attended=yes`) or not; takes
    *moderate* on the page in the default language."""
    page = _registrations_page_for(request.user, page_id).submissions_page
    if not permissions.can(request.user, permissions.MODERATE, page):
        raise PermissionDenied
    ids = [value for value in request.POST.getlist("registration") if value.isdigit()]
    attended = request.POST.get("attended") == "yes"
    url = reverse("forms_ext_admin:page_registrations", args=[page.pk])
    query = _filters_query(QueryDict(request.POST.get("query", "")))
    if not ids:
        messages.warning(request, _("Tick the people first."))
    else:
        changed = registration.set_attended(page, ids, attended)
        if attended:
            message = ngettext("%(count)d person marked as attended.", "%(count)d people marked as attended.", changed)
        else:
            message = ngettext(
                "%(count)d person marked as not attended.", "%(count)d people marked as not attended.", changed
            )
        messages.success(request, message % {"count": changed})
    return redirect(f"{url}?{query}" if query else url)


class HeldSubmissionViewSet(SectionRestrictedViewSet):
    """Suspected spam, kept for review: release it into the form's list, or delete it."""

    model = HeldSubmission
    icon = "warning"
    menu_label = _("Held submissions")
    url_prefix = "forms-ext/held"
    name = "forms_ext_held"
    list_display = ["page", "reason", "held_at", "attempts", "language"]
    list_filter = ["reason"]
    form_fields = []
    inspect_view_fields = ["page", "reason", "held_at", "attempts", "language", "contact_email", "form_data"]
    inspect_template_name = "forms_ext/admin/held_inspect.html"


class SubmissionCountColumn(Column):
    """How many submissions a form has received (in every language), linked to them."""

    cell_template_name = "forms_ext/admin/submission_count_column.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("wagtailforms:list_submissions", args=[instance.pk])
        return context


class FormPagesListView(WagtailFormPagesListView):
    """Wagtail's list of forms, for whoever may see some form's input (Wagtail's own asks
    for a right to edit pages, which a moderator does not have and a translator does).
    Each form by its page's title and type (Wagtail's own "Origin" column shows the
    model's internal name), with the number of submissions it has received."""

    any_permission_required = None

    @classproperty
    def columns(self):
        columns = [column for column in WagtailFormPagesListView.columns if column.name != "content_type"]
        columns[-1:-1] = [
            PageTypeColumn("type", label=_("Type"), accessor="page_type_display_name", width="15%"),
            SubmissionCountColumn("submission_count", label=_("Submissions"), width="10%"),
        ]
        return columns

    def get_base_queryset(self):
        counts = (
            CivicSubmission.objects.filter(page_id=OuterRef("pk"))
            .order_by()
            .values("page_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return super().get_base_queryset().annotate(submission_count=Coalesce(Subquery(counts), 0))

    def dispatch(self, request, *args, **kwargs):
        if not permissions.has_any(request.user, permissions.VIEW):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DeleteSubmissionsView(WagtailDeleteSubmissionsView):
    """Wagtail's delete view for a form's submissions, for those who may moderate them."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can(request.user, permissions.MODERATE, kwargs.get("page_id")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Statistics -------------------------------------------------------------------------
def _form_page_for(user, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not hasattr(page, "get_submissions") or not permissions.can(user, permissions.VIEW, page):
        raise PermissionDenied
    return page


def statistics(request, page_id):
    page = _form_page_for(request.user, page_id)
    if page.submissions_page.pk != page.pk:  # a translation: its submissions are the source's
        return redirect("forms_ext_admin:statistics", page.submissions_page.pk)
    data = stats.form_statistics(page)
    return TemplateResponse(
        request,
        "forms_ext/admin/statistics.html",
        {"page": page, "stats": data, "chart": stats.per_day_chart(data["per_day"])},
    )


# Private files --------------------------------------------------------------------
def submission_file(request, submission_id, field_name):
    submission = get_object_or_404(CivicSubmission, pk=submission_id)
    if not permissions.can(request.user, permissions.VIEW, submission.page_id):
        raise PermissionDenied
    name = submission.files.get(field_name)
    if not name:
        raise Http404
    storage = private_storage()
    handle = storage.open(name)
    kind = filetypes.sniff(handle.read(16))
    handle.seek(0)
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=kind[1] if kind else None)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def release_held(request, pk):
    """Move a held submission into its form's list after an officer checked it."""
    held = get_object_or_404(HeldSubmission, pk=pk)
    if not permissions.can(request.user, permissions.MODERATE, held.page_id):
        raise PermissionDenied
    try:
        pipeline.release(held)
    except pipeline.Duplicate:
        held.delete()
        messages.warning(
            request, _("The form's list already has exactly this submission, so the held copy was deleted.")
        )
    except registration.AlreadyRegistered:
        messages.error(
            request, _("This email address is already registered for the event, so the submission was not released.")
        )
    else:
        messages.success(request, _("The submission was released into the form's list, as if it had just been sent."))
    return redirect("forms_ext_held:index")


# Personal data (GDPR art. 15 and 17) ----------------------------------------------
class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), help_text=_("The address the person used in the forms."))
    action = forms.ChoiceField(choices=[("find", _("Find")), ("export", _("Export")), ("erase", _("Erase"))])
    confirm = forms.BooleanField(
        label=_("I understand erasing cannot be undone"),
        required=False,
        help_text=_("Required to erase."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "erase" and not cleaned.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm the erasure."))
        return cleaned


@permission_required("forms_ext.manage_personal_data", raise_exception=True)
def personal_data(request):
    form = PersonalDataForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        email, action = form.cleaned_data["email"], form.cleaned_data["action"]
        if action == "export":
            response = HttpResponse(
                json.dumps(gdpr.export_personal_data(email), ensure_ascii=False, indent=2, default=str),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
            return response
        if action == "erase":
            submissions, registrations = gdpr.erase_personal_data(email)
            messages.success(
                request,
                _("Erased %(submissions)d submission(s) and %(registrations)d registration(s).")
                % {"submissions": submissions, "registrations": registrations},
            )
            return redirect("forms_ext_admin:personal_data")
        found = {"submissions": gdpr.submissions_of(email), "registrations": gdpr.registrations_of(email)}
    return TemplateResponse(request, "forms_ext/admin/personal_data.html", {"form": form, "found": found})
