"""Real components for the resilience tests: redis-server, gunicorn and nginx processes.

Each test starts its own instances on free ports (never the machine's Redis or nginx) and
stops them by process, so a test can stop a component mid-run.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.security.conftest import settings_from_env

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_SERVER = os.environ.get("REDIS_SERVER", "redis-server")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, what, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} on port {port} did not start") from None
            time.sleep(0.1)


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class RedisServer:
    """A throw-away redis-server without persistence; `stop()` and `start()` mid-test."""

    def __init__(self):
        self.binary = shutil.which(REDIS_SERVER)
        if not self.binary:
            # Never skip: without the binary the outage cannot be shown.
            pytest.fail(f"{REDIS_SERVER} not found: install Debian's 'redis-server' package.")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process, "redis-server")

    def stop(self):
        stop(self.process)


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def settings_caches(**environ):
    """settings.CACHES as c2future/settings.py builds it from `environ`."""
    return settings_from_env(["CACHES"], **environ)["CACHES"]


def database_url():
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def app_env(**overrides):
    """The environment of a gunicorn serving the test database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CACHE_URL", "PAGE_CACHE_URL", "RATELIMIT_ENABLE")
    }
    env.update(
        {
            "DATABASE_URL": database_url(),
            # DEBUG only so static tags work without collectstatic; nothing else depends on it.
            "DEBUG": "true",
            "SECRET_KEY": "test-only-key-not-a-secret",
            "SECURE_SSL": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(overrides)
    return env


def get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
        return response.status, response.read()


class Gunicorn:
    def __init__(self, env, workers=2, log_path=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [sys.executable, "-m", "gunicorn", "c2future.wsgi"]
            + ["--workers", str(workers), "--bind", f"127.0.0.1:{self.port}", "--preload"],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                get(self.url + "/healthz", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    stop(self.process)
                    raise RuntimeError(f"gunicorn at {self.url} did not start") from None
                time.sleep(0.2)

    def stop(self):
        stop(self.process)
        if self.log is not subprocess.DEVNULL:
            self.log.close()
