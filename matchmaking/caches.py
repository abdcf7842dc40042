"""The matchmaking's cached values (core.caching retires them on the declared writes)."""

from core.caching import CacheNamespace

# Which events have a B2B programme: the event page links to it.
PROGRAMMES = CacheNamespace(
    "matchmaking.programmes",
    retired_by=("matchmaking.Programme",),
    timeout=60 * 60,
)
