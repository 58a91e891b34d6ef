"""What citizens sent, as people read it: in exports and in e-mails.

- **Times** are shown in the site's time zone (TIME_ZONE, Europe/Sofia for the Sliven
  site), to the minute. Spreadsheets (CSV) use one format in every language,
  `2026-12-03 14:05` (ISO 8601 date and time without seconds or offset, which every
  spreadsheet reads as a date and sorts correctly); XLSX cells hold the same time as a
  date. E-mails use the recipient's language's short format ("03.12.2026 14:05").
- **Yes and no** are words in the reader's language ("Да"/"Не", "Yes"/"No"), never
  True/False.
- **Column headings and labels** are in the reader's language: the form's field labels
  as the translation in that language has them (the page in the default language keeps
  the submissions, its translations share the fields' names), the suite's own in its
  catalog.
- A language code reads as the language's name ("Български", "English").
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

# The one spreadsheet format of a time (see the module's docstring).
SPREADSHEET_TIME_FORMAT = "%Y-%m-%d %H:%M"
SENT_AT = gettext_lazy("Sent at")


def zone():
    return ZoneInfo(settings.TIME_ZONE)


def local(value):
    """`value` (an aware datetime) in the site's time zone, to the minute."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value.astimezone(zone()).replace(second=0, microsecond=0)


def spreadsheet_time(value):
    """ "2026-12-03 14:05", in the site's time zone."""
    return local(value).strftime(SPREADSHEET_TIME_FORMAT)


def short_time(value):
    """The active language's short date and a 24-hour time, in the site's time zone:
    "03.12.2026 14:05" in Bulgarian."""
    value = local(value)
    return f"{date_format(value, 'SHORT_DATE_FORMAT')} {date_format(value, 'H:i')}"


def yes_no(value):
    return gettext("Yes") if value else gettext("No")


def language_name(code):
    """The language's name as the site lists it (LANGUAGES), or its code."""
    return str(dict(settings.LANGUAGES).get(code, code))


def field_types(page):
    """{field name: field type} of a form page's fields."""
    return {field.clean_name: field.field_type for field in page.get_form_fields()}


def datetime_answer(value):
    """A datetime field's answer (stored as ISO text) as an aware datetime, else None."""
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value)
        except ValueError:
            return None
        if parsed is not None and timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed, zone())
        return parsed
    return None


def data_fields_in(page, language=None):
    """[(field name, label)] of `page`'s submissions (Wagtail's get_data_fields), with the
    labels of the page's translation in `language` (the active language by default)
    where there is one: the submissions' headings for that reader."""
    from wagtail.models import Locale

    fields = page.get_data_fields()
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if getattr(page, "locale", None) is not None and page.locale.language_code != language:
        locale = Locale.objects.filter(language_code=language).first()
        translated = page.get_translation_or_none(locale) if locale else None
        if translated is not None:
            labels = dict(translated.specific.get_data_fields())
            fields = [(name, labels.get(name, label)) for name, label in fields]
    return [(name, SENT_AT if name == "submit_time" else label) for name, label in fields]


def answer(value, field_type=None):
    """One answer as an e-mail shows it, in the active language."""
    if field_type == "datetime" and (moment := datetime_answer(value)) is not None:
        return short_time(moment)
    if isinstance(value, datetime.datetime):
        return short_time(value)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return value
