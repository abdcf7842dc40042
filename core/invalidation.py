"""Cache invalidation that holds under transactions."""

from django.db import transaction


def now_and_after_commit(invalidate):
    """Run `invalidate` now and, inside a transaction, again once it commits.

    Model signals fire before the commit: a request served between the two would read the
    old rows under the new cache version and keep them cached. The second run retires
    whatever such a request stored.
    """
    invalidate()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(invalidate)
