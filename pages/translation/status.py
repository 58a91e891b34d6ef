"""Which pages and snippets still need a translator, per language: the data behind the
admin's "Pages to translate" report."""

from dataclasses import dataclass

from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

UNTRANSLATED = "untranslated"
OUT_OF_DATE = "out_of_date"


@dataclass
class PageToTranslate:
    source: Page
    locale: Locale
    status: str  # UNTRANSLATED or OUT_OF_DATE
    translation: Page | None  # the alias or the stale translated page
    translation_source_id: int | None = None  # wagtail-localize's source, which "sync" refreshes


def pages_to_translate():
    """Every (source page, language) pair whose translation is missing, still an alias
    of the source, or older than the source's last publication. A translation made in
    wagtail-localize is compared with the moment its source was last synced; one made
    by hand, with its own last publication. Four queries whatever the tree's size."""
    default = Locale.get_default()
    locales = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
    sources = list(
        Page.objects.filter(locale=default, depth__gt=1)
        .order_by("path")
        .only("id", "title", "path", "depth", "translation_key", "locale_id", "last_published_at")
    )
    keys = [page.translation_key for page in sources]
    targets = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=locales).only(
            "id", "title", "translation_key", "locale_id", "alias_of_id", "last_published_at"
        )
    }
    translation_sources = {
        object_id: (source_id, synced_at)
        for object_id, source_id, synced_at in TranslationSource.objects.filter(
            object_id__in=keys, locale=default
        ).values_list("object_id", "id", "last_updated_at")
    }
    rows = []
    for source in sources:
        for locale in locales:
            target = targets.get((source.translation_key, locale.pk))
            source_id, synced_at = translation_sources.get(source.translation_key, (None, None))
            if target is None or target.alias_of_id is not None:
                rows.append(PageToTranslate(source, locale, UNTRANSLATED, target, source_id))
            elif _is_out_of_date(source, target, synced_at):
                rows.append(PageToTranslate(source, locale, OUT_OF_DATE, target, source_id))
    return rows


def _is_out_of_date(source, target, synced_at):
    if source.last_published_at is None:
        return False
    reference = synced_at or target.last_published_at
    return reference is None or source.last_published_at > reference


@dataclass
class SnippetToTranslate:
    source: object  # the snippet in the default language
    locale: Locale
    status: str  # UNTRANSLATED or OUT_OF_DATE
    translation: object | None
    translation_source_id: int | None = None

    @property
    def kind(self):
        return self.source._meta.verbose_name

    @property
    def model_name(self):
        return self.source._meta.model_name

    @property
    def app_label(self):
        return self.source._meta.app_label


def translatable_snippet_models():
    from wagtail.models import TranslatableMixin
    from wagtail.snippets.models import get_snippet_models

    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def snippets_to_translate():
    """Every (snippet, language) pair with no translation yet, or (for a snippet that
    records when it last changed, such as a recommendation and its dated updates) changed
    since its translation was last synced. A few queries per snippet type."""
    default = Locale.get_default()
    locales = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
    rows = []
    for model in translatable_snippet_models():
        sources = list(model.objects.filter(locale=default))
        keys = [snippet.translation_key for snippet in sources]
        targets = {
            (snippet.translation_key, snippet.locale_id): snippet
            for snippet in model.objects.filter(translation_key__in=keys, locale__in=locales)
        }
        synced = {
            object_id: (source_id, synced_at)
            for object_id, source_id, synced_at in TranslationSource.objects.filter(
                object_id__in=keys, locale=default
            ).values_list("object_id", "id", "last_updated_at")
        }
        changes_recorded = any(field.name == "updated_at" for field in model._meta.get_fields())
        for source in sources:
            source_id, synced_at = synced.get(source.translation_key, (None, None))
            for locale in locales:
                target = targets.get((source.translation_key, locale.pk))
                if target is None:
                    rows.append(SnippetToTranslate(source, locale, UNTRANSLATED, None, source_id))
                elif changes_recorded and synced_at is not None and source.updated_at > synced_at:
                    rows.append(SnippetToTranslate(source, locale, OUT_OF_DATE, target, source_id))
    return rows
