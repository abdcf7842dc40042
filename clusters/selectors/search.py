"""Directory search: free text to a ranked queryset (the one place that knows the vendor).

PostgreSQL: weighted full text on the stored vector plus trigram similarity, misspellings
widened through the vocabulary (SearchWord). SQLite (the quick start): an FTS5 index.
Accents never matter: the text search configuration SEARCH_CONFIG (migration 0013) runs
`unaccent` before the stemmer on both the stored vector and the query, and the vocabulary
holds words folded the same way (`fold_accents`), as query words are before comparison.
"""

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import Case, Expression, F, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Lower, Replace

from .. import caches
from ..models import Company, SearchWord

# A copy of "english" with `unaccent` before the stemmer (migration 0013): "citta" and
# "città", "energia" and "energía", "Εξυπνη" and "Έξυπνη" are the same lexeme.
SEARCH_CONFIG = "c2f_search"
# Misspellings: each query word is compared with the vocabulary (SearchWord); words at
# least this similar (pg_trgm similarity, 0..1) join the query as alternatives.
SPELLING_THRESHOLD = 0.45
SPELLING_ALTERNATIVES = 3
MAX_QUERY_WORDS = 8
_WORD = re.compile(r"[^\W\d_]{3,60}")  # vocabulary: letters only
_TOKEN = re.compile(r"[^\W_]+")  # query: letters and digits ("5G", "EV")

# Dotted abbreviations (legal forms "S.L.", "S.r.l.", "d.o.o.", "A.E."): one token, never a
# word the whole query depends on.
_ABBREVIATION = re.compile(r"(?<![^\W_])(?:[^\W\d_]{1,4}\.){2,}(?:[^\W\d_]{1,4}(?![^\W_]))?")
# Characters ignored when a query is compared with a company name ("S.L." = "SL").
_NAME_PUNCTUATION = (" ", ".", ",", "-")
# An exact name match ranks above any other: full-text ranks stay well below this.
EXACT_NAME_BONUS = 10.0
# SQLite: the FTS5 index kept in step with clusters_company by triggers (clusters.sqlite_fts)
# and the difflib ratio from which a vocabulary word counts as a misspelling.
FTS_TABLE = "clusters_company_fts"
SQLITE_SPELLING_RATIO = 0.8
SQLITE_VOCABULARY_LIMIT = 20000


# What PostgreSQL's unaccent (unaccent.rules) does that dropping combining marks does not.
_UNACCENT_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)
_DIAERESIS = "\u0308"


def fold_accents(text: str, *, latin_only: bool = False) -> str:
    """`text` without its accents, as PostgreSQL's `unaccent` writes it: "città" → "citta",
    "Έξυπνη" → "Εξυπνη", "Đorđe" → "Dorde". Cyrillic letters keep their marks ("й"), except
    "ё" → "е", as unaccent does. `latin_only`: only accents on Latin letters, as SQLite's
    FTS5 tokenizer (remove_diacritics 2) folds them."""
    if text.isascii():
        return text
    if not latin_only:
        text = text.translate(_UNACCENT_LETTERS)
    kept = []
    base = ""
    for ch in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(ch):
            base = ch
            kept.append(ch)
        elif latin_only:
            if not ("a" <= base.lower() <= "z"):
                kept.append(ch)
        elif "\u0400" <= base <= "\u04ff" and not (base in "еЕ" and ch == _DIAERESIS):
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def search_form(word: str) -> str:
    """A word as the vocabulary stores it and as query words are compared with it: lower
    case, accents folded the way the database's full-text index folds them."""
    return fold_accents(word.lower(), latin_only=connection.vendor != "postgresql")


def translated_columns(model, field: str = "name") -> list[str]:
    """The columns holding `field` of a model: one per language when the model is
    translated (modeltranslation's `name_en`, `name_it`, ..., `name_sr_latn`), else the
    field itself, so a search document carries a term's name in every language."""
    columns = []
    for code, _label in settings.LANGUAGES:
        column = f"{field}_{code.replace('-', '_')}"
        try:
            model._meta.get_field(column)
        except FieldDoesNotExist:
            continue
        columns.append(column)
    return columns or [field]


def vocabulary_words(text: str | None) -> set[str]:
    """Words of three letters or more, in their `search_form`, as stored in the search
    vocabulary (the taxonomy's names in every language come with the search documents)."""
    words = {search_form(word) for word in _WORD.findall(text or "")}
    longest = SearchWord._meta.get_field("word").max_length
    return {word for word in words if len(word) <= longest}


