"""The directory's links (CSV download, each chip's "remove") keep the query as Django's
QueryDict would: copied, the page dropped, values replaced or one removed, encoded."""

from django.http import QueryDict
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from clusters.views import _query_string

names = st.sampled_from(["q", "sector", "country", "page", "sort", "format", "é x", "a&b"])
values = st.text(max_size=8)


def with_querydict(query, *, replace=None, remove_value=None):
    """What the links were built with before: a copy of the QueryDict changed in place."""
    copied = query.copy()
    copied.pop("page", None)
    for key, value in (replace or {}).items():
        copied[key] = value
    if remove_value:
        name, value = remove_value
        copied.setlist(name, [v for v in copied.getlist(name) if v != value])
    return f"?{copied.urlencode()}"


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(st.tuples(names, values), max_size=8),
    replace=st.dictionaries(names, values, max_size=2),
    removed=st.none() | st.tuples(names, values),
)
def test_links_are_what_querydict_makes(pairs, replace, removed):
    query = QueryDict(mutable=True)
    for key, value in pairs:
        query.appendlist(key, value)
    request = RequestFactory().get("/directory/", {})
    request.GET = query
    for kwargs in ({"replace": replace}, {"remove_value": removed}, {}):
        if kwargs.get("remove_value", 0) is None:
            continue
        assert _query_string(request, **kwargs) == with_querydict(query, **kwargs)
