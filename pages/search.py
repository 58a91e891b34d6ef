"""Site-wide search: the live public pages of the visitor's language, on the current site.

Bulgarian word forms: on PostgreSQL, Bulgarian pages are indexed and searched with the
`bulgarian_hunspell` text-search configuration (Debian's Bulgarian Hunspell dictionary,
then `simple`), so "съветите", "съвета" and "съвети" all find "съвет". English pages keep
PostgreSQL's `english`. Where the dictionary is not installed (a managed PostgreSQL), the
Bulgarian pages fall back to `simple` and `manage.py check --deploy` says so (pages.W001).
SQLite (the quick start) has no stemmer: there, and on PostgreSQL when the words as typed
find nothing, every word is searched as a prefix of its stem ("съветите" → "съвет*").
docs/deploying.md#bulgarian-search says how to install the dictionary and reindex.

This module is also the search backend (WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] =
"pages.search"): Wagtail's database backend, with a text-search configuration per
language (SEARCH_CONFIG: {"bg": "bulgarian_hunspell", "en": "english"})."""

import copy
import difflib
import functools
import re
import time
import unicodedata
from functools import reduce
from operator import or_

from django import forms
from django.conf import settings
from django.db import DatabaseError, connection, connections, router, transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import PlainText
from wagtail.models import Locale, Page, Site

from civic_core import cache
from pages.listings import visibility
from pages.listings.pagination import paginate

BULGARIAN_CONFIG = "bulgarian_hunspell"
BULGARIAN_DICTIONARY = "bulgarian_hunspell_dict"
# The files PostgreSQL reads from its tsearch_data directory: bg_bg.dict and bg_bg.affix,
# which Debian's pg_updatedicts makes from hunspell-bg's /usr/share/hunspell/bg_BG.{dic,aff}.
DICTIONARY_FILES = "bg_bg"
FALLBACK_CONFIG = "simple"
DEFAULT_CONFIGS = {"bg": BULGARIAN_CONFIG, "en": "english"}

# Function words a citizen types and a page need not contain ("консултации за бюджета"):
# left out of the query unless they are all it has.
STOP_WORDS = {
    "bg": frozenset(
        "а аз в във да до за и или им как какво като кой коя кое които към ли на над не него "
        "но от по под при пред с се си със съм са сме сте също та те то тя той че чрез я е ще".split()
    ),
    "en": frozenset("a an and are as at be by for from in is it of on or the to with".split()),
}

# Bulgarian endings, longest first: what is left of a word without one is searched as a
# prefix where there is no stemmer (SQLite) or the words as typed found nothing.
_ENDINGS = sorted(
    (
        "ищата ището овете евете ията ните ите ата ята ото ето ът ят та то те ия ии "
        "ове еве ища ище ец ен на но ни и а я о е у ю"
    ).split(),
    key=len,
    reverse=True,
)
_MIN_STEM = 3


# --- The database side: the configuration, and what the database has -----------------

_known = {}  # (database, what) -> (exists, when checked)
_RECHECK_MISSING_AFTER = 60  # seconds: a dictionary installed since is seen without a restart


def _database_has(conn, what, sql, params):
    key = (conn.settings_dict.get("NAME"), conn.settings_dict.get("HOST"), what)
    exists, checked = _known.get(key, (None, 0.0))
    if exists or (exists is False and time.monotonic() - checked < _RECHECK_MISSING_AFTER):
        return exists
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            exists = cursor.fetchone() is not None
    except DatabaseError:
        exists = False
    _known[key] = (exists, time.monotonic())
    return exists


def forget_database_state():
    """After creating the configuration or an extension (the migration does)."""
    _known.clear()


def configuration_exists(name, conn=None):
    conn = conn or connection
    if conn.vendor != "postgresql":
        return False
    if name in ("simple", "english") or "." in name:
        return True  # PostgreSQL's own
    return _database_has(conn, f"config:{name}", "SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])


def trigram_available(conn=None):
    conn = conn or connection
    if conn.vendor != "postgresql":
        return False
    return _database_has(conn, "pg_trgm", "SELECT 1 FROM pg_extension WHERE extname = %s", ["pg_trgm"])


def install_bulgarian_configuration(conn=None):
    """Create the Bulgarian dictionary and the `bulgarian_hunspell` configuration (Hunspell,
    then `simple` for words it does not know; Latin words are left to `simple`), where the
    database server has the dictionary files. Returns whether the configuration exists.
    Run by pages' migration 0008; run it again (then `manage.py update_index`) after
    installing hunspell-bg on a server that did not have it."""
    conn = conn or connection
    if conn.vendor != "postgresql":
        return False
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [BULGARIAN_CONFIG])
        if cursor.fetchone():
            forget_database_state()
            return True
        try:
            # PostgreSQL reads (and checks) the files when the dictionary is created: a
            # server without them refuses, and the savepoint keeps the migration going.
            with transaction.atomic(using=conn.alias):
                cursor.execute(
                    f"CREATE TEXT SEARCH DICTIONARY {BULGARIAN_DICTIONARY} "
                    f"(TEMPLATE = ispell, DictFile = {DICTIONARY_FILES}, AffFile = {DICTIONARY_FILES})"
                )
        except DatabaseError:
            forget_database_state()
            return False
        cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {BULGARIAN_CONFIG} (COPY = simple)")
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {BULGARIAN_CONFIG} "
            f"ALTER MAPPING FOR word, hword, hword_part WITH {BULGARIAN_DICTIONARY}, simple"
        )
    forget_database_state()
    return True


