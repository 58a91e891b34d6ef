"""Per-form statistics for the admin and a consultation's outcome: counts per choice,
average ratings, submissions per day (Europe/Sofia)."""

from collections import Counter
from zoneinfo import ZoneInfo

from django.conf import settings

from forms_ext.fields import CivicFormBuilder

CHOICE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect", "rating", "likert", "topic", "checkbox"}
SCALE_TYPES = {"rating", "likert"}


def form_statistics(page):
    """{"total", "per_day": [(date, n)], "fields": [{label, type, rows: [(label, n, percent)], average}]}

    Answers sent through a translation of the form (a choice stored as its English
    label) count as the same choice of the page's own language: choices are matched by
    their place in the field's list, fields by their stable name (forms_ext.naming)."""
    submissions = list(page.get_submissions().only("form_data", "submit_time"))
    fields = [field for field in page.get_form_fields() if field.field_type in CHOICE_TYPES]
    form_fields = CivicFormBuilder(fields).formfields
    same_choice = _choices_across_translations(page, fields, form_fields)
    sections = getattr(page, "statistics_sections", None)
    return {
        "total": len(submissions),
        "per_day": _per_day(submissions),
        # A page type may add figures of its own first, in the fields' shape (a
        # consultation: the proposals per article of its draft act).
        "fields": [*(sections(len(submissions)) if callable(sections) else ())]
        + [
            _field_statistics(field, form_fields[field.clean_name], submissions, same_choice.get(field.clean_name, {}))
            for field in fields
        ],
    }


def _choice_values(form_field):
    return [str(value) for value, _label in getattr(form_field, "choices", ()) if value != ""]


def _choices_across_translations(page, fields, form_fields):
    """{field name: {a translation's choice value: this page's}} for the choice fields
    whose values are their labels (drop-downs, radios, checkboxes); ratings, scales and
    topics are stored the same in every language."""
    named = {field.clean_name: field for field in fields if field.field_type not in SCALE_TYPES | {"topic", "checkbox"}}
    if not named or not hasattr(page, "get_translations"):
        return {}
    mapping = {}
    for translation in page.get_translations(inclusive=False).specific():
        if not hasattr(translation, "get_form_fields"):
            continue
        theirs = [field for field in translation.get_form_fields() if field.clean_name in named]
        if not theirs:
            continue
        their_form_fields = CivicFormBuilder(theirs).formfields
        for field in theirs:
            own = _choice_values(form_fields[field.clean_name])
            other = _choice_values(their_form_fields[field.clean_name])
            if len(own) != len(other):
                continue  # the translation's list differs: its answers cannot be matched safely
            mapping.setdefault(field.clean_name, {}).update(
                {value: own_value for value, own_value in zip(other, own, strict=True) if value != own_value}
            )
    return mapping


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


def _field_statistics(field, form_field, submissions, same_choice=None):
    answers = list(_answers(field, submissions))
    same_choice = same_choice or {}
    counts = Counter(same_choice.get(str(answer), str(answer)) for answer in answers)
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
