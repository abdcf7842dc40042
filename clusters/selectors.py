"""Read queries for the clusters app: directory search and facets, profiles, skills map.

Every public page runs a bounded number of queries whatever the data size: lists are
paginated, related rows come in one prefetch each, aggregates are grouped queries and the
expensive ones (taxonomy, skills matrix, map points) are cached until a write clears them
(`invalidate_public_caches`, called by clusters.signals and clusters.services).
"""

import difflib
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Expression,
    F,
    FloatField,
    Prefetch,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Length, Lower, Replace, Round, RowNumber
from django.urls import reverse
from django.utils.translation import get_language
from django_countries import countries

from core.invalidation import current_generation, new_generation, now_and_after_commit

from .models import (
    Cluster,
    Company,
    CompanyCompetency,
    CompanyMarket,
    Competency,
    Offering,
    SearchWord,
    Sector,
)
from .public_fields import require_public

SEARCH_CONFIG = "english"
# Misspellings: each query word is compared with the vocabulary (SearchWord); words at
# least this similar (pg_trgm similarity, 0..1) join the query as alternatives.
SPELLING_THRESHOLD = 0.45
SPELLING_ALTERNATIVES = 3
MAX_QUERY_WORDS = 8
_WORD = re.compile(r"[^\W\d_]{3,60}")  # vocabulary: letters only
_TOKEN = re.compile(r"[^\W_]+")  # query: letters and digits ("5G", "EV")

CACHE_TIMEOUT = 60 * 60
TAXONOMY_KEY = "clusters:taxonomy:v2"
# Per language: labels (country names) and URLs (language prefix) are translated.
MATRIX_KEY = "clusters:matrix:v2:{dimension}:{language}"
MAP_POINTS_KEY = "clusters:map-points:v1:{language}"
MATRIX_DIMENSIONS = ("cluster", "country", "target_market")
# Facet counts are cached per filter combination under a generation that every write
# replaces, so a change shows at once without knowing every combination's key.
GENERATION_KEY = "clusters:generation"
FACETS_KEY = "clusters:facets:{generation}:{digest}"
FACETS_TIMEOUT = 10 * 60
RESULT_IDS_KEY = "clusters:result-ids:{generation}:{digest}"

# Coordinates rounded to 1 decimal (about 10 km, a town) form one map point, so the map
# stays light whatever the number of companies; a popup lists at most this many names and
# links to the directory for the rest.
MAP_PRECISION = 1
MAP_NAMES_PER_POINT = 5


def invalidate_public_caches():
    now_and_after_commit(_clear_public_caches)


def _clear_public_caches():
    keys = [TAXONOMY_KEY]
    for language, _name in settings.LANGUAGES:
        keys.append(MAP_POINTS_KEY.format(language=language))
        keys.extend(
            MATRIX_KEY.format(dimension=dimension, language=language)
            for dimension in MATRIX_DIMENSIONS
        )
    cache.delete_many(keys)
    new_generation(cache, GENERATION_KEY)


def cache_generation():
    """Changes on every write to the directory's data: a version for cached fragments."""
    return current_generation(cache, GENERATION_KEY)


def published_companies():
    return Company.objects.published()


# ---- Taxonomy (facet options, matrix rows) ----------------------------------------------


def taxonomy():
    """Sectors, competencies grouped by area, and clusters, as plain cached data."""
    data = cache.get(TAXONOMY_KEY)
    if data is None:
        areas = {}
        for competency in Competency.objects.select_related("area").order_by(
            "area__position", "area__name", "position", "name"
        ):
            area = areas.setdefault(
                competency.area_id,
                {"name": competency.area.name, "slug": competency.area.slug, "items": []},
            )
            area["items"].append(
                {"id": competency.pk, "slug": competency.slug, "name": competency.name}
            )
        data = {
            "sectors": [
                {"id": pk, "slug": slug, "name": name}
                for pk, slug, name in Sector.objects.values_list("pk", "slug", "name")
            ],
            "areas": list(areas.values()),
            "clusters": [
                {
                    "id": pk,
                    "slug": slug,
                    "name": acronym or name,
                    "full_name": name,
                    "is_partner": is_partner,
                }
                for pk, slug, acronym, name, is_partner in Cluster.objects.order_by(
                    "-is_partner", "acronym", "name"
                ).values_list("pk", "slug", "acronym", "name", "is_partner")
            ],
        }
        data["competencies"] = [item for area in data["areas"] for item in area["items"]]
        cache.set(TAXONOMY_KEY, data, CACHE_TIMEOUT)
    return data


