"""A draft normative act as structured text: its articles ("Чл. 5", "Чл. 12а"), the
paragraphs of each ("(1)", "(2)") with their points ("1.", "2."), the provisions of the
transitional and final part ("§ 3"), and the chapter and section headings ("Глава
първа", "Раздел II") that group them, recognised from the text an officer pastes or
uploads. Text before the first article or heading is the preamble.

Pure functions, no Django: `parse(text)` gives the items in order, `stream_data(items)`
the raw value of ConsultationPage.draft_act, `article_key(text)` the article a citizen's
free answer ("чл. 5, ал. 2", "Art. 5(2)", "§ 3") names, comparable across languages,
and `anchor(key)` the id of that article's heading on the page.

What is recognised, and where (at the start of a line only, never inside quotation
marks, so a quoted amendment „Чл. 7а. (1) …“ stays text of the article that quotes it):

- an article: "Чл. 5." / "Чл. 5" / "Член 5" (and "Art. 5" / "Article 5" in English),
  followed by nothing, by the article's text or by its first paragraph; a number may
  carry a letter ("Чл. 12а");
- a provision of the additional, transitional and final part: "§ 3." / "§ 3";
- a paragraph: "(1)", "(2а)"; a point inside a paragraph: "1.", a letter "а)";
- a heading: "Глава …", "Раздел …" ("Chapter", "Section", "Part"), "Преходни и
  заключителни разпоредби" and the like, with the line under a chapter's number that
  names it ("ОБЩИ РАЗПОРЕДБИ").

Lines broken inside a paragraph (text copied from a PDF) are joined with a space; a
line that begins a point or follows a finished sentence keeps its line break."""

import re
import uuid
from dataclasses import dataclass, field

ARTICLE = "article"
HEADING = "heading"
TEXT = "text"

_NUMBER = r"(?P<number>\d+(?:[а-яa-z](?![а-яa-zА-ЯA-Z]))?)"
# A heading word starts with a capital; what follows the number starts a sentence, a
# paragraph or a quotation (else it is a reference at the start of a wrapped line).
_ARTICLE_LINE = re.compile(
    r"^(?P<word>Чл\.|Член|ЧЛ\.|ЧЛЕН|Art\.|Article|ARTICLE)\s*" + _NUMBER + r"(?P<dot>\s*\.)?\s*(?P<rest>.*)$"
)
_SECTION_LINE = re.compile(r"^(?P<word>§)\s*" + _NUMBER + r"(?P<dot>\s*\.)?\s*(?P<rest>.*)$")
_HEADING_LINE = re.compile(r"^(?:Глава|ГЛАВА|Раздел|РАЗДЕЛ|Chapter|CHAPTER|Section|SECTION|Part|PART)\s+\S.{0,150}$")
_PROVISIONS_LINE = re.compile(
    r"^(?:(?:Допълнителни|Преходни|Заключителни|Преходни и заключителни|Допълнителни, преходни и заключителни)"
    r"\s+разпоредби|(?:Additional|Transitional|Final|Transitional and final|Additional, transitional and final)"
    r"\s+provisions)$",
    re.IGNORECASE,
)
_PARAGRAPH_START = re.compile(r"^\((?P<number>\d+[а-яa-z]?)\)\s*")
_POINT_START = re.compile(r"^(?:\d+[а-яa-z]?\.|[а-яa-z]\))\s")
_SENTENCE_END = re.compile(r"[.;:!?…“”\"»]$")
_STARTS_A_SENTENCE = re.compile(r"^[(\"„“«\dА-ЯA-Z§]")

