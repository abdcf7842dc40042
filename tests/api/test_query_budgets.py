"""Each endpoint runs a bounded number of SQL queries, whatever the number of records."""

import pytest
from django.core.cache import caches

from tests.clusters.factories import full_company
from tests.events.factories import MaterialFactory, SessionFactory, SpeakerFactory, TalkFactory

from .conftest import API

pytestmark = pytest.mark.django_db

# Cold caches (taxonomy, ranked ids): the worst case, a company list with a query (the
# spelling alternatives, the ranked ids, the page and one prefetch per relation).
BUDGET = 11
WARM_BUDGET = 7

URLS = [
    "/",
    "/clusters",
    "/clusters/t-clm",
    "/competencies",
    "/sectors",
    "/companies",
    "/companies?limit=100",
    "/companies?q=budget",
    "/companies?q=budget&sort=name&cluster=t-clm&competency=t-ev-charging&target_market=US",
    "/companies?sort=updated&sector=t-mobility&country=IT&size=small",
    "/companies/charging-grid",
    "/events",
    "/events?limit=100",
    "/events/smart-city-forum",
    "/materials",
    "/materials?event=smart-city-forum&limit=100",
    "/speakers",
    "/speakers/ada-speaker",
    "/openapi.json",
]


def _build(world, api_world, size):
    event = api_world["event"]
    for index in range(size):
        full_company(
            name=f"Budget {index:03d} Srl",
            clusters=[world["clm"] if index % 2 else world["dti"]],
            sectors=[world["mobility"]],
            competencies=[world["ev"], world["iot"]],
            targets=["US", "CO"],
        )
        session = SessionFactory(event=event)
        speakers = [SpeakerFactory(), SpeakerFactory()]
        TalkFactory(session=session, speakers=speakers)
        TalkFactory(session=session, speakers=speakers)
        MaterialFactory(event=event, session=session)


@pytest.mark.parametrize("size", [3, 30])
def test_query_budget(client, world, api_world, size, django_assert_max_num_queries):
    _build(world, api_world, size)
    for url in URLS:
        for cache in caches.all():
            cache.clear()
        with django_assert_max_num_queries(BUDGET, info=url):
            response = client.get(API + url)
        assert response.status_code == 200, url
        # Warm: the taxonomy and ranked ids come from the cache.
        with django_assert_max_num_queries(WARM_BUDGET, info=url):
            assert client.get(API + url).status_code == 200


# One search: per kind a count and a capped list (plus the prefetches of companies and talks)
# and the spelling alternatives; a fixed number whatever the data.
SEARCH_BUDGET = 20


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("q", ["budget", "talk", "zzqxv", ""])
def test_search_query_budget(client, world, api_world, size, q, django_assert_max_num_queries):
    _build(world, api_world, size)
    for cache in caches.all():
        cache.clear()
    with django_assert_max_num_queries(SEARCH_BUDGET, info=q):
        response = client.get(API + "/search", {"q": q})
    assert response.status_code == 200
