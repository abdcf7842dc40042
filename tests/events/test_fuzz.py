"""Whatever a visitor types into the list filters or the request form, never a 500."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.events.factories import ClusterFactory, EventFactory, MaterialFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Any text, including NUL bytes, markup, huge numbers and very long strings.
junk = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="\x00\n\r\t<>'\"&%;", max_size=50),
    st.integers().map(str),
    st.just("x" * 5000),
)


@pytest.fixture
def some_events():
    cluster = ClusterFactory(slug="clm")
    EventFactory(organiser=cluster)
    EventFactory(is_online=True, country="")


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["year", "kind", "place", "cluster", "page", "other"]), junk, max_size=5
    )
)
def test_list_filters_never_fail(client, some_events, params):
    response = client.get("/events/", params)
    assert response.status_code == 200


@pytest.fixture
def request_event():
    material = MaterialFactory(file=None, on_request=True, title="Slides")
    return material


@FUZZ
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "material": junk,
            "name": junk,
            "email": junk,
            "organisation": junk,
            "purpose": junk,
            "consent": junk,
            "website_url": junk,
        },
    )
)
def test_request_form_never_fails(client, request_event, settings, data):
    settings.RATELIMIT_ENABLE = False
    cache.clear()
    response = client.post(f"/events/{request_event.event.slug}/request/", data)
    assert response.status_code < 500
    assert response.status_code in (200, 302)


@FUZZ
@given(
    junk,
    st.sampled_from(
        ["/events/{}/", "/events/{}.ics", "/speakers/{}/", "/events/x/materials/{}/download/"]
    ),
)
def test_event_urls_never_fail(client, some_events, text, template):
    response = client.get(template.format(quote(text, safe="")))
    assert response.status_code < 500
