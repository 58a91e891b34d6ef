"""The submissions list and its CSV/XLSX export in Wagtail's Forms admin, made safe to
open in a spreadsheet: what a citizen typed is never run as a formula (OWASP "CSV
injection"). Wagtail already does this for XLSX; CSV needs it here."""

from wagtail.contrib.forms.views import SubmissionsListView

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """A text a spreadsheet would read as a formula, as plain text (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class CivicSubmissionsListView(SubmissionsListView):
    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(writer, {field: neutralise(value) for field, value in row_dict.items()})
