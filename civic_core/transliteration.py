"""Bulgarian to Latin by the official system of the Transliteration Act (Закон за
транслитерацията, ДВ бр. 19/2009), used for page slugs made from Bulgarian titles.

The same rules drive the admin's slug field (see `slug_formatters`), so a slug typed
by the browser and one made on the server agree."""

import re

from django.utils.text import slugify

# Art. 3 (1): letter by letter. Capitals follow from these (see `transliterate`).
LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
}  # fmt: skip

# Art. 4 (2): the country's name keeps its established spelling.
PROPER_NAMES = {"българия": "bulgaria"}

# Word boundaries spelt as a letter class, not \b or \w: the admin runs these patterns
# in JavaScript, where \w knows only ASCII.
NOT_AFTER_LETTER = r"(?<![a-zа-яѝ])"
NOT_BEFORE_LETTER = r"(?![a-zа-яѝ])"
# Art. 3 (2): "ия" at the end of a word is "ia" (София -> Sofia), not "iya".
WORD_FINAL_IA = re.compile("ия" + NOT_BEFORE_LETTER, re.IGNORECASE)
PROPER_NAME_PATTERNS = {
    name: re.compile(NOT_AFTER_LETTER + name + NOT_BEFORE_LETTER, re.IGNORECASE) for name in PROPER_NAMES
}
LETTER_PATTERN = re.compile("[" + "".join(LETTERS) + "]", re.IGNORECASE)


def _same_case(source, latin):
    """Latin in the case of the Cyrillic it replaces: България -> Bulgaria, БЪЛГАРИЯ -> BULGARIA."""
    if len(source) > 1 and source.isupper():
        return latin.upper()
    return latin.capitalize() if source[0].isupper() else latin


def _letter(match):
    letter = match.group()
    latin = LETTERS[letter.lower()]
    if not letter.isupper():
        return latin
    # A capital inside an all-capitals word stays all capitals: ЩИТ -> SHTIT.
    text, start = match.string, match.start()
    neighbours = text[max(start - 1, 0) : start] + text[start + 1 : start + 2]
    in_capitals = any(ch.isalpha() and ch.isupper() for ch in neighbours)
    return latin.upper() if in_capitals else latin.capitalize()


def transliterate(text: str) -> str:
    """Bulgarian text in Latin letters: "Горна Оряховица" -> "Gorna Oryahovitsa"."""
    for name, pattern in PROPER_NAME_PATTERNS.items():
        text = pattern.sub(lambda m, latin=PROPER_NAMES[name]: _same_case(m.group(), latin), text)
    text = WORD_FINAL_IA.sub(lambda m: _same_case(m.group(), "ia"), text)
    return LETTER_PATTERN.sub(_letter, text)


def slugify_bulgarian(title: str) -> str:
    """The page slug for a Bulgarian (or any) title: "Община Сливен" -> "obshtina-sliven"."""
    return slugify(transliterate(title))


def slug_formatters():
    """The rules as (regex, replacement) pairs for Wagtail's slug input, which applies
    them in order before its own clean-up (lower case, dashes). Order matters: whole
    names and word endings before single letters."""
    formatters = [(PROPER_NAME_PATTERNS[name], latin) for name, latin in PROPER_NAMES.items()]
    formatters.append((WORD_FINAL_IA, "ia"))
    formatters += [(re.compile(letter, re.IGNORECASE), latin) for letter, latin in LETTERS.items()]
    return formatters
