"""Whatever a visitor puts in the directory's query string, the page never fails."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .factories import full_company

PARAMETERS = [
    "q",
    "sector",
    "competency",
    "cluster",
    "country",
    "target_market",
    "size",
    "sort",
    "page",
    "format",
]

values = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="\x00<>&'\"%;=-", max_size=20),
    st.sampled_from(["t-ev-charging", "t-clm", "US", "IT", "micro", "name", "1", "99999", "-1"]),
    st.integers().map(str),
)
queries = st.dictionaries(
    st.sampled_from(PARAMETERS), st.lists(values, min_size=1, max_size=3), max_size=6
)


@pytest.fixture
def directory_data(world):
    full_company(clusters=[world["clm"]], competencies=[world["ev"]], targets=["US"])


@pytest.mark.django_db
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=queries)
def test_directory_never_fails(client, directory_data, query):
    response = client.get("/directory/", query)
    assert response.status_code < 500
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)


@pytest.mark.django_db
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(by=st.text(max_size=50), page=st.text(max_size=30))
def test_skills_map_and_cluster_pages_never_fail(client, directory_data, by, page):
    assert client.get("/skills-map/", {"by": by}).status_code < 500
    assert client.get("/clusters/t-clm/", {"page": page}).status_code < 500
