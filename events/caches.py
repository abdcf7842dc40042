"""The events archive's cached values (core.caching retires them on the declared writes)."""

from core.caching import CacheNamespace

# Years, countries and clusters the events list offers as filters: they change with any
# event (its partner clusters included, core adds the many-to-many table) or cluster.
FILTER_OPTIONS = CacheNamespace(
    "events.filter_options",
    retired_by=("events.Event", "clusters.Cluster"),
    timeout=60 * 60,
)

# The events list's rendered cards (upcoming, and a page of past events) per language and
# filters: what a card shows is an event, its organiser and its place.
LIST_CARDS = CacheNamespace(
    "events.list_cards",
    retired_by=("events.Event", "clusters.Cluster"),
    timeout=60 * 60,
)

# Published events with their programme, speakers and materials as the event page shows
# them (events.selectors.event_detail), per slug.
DETAILS = CacheNamespace(
    "events.details",
    retired_by=(
        "events.Event",
        "events.Session",
        "events.Talk",
        "events.Speaker",
        "events.Material",
        "clusters.Cluster",
    ),
    timeout=60 * 60,
)
