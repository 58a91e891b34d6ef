"""Topic choices for the "topic" form field and the email alerts, read from the model
the FORMS_EXT_TOPIC_MODEL setting names ("app_label.Model", by default the suite's
"pages.Topic"). forms_ext imports no such model: without it (a site that installs
forms_ext alone), the topic field and the alerts' topic filter simply offer no choices.

A topic model needs `name` and `slug`; a translatable one (wagtail's TranslatableMixin)
is read in the visitor's language."""

from django.apps import apps

from civic_core import cache
from civic_core.locales import active_locale, default_locale
from forms_ext import conf


def topic_model():
    """The topic model, or None when the setting names none or an app not installed."""
    label = conf.get("FORMS_EXT_TOPIC_MODEL")
    if not label:
        return None
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def topic_choices(locale=None):
    """[(value, name)] of the topics in `locale` (the active one by default). The value is
    the slug of the topic in the default language, whatever the slug of its translation,
    so answers from every language land on the same topic."""
    Topic = topic_model()
    if Topic is None:
        return []
    if not hasattr(Topic, "locale"):
        return [(topic.slug, topic.name) for topic in Topic.objects.order_by("name")]
    active = locale or active_locale()
    # Topics are saved rarely (each save starts the page cache afresh): read them once.
    return cache.memo(f"topic-choices:{active.pk}", lambda: _choices(Topic, active, default_locale()))


def topic_keys_and_names(locale=None):
    """[(translation key, name)] of the topics in `locale`: what an alert subscription
    stores, the same whichever language the citizen subscribed in."""
    Topic = topic_model()
    if Topic is None or not hasattr(Topic, "translation_key"):
        return []
    active = locale or active_locale()
    return [(str(topic.translation_key), topic.name) for topic in Topic.objects.filter(locale=active).order_by("name")]


def _choices(Topic, active, default):
    topics = list(Topic.objects.filter(locale=active).order_by("name"))
    if active.pk == default.pk:
        return [(topic.slug, topic.name) for topic in topics]
    source_slugs = dict(
        Topic.objects.filter(
            locale=default, translation_key__in=[topic.translation_key for topic in topics]
        ).values_list("translation_key", "slug")
    )
    return [(source_slugs.get(topic.translation_key, topic.slug), topic.name) for topic in topics]
