"""The clusters app's cache namespaces (core.caching).

Each namespace is retired by the writes of the models its values are computed from (core
wires the signals from `retired_by`, many-to-many through tables of those models
included); services that write without signals call `core.caching.retire_public_data()`.
"""

import hashlib
import json

from core.caching import CacheNamespace

# Sectors, competencies grouped by area, and clusters: the facet options and matrix rows.
TAXONOMY = CacheNamespace(
    "clusters.taxonomy",
    retired_by=(
        "clusters.Sector",
        "clusters.CompetencyArea",
        "clusters.Competency",
        "clusters.Cluster",
    ),
    timeout=60 * 60,
)

# Every model a directory search or a company's profile shows: their writes retire what is
# computed from the directory (here, and in other apps' caches).
DIRECTORY_DATA = (
    "clusters.Company",
    "clusters.CompanyCompetency",
    "clusters.CompanyMarket",
    "clusters.Offering",
    "clusters.Cluster",
    "clusters.Sector",
    "clusters.CompetencyArea",
    "clusters.Competency",
)

# Facet counts and the ranked result ids, per filter combination (see `filters_digest`),
# and the version of the rendered unfiltered facet panel: anything a directory search shows.
FACETS = CacheNamespace(
    "clusters.facets",
    retired_by=DIRECTORY_DATA,
    timeout=10 * 60,
)

# The countries companies of any status are in (the admin list's country filter).
COMPANY_COUNTRIES = CacheNamespace(
    "clusters.company_countries",
    retired_by=("clusters.Company",),
    timeout=60 * 60,
)

# The admin company list's result counts, per query (core.pagination.CachedCountPaginator).
ADMIN_COUNTS = CacheNamespace(
    "clusters.admin_counts",
    retired_by=DIRECTORY_DATA,
    timeout=10 * 60,
)

# The competency matrix, per dimension and language (labels and URLs are translated).
SKILLS_MATRIX = CacheNamespace(
    "clusters.skills_matrix",
    retired_by=(
        "clusters.Company",
        "clusters.CompanyCompetency",
        "clusters.CompanyMarket",
        "clusters.Cluster",
        "clusters.CompetencyArea",
        "clusters.Competency",
    ),
    timeout=60 * 60,
)

# Published companies as their profile pages show them (selectors.profiles), per slug.
PROFILES = CacheNamespace(
    "clusters.profiles",
    retired_by=DIRECTORY_DATA,
    timeout=60 * 60,
)

# The map's points (published companies by rounded coordinates), per language.
MAP_POINTS = CacheNamespace(
    "clusters.map_points", retired_by=("clusters.Company",), timeout=60 * 60
)

# The timeout other apps use for values computed from the directory (the API's cluster list).
CACHE_TIMEOUT = 60 * 60


def filters_digest(filters: dict) -> str:
    """A short, stable key part for one combination of filter values."""
    return hashlib.sha256(json.dumps(filters, sort_keys=True, default=str).encode()).hexdigest()


def cache_generation() -> int:
    """Changes on every write to the directory's data: a version for cached fragments and
    for other apps' values computed from the directory."""
    return FACETS.generation()
