"""Fail with one clear line when the test PostgreSQL server does not answer."""

import sys

import psycopg2

url = sys.argv[1]
try:
    psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=5).close()
except psycopg2.OperationalError:
    sys.exit(
        f"PostgreSQL is not answering at {url.rsplit('@', 1)[-1]}: start it "
        "(e.g. `pg_ctlcluster 15 main start` or `docker run -p 5432:5432 -e "
        "POSTGRES_HOST_AUTH_METHOD=trust postgres:15`) or set DATABASE_URL."
    )