# ---- Search (the one place that knows the database vendor) ------------------------------

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


def vocabulary_words(text):
    """Lower-case words of three letters or more, as stored in the search vocabulary."""
    return {word.lower() for word in _WORD.findall(text or "")}


def spelling_alternatives(words):
    """{query word: [similar vocabulary words]} in one query.

    PostgreSQL compares with pg_trgm (indexed); SQLite reads the candidate words of a
    similar length and compares them in Python (difflib).
    """
    words = [w for w in dict.fromkeys(words) if len(w) >= 4 and w.isalpha()]
    if not words:
        return {}
    if connection.vendor != "postgresql":
        return _spelling_alternatives_in_python(words)
    condition = Q()
    for word in words:
        condition |= Q(word__trigram_similar=word)
    candidates = list(SearchWord.objects.filter(condition).values_list("word", flat=True)[:500])
    alternatives = {}
    for word in words:
        scored = sorted(
            ((_similarity(word, candidate), candidate) for candidate in candidates),
            reverse=True,
        )
        alternatives[word] = [
            candidate
            for score, candidate in scored[:SPELLING_ALTERNATIVES]
            if score >= SPELLING_THRESHOLD and candidate != word
        ]
    return alternatives


def _spelling_alternatives_in_python(words):
    lengths = Q()
    for word in words:
        lengths |= Q(length__range=(len(word) - 2, len(word) + 2))
    candidates = list(
        SearchWord.objects.annotate(length=Length("word"))
        .filter(lengths)
        .values_list("word", flat=True)[:SQLITE_VOCABULARY_LIMIT]
    )
    return {
        word: [
            candidate
            for candidate in difflib.get_close_matches(
                word, candidates, n=SPELLING_ALTERNATIVES + 1, cutoff=SQLITE_SPELLING_RATIO
            )
            if candidate != word
        ][:SPELLING_ALTERNATIVES]
        for word in words
    }


def _trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _similarity(first, second):
    # pg_trgm's similarity(), in Python: shared trigrams over all trigrams.
    a, b = _trigrams(first), _trigrams(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def name_variants(name):
    """The name with its dotted abbreviations also written without dots ("S.r.l." as
    "Srl"), for the search document: a visitor typing "srl" finds "S.r.l."."""
    compact = _ABBREVIATION.sub(lambda match: match.group(0).replace(".", "") + " ", name)
    compact = " ".join(compact.split())
    return [name] if compact == name else [name, compact]


def name_key(text):
    """A name or query as compared for an exact name match: lower case, no dots or spaces."""
    text = (text or "").lower()
    return "".join(ch for ch in text if ch not in _NAME_PUNCTUATION)


def _name_key_sql():
    expression = Lower("name")
    for ch in _NAME_PUNCTUATION:
        expression = Replace(expression, Value(ch), Value(""))
    return expression


def split_query(text):
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


def prepare_search(text):
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


def search(queryset, prepared):
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


def order_companies(queryset, sort, has_query):
    if sort == SORT_UPDATED:
        return queryset.order_by("-updated_at", "pk")
    if sort == SORT_NAME or not has_query:
        return queryset.order_by("name", "pk")
    return queryset.order_by("-relevance", "name", "pk")


# Public fields only (clusters.public_fields): checked when this module is imported.
CARD_FIELDS = require_public(
    "pk", "name", "slug", "city", "country", "size", "description", "updated_at", "logo"
)
MEMBER_FIELDS = require_public("pk", "name", "slug", "city", "country", "size")
MAP_POINT_FIELDS = require_public("name", "slug", "city", "country")


def with_card_data(queryset):
    """What a result card shows: clusters and competencies, one prefetch each."""
    return queryset.only(*CARD_FIELDS).prefetch_related(
        Prefetch("clusters", queryset=Cluster.objects.only("pk", "slug", "acronym", "name")),
        Prefetch(
            "competency_links",
            queryset=CompanyCompetency.objects.select_related("competency").order_by(
                "competency__name"
            ),
        ),
    )


# ---- Facets --------------------------------------------------------------------------------

FACETS = ("sector", "competency", "cluster", "country", "target_market", "size")


def _grouped(queryset, facet, key):
    return (
        queryset.values(key=Cast(key, output_field=CharField()))
        .annotate(facet=Value(facet, output_field=CharField()), n=Count("pk"))
        .values_list("facet", "key", "n")
        .order_by()
    )


def _cached_for_filters(key_format, filters, compute):
    """compute(), cached for this filter combination until the data generation changes."""
    digest = hashlib.sha256(json.dumps(filters, sort_keys=True, default=str).encode())
    key = key_format.format(generation=cache_generation(), digest=digest.hexdigest())
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FACETS_TIMEOUT)
    return value


