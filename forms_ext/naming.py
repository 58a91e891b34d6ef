"""Internal field names from Bulgarian labels, readable in exports and stable across
languages: the label is transliterated by the Transliteration Act (civic_core) before
Wagtail makes it snake_case."""

from wagtail.contrib.forms.utils import get_field_clean_name

from civic_core.transliteration import transliterate


def clean_name_for(label: str) -> str:
    return get_field_clean_name(transliterate(label))