# "чл. 5, ал. 2", "член 5", "Art. 5(2)", "Article 12a", "§ 3"; or a bare "5, ал. 2".
_KEY = re.compile(
    r"(?:(?P<word>чл\b\.?|член\b|art\b\.?|article\b)|(?P<section>§))\s*" + _NUMBER,
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*" + _NUMBER)
_LATIN_LETTER = str.maketrans("abcdefg", "абвгдеж")
_ANCHOR_LETTER = str.maketrans("абвгдеж", "abvgdez")

QUOTE_PAIRS = {"„": "“", "“": "”", "«": "»", '"': '"'}


@dataclass
class Article:
    label: str  # "Чл. 5", "§ 3", "Art. 5": as the page shows it
    title: str = ""
    paragraphs: list = field(default_factory=list)  # each a text, its own marker "(1)" included

    @property
    def key(self):
        return article_key(self.label)


@dataclass
class Heading:
    text: str


@dataclass
class Text:
    text: str


def _label(word, number):
    if word == "§":
        return f"§ {number}"
    return f"Art. {number}" if word[0] == "A" else f"Чл. {number}"


def _heading_match(line):
    return _HEADING_LINE.match(line) or _PROVISIONS_LINE.match(line)


def _provision_match(line):
    """The article or § a line begins, or None."""
    match = _ARTICLE_LINE.match(line) or _SECTION_LINE.match(line)
    if match is None:
        return None
    rest = match["rest"]
    if rest and not _STARTS_A_SENTENCE.match(rest):
        return None  # "Чл. 5 от Закона …" at the start of a wrapped line: a reference
    if rest and not match["dot"] and rest[0].isdigit():
        return None
    return match


class _Quotes:
    """Whether the text read so far has left a quotation open („…“, “…”, «…», "…")."""

    def __init__(self):
        self.open = []

    def read(self, line):
        for char in line:
            if self.open and char == QUOTE_PAIRS[self.open[-1]]:
                self.open.pop()
            elif char in QUOTE_PAIRS:
                self.open.append(char)

    @property
    def inside(self):
        return bool(self.open)

    def reset(self):
        self.open = []


class _Paragraph:
    """One paragraph being read: its lines, joined where a line was only wrapped."""

    def __init__(self, first=""):
        self.lines = [first] if first else []

    def add(self, line, after_blank=False):
        if not self.lines:
            self.lines.append(line)
        elif _POINT_START.match(line) or _PARAGRAPH_START.match(line) and not self._ends_sentence():
            self.lines.append(line)
        elif (after_blank or self._ends_sentence()) and _STARTS_A_SENTENCE.match(line):
            self.lines.append(line)
        else:
            self.lines[-1] = f"{self.lines[-1]} {line}"

    def _ends_sentence(self):
        return bool(self.lines and _SENTENCE_END.search(self.lines[-1]))

    @property
    def text(self):
        return "\n".join(self.lines).strip()


def _lines(text):
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", " ")
    return [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]


def parse(text):
    """The items of the draft in order: Text (the preamble, or text between a heading and
    the next article), Heading and Article. Empty input gives []."""
    items = []
    quotes = _Quotes()
    current = None  # the Article or Text being read
    paragraph = None
    blank = False
    pending_heading = None  # a chapter's number, waiting for the line that names it

    def close_paragraph():
        nonlocal paragraph
        if paragraph is not None and paragraph.text:
            if isinstance(current, Article):
                current.paragraphs.append(paragraph.text)
            elif isinstance(current, Text):
                current.text = f"{current.text}\n\n{paragraph.text}".strip()
        paragraph = None

    def close_item():
        nonlocal current
        close_paragraph()
        if isinstance(current, Text) and current.text:
            items.append(current)
        elif isinstance(current, Article):
            items.append(current)
        current = None

    lines = _lines(text)
    for index, line in enumerate(lines):
        if not line:
            blank = True
            quotes.reset()  # a quotation never runs on past an empty line (a missing closing mark)
            continue
        after_blank, blank = blank, False
        if quotes.inside:  # a line of a quotation: text of what quotes it, whatever it begins with
            if current is None:
                current = Text("")
            paragraph = paragraph or _Paragraph()
            paragraph.add(line, after_blank=after_blank)
            quotes.read(line)
            continue

        if pending_heading is not None:
            heading_name = _names_the_chapter(line, lines, index)
            items.append(Heading(f"{pending_heading}. {line}" if heading_name else pending_heading))
            pending_heading = None
            if heading_name:
                continue

        match = _provision_match(line)
        if match is not None:
            close_item()
            current = Article(label=_label(match["word"], match["number"]))
            rest = match["rest"]
            if rest and _is_title(rest, lines, index):
                current.title = rest
                rest = ""
            elif not rest and _is_title_line(lines, index):
                current.title = lines[index + 1]
                lines[index + 1] = ""
            if rest:
                paragraph = _Paragraph(rest)
            quotes.read(rest)
            continue

        if _heading_match(line):
            close_item()
            if _HEADING_LINE.match(line) and len(line.split()) <= 3:
                pending_heading = line
            else:
                items.append(Heading(line))
            continue

        if current is None:
            current = Text("")
        if isinstance(current, Article) and _PARAGRAPH_START.match(line) and paragraph is not None:
            close_paragraph()
        elif (
            isinstance(current, Article) and paragraph is not None and after_blank and not _numbered(current, paragraph)
        ):
            if _STARTS_A_SENTENCE.match(line) and not _POINT_START.match(line):
                close_paragraph()
        elif isinstance(current, Text) and after_blank and paragraph is not None:
            close_paragraph()
        if paragraph is None:
            paragraph = _Paragraph()
        paragraph.add(line, after_blank=after_blank)
        quotes.read(line)

    if pending_heading is not None:
        items.append(Heading(pending_heading))
    close_item()
    return items


def _numbered(article, paragraph):
    """Whether the article's paragraphs are numbered "(1)", "(2)": then only a number
    starts a new one, and an empty line between them means nothing."""
    first = article.paragraphs[0] if article.paragraphs else (paragraph.lines[0] if paragraph.lines else "")
    return bool(_PARAGRAPH_START.match(first))


def _next_line(lines, index):
    return lines[index + 1] if index + 1 < len(lines) else ""


def _is_short_name(line):
    return bool(line) and len(line) <= 120 and not _SENTENCE_END.search(line.rstrip(".")) and not line.endswith(",")


def _is_title(rest, lines, index):
    """ "Чл. 5. Предмет" over "(1) …": a short name without a full stop, before the text."""
    following = _next_line(lines, index)
    return (
        len(rest) <= 80
        and not _SENTENCE_END.search(rest)
        and not rest.endswith(",")
        and not _PARAGRAPH_START.match(rest)
        and bool(following)
        and (_PARAGRAPH_START.match(following) is not None or following[:1].isupper())
    )


def _is_title_line(lines, index):
    """ "Чл. 5" alone, then "Предмет", then "(1) …": the second line names the article."""
    name, after = _next_line(lines, index), lines[index + 2] if index + 2 < len(lines) else ""
    return (
        _is_short_name(name)
        and len(name) <= 80
        and not _PARAGRAPH_START.match(name)
        and not _provision_match(name)
        and not _heading_match(name)
        and bool(after)
        and (_PARAGRAPH_START.match(after) is not None or after[:1].isupper())
    )


def _names_the_chapter(line, lines, index):
    """The line under "Глава първа" that names it ("ОБЩИ РАЗПОРЕДБИ")."""
    return (
        _is_short_name(line)
        and not _provision_match(line)
        and not _heading_match(line)
        and not _PARAGRAPH_START.match(line)
        and (line.isupper() or not line.endswith("."))
    )


def stream_data(items):
    """The raw StreamField value of the items (pages.blocks.DraftActBlock), as Wagtail
    stores it."""
    data = []
    for item in items:
        if isinstance(item, Article):
            # Each paragraph in the list's block format, with an id: so wagtail-localize offers
            # translators each paragraph, and keeps its translation when the others change.
            paragraphs = [{"type": "item", "value": text, "id": str(uuid.uuid4())} for text in item.paragraphs]
            value = {"label": item.label, "title": item.title, "paragraphs": paragraphs}
            data.append({"type": ARTICLE, "value": value})
        elif isinstance(item, Heading):
            data.append({"type": HEADING, "value": item.text})
        else:
            data.append({"type": TEXT, "value": item.text})
    return data


def articles(items):
    return [item for item in items if isinstance(item, Article)]


def article_key(text):
    """The article `text` names, in a form equal in every language: "чл. 5, ал. 2",
    "Чл. 5", "член 5" and "Art. 5(2)" give "чл:5"; "Чл. 12а" and "Art. 12a" "чл:12а";
    "§ 3" "§:3"; a bare "5, ал. 2" "чл:5". None when it names none."""
    text = " ".join(str(text or "").split())[:200]
    match = _KEY.search(text)
    if match is None:
        match = _BARE_NUMBER.match(text)
        if match is None:
            return None
        kind = "чл"
    else:
        kind = "§" if match["section"] else "чл"
    return f"{kind}:{match['number'].lower().translate(_LATIN_LETTER)}"


def anchor(key):
    """The id of an article's heading: "чл:12а" → "chl-12a", "§:3" → "par-3"."""
    kind, number = key.split(":", 1)
    return f"{'par' if kind == '§' else 'chl'}-{number.translate(_ANCHOR_LETTER)}"


def order_of(items):
    """{key: position} of the draft's articles, in the order of the text."""
    order = {}
    for item in articles(items):
        key = item.key
        if key is not None and key not in order:
            order[key] = len(order)
    return order
