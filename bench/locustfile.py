"""One page under load: `make bench` runs this once per page with BENCH_PATH set.

Closed loop, no think time: a fixed number of users (locust -u) request the page back to
back, so throughput and latency show what the two gunicorn workers can serve.
"""

import itertools
import os
import uuid

from locust import FastHttpUser, constant, task

from bench.pages import cache_busting

PAGE_PATH = os.environ.get("BENCH_PATH", "/bench/baseline")
# BENCH_BUST=1: every request is a new URL of the same page, past the whole-page cache.
BUST_PAGE_CACHE = os.environ.get("BENCH_BUST") == "1"
# BENCH_COOKIE: the `Cookie` header of a signed-in staff member (bench.pages made the session).
COOKIE = os.environ.get("BENCH_COOKIE", "")


class PageVisitor(FastHttpUser):
    wait_time = constant(0)
    # Loopback only: `make bench` passes --host http://127.0.0.1:<port>.
    network_timeout = 30.0
    connection_timeout = 5.0

    def on_start(self):
        self.request_numbers = itertools.count()
        self.visitor = uuid.uuid4().hex[:8]

    @task
    def visit(self):
        path = PAGE_PATH
        if BUST_PAGE_CACHE:
            path = cache_busting(PAGE_PATH, f"{self.visitor}-{next(self.request_numbers)}")
        # Any status other than 2xx counts as a failure in locust's statistics.
        headers = {"Cookie": COOKIE} if COOKIE else None
        self.client.get(path, name=PAGE_PATH, headers=headers)
