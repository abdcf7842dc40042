"""The API's cached values (core.caching retires them on the declared writes)."""

from clusters.caches import DIRECTORY_DATA
from core.caching import CacheNamespace

# Every cluster with its sectors and published member count (/api/v1/clusters/): a grouped
# count over every membership, 0.3 s at 100k companies. Company writes include their
# cluster memberships and Cluster writes their sectors (core adds the many-to-many tables).
CLUSTERS = CacheNamespace(
    "api.clusters",
    retired_by=("clusters.Cluster", "clusters.Company", "clusters.Sector"),
    timeout=60 * 60,
)

# A page of the company list, its records validated against the schema, per language,
# site address, parameters and cursor: whatever a directory search shows retires it.
COMPANY_PAGES = CacheNamespace(
    "api.company_pages",
    retired_by=DIRECTORY_DATA,
    timeout=10 * 60,
    # A page's records are pydantic models: unpickling 20 of them was half of a request.
    kept_in_process=64,
)
