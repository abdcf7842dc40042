"""The site shell's cached values."""

from core.caching import CacheNamespace

# The home page's counters: partner clusters, published SMEs, published events.
HOME = CacheNamespace(
    "portal.home",
    retired_by=("clusters.Cluster", "clusters.Company", "events.Event"),
    timeout=600,
)
