"""The cache server goes down mid-run: pages keep answering, /healthz says so, it recovers.

A real redis-server (started by the test on a free port) is stopped and started again; the
caches are configured exactly as c2future/settings.py configures them for that CACHE_URL.
"""

import json
import logging
import time

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import Client

from clusters.models import Cluster, Company
from core import cache as resilient
from events.models import Event, MaterialRequest
from tests.events.factories import MaterialFactory, material_request_data
from tests.resilience.conftest import Gunicorn, app_env, free_port, get, settings_caches

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/about/",
    "/clusters/",
    "/directory/",
    "/directory/?q=logistics",
    "/directory/?format=csv",
    "/skills-map/",
    "/skills-map/points.json",
    "/events/",
    "/events/feed.ics",
    "/events/feed.rss",
    "/questionnaire/",
    "/it/",
    "/es/events/",
]


@pytest.fixture
def public_paths(demo_content):
    return [
        *PUBLIC_PATHS,
        Company.objects.filter(status=Company.Status.PUBLISHED).first().get_absolute_url(),
        Cluster.objects.first().get_absolute_url(),
        Event.objects.filter(status=Event.Status.PUBLISHED).first().get_absolute_url(),
    ]


def use_redis(settings, url):
    settings.CACHES = settings_caches(CACHE_URL=url)
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture(autouse=True)
def _fresh_cache_state():
    resilient._state.clear()
    yield
    resilient._state.clear()


def cache_warnings(caplog):
    return [r for r in caplog.records if r.name == "core.cache" and r.levelno >= logging.WARNING]


def assert_every_page_answers(paths):
    for path in paths:
        response = Client().get(path)
        assert response.status_code == 200, path


def test_settings_make_every_redis_cache_resilient_with_short_timeouts():
    configured = settings_caches(CACHE_URL="redis://127.0.0.1:6379/1")
    for alias in ("default", "pages", "ratelimit"):
        assert configured[alias]["BACKEND"] == "core.cache.ResilientRedisCache", alias
        assert configured[alias]["OPTIONS"]["socket_connect_timeout"] <= 0.5
        assert configured[alias]["OPTIONS"]["socket_timeout"] <= 0.5
    assert configured["ratelimit"]["OPTIONS"]["FALLBACK"] == "ratelimit-database"


def test_redis_stopped_mid_run_degrades_to_misses_and_recovers(
    settings, redis_server, public_paths, caplog
):
    caplog.set_level(logging.INFO, logger="core.cache")
    use_redis(settings, redis_server.url)
    assert_every_page_answers(public_paths)
    healthz = Client().get("/healthz")
    assert healthz.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert redis.Redis.from_url(redis_server.url).dbsize() > 0  # the pages were cached there

    redis_server.stop()
    assert_every_page_answers(public_paths)
    assert_every_page_answers(public_paths)
    healthz = Client().get("/healthz")
    assert healthz.status_code == 200  # degraded, not out of the load balancer
    assert healthz.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}
    # Dozens of failed cache calls, one warning.
    assert len(cache_warnings(caplog)) == 1
    assert "unavailable" in cache_warnings(caplog)[0].getMessage()

    redis_server.start()
    healthz = Client().get("/healthz")
    assert healthz.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert any("available again" in r.getMessage() for r in caplog.records)
    assert_every_page_answers(public_paths)
    assert redis.Redis.from_url(redis_server.url).dbsize() > 0  # caching again
    assert len(cache_warnings(caplog)) == 1


def test_a_cache_at_a_closed_port_from_the_start(settings, public_paths, caplog):
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")
    assert_every_page_answers(public_paths)
    assert Client().get("/healthz").json()["cache"] == "unavailable"
    assert len(cache_warnings(caplog)) == 1


def test_the_server_is_tried_again_after_a_few_seconds_and_logged_again_after_a_minute(caplog):
    options = {"LOG_INTERVAL": 0.5, "RETRY_SECONDS": 0.2}
    backend = resilient.ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": options}
    )
    attempts = []
    backend._failed = lambda error, failed=backend._failed: attempts.append(error) or failed(error)
    assert backend.get("a-key", "missed") == "missed"
    assert backend.get("a-key", "missed") == "missed"
    assert len(attempts) == 1  # the second get did not wait for the server
    time.sleep(0.3)
    assert backend.add("a-key", 1) is False
    assert len(attempts) == 2
    assert len(cache_warnings(caplog)) == 1
    time.sleep(0.3)
    assert backend.add("a-key", 1) is False
    assert len(cache_warnings(caplog)) == 2


def test_rate_limits_keep_counting_in_the_database_while_redis_is_down(
    settings, redis_server, caplog
):
    use_redis(settings, redis_server.url)
    caches["ratelimit-database"].clear()
    material = MaterialFactory(file=None, on_request=True)
    url = f"{material.event.get_absolute_url()}request/"
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert client.post(url, material_request_data(material)).status_code == 302
    assert client.post(url, material_request_data(material)).status_code == 302

    redis_server.stop()
    statuses = [client.post(url, material_request_data(material)).status_code for _ in range(6)]
    # Five an hour: the count starts again in the database, so at most five more.
    assert statuses == [302] * 5 + [429]
    assert MaterialRequest.objects.count() == 7
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM core_ratelimit_cache")
        assert cursor.fetchone()[0] == 1


def test_without_a_fallback_incr_misses_as_django_says():
    backend = resilient.ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"socket_connect_timeout": 0.2}}
    )
    with pytest.raises(ValueError):
        backend.incr("counter")
    assert backend.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert backend.get_many(["a", "b"]) == {}
    assert backend.has_key("a") is False
    assert backend.delete("a") is False
    assert backend.clear() is False


def test_the_warning_never_shows_the_redis_password(caplog):
    backend = resilient.ResilientRedisCache(
        f"redis://user:s3cret-pass@127.0.0.1:{free_port()}/0", {"OPTIONS": {}}
    )
    assert backend.get("a-key") is None
    [warning] = cache_warnings(caplog)
    assert "s3cret-pass" not in warning.getMessage()
    assert "redis://127.0.0.1:" in warning.getMessage()


@pytest.mark.django_db(transaction=True)
def test_a_live_gunicorn_keeps_serving_through_a_redis_outage(redis_server, tmp_path):
    log = tmp_path / "gunicorn.log"
    env = app_env(CACHE_URL=redis_server.url, PAGE_CACHE_SECONDS="300", LOG_FORMAT="text")
    server = Gunicorn(env, workers=1, log_path=log)
    paths = ["/", "/events/", "/directory/", "/questionnaire/", "/about/"]
    try:
        assert [get(server.url + path)[0] for path in paths] == [200] * len(paths)
        redis_server.stop()
        for _ in range(3):
            assert [get(server.url + path)[0] for path in paths] == [200] * len(paths)
        status, body = get(server.url + "/healthz")
        assert (status, json.loads(body)["cache"]) == (200, "unavailable")
        redis_server.start()
        assert json.loads(get(server.url + "/healthz")[1])["cache"] == "ok"
        assert [get(server.url + path)[0] for path in paths] == [200] * len(paths)
    finally:
        server.stop()
    output = log.read_text()
    assert output.count("unavailable (ConnectionError)") == 1, output
    assert "Traceback" not in output
