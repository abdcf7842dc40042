"""Settings for the benchmark: production settings plus the bare baseline view.

Used only by `make bench` (gunicorn on loopback). Everything else is the real production
configuration, read from the environment like `c2future.settings`.
"""

from c2future.settings import *  # noqa: F403

# The benchmark's URLs: the project's URLs plus /bench/baseline (never in production).
ROOT_URLCONF = "bench.urls"

# Every request comes from 127.0.0.1: per-IP rate limits would turn the load test into a
# measurement of the 429 page. Rate limiting itself is covered by the security tests.
RATELIMIT_ENABLE = False
