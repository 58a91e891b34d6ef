"""A form's submissions in Wagtail's Forms admin (forms_ext.exports' list, for people),
searchable by the reference of the citizen's receipt: an officer types what the citizen
quotes ("К-2026-0042", "k-2026-42") and finds the submission (forms_ext.receipts)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.search import SearchForm

from forms_ext import receipts
from forms_ext.exports import CivicSubmissionsListView

SEARCH_PLACEHOLDER = _("Reference, e.g. К-2026-0042")
REFERENCE_HEADING = _("Reference")


class SubmissionsListView(CivicSubmissionsListView):
    """The list on screen has the reference after the time it was sent (the downloads
    keep forms_ext.exports' columns), and the search box finds it."""

    is_searchable = True
    search_fields = ["reference"]

    def get_search_form(self):
        if self.search_kwarg in self.request.GET:
            return SearchForm(self.request.GET, placeholder=SEARCH_PLACEHOLDER)
        return SearchForm(placeholder=SEARCH_PLACEHOLDER)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return receipts.search(queryset, self.search_query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "data_rows" in context:
            references = {submission.pk: submission.reference for submission in context["submissions"]}
            context["data_headings"].insert(1, {"name": "reference", "label": REFERENCE_HEADING, "order": None})
            for row in context["data_rows"]:
                row["fields"].insert(1, references.get(row["model_id"], ""))
        return context
