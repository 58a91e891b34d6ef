"""Which pages still need a translator, per language: the data behind the admin's
"Pages to translate" report."""

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
