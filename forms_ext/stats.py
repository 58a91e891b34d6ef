"""Per-form statistics for the admin and a consultation's outcome: counts per choice,
average ratings, submissions per day (Europe/Sofia)."""

from collections import Counter
from zoneinfo import ZoneInfo

from django.conf import settings

from forms_ext.fields import CivicFormBuilder

CHOICE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect", "rating", "likert", "topic", "checkbox"}
SCALE_TYPES = {"rating", "likert"}


def form_statistics(page):
    """{"total", "per_day": [(date, n)], "fields": [{label, type, rows: [(label, n, percent)], average}]}"""
    submissions = list(page.get_submissions().only("form_data", "submit_time"))
    fields = [field for field in page.get_form_fields() if field.field_type in CHOICE_TYPES]
    form_fields = CivicFormBuilder(fields).formfields
    return {
        "total": len(submissions),
        "per_day": _per_day(submissions),
        "fields": [_field_statistics(field, form_fields[field.clean_name], submissions) for field in fields],
    }


def _per_day(submissions):
    zone = ZoneInfo(settings.TIME_ZONE)
    days = Counter(submission.submit_time.astimezone(zone).date() for submission in submissions)
    return sorted(days.items())


def _given(submission, field):
    value = submission.form_data.get(field.clean_name)
    return None if value in (None, "", []) else value


def _answers(field, submissions):
    for submission in submissions:
        value = _given(submission, field)
        if value is not None:
            yield from (value if isinstance(value, list) else [value])


def _field_statistics(field, form_field, submissions):
    answers = list(_answers(field, submissions))
    counts = Counter(str(answer) for answer in answers)
    if field.field_type == "checkbox":
        labels = [("True", "✓"), ("False", "✗")]
    else:
        labels = [(str(value), str(label)) for value, label in form_field.choices if value != ""]
    total = len(answers)
    rows = [
        (label, counts.get(value, 0), round(100 * counts.get(value, 0) / total) if total else 0)
        for value, label in labels
    ]
    average = None
    if field.field_type in SCALE_TYPES and total:
        average = round(sum(int(answer) for answer in answers) / total, 2)
    # Who skipped the question, counted apart: a skipped answer is never a choice.
    unanswered = sum(1 for submission in submissions if _given(submission, field) is None)
    return {
        "label": field.label,
        "type": field.field_type,
        "rows": rows,
        "answered": total,
        "unanswered": unanswered,
        "average": average,
    }


# The chart of submissions per day: one row per day, in the SVG's own units.
CHART_ROW = 24
CHART_BAR_START = 110
CHART_BAR_LENGTH = 400


def per_day_chart(per_day):
    """{"height", "rows": [{day, count, y, width}]}: where the template draws each bar."""
    busiest = max((n for _day, n in per_day), default=0)
    rows = [
        {
            "day": day,
            "count": count,
            "y": index * CHART_ROW,
            "width": round(CHART_BAR_LENGTH * count / busiest) if busiest else 0,
        }
        for index, (day, count) in enumerate(per_day)
    ]
    return {
        "height": CHART_ROW * len(rows),
        "width": CHART_BAR_START + CHART_BAR_LENGTH + 60,
        "bar_start": CHART_BAR_START,
        "rows": rows,
    }
