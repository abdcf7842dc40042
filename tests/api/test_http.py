"""HTTP behaviour of /api/: conditional GET, caching headers, CORS, rate limits, errors."""

import pytest

from clusters.models import Company

from .conftest import API

pytestmark = pytest.mark.django_db

COMPANIES = API + "/companies"


# ---- ETag / Last-Modified / Cache-Control --------------------------------------------------


def test_data_responses_carry_validators_and_cache_control(client, api_world):
    response = client.get(COMPANIES)
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    # Another URL, another ETag.
    assert client.get(COMPANIES, {"q": "charging"})["ETag"] != response["ETag"]


def test_if_none_match_is_a_304_without_queries(client, api_world, django_assert_num_queries):
    etag = client.get(COMPANIES)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(COMPANIES, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_is_a_304(client, api_world):
    last_modified = client.get(API + "/events")["Last-Modified"]
    response = client.get(API + "/events", headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_a_failed_precondition_is_a_json_412(client, api_world):
    response = client.get(COMPANIES, headers={"if-match": '"not-this-one"'})
    assert response.status_code == 412
    assert response.json()["error"]["code"] == "precondition_failed"
    assert "public" not in response.get("Cache-Control", "")


def test_a_write_to_public_data_changes_the_etag(client, api_world):
    etag = client.get(COMPANIES)["ETag"]
    company = Company.objects.get(slug="sensor-works")
    company.description = "Changed."
    company.save()
    response = client.get(COMPANIES, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Changed." in response.content.decode()


def test_validators_are_renewed_every_page_cache_period(client, api_world, settings, monkeypatch):
    # Another worker's write may not reach this worker's local-memory generation: the
    # validators then still go stale within PAGE_CACHE_SECONDS, like cached pages.
    settings.PAGE_CACHE_SECONDS = 300
    monkeypatch.setattr("api.middleware.time.time", lambda: 1_900_000_100.0)
    first = client.get(COMPANIES)
    assert client.get(COMPANIES, headers={"if-none-match": first["ETag"]}).status_code == 304
    monkeypatch.setattr("api.middleware.time.time", lambda: 1_900_000_400.0)
    again = client.get(COMPANIES, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    late = client.get(COMPANIES, headers={"if-modified-since": first["Last-Modified"]})
    assert late.status_code == 200


def test_errors_are_not_marked_cacheable(client, api_world):
    response = client.get(API + "/companies/nope")
    assert response.status_code == 404
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_head_is_the_get_without_body(client, api_world):
    get = client.get(COMPANIES)
    head = client.head(COMPANIES)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert int(head["Content-Length"]) == len(get.content)


# ---- CORS ------------------------------------------------------------------------------


def test_cors_is_open_for_reading(client, api_world):
    response = client.get(COMPANIES, headers={"origin": "https://elsewhere.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        COMPANIES,
        headers={
            "origin": "https://elsewhere.example",
            "access-control-request-method": "GET",
        },
    )
    assert preflight.status_code == 200
    methods = {m.strip() for m in preflight["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}


def test_cors_stays_off_the_rest_of_the_site(client, api_world):
    response = client.get("/directory/", headers={"origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_refused_as_json(client, api_world, method):
    response = getattr(client, method)(COMPANIES, headers={"origin": "https://x.example"})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD, OPTIONS"


# ---- Rate limit ------------------------------------------------------------------------


def test_rate_limit_is_a_429_with_retry_after(client, api_world, settings):
    settings.API_RATE_LIMIT = "3/m"
    for _ in range(3):
        assert client.get(API + "/sectors").status_code == 200
    response = client.get(API + "/sectors")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    # Per client: another address still gets answers.
    assert client.get(API + "/sectors", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_rate_limit_counts_per_client_behind_the_proxy(client, api_world, settings):
    settings.API_RATE_LIMIT = "2/m"
    settings.TRUSTED_PROXY_COUNT = 1
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    second = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert client.get(API + "/sectors", **first).status_code == 200
    assert client.get(API + "/sectors", **first).status_code == 200
    assert client.get(API + "/sectors", **first).status_code == 429
    assert client.get(API + "/sectors", **second).status_code == 200


# ---- Errors --------------------------------------------------------------------------------


def test_even_a_bug_answers_in_the_error_shape(api_world, monkeypatch):
    from django.test import Client

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("api.selectors.event_page", broken)
    response = Client(raise_request_exception=False).get(API + "/events")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/nothing-here", 404, "not_found"),
        ("/companies/nope", 404, "not_found"),
        ("/events/nope", 404, "not_found"),
        ("/companies?sector=nope", 400, "invalid_parameter"),
        ("/companies?limit=x", 400, "invalid_parameter"),
        ("/companies?sort=random", 400, "invalid_parameter"),
    ],
)
def test_errors_have_one_shape(client, api_world, path, status, code):
    response = client.get(API + path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    for detail in body["error"]["details"]:
        assert set(detail) == {"parameter", "message"}
