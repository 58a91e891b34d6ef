"""Topic choices for the "topic" form field, read from the `pages.Topic` snippet.

The snippet belongs to the content family; this is the one place forms_ext reads it,
and it tolerates the model's absence so the forms work before (and without) it."""

from django.apps import apps


def topic_choices(locale=None):
    """[(value, name)] of the topics in `locale` (the active one by default). The value is
    the slug of the topic in the default language, whatever the slug of its translation,
    so answers from every language land on the same topic."""
    try:
        Topic = apps.get_model("pages", "Topic")
    except LookupError:
        return []
    if not hasattr(Topic, "locale"):
        return [(topic.slug, topic.name) for topic in Topic.objects.order_by("name")]
    from pages.locales import active_locale, default_locale
    from pages.page_cache import until_content_changes

    active = locale or active_locale()
    # Topics are saved rarely (each save starts the page cache afresh): read them once.
    return until_content_changes(f"topic-choices:{active.pk}", lambda: _choices(Topic, active, default_locale()))


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