def install_trigram_extension(conn=None):
    """pg_trgm, for typo-tolerant matches of titles, where the database lets us create it
    (a managed server may not); without it search works and only that help is missing."""
    conn = conn or connection
    if conn.vendor != "postgresql":
        return False
    try:
        with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        return False
    finally:
        forget_database_state()
    return True


def configured_languages():
    """{language code: the text-search configuration asked for in the settings}."""
    backend = getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).get("default", {})
    configs = backend.get("SEARCH_CONFIG") if backend.get("BACKEND") == __name__ else None
    if isinstance(configs, dict):
        return dict(configs)
    if isinstance(configs, str):
        return {code: configs for code, _name in settings.LANGUAGES}
    return dict(DEFAULT_CONFIGS)


# --- The search backend ---------------------------------------------------------------


class PrefixText(PlainText):
    """Every word is the beginning of a word ("съвет" finds "съветите")."""


@functools.cache
def _postgres_backend_class():
    """The PostgreSQL backend with a configuration per language and PrefixText; built on
    first use (modelsearch's backend modules need the database's own models)."""
    from modelsearch.backends.database.postgres import postgres as pg
    from modelsearch.backends.database.postgres.query import Lexeme as PgLexeme

    class LocalisedIndex(pg.PostgresIndex):
        """Each object is indexed with the configuration of its own language."""

        def add_items(self, model, objs):
            languages = dict(Locale.objects.values_list("pk", "language_code"))
            groups = {}
            for obj in objs:
                code = languages.get(getattr(obj, "locale_id", None), settings.LANGUAGE_CODE)
                groups.setdefault(self.backend.config_for_language(code), []).append(obj)
            for config, group in groups.items():
                pg.PostgresIndex(self.backend.with_config(config)).add_items(model, group)

    class LocalisedQueryCompiler(pg.PostgresSearchQueryCompiler):
        """The query in every language's configuration, OR-ed: a page indexed in either
        matches (a search over both languages, as the API's `?search=`, finds each)."""

        def get_config(self, backend):
            return backend.query_configs()

        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, PrefixText):
                terms = [term for term in re.split(r"[\s\-]+", query.query_string) if term]
                lexemes = [PgLexeme(term, invert=invert, prefix=True) for term in terms]
                combine = (lambda a, b: a & b) if query.operator == "and" else (lambda a, b: a | b)
                return pg.SearchQuery(reduce(combine, lexemes), search_type="raw", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

        def build_tsquery(self, query, config=None):
            if isinstance(config, tuple):
                return reduce(or_, [self.build_tsquery_content(query, config=each) for each in config])
            return super().build_tsquery(query, config=config)

    class LocalisedPostgresSearchBackend(pg.PostgresSearchBackend):
        query_compiler_class = LocalisedQueryCompiler
        index_class = LocalisedIndex

        def __init__(self, params):
            params = dict(params)
            asked = params.pop("SEARCH_CONFIG", None)
            if isinstance(asked, str):
                asked = {code: asked for code, _name in settings.LANGUAGES}
            self.languages = asked or dict(DEFAULT_CONFIGS)
            super().__init__(params)
            self.config = None  # chosen per object and per query

        def config_for_language(self, code):
            name = self.languages.get(code) or self.languages.get(settings.LANGUAGE_CODE) or FALLBACK_CONFIG
            connection_ = connections[router.db_for_write(pg.IndexEntry)]
            return name if configuration_exists(name, connection_) else FALLBACK_CONFIG

        def query_configs(self):
            codes = [code for code, _name in settings.LANGUAGES]
            return tuple(dict.fromkeys(self.config_for_language(code) for code in codes))

        def with_config(self, config):
            other = copy.copy(self)
            other.config = config
            return other

    return LocalisedPostgresSearchBackend


@functools.cache
def _sqlite_backend_classes():
    """Wagtail's SQLite (FTS5) backend, and the same with PrefixText."""
    from modelsearch.backends.database.sqlite import sqlite as lite
    from modelsearch.backends.database.sqlite.query import Lexeme as LiteLexeme
    from modelsearch.backends.database.sqlite.query import SearchQueryExpression

    class PrefixSQLiteCompiler(lite.SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PrefixText):
                lexemes = [LiteLexeme(term, prefix=True) for term in query.query_string.split()]
                combine = (lambda a, b: a & b) if query.operator.upper() == "AND" else (lambda a, b: a | b)
                return SearchQueryExpression(reduce(combine, lexemes), config=config)
            return super().build_search_query_content(query, config=config)

    class PrefixSQLiteSearchBackend(lite.SQLiteSearchBackend):
        query_compiler_class = PrefixSQLiteCompiler

    return lite.SQLiteSearchBackend, PrefixSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for)
    """Wagtail's database backend for the current database, with a text-search
    configuration per language on PostgreSQL and PrefixText everywhere."""
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    params = {key: value for key, value in params.items() if key != "SEARCH_CONFIG"}
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        wagtails, prefixed = _sqlite_backend_classes()
        if isinstance(backend, wagtails):
            return prefixed(params)
    return backend


