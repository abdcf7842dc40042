"""Scale-out: two app servers sharing one database and one Redis cache stay consistent.

Each server is a real gunicorn process; a third process changes data the way a curator's
save would. Cached aggregates (the home counters) must change on both servers at once.
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from clusters.models import Company
from tests.resilience.conftest import database_url, free_port

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def app_env():
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CACHE_URL": REDIS_URL,
        # DEBUG only so static tags work without collectstatic; nothing else depends on it.
        "DEBUG": "true",
        "SECRET_KEY": "test-only-key-not-a-secret",
        "SECURE_SSL": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "LOG_LEVEL": "WARNING",
    }


def _empty_redis_database():
    """Start from an empty cache; the test owns this Redis database (15 by default)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError:
        return False
    return True


def _get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
        return response.read().decode()


@pytest.fixture
def two_servers(app_env):
    if not _empty_redis_database():
        pytest.fail(f"Redis is not answering at {REDIS_URL}: start redis-server (see README).")
    servers = []
    for _ in range(2):
        port = free_port()
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "c2future.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=BASE_DIR,
            env=app_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers.append((process, f"http://127.0.0.1:{port}"))
    try:
        for process, url in servers:
            deadline = time.monotonic() + 30
            while True:
                try:
                    _get(url + "/healthz", timeout=2)
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"gunicorn at {url} did not start") from None
                    time.sleep(0.2)
        yield [url for _, url in servers]
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait(timeout=10)


def _published_counter(html):
    marker = 'class="counter-value d-block display-6 fw-bold">'
    values = [chunk.split("<", 1)[0] for chunk in html.split(marker)[1:]]
    return int(values[1].replace(",", ""))  # partner clusters, SMEs, events


def test_a_change_in_one_process_shows_at_once_on_both_servers(two_servers, app_env):
    from tests.clusters.factories import CompanyFactory

    company = CompanyFactory(status=Company.Status.DRAFT, name="Scale-out Demo Srl")
    server_a, server_b = two_servers
    # Both servers fill the shared cache with the current counters.
    assert _published_counter(_get(server_a + "/")) == 0
    assert _published_counter(_get(server_b + "/")) == 0

    # A third app process publishes the company, as a curator's save in the admin would.
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from clusters.models import Company; "
            f"c = Company.objects.get(pk={company.pk}); c.status = 'published'; c.save()",
        ],
        cwd=BASE_DIR,
        env=app_env,
        check=True,
        capture_output=True,
        timeout=60,
    )

    assert _published_counter(_get(server_a + "/")) == 1
    assert _published_counter(_get(server_b + "/")) == 1
    assert "Scale-out Demo Srl" in _get(server_b + f"/directory/{company.slug}/")
