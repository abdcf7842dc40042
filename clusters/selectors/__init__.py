"""Read queries for the clusters app, by concern: directory search (`search`), facets and
the taxonomy (`facets`), the skills matrix and map points (`skills_map`), profiles, result
cards and cluster pages (`profiles`).

Every public page runs a bounded number of queries whatever the data size: lists are
paginated, related rows come in one prefetch each, aggregates are grouped queries and the
expensive ones (taxonomy, facet counts, skills matrix, map points) are cached in the
namespaces of clusters.caches until a write retires them.

The public names are re-exported here so `from clusters import selectors` keeps working for
other apps. `selectors.search` is the search function (it shadows the submodule of the same
name): inside clusters, import from `clusters.selectors.search`.
"""

from ..caches import CACHE_TIMEOUT, cache_generation
from .facets import FACETS, facet_counts, taxonomy
from .profiles import (
    CARD_FIELDS,
    MEMBER_FIELDS,
    cards_in_order,
    cluster_breakdown,
    cluster_by_slug,
    cluster_members,
    clusters_with_member_counts,
    company_profile,
    competencies_by_area,
    published_companies,
    with_card_data,
)
from .search import (
    EXACT_NAME_BONUS,
    SEARCH_CONFIG,
    SORT_NAME,
    SORT_RELEVANCE,
    SORT_UPDATED,
    PreparedSearch,
    name_key,
    name_variants,
    order_companies,
    prepare_search,
    result_ids,
    search,
    spelling_alternatives,
    split_query,
    translated_columns,
    vocabulary_words,
)
from .skills_map import MAP_POINT_FIELDS, MATRIX_DIMENSIONS, map_points, skills_matrix

__all__ = [
    "CACHE_TIMEOUT",
    "CARD_FIELDS",
    "EXACT_NAME_BONUS",
    "FACETS",
    "MAP_POINT_FIELDS",
    "MATRIX_DIMENSIONS",
    "MEMBER_FIELDS",
    "SEARCH_CONFIG",
    "SORT_NAME",
    "SORT_RELEVANCE",
    "SORT_UPDATED",
    "PreparedSearch",
    "cache_generation",
    "cards_in_order",
    "cluster_breakdown",
    "cluster_by_slug",
    "cluster_members",
    "clusters_with_member_counts",
    "competencies_by_area",
    "company_profile",
    "facet_counts",
    "map_points",
    "name_key",
    "name_variants",
    "order_companies",
    "prepare_search",
    "published_companies",
    "result_ids",
    "search",
    "skills_matrix",
    "spelling_alternatives",
    "split_query",
    "taxonomy",
    "translated_columns",
    "vocabulary_words",
    "with_card_data",
]
