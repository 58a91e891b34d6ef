"""The filters above the index pages (django-filter). They are GET forms: an invalid
value shows a message next to its field and that filter is left out. They import no
model: each filters the queryset it is given."""

import hashlib

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField

from civic_core import cache
from civic_core.locales import active_locale, default_locale
from pages.choices import CONSULTATION_STATUSES, EU_MEMBER_STATES, EventKind

ANY = [("", _("All"))]


class ListingFilterForm(forms.Form):
    """Bootstrap's classes on every control."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"


def topics_of_active_language():
    """The topics of the visitor's language (else of the default one), read once per content version."""
    from django.apps import apps

    Topic = apps.get_model("pages", "Topic")

    def read():
        topics = list(Topic.objects.filter(locale=active_locale()))
        return topics or list(Topic.objects.filter(locale=default_locale()))

    # Saving a topic starts the page cache afresh, and this list with it.
    return cache.memo(f"filter-topics:{active_locale().pk}", read)


def topic_choices():
    return [(topic.slug, topic.name) for topic in topics_of_active_language()]


class YearField(ChoiceField):
    """A year among those offered; a value that is not a number at all says so first."""

    def validate(self, value):
        if value not in self.empty_values:
            try:
                int(value)
            except (TypeError, ValueError):
                raise ValidationError(forms.IntegerField.default_error_messages["invalid"], code="invalid") from None
        super().validate(value)


class YearFilter(django_filters.ChoiceFilter):
    """A select of the years the listed pages have content in (newest first)."""

    field_class = YearField


def years_with_content(queryset, field):
    """The years (in Sofia time, as the filter matches them) of `field` in `queryset`,
    newest first, read once per content version."""
    query = str(queryset.order_by().query)
    name = f"filter-years:{queryset.model._meta.label_lower}:{field}:{hashlib.sha1(query.encode()).hexdigest()}"

    def read():
        years = queryset.order_by().annotate(year=ExtractYear(field)).values_list("year", flat=True).distinct()
        return sorted({year for year in years if year is not None}, reverse=True)

    return cache.memo(name, read)


class ListingFilterSet(django_filters.FilterSet):
    """Topic and year, which every filtered index has. A topic is chosen by its slug in
    the visitor's language and matches pages tagged in any language (translation key)."""

    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=topic_choices, method="filter_topic", empty_label=_("All")
    )
    year = YearFilter(label=_("Year"), method="filter_year", choices=[], empty_label=_("All"))
    # The date field the year filter looks at.
    year_field = None

    class Meta:
        form = ListingFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = self.filters.get("year")
        if year is not None and self.year_field:
            # A list, not a callable: the form is kept in the cache with its choices.
            years = years_with_content(self.queryset, self.year_field)
            year.extra["choices"] = [(str(value), str(value)) for value in years]

    @property
    def is_filtering(self):
        return (
            self.is_bound
            and self.is_valid()
            and any(value not in (None, "") for value in self.form.cleaned_data.values())
        )

    def filter_topic(self, queryset, name, slug):
        topic = next((topic for topic in topics_of_active_language() if topic.slug == slug), None)
        if topic is None:
            return queryset
        # Pages tagged with the topic in any language, by id: a page search accepts that filter.
        tagged = queryset.model.topics.through.objects.filter(topic__translation_key=topic.translation_key)
        return queryset.filter(pk__in=list(tagged.values_list(f"{queryset.model._meta.model_name}_id", flat=True)))

    def filter_year(self, queryset, name, year):
        return queryset.filter(**{f"{self.year_field}__year": year})


class ConsultationFilterSet(ListingFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=list(CONSULTATION_STATUSES.items()), method="filter_status", empty_label=_("All")
    )
    year_field = "opens_at"

    class Meta(ListingFilterSet.Meta):
        fields = ["status", "topic", "year"]

    def filter_status(self, queryset, name, status):
        return queryset.filter(queryset.model.status_q(status))


class EventFilterSet(ListingFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type of event"), choices=EventKind.choices, empty_label=_("All"))
    year_field = "start"

    class Meta(ListingFilterSet.Meta):
        fields = ["kind", "topic", "year"]


class BestPracticeFilterSet(ListingFilterSet):
    """The library also searches its own full text (`q`), which the page does last: a
    search's results cannot be filtered further."""

    q = django_filters.CharFilter(label=_("Search the library"), max_length=200, method="keep")
    country = django_filters.ChoiceFilter(label=_("Country"), choices=EU_MEMBER_STATES, empty_label=_("All"))
    year = None

    class Meta(ListingFilterSet.Meta):
        fields = ["q", "country", "topic"]

    def keep(self, queryset, name, value):
        return queryset
