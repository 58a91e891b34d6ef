"""Topic choices for the "topic" form field, read from the `pages.Topic` snippet.

The snippet belongs to the content family; this is the one place forms_ext reads it,
and it tolerates the model's absence so the forms work before (and without) it."""
from django.apps import apps


def topic_choices(locale=None):
    """[(slug, name)] of the topics in `locale` (the active one by default). The slug is
    the stored value, so answers from every language land on the same topic."""
    try:
        Topic = apps.get_model("pages", "Topic")
    except LookupError:
        return []
    topics = Topic.objects.all()
    if hasattr(Topic, "locale"):
        from wagtail.models import Locale

        topics = topics.filter(locale=locale or Locale.get_active())
    return [(topic.slug, topic.name) for topic in topics.order_by("name")]
