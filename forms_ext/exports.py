"""The spreadsheets officers download (the submissions of a form in Wagtail's Forms admin,
the registrations list), made for people (forms_ext.readable): a CSV starts with a UTF-8
byte order mark, so Excel reads Cyrillic; times are in Sofia time to the minute, written
`2026-12-03 14:05` in a CSV (one format in every language) and as dates in an XLSX; yes
and no are words in the officer's language; the column headings are in the officer's
language. What a citizen typed is never run as a formula (OWASP "CSV injection"):
Wagtail already does this for XLSX, CSV needs it here."""

import datetime

from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.contrib.forms.views import SubmissionsListView

from forms_ext import readable

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
BOM = "\ufeff"
FULL_NAME = _("Full name")
REFERENCE = _("Reference")


def neutralise(value):
    """A text a spreadsheet would read as a formula, as plain text (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def in_language(language, chunks):
    """Each chunk of a streamed response made in `language`: the response is written after
    the view returns, when the officer's language is no longer active."""
    chunks = iter(chunks)
    while True:
        with translation.override(language):
            try:
                chunk = next(chunks)
            except StopIteration:
                return
        yield chunk


class ForPeopleSpreadsheetMixin:
    """For a view with Wagtail's SpreadsheetExportMixin: the BOM, Sofia time, yes/no."""

    custom_value_preprocess = {
        bool: {"csv": readable.yes_no, "xlsx": readable.yes_no},
        datetime.datetime: {
            "csv": readable.spreadsheet_time,
            "xlsx": lambda value: readable.local(value).replace(tzinfo=None),
        },
        (datetime.date, datetime.time): {"xlsx": None},
        list: {"csv": lambda value: ", ".join(map(str, value)), "xlsx": lambda value: ", ".join(map(str, value))},
    }

    def stream_csv(self, queryset):
        yield BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        chunks = in_language(translation.get_language(), self.stream_csv(queryset))
        response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(writer, {field: neutralise(value) for field, value in row_dict.items()})


class CivicSubmissionsListView(ForPeopleSpreadsheetMixin, SubmissionsListView):
    """A form's submissions: headings from the form in the officer's language, the
    language the citizen used by its name, datetime answers in Sofia time."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self._field_types = None

    def get_data_fields_for_people(self):
        """The columns of the downloads: the time sent, the reference of the citizen's
        receipt (forms_ext.receipts), the form's fields, the language."""
        fields = readable.data_fields_in(self.form_page)
        return [*fields[:1], ("reference", REFERENCE), *fields[1:]]

    def as_spreadsheet(self, queryset, spreadsheet_format):
        fields = self.get_data_fields_for_people()
        self.list_export = [name for name, _label in fields]
        self.export_headings = {name: str(label) for name, label in fields}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        if self._field_types is None:
            self._field_types = readable.field_types(self.form_page)
        row = super().to_row_dict(item)
        for name, value in row.items():
            if self._field_types.get(name) == "datetime":
                row[name] = readable.datetime_answer(value) or value
        if "language" in row:
            row["language"] = readable.language_name(row["language"])
        return row

    def get_context_data(self, **kwargs):
        """The list on screen reads as the export: yes/no, the language's name."""
        context = super().get_context_data(**kwargs)
        for row in context.get("data_rows", ()):
            row["fields"] = [readable.yes_no(value) if isinstance(value, bool) else value for value in row["fields"]]
        return context


class YesNoColumn(Column):
    """A yes/no field of a listing as a word in the officer's language (not "False")."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return "" if value is None else readable.yes_no(value)


def yes_no_column(model, field_name):
    return YesNoColumn(field_name, label=capfirst(model._meta.get_field(field_name).verbose_name), sort_key=field_name)


class RegistrationsIndexMixin(ForPeopleSpreadsheetMixin):
    """The registrations list's CSV/XLSX: the page's title, the status and the language
    by their names."""

    custom_field_preprocess = {
        "language": {"csv": readable.language_name, "xlsx": readable.language_name},
    }

    export_headings = {"name": FULL_NAME}

    def get_heading(self, queryset, field):
        return capfirst(super().get_heading(queryset, field))

    def _get_title_column(self, field_name, *args, **kwargs):
        column = super()._get_title_column(field_name, *args, **kwargs)
        if field_name == "name":  # "name" reads as a thing's name in Bulgarian (наименование)
            column.label = FULL_NAME
        return column
