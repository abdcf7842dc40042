"""One page under load: `make bench` runs this once per page with BENCH_PATH set.

Closed loop, no think time: a fixed number of users (locust -u) request the page back to
back, so throughput and latency show what the two gunicorn workers can serve.
"""

import os

from locust import FastHttpUser, constant, task

PAGE_PATH = os.environ.get("BENCH_PATH", "/bench/baseline")


class PageVisitor(FastHttpUser):
    wait_time = constant(0)
    # Loopback only: `make bench` passes --host http://127.0.0.1:<port>.
    network_timeout = 30.0
    connection_timeout = 5.0

    @task
    def visit(self):
        # Any status other than 2xx counts as a failure in locust's statistics.
        self.client.get(PAGE_PATH, name=PAGE_PATH)