def result_ids(queryset, filters, limit):
    """The ordered ids of the first `limit` results, cached per filter combination.

    One query instead of a COUNT over every match plus a ranked page query: a common word
    matches a third of 100k companies, and ranking them is paid once per generation. The
    caller shows "more than N" when `limit` ids come back.
    """
    return _cached_for_filters(
        RESULT_IDS_KEY, filters, lambda: list(queryset.values_list("pk", flat=True)[:limit])
    )


def cards_in_order(ids):
    """The result cards of these companies, in the order of `ids` (one query + prefetches)."""
    by_pk = {company.pk: company for company in with_card_data(Company.objects.filter(pk__in=ids))}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def facet_counts(base_querysets, filters=None):
    """{facet: {value: count}} in ONE query: a grouped COUNT per facet, UNION ALL.

    `base_querysets[facet]` is the result set filtered by every active filter except that
    facet's own, so each count says how many results choosing that option would add.
    With `filters` (the cleaned filter values) the counts are cached for that combination.
    """
    if filters is None:
        return _count_facets(base_querysets)
    return _cached_for_filters(FACETS_KEY, filters, lambda: _count_facets(base_querysets))


def _count_facets(base_querysets):
    through_sector = Company.sectors.through.objects
    through_cluster = Company.clusters.through.objects
    parts = []
    for facet in FACETS:
        ids = base_querysets[facet].order_by().values("pk")
        if facet == "sector":
            parts.append(_grouped(through_sector.filter(company_id__in=ids), facet, "sector_id"))
        elif facet == "competency":
            parts.append(
                _grouped(
                    CompanyCompetency.objects.filter(company_id__in=ids), facet, "competency_id"
                )
            )
        elif facet == "cluster":
            parts.append(_grouped(through_cluster.filter(company_id__in=ids), facet, "cluster_id"))
        elif facet == "target_market":
            parts.append(
                _grouped(
                    CompanyMarket.objects.filter(
                        company_id__in=ids, kind=CompanyMarket.Kind.TARGET
                    ),
                    facet,
                    "country",
                )
            )
        else:  # country, size: columns of the company itself
            parts.append(
                _grouped(Company.objects.filter(pk__in=ids).exclude(**{facet: ""}), facet, facet)
            )
    counts = {facet: {} for facet in FACETS}
    for facet, value, n in parts[0].union(*parts[1:], all=True):
        counts[facet][value] = n
    return counts


# ---- Clusters ------------------------------------------------------------------------------