def spelling_alternatives(words: Iterable[str]) -> dict[str, list[str]]:
    """{query word: [similar vocabulary words]} in one query.

    Query words are compared in their `search_form` (accents folded, as the vocabulary
    stores them), so "parcheggo" finds "parcheggio" and "energia" is no misspelling of
    "energía". PostgreSQL compares with pg_trgm (indexed); SQLite reads the candidate
    words of a similar length and compares them in Python (difflib).
    """
    folded = {w: search_form(w) for w in dict.fromkeys(words) if len(w) >= 4 and w.isalpha()}
    if not folded:
        return {}
    if connection.vendor != "postgresql":
        return _spelling_alternatives_in_python(folded)
    condition = Q()
    for form in set(folded.values()):
        condition |= Q(word__trigram_similar=form)
    candidates = list(SearchWord.objects.filter(condition).values_list("word", flat=True)[:500])
    alternatives = {}
    for word, form in folded.items():
        scored = sorted(
            ((_similarity(form, candidate), candidate) for candidate in candidates),
            reverse=True,
        )
        alternatives[word] = [
            candidate
            for score, candidate in scored[:SPELLING_ALTERNATIVES]
            if score >= SPELLING_THRESHOLD and candidate != form
        ]
    return alternatives


def _spelling_alternatives_in_python(folded):
    lengths = Q()
    for form in set(folded.values()):
        lengths |= Q(length__range=(len(form) - 2, len(form) + 2))
    candidates = list(
        SearchWord.objects.annotate(length=Length("word"))
        .filter(lengths)
        .values_list("word", flat=True)[:SQLITE_VOCABULARY_LIMIT]
    )
    return {
        word: [
            candidate
            for candidate in difflib.get_close_matches(
                form, candidates, n=SPELLING_ALTERNATIVES + 1, cutoff=SQLITE_SPELLING_RATIO
            )
            if candidate != form
        ][:SPELLING_ALTERNATIVES]
        for word, form in folded.items()
    }


