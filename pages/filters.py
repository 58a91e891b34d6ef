"""The filter forms above the index pages. They are GET forms: an invalid value shows
a message next to its field and the list stays unfiltered."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pages.snippets import Topic

ANY = [("", _("All"))]


class ListingFilterForm(forms.Form):
    """Topic and year, which every filtered index has."""

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.topics = {topic.slug: topic for topic in topics_of_active_language()}
        self.fields["topic"].choices = ANY + [(slug, topic.name) for slug, topic in self.topics.items()]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    @property
    def is_filtering(self):
        return self.is_valid() and any(value not in (None, "") for value in self.cleaned_data.values())

    def topic_translation_key(self):
        """The chosen topic as its translation key, so pages tagged in any language match."""
        topic = self.topics.get(self.cleaned_data.get("topic"))
        return topic.translation_key if topic else None


def topics_of_active_language():
    """The topics of the visitor's language (else of the default one), read once per content version."""
    from pages.locales import active_locale, default_locale
    from pages.page_cache import until_content_changes

    def read():
        topics = list(Topic.objects.filter(locale=active_locale()))
        return topics or list(Topic.objects.filter(locale=default_locale()))

    # Saving a topic starts the page cache afresh, and this list with it.
    return until_content_changes(f"filter-topics:{active_locale().pk}", read)


class ConsultationFilterForm(ListingFilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    field_order = ["status", "topic", "year"]

    def __init__(self, data=None, **kwargs):
        from pages.models.consultation import ConsultationPage

        super().__init__(data, **kwargs)
        self.fields["status"].choices = ANY + list(ConsultationPage.STATUS_LABELS.items())


class EventFilterForm(ListingFilterForm):
    kind = forms.ChoiceField(label=_("Type of event"), required=False)
    field_order = ["kind", "topic", "year"]

    def __init__(self, data=None, **kwargs):
        from pages.models.event import EventPage

        super().__init__(data, **kwargs)
        self.fields["kind"].choices = ANY + list(EventPage.Kind.choices)


class BestPracticeFilterForm(ListingFilterForm):
    q = forms.CharField(label=_("Search the library"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    field_order = ["q", "country", "topic"]

    def __init__(self, data=None, **kwargs):
        from pages.countries import EU_MEMBER_STATES

        super().__init__(data, **kwargs)
        del self.fields["year"]
        self.fields["country"].choices = ANY + list(EU_MEMBER_STATES)
