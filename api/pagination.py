"""Keyset ("cursor") pagination: each page starts after the last row of the previous one.

A cursor is opaque to clients: URL-safe base64 of the sort it belongs to and the sort key
of the last row sent (its values and primary key). The next page is then an index range
scan from that key (`name >= %s ...`), as fast on page 2,000 as on page 1, where an OFFSET
would read and throw away every earlier row. Relevance-ranked searches page through the
directory's cached ordered ids instead (see api.selectors.company_page).
"""

import base64
import binascii
import json

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_CURSOR_LENGTH = 500


class InvalidCursor(ValueError):
    """A cursor this API did not write (or for another sort): a 400, never a 500."""

    def __init__(self):
        super().__init__(
            _("This cursor is not valid here: use the next_cursor of a previous page.")
        )


def encode(sort, *values):
    raw = json.dumps([sort, *values], separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor, sort, types):
    """The values of a cursor written for `sort`, converted by `types` (one per value)."""
    if not cursor:
        return None
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidCursor
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidCursor from None
    if not isinstance(data, list) or len(data) != len(types) + 1 or data[0] != sort:
        raise InvalidCursor
    try:
        values = [convert(value) for convert, value in zip(types, data[1:], strict=True)]
    except (TypeError, ValueError, OverflowError):
        raise InvalidCursor from None
    if any(value is None for value in values):
        raise InvalidCursor
    return values


def text(value):
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError(value)
    return value


def primary_key(value):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**63:
        raise ValueError(value)
    return value


def offset(value):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**6:
        raise ValueError(value)
    return value


def moment(value):
    parsed = parse_datetime(text(value))
    if parsed is None or parsed.tzinfo is None:
        raise ValueError(value)
    return parsed


def after(field, value, pk, descending=False):
    """Rows after (value, pk) in `field` order (descending or not), then pk ascending.

    Written as `field >= value AND (field > value OR pk > last)` so that the index on
    the field bounds the scan: only rows tied on the value need the second test.
    """
    if descending:
        return Q(**{f"{field}__lte": value}) & (Q(**{f"{field}__lt": value}) | Q(pk__gt=pk))
    return Q(**{f"{field}__gte": value}) & (Q(**{f"{field}__gt": value}) | Q(pk__gt=pk))


def keyset_page(queryset, sort, field, limit, cursor, descending=False, convert=text):
    """(rows, next cursor or None) of a queryset ordered by `field` then pk."""
    values = decode(cursor, sort, (convert, primary_key))
    ordering = (f"-{field}" if descending else field, "pk")
    queryset = queryset.order_by(*ordering)
    if values is not None:
        queryset = queryset.filter(after(field, *values, descending=descending))
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    key = getattr(last, field)
    return rows, encode(sort, key.isoformat() if hasattr(key, "isoformat") else key, last.pk)