def clusters_with_member_counts():
    published = Q(members__status=Company.Status.PUBLISHED)
    return (
        Cluster.objects.annotate(member_count=Count("members", filter=published, distinct=True))
        .prefetch_related("sectors")
        .order_by("-is_partner", "name")
    )


def cluster_by_slug(slug):
    return Cluster.objects.prefetch_related("sectors").filter(slug=slug).first()


def cluster_members(cluster):
    return (
        published_companies().filter(clusters=cluster).only(*MEMBER_FIELDS).order_by("name", "pk")
    )


def cluster_breakdown(cluster):
    """Published members per sector and per competency area: two grouped queries."""
    published = Q(company__status=Company.Status.PUBLISHED)
    member_ids = Company.clusters.through.objects.filter(cluster=cluster).values("company_id")
    by_sector = list(
        Company.sectors.through.objects.filter(published, company_id__in=member_ids)
        .values("sector__name")
        .annotate(n=Count("company_id", distinct=True))
        .order_by("sector__position", "sector__name")
        .values_list("sector__name", "n")
    )
    by_area = list(
        CompanyCompetency.objects.filter(published, company_id__in=member_ids)
        .values("competency__area__name")
        .annotate(n=Count("company_id", distinct=True))
        .order_by("competency__area__position", "competency__area__name")
        .values_list("competency__area__name", "n")
    )
    return by_sector, by_area


# ---- Company profile -----------------------------------------------------------------------


def company_profile(slug):
    """A published company with everything its profile shows (one query per relation)."""
    return (
        published_companies()
        .filter(slug=slug)
        .defer("search_document", "search_vector")  # a few KB a row, never shown
        .prefetch_related(
            Prefetch("clusters", queryset=Cluster.objects.order_by("name")),
            "sectors",
            Prefetch(
                "competency_links",
                queryset=CompanyCompetency.objects.select_related("competency__area").order_by(
                    "competency__area__position",
                    "competency__area__name",
                    "competency__position",
                    "competency__name",
                ),
            ),
            Prefetch("offerings", queryset=Offering.objects.select_related("sector")),
            Prefetch("markets", queryset=CompanyMarket.objects.order_by("kind", "priority")),
        )
        .first()
    )


def competencies_by_area(company):
    groups = {}
    for link in company.competency_links.all():
        groups.setdefault(link.competency.area, []).append(link)
    return list(groups.items())


# ---- Skills map ----------------------------------------------------------------------------


# The matrix shows at most this many country / target-market columns (the largest ones)
# plus an "other" column: 49 competencies × every country would be thousands of cells.
MATRIX_MAX_COLUMNS = 12


def _matrix_columns(dimension, column_totals):
    """The matrix's own columns: partner clusters, or the largest countries / markets.

    Whatever is left out is aggregated in the matrix's "other" column.
    """
    if dimension == "cluster":
        # 300 member-less or small non-partner clusters would make a 15k-cell table: the six
        # partners get a column each, every other cluster shares the "other" column.
        return [
            {"key": str(c["id"]), "param": c["slug"], "label": c["name"], "title": c["full_name"]}
            for c in taxonomy()["clusters"]
            if c["is_partner"]
        ]
    largest = sorted(column_totals, key=lambda code: (-column_totals[code], code))
    return sorted(
        (
            {"key": code, "param": code, "label": countries.name(code) or code, "title": ""}
            for code in largest[:MATRIX_MAX_COLUMNS]
        ),
        key=lambda column: column["label"],
    )


