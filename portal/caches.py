"""The site shell's cached values."""

from core.caching import CacheNamespace

# The home page's counters: partner clusters, published SMEs, published events.
HOME = CacheNamespace(
    "portal.home",
    retired_by=("clusters.Cluster", "clusters.Company", "events.Event"),
    timeout=600,
)

# What the home and about pages show besides the counters: their editable text (site
# pages), the partner clusters and the latest events (with their organisers).
CONTENT = CacheNamespace(
    "portal.content",
    retired_by=("core.SitePage", "clusters.Cluster", "events.Event"),
    timeout=600,
)
