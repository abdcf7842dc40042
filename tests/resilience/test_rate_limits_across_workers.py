"""Rate limits hold across processes: two gunicorn workers share one count.

With the default CACHE_URL (local memory, one per process) each worker used to count on its
own: 12 posts to a 5-per-hour form got 8 through. The counters now live in the database
table `core_ratelimit_cache` (in Redis when CACHE_URL is Redis).
"""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from core.cache import DatabaseCounterCache
from tests.events.factories import MaterialFactory, material_request_data
from tests.resilience.conftest import Gunicorn, app_env, settings_caches

pytestmark = pytest.mark.django_db(transaction=True)

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _empty_counters():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_ratelimit_cache")


@pytest.fixture
def counters():
    _empty_counters()  # the table outlives transactions; the count is per hour
    yield
    _empty_counters()


class Visitor:
    """A browser of one: its cookies, and the CSRF token of the form it opened."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open_form(self, path):
        with self.opener.open(self.base_url + path, timeout=30) as response:
            self.csrf_token = CSRF_INPUT.search(response.read().decode())[1]

    def post(self, path, data):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf_token}).encode()
        request = urllib.request.Request(  # noqa: S310 - loopback
            self.base_url + path, data=body, headers={"Referer": self.base_url + path}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def test_the_default_configuration_counts_rate_limits_in_the_database():
    configured = settings_caches()
    assert configured["default"]["BACKEND"].endswith("LocMemCache")
    assert configured["ratelimit"]["BACKEND"] == "core.cache.DatabaseCounterCache"


@pytest.fixture(params=["local memory", "redis"])
def cache_environment(request):
    """CACHE_URL unset (the default), or a Redis of the test's own."""
    if request.param == "local memory":
        yield {}
        return
    server = request.getfixturevalue("redis_server")
    yield {"CACHE_URL": server.url}


def test_twelve_posts_to_a_five_per_hour_form_over_two_workers_let_five_through(
    counters, cache_environment
):
    material = MaterialFactory(file=None, on_request=True)
    event_path = material.event.get_absolute_url()
    server = Gunicorn(app_env(**cache_environment), workers=2)
    try:
        visitors = [Visitor(server.url) for _ in range(4)]
        for visitor in visitors:
            visitor.open_form(event_path)

        def post(number):
            data = material_request_data(material, email=f"visitor{number}@example.com")
            return visitors[number % 4].post(f"{event_path}request/", data)

        # Four at a time, so both workers answer and increment the same counter at once.
        with ThreadPoolExecutor(max_workers=4) as pool:
            statuses = list(pool.map(post, range(12)))
    finally:
        server.stop()
    accepted = [status for status in statuses if status != 429]
    assert len(accepted) == 5, statuses
    assert statuses.count(429) == 7


def _expiry(key):
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM core_ratelimit_cache WHERE cache_key LIKE %s", [key])
        return cursor.fetchone()[0]


def test_a_database_counter_keeps_its_expiry_and_refuses_expired_keys(counters):
    counter_cache = DatabaseCounterCache("core_ratelimit_cache", {})
    assert counter_cache.add("rl-key", 1, 3600)
    expires = _expiry("%rl-key")
    assert counter_cache.incr("rl-key") == 2
    assert counter_cache.incr("rl-key", 3) == 5
    assert counter_cache.get("rl-key") == 5
    # Django's DatabaseCache.incr would have reset it to the default 300 seconds.
    assert _expiry("%rl-key") == expires
    with pytest.raises(ValueError):
        counter_cache.incr("no-such-key")
    counter_cache.set("old-key", 1, -1)
    with pytest.raises(ValueError):
        counter_cache.incr("old-key")