def skills_matrix(dimension):
    """Published companies per competency × cluster / country / target market (cached).

    Columns: the partner clusters, or the 12 largest countries / target markets, plus an
    "other" column counting each company once whatever other clusters or countries it has.
    Cold: grouped queries for the cells, the "other" column and the row totals.
    """
    if dimension not in MATRIX_DIMENSIONS:
        dimension = "cluster"
    key = MATRIX_KEY.format(dimension=dimension, language=get_language())
    matrix = cache.get(key)
    if matrix is not None:
        return matrix
    links = CompanyCompetency.objects.filter(company__status=Company.Status.PUBLISHED)
    if dimension == "cluster":
        column_field = "company__clusters__id"
        cells_qs = links.filter(company__clusters__isnull=False)
    elif dimension == "country":
        column_field = "company__country"
        cells_qs = links.exclude(company__country="")
    else:
        column_field = "company__markets__country"
        cells_qs = links.filter(company__markets__kind=CompanyMarket.Kind.TARGET)
    cells = defaultdict(dict)
    column_totals = defaultdict(int)
    for competency_id, column, n in (
        cells_qs.values("competency_id", column_field)
        .annotate(n=Count("company_id", distinct=True))
        .values_list("competency_id", column_field, "n")
        .order_by()
    ):
        cells[competency_id][str(column)] = n
        column_totals[str(column)] += n
    totals = dict(
        links.values("competency_id")
        .annotate(n=Count("company_id", distinct=True))
        .values_list("competency_id", "n")
        .order_by()
    )
    columns = _matrix_columns(dimension, column_totals)
    shown = {column["key"] for column in columns}
    others = {}
    if set(column_totals) - shown:
        # A company in several other clusters / markets counts once: its own grouped query.
        if dimension == "cluster":
            other_qs = links.filter(company__clusters__is_partner=False)
        else:
            other_qs = cells_qs.exclude(**{f"{column_field}__in": shown})
        others = dict(
            other_qs.values("competency_id")
            .annotate(n=Count("company_id", distinct=True))
            .values_list("competency_id", "n")
            .order_by()
        )
    areas = []
    for area in taxonomy()["areas"]:
        rows = []
        for competency in area["items"]:
            row_cells = cells.get(competency["id"], {})
            rows.append(
                {
                    "competency": competency,
                    "total": totals.get(competency["id"], 0),
                    "cells": [
                        {"column": column, "count": row_cells.get(column["key"], 0)}
                        for column in columns
                    ],
                    "other": others.get(competency["id"], 0),
                }
            )
        areas.append({"name": area["name"], "slug": area["slug"], "rows": rows})
    matrix = {
        "dimension": dimension,
        "param": {"cluster": "cluster", "country": "country"}.get(dimension, "target_market"),
        "columns": columns,
        "has_other": bool(others),
        "areas": areas,
        "total_companies": published_companies().count(),
    }
    cache.set(key, matrix, CACHE_TIMEOUT)
    return matrix


def map_points():
    """Published companies aggregated by rounded coordinates, for the Leaflet map (cached).

    One query: a window function numbers companies within each point so only the first
    few names travel to the browser, however many companies share the point.
    """
    key = MAP_POINTS_KEY.format(language=get_language())
    points = cache.get(key)
    if points is not None:
        return points
    rounded = [Round("latitude", MAP_PRECISION), Round("longitude", MAP_PRECISION)]
    rows = (
        published_companies()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(
            lat=rounded[0],
            lon=rounded[1],
            position=Window(RowNumber(), partition_by=rounded, order_by=["name", "pk"]),
            point_size=Window(Count("pk"), partition_by=rounded),
        )
        .filter(position__lte=MAP_NAMES_PER_POINT)
        .values_list("lat", "lon", "point_size", *MAP_POINT_FIELDS)
        .order_by("lat", "lon", "position")
    )
    # One reverse() for all rows: profile URLs differ only by slug.
    url_pattern = reverse("clusters:company", kwargs={"slug": "slug-placeholder"})
    grouped = {}
    for lat, lon, size, name, slug, city, country in rows:
        point = grouped.setdefault(
            (lat, lon),
            {
                "lat": float(lat),
                "lon": float(lon),
                "count": size,
                "city": city,
                "country": country.code if hasattr(country, "code") else country,
                "companies": [],
            },
        )
        point["companies"].append(
            {"name": name, "url": url_pattern.replace("slug-placeholder", slug)}
        )
    points = list(grouped.values())
    cache.set(key, points, CACHE_TIMEOUT)
    return points
