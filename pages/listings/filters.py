"""The filters above the index pages (django-filter). They are GET forms: an invalid
value shows a message next to its field and that filter is left out. They import no
model: each filters the queryset it is given."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

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


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class ListingFilterSet(django_filters.FilterSet):
    """Topic and year, which every filtered index has. A topic is chosen by its slug in
    the visitor's language and matches pages tagged in any language (translation key)."""

    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=topic_choices, method="filter_topic", empty_label=_("All")
    )
    year = YearFilter(label=_("Year"), method="filter_year", min_value=2000, max_value=2100)
    # The date field the year filter looks at.
    year_field = None

    class Meta:
        form = ListingFilterForm

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
