"""Internal field names from Bulgarian labels, readable in exports and stable across
languages: the label is transliterated by the Streamlined System (Закон за
транслитерацията, 2009) before Wagtail makes it snake_case."""

import re

_LETTERS = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъьюя",
        "a b v g d e zh z i y k l m n o p r s t u f h ts ch sh sht a y yu ya".split(),
        strict=False,
    )
)


def transliterate(text: str) -> str:
    text = re.sub(r"ия\b", "ia", text)
    text = re.sub(r"ИЯ\b", "IA", text)
    out = []
    for char in text:
        latin = _LETTERS.get(char.lower())
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def clean_name_for(label: str) -> str:
    from wagtail.contrib.forms.utils import get_field_clean_name

    return get_field_clean_name(transliterate(label))
