"""Cache invalidation: version stamps ("generations") and invalidation that holds under
transactions."""

import time

from django.db import transaction


def current_generation(cache, key):
    """The version stamp stored under `key` (started when missing).

    Cached values keyed on it go stale together when `new_generation` replaces it, without
    knowing every key that was cached.
    """
    generation = cache.get(key)
    if generation is None:
        cache.add(key, time.time_ns(), None)
        generation = cache.get(key)
    # Should the key be gone again at once, a fresh value means a miss, never a stale hit.
    return generation if generation is not None else time.time_ns()


def new_generation(cache, key):
    cache.set(key, time.time_ns(), None)


def now_and_after_commit(invalidate):
    """Run `invalidate` now and, inside a transaction, again once it commits.

    Model signals fire before the commit: a request served between the two would read the
    old rows under the new cache version and keep them cached. The second run retires
    whatever such a request stored.
    """
    invalidate()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(invalidate)