# --- The public search page -----------------------------------------------------------


def normalise(text):
    """What a citizen typed, as the index has it: one Unicode form, without stress marks
    (U+0300, U+0301: "съве́ти"), "ѝ" as "и", and a Russian keyboard's "ё" as "е"."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(char for char in text if char not in "\u0300\u0301")
    text = unicodedata.normalize("NFC", text)
    return text.replace("ѝ", "и").replace("Ѝ", "И").replace("ё", "е").replace("Ё", "Е")


def stem(word):
    """A crude Bulgarian stem: the word without its longest known ending, never shorter
    than three letters ("съветите" → "съвет", "общината" → "общин")."""
    lowered = word.lower()
    for ending in _ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= _MIN_STEM:
            return lowered[: -len(ending)]
    return lowered


def query_words(query, language):
    words = query.split()
    stop = STOP_WORDS.get(language, frozenset())
    kept = [word for word in words if word.lower() not in stop]
    return kept or words


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=200)

    def clean_q(self):
        """Words only: quotes, brackets and operators mean something to a database's
        full-text syntax (SQLite's refuses them) and nothing to a citizen."""
        text = re.sub(r"[^\w\s-]", " ", normalise(self.cleaned_data["q"])).replace("_", " ")
        words = " ".join(word.strip("-") for word in text.split() if word.strip("-"))
        if not words:
            raise forms.ValidationError(_("Type one or more words to search for."), code="no_words")
        return words


def _site_pages(request, locale):
    """The listed pages of `locale` on the site serving the request (all sites' when it
    has no tree in that language)."""
    pages = visibility.listed(Page.objects).filter(locale=locale, depth__gt=1)
    site = Site.find_for_request(request)
    if site is not None:
        root = site.root_page
        if root.locale_id != locale.pk:
            root = root.get_translation_or_none(locale)
        if root is not None:
            pages = pages.filter(path__startswith=root.path)
    return pages


def find(pages, query, language):
    """(results, how): the pages matching every word as typed (a stemmer, where the
    database has one, matches their other forms), else every word's stem as a prefix."""
    words = query_words(query, language)
    exact = pages.search(PlainText(" ".join(words), operator="and"))
    if exact.count():
        return exact, "words"
    stems = [stem(word) for word in words]
    return pages.search(PrefixText(" ".join(stems), operator="and")), "prefix"


def _title_words(pages, scope):
    def read():
        words = set()
        for title in pages.values_list("title", flat=True):
            words.update(word.lower() for word in re.findall(r"\w{3,}", title))
        return sorted(words)

    # Kept until content changes: a title's words are read once per publish, not per search.
    return cache.memo(f"search-title-words:{scope}", read)


def did_you_mean(pages, query, scope):
    """The query with each word found in no title replaced by the title word whose stem
    is closest to its stem ("четалище" → "читалищата"; difflib, in Python: no database
    extension needed), or None."""
    vocabulary = _title_words(pages, scope)
    known = set(vocabulary)
    by_stem = {}
    for word in vocabulary:
        by_stem.setdefault(stem(word), word)
    changed, words = False, []
    for word in query.split():
        lowered, word_stem = word.lower(), stem(word)
        if lowered in known or word_stem in by_stem or len(word_stem) < 4:
            words.append(word)
            continue
        close = difflib.get_close_matches(word_stem, list(by_stem), n=1, cutoff=0.75)
        if close:
            words.append(by_stem[close[0]])
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else None


def similar_titles(pages, query, limit=5):
    """Pages whose title has a word close to one of the query's (pg_trgm's word similarity),
    where the database has the extension: what a typo still finds."""
    if not trigram_available():
        return []
    from django.contrib.postgres.search import TrigramWordSimilarity
    from django.db.models.functions import Greatest

    words = [word for word in query.split() if len(word) >= 4][:6] or [query]
    similarities = [TrigramWordSimilarity(word, "title") for word in words]
    similarity = Greatest(*similarities) if len(similarities) > 1 else similarities[0]
    try:
        with transaction.atomic():
            close = pages.annotate(similarity=similarity)
            return list(close.filter(similarity__gte=0.3).order_by("-similarity", "title")[:limit])
    except DatabaseError:
        return []


def _search_url(language, query):
    with translation.override(language):
        return f"{reverse('pages:search')}?{urlencode({'q': query})}"


def _browse_sections(request, locale):
    """The index pages of the site in this language, each with its topic links where it
    filters by topic: where to go when the words found nothing."""
    from wagtail.models import get_page_models

    from pages.listings.filters import topics_of_active_language
    from pages.models.base import IndexPage

    index_types = [model for model in get_page_models() if issubclass(model, IndexPage)]
    sections = []
    indexes = (
        _site_pages(request, locale)
        .type(*index_types)
        .filter(depth__lte=4)
        .order_by("path")
        .specific()
        .defer_streamfields()
    )
    topics = topics_of_active_language()
    for index_page in indexes[:12]:
        filterset = getattr(index_page, "filterset_class", None)
        has_topics = bool(filterset and "topic" in filterset.base_filters)
        sections.append(
            {
                "page": index_page,
                "topics": [
                    {"name": topic.name, "url": f"{index_page.url}?{urlencode({'topic': topic.slug})}"}
                    for topic in topics
                ]
                if has_topics
                else [],
            }
        )
    return sections


def _empty_help(request, query, locale, pages):
    language = locale.language_code
    help_ = {"other_languages": [], "fewer_words": [], "did_you_mean": None, "similar": [], "sections": []}
    for code, _name in settings.LANGUAGES:
        if code == language:
            continue
        name = translation.get_language_info(code)["name_translated"]
        if language == "bg":
            name = name.lower()  # "на английски"
        other = Locale.objects.filter(language_code=code).first()
        if other is None:
            continue
        found, _how = find(_site_pages(request, other), query, code)
        count = found.count()
        if count:
            help_["other_languages"].append(
                {"code": code, "name": name, "count": count, "url": _search_url(code, query)}
            )
    words = query_words(query, language)
    if len(words) > 1:
        for word in words[:6]:
            found, _how = find(pages, word, language)
            count = found.count()
            if count:
                help_["fewer_words"].append({"query": word, "count": count, "url": _search_url(language, word)})
    site = Site.find_for_request(request)
    suggestion = did_you_mean(pages, query, f"{locale.pk}:{site.pk if site else 0}")
    if suggestion:
        found, _how = find(pages, suggestion, language)
        if found.count():
            help_["did_you_mean"] = {"query": suggestion, "url": _search_url(language, suggestion)}
    help_["similar"] = similar_titles(pages, query)
    help_["sections"] = _browse_sections(request, locale)
    return help_


def _described(found_pages):
    """Each page of results with what tells it apart: its type, its date and its section
    (the parent's title); pages of the same title also show their address."""
    if not found_pages:
        return []
    parent_paths = {page.path[: -Page.steplen] for page in found_pages}
    parents = {page.path: page for page in Page.objects.filter(path__in=parent_paths)}
    titles = {}
    for page in found_pages:
        titles.setdefault(page.title.casefold(), []).append(page)
    results = []
    for page in found_pages:
        parent = parents.get(page.path[: -Page.steplen])
        results.append(
            {
                "page": page,
                "type": page._meta.verbose_name,
                "facts": list(getattr(page, "card_facts", None) or []),
                "updated": page.last_published_at,
                "section": parent if parent is not None and parent.depth > 2 else None,
                "same_title": len(titles[page.title.casefold()]) > 1,
            }
        )
    return results


def search(request):
    """Wagtail search over the live pages of the current language on this site."""
    form = SearchForm(request.GET or None)
    context = {"form": form, "results": None}
    if form.is_valid():
        query = form.cleaned_data["q"]
        locale = Locale.get_active()
        pages = _site_pages(request, locale)
        found, how = find(pages, query, locale.language_code)
        results = paginate(request, found)
        # The search backend returns base pages: fetch the page of them as their own types,
        # one query per type, so results show summaries and dates.
        shown = Page.objects.filter(pk__in=[p.pk for p in results.object_list]).specific().defer_streamfields()
        specific = {page.pk: page for page in shown}
        results.object_list = [specific[page.pk] for page in results.object_list if page.pk in specific]
        context.update(
            results=results,
            described=_described(results.object_list),
            matched_prefix=how == "prefix" and results.paginator.count > 0,
            stems=" ".join(stem(word) for word in query_words(query, locale.language_code)),
            help=_empty_help(request, query, locale, pages) if results.paginator.count == 0 else None,
        )
    return render(request, "pages/search.html", context)
