"""The events archive's cached values (core.caching retires them on the declared writes)."""

from core.caching import CacheNamespace

# Years, countries and clusters the events list offers as filters: they change with any
# event (its partner clusters included, core adds the many-to-many table) or cluster.
FILTER_OPTIONS = CacheNamespace(
    "events.filter_options",
    retired_by=("events.Event", "clusters.Cluster"),
    timeout=60 * 60,
)