def _trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _similarity(first, second):
    # pg_trgm's similarity(), in Python: shared trigrams over all trigrams.
    a, b = _trigrams(first), _trigrams(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def name_variants(name: str) -> list[str]:
    """The name with its dotted abbreviations also written without dots ("S.r.l." as
    "Srl"), for the search document: a visitor typing "srl" finds "S.r.l."."""
    compact = _ABBREVIATION.sub(lambda match: match.group(0).replace(".", "") + " ", name)
    compact = " ".join(compact.split())
    return [name] if compact == name else [name, compact]


def name_key(text: str | None) -> str:
    """A name or query as compared for an exact name match: lower case, no dots or spaces."""
    text = (text or "").lower()
    return "".join(ch for ch in text if ch not in _NAME_PUNCTUATION)


def _name_key_sql():
    expression = Lower("name")
    for ch in _NAME_PUNCTUATION:
        expression = Replace(expression, Value(ch), Value(""))
    return expression


def split_query(text: str | None) -> tuple[list[str], list[str]]:
    """(words every result must match, optional tokens) of a free-text query.

    Dotted abbreviations ("S.r.l.") and one- or two-letter words ("EV", the "L" of "S.L.")
    are optional: they rank an exact name first but never zero a search. A query of
    nothing else keeps them as alternatives. Words with digits ("5G") always count.
    """
    text = text or ""
    optional = []
    for match in _ABBREVIATION.findall(text):
        dotted = match.lower().rstrip(".")
        optional.extend([dotted, dotted.replace(".", "")])
    text = _ABBREVIATION.sub(" ", text)
    words = []
    for token in (t.lower() for t in _TOKEN.findall(text)):
        if len(token) >= 3 or not token.isalpha():
            words.append(token)
        else:
            optional.append(token)
    return words[:MAX_QUERY_WORDS], list(dict.fromkeys(optional))[:MAX_QUERY_WORDS]


@dataclass(frozen=True)
class PreparedSearch:
    """A query built once per request (see `prepare_search`) for every facet's count."""

    text: str
    name_key: str
    query: object  # SearchQuery (PostgreSQL), an FTS5 MATCH string (SQLite) or the text


def prepare_search(text: str | None) -> PreparedSearch | str:
    """The database query for free text, built once per request (see `search`).

    PostgreSQL: a full-text query where each word may also match similar vocabulary words
    (one query to find them). SQLite: the same as an FTS5 query. Elsewhere: the text.
    """
    text = (text or "").strip()
    if not text:
        return ""
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        return PreparedSearch(text, name_key(text), text)
    words, optional = split_query(text)
    alternatives = spelling_alternatives(words)
    if vendor == "sqlite":
        return PreparedSearch(text, name_key(text), _fts5_query(words, optional, alternatives))
    if not words and not optional:  # symbols only: a plain full-text query of the input
        return PreparedSearch(text, name_key(text), SearchQuery(text, config=SEARCH_CONFIG))
    search_query = None
    if words:
        for word in words:
            term = SearchQuery(word, config=SEARCH_CONFIG)
            for alternative in alternatives.get(word, []):
                term |= SearchQuery(alternative, config=SEARCH_CONFIG)
            search_query = term if search_query is None else search_query & term
    else:  # only abbreviations and short words: any of them
        for token in optional:
            term = SearchQuery(token, config=SEARCH_CONFIG)
            search_query = term if search_query is None else search_query | term
    return PreparedSearch(text, name_key(text), search_query)


def _fts5_query(words, optional, alternatives):
    def quoted(token):
        return '"' + token.replace('"', '""') + '"'

    if words:
        groups = [
            "(" + " OR ".join(quoted(t) for t in [word, *alternatives.get(word, [])]) + ")"
            for word in words
        ]
        return " AND ".join(groups)
    return " OR ".join(quoted(token) for token in optional)


class _Fts5Rank(Expression):
    """SQLite: the FTS5 bm25 score of each company row (higher is better; name weighs most).

    A correlated subquery on the row's own alias, so it also works inside the facet
    subqueries where Django renames the company table.
    """

    output_field = FloatField()

    def __init__(self, match):
        super().__init__()
        self.match = match

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        # Constants and a quoted alias only; the query text is a bound parameter.
        return (
            f"(SELECT -bm25({FTS_TABLE}, 10.0, 4.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid = {alias}.id)",
            [self.match],
        )


def search(queryset: QuerySet[Company], prepared: PreparedSearch | str) -> QuerySet[Company]:
    """Companies matching free text, annotated with `relevance` (higher is better).

    `prepared` comes from `prepare_search` (plain text is accepted too). Each query word
    must match (misspellings widened to similar vocabulary words, "charing stations" finds
    "charging stations"); abbreviations and one- or two-letter words are optional. A
    company whose name is the query (dots and spaces aside) ranks first.
    PostgreSQL: weighted full-text search on the stored vector (name A, competencies and
    offerings B, description C), ranked, plus trigram similarity of the name; GIN indexes.
    SQLite (the quick start): an FTS5 index of the same columns, ranked by bm25.
    Elsewhere: icontains on the denormalised document.
    This is the only place that knows the database vendor.
    """
    if isinstance(prepared, str):
        prepared = prepare_search(prepared)
    if not prepared:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    exact_name = Case(
        When(Q(name__iexact=prepared.text) | Q(name_key=prepared.name_key), then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    vendor = connection.vendor
    if vendor == "postgresql":
        return (
            queryset.filter(search_vector=prepared.query)
            .alias(name_key=_name_key_sql())
            .annotate(
                relevance=SearchRank(F("search_vector"), prepared.query)
                + TrigramSimilarity("name", prepared.text)
                + exact_name * EXACT_NAME_BONUS
            )
        )
    if vendor == "sqlite":
        if not prepared.query:  # symbols only: nothing to match (and no FTS5 syntax error)
            return queryset.filter(pk__isnull=True).annotate(
                relevance=Value(0.0, output_field=FloatField())
            )
        matching = RawSQL(  # noqa: S611 - a constant table name, the query is a parameter
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [prepared.query],
        )
        return (
            queryset.filter(pk__in=matching)
            .alias(name_key=_name_key_sql())
            .annotate(relevance=_Fts5Rank(prepared.query) + exact_name * EXACT_NAME_BONUS)
        )
    text = prepared.query
    return queryset.filter(
        Q(search_document__icontains=text) | Q(description__icontains=text)
    ).annotate(
        relevance=Case(
            When(name__icontains=text, then=Value(2.0)),
            When(search_document__icontains=text, then=Value(1.0)),
            default=Value(0.5),
            output_field=FloatField(),
        )
    )


SORT_RELEVANCE = "relevance"
SORT_NAME = "name"
SORT_UPDATED = "updated"


def order_companies(
    queryset: QuerySet[Company], sort: str | None, has_query: bool
) -> QuerySet[Company]:
    if sort == SORT_UPDATED:
        return queryset.order_by("-updated_at", "pk")
    if sort == SORT_NAME or not has_query:
        return queryset.order_by("name", "pk")
    return queryset.order_by("-relevance", "name", "pk")


def result_ids(queryset: QuerySet[Company], filters: dict, limit: int) -> list[int]:
    """The ordered ids of the first `limit` results, cached per filter combination.

    One query instead of a COUNT over every match plus a ranked page query: a common word
    matches a third of 100k companies, and ranking them is paid once per generation. The
    caller shows "more than N" when `limit` ids come back.
    """
    return caches.FACETS.get_or_set(
        "result-ids",
        caches.filters_digest(filters),
        compute=lambda: list(queryset.values_list("pk", flat=True)[:limit]),
    )
