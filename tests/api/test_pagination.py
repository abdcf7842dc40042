"""Cursor pagination: every record once, in a stable order, by key (no OFFSET)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import pagination
from tests.clusters.factories import CompanyFactory
from tests.events.factories import EventFactory

from .conftest import API

pytestmark = pytest.mark.django_db


def walk(client, path, params):
    """Every page of a list, following `next`; (records, page count)."""
    records, pages = [], 0
    response = client.get(API + path, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        records.extend(body["results"])
        pages += 1
        if body["next"] is None:
            assert body["next_cursor"] is None
            return records, pages
        assert "cursor=" in body["next"]
        response = client.get(body["next"])


@pytest.fixture
def many_companies(db):
    # Ties on the name, so the primary key must break them.
    for index in range(23):
        CompanyFactory(name=f"Same name {index % 4}", slug=f"same-{index:02d}")


@pytest.mark.parametrize("sort", ["name", "updated", "relevance"])
def test_pages_give_every_company_once_in_order(client, many_companies, sort):
    params = {"limit": 5, "sort": sort}
    if sort == "relevance":
        params["q"] = "same name"
    records, pages = walk(client, "/companies", params)
    assert pages == 5
    seen = [record["slug"] for record in records]
    assert sorted(seen) == sorted(f"same-{i:02d}" for i in range(23))
    if sort == "name":
        assert [(r["name"], r["id"]) for r in records] == sorted(
            (r["name"], r["id"]) for r in records
        )
    if sort == "updated":
        keys = [(r["updated_at"], -r["id"]) for r in records]
        assert keys == sorted(keys, reverse=True)


def test_filters_apply_on_every_page(client, many_companies):
    records, _pages = walk(client, "/companies", {"limit": 2, "q": "name", "sort": "name"})
    assert len(records) == 23
    CompanyFactory(name="Other firm", slug="other")
    records, _pages = walk(client, "/companies", {"limit": 4, "size": "small", "sort": "name"})
    assert len(records) == 24


def test_events_page_by_key(client, db):
    for index in range(7):
        EventFactory(slug=f"event-{index}")
    records, pages = walk(client, "/events", {"limit": 3})
    assert pages == 3
    starts = [(r["start"], -r["id"]) for r in records]
    assert starts == sorted(starts, reverse=True)
    assert len({r["slug"] for r in records}) == 7


def test_materials_page_by_key(client, db):
    from tests.events.factories import MaterialFactory

    event = EventFactory(slug="with-materials")
    for _ in range(5):
        MaterialFactory(event=event, file=None, on_request=True)
    records, pages = walk(client, "/materials", {"limit": 2})
    assert pages == 3
    ids = [r["id"] for r in records]
    assert ids == sorted(ids) and len(set(ids)) == 5


def test_a_deep_page_is_a_key_range_not_an_offset(client, many_companies):
    first = client.get(API + "/companies", {"limit": 3, "sort": "name"}).json()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(API + "/companies", {"limit": 3, "cursor": first["next_cursor"]})
    assert response.status_code == 200
    page_query = next(q["sql"] for q in queries if 'FROM "clusters_company"' in q["sql"])
    assert "OFFSET" not in page_query
    assert '"clusters_company"."name" >=' in page_query


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64 at all!",
        "e30",  # {}
        pagination.encode("updated", "2024-01-01T00:00:00+00:00", 1),  # another sort's
        pagination.encode("name", "x", -5),
        pagination.encode("name", "x\x00", 1),
        pagination.encode("name", ["x"], 1),
        pagination.encode("relevance", 10**9),
        "A" * 600,
    ],
)
def test_foreign_cursors_are_a_400(client, many_companies, cursor):
    response = client.get(API + "/companies", {"cursor": cursor, "sort": "name"})
    assert response.status_code == 400
    [detail] = response.json()["error"]["details"]
    assert detail["parameter"] == "cursor"


def test_limit_is_bounded(client, many_companies):
    assert client.get(API + "/companies", {"limit": 101}).status_code == 400
    assert client.get(API + "/companies", {"limit": 0}).status_code == 400
    assert len(client.get(API + "/companies", {"limit": 100}).json()["results"]) == 23
