"""Publishing a translation the way a translator would, for demo content and tests."""

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def publish_translation(instance, texts, language_code="en"):
    """Translate a page or snippet through wagtail-localize and publish the result.

    `texts` maps every translatable source string of `instance` (its title, slug, each
    text field, each StreamField item, each rich-text paragraph) to its translation,
    like a PO file maps msgid to msgstr. The strings are stored as wagtail-localize
    string translations, so translators keep editing them in its editor; a page's
    alias in the target tree becomes the translated page and is published.

    Page types add their demo translations like this (pages/demo/english.py):

        EVENT = {data.EVENT["title"]: "Public hearing", data.EVENT["slug"]: "public-hearing", ...}
        publish_translation(event_page, EVENT)

    Raises ValueError naming the source strings `texts` lacks, so nothing is published
    half in Bulgarian. Returns the translated instance, or None when a translation
    already exists (an existing translation is never overwritten).
    """
    locale = Locale.objects.get(language_code=language_code)
    if isinstance(instance, Page):
        instance = instance.specific
    existing = instance.get_translation_or_none(locale)
    if existing is not None and getattr(existing, "alias_of_id", None) is None:
        return None

    source, _ = TranslationSource.get_or_create_from_instance(instance)
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
    missing = sorted({segment.string.data for segment in segments} - set(texts))
    if missing:
        raise ValueError(f"No {language_code} translation for {instance!r}: {missing}")

    Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": texts[segment.string.data],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translated, _ = source.create_or_update_translation(locale, publish=not isinstance(instance, Page))
    if isinstance(translated, Page):
        # Published now rather than on commit, so callers inside a transaction see it live.
        translated.get_latest_revision().publish()
    return translated
