"""The pages the benchmark measures, and their SQL queries per request.

`python -m bench.pages --out FILE` (DJANGO_SETTINGS_MODULE=bench.settings, against the
benchmark database) picks concrete URLs from the generated data, requests each page twice
through Django's test client (cold cache, warm, then warm but past the whole-page
cache), counts the SQL queries and runs
EXPLAIN ANALYZE on the slowest query of the warm request. Staff pages are requested signed
in as a generated superuser; the row carries that session's cookie for the load test.
Writes JSON.

`python -m bench.pages --after-write FILE` times the first request of some pages after a
write (a company saved through the ORM, which retires the page cache and the data caches),
in one process so the write retires the caches that the next request reads.
"""

import argparse
import json
import os
import sys
from urllib.parse import urlencode

# Text searched in the directory: a word every generated company description can contain.
DIRECTORY_QUERY = "charging"
PLACEHOLDER_TEXT = b"This section of the portal is being built."
# A query parameter no page reads: a different value is a different URL, so the request
# misses the whole-page cache (core.page_cache) and measures what its first visitor gets.
CACHE_BUSTER = "_bench"
# The generated staff member the signed-in pages are requested as (bench database only).
STAFF_USERNAME = "gen-bench-staff"
# Pages only staff see: requested signed in, so never from the page cache.
STAFF_PAGES = {"admin_companies", "admin_company", "submission_review"}
# Pages timed on the first request after a write, and how many writes.
AFTER_WRITE_PAGES = ("home", "directory", "directory_facets", "skills_map")
AFTER_WRITE_REPEATS = 3


def cache_busting(path, value):
    return f"{path}{'&' if '?' in path else '?'}{CACHE_BUSTER}={value}"


def discover():
    """[(name, label, path)] for every page to measure; a page that cannot be found yet is
    listed with path None so the results say so."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from bench.generate import GENERATED_PREFIX
    from clusters.models import Company, CompanyCompetency, Sector
    from events.models import Event
    from surveys.models import Submission

    def url(name, **kwargs):
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            return None

    published = Company.objects.filter(status=Company.Status.PUBLISHED)
    # A company from the middle of the table: neither the first nor the last row inserted.
    count = published.count()
    company = published.order_by("pk").only("slug")[count // 2] if count else None
    event = (
        Event.objects.filter(status=Event.Status.PUBLISHED, slug__startswith=GENERATED_PREFIX)
        .order_by("-start")
        .only("slug")
        .first()
    ) or Event.objects.filter(status=Event.Status.PUBLISHED).order_by("-start").first()
    directory = url("clusters:directory")
    facets = {}
    sector = Sector.objects.order_by("position", "pk").first()
    # The most common competency: the facet combination keeps a realistic result size.
    common = (
        CompanyCompetency.objects.values("competency__slug")
        .order_by()
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if sector:
        facets["sector"] = sector.slug
    if common:
        facets["competency"] = common["competency__slug"]
    facets["country"] = "IT"
    submission = Submission.objects.order_by("pk").only("pk").first()
    api_companies = url("api-v1:company_list")
    search = url("opendata:search")
    admin_companies = url("admin:clusters_company_changelist")
    return [
        ("baseline", "Baseline (bare Django view)", "/bench/baseline"),
        ("home", "Home", url("portal:home")),
        ("directory", "Directory, no filter", directory),
        (
            "directory_text",
            f"Directory, text query ({DIRECTORY_QUERY!r})",
            directory and f"{directory}?{urlencode({'q': DIRECTORY_QUERY})}",
        ),
        (
            "directory_facets",
            "Directory, text + 3 facets (" + ", ".join(facets) + ")",
            directory and f"{directory}?{urlencode({'q': DIRECTORY_QUERY, **facets})}",
        ),
        ("profile", "Company profile", company and url("clusters:company", slug=company.slug)),
        ("skills_map", "Skills map", url("clusters:skills_map")),
        ("events", "Events list", url("events:list")),
        ("event", "Event page", event and url("events:detail", slug=event.slug)),
        ("questionnaire", "Questionnaire, first step", _first_questionnaire_step(url)),
        (
            "api_companies",
            f"API company list, q + a facet ({DIRECTORY_QUERY!r}, country)",
            api_companies
            and f"{api_companies}?{urlencode({'q': DIRECTORY_QUERY, 'country': 'IT'})}",
        ),
        (
            "search",
            f"Site search ({DIRECTORY_QUERY!r})",
            search and f"{search}?{urlencode({'q': DIRECTORY_QUERY})}",
        ),
        (
            "admin_companies",
            "Staff: admin company list, search + status filter",
            admin_companies
            and f"{admin_companies}?{urlencode({'q': 'tech', 'status__exact': 'published'})}",
        ),
        (
            "admin_company",
            "Staff: a company's change page",
            company and url("admin:clusters_company_change", object_id=company.pk),
        ),
        (
            "submission_review",
            "Staff: a submission's review page",
            submission and url("admin:surveys_submission_review", object_id=submission.pk),
        ),
    ]


def _first_questionnaire_step(url):
    # The intro page links to the first step; measure the step itself when it is routed.
    for name, kwargs in (("surveys:step", {"step_key": "company"}), ("surveys:start", {})):
        if path := url(name, **kwargs):
            return path
    return url("surveys:intro")


def measure(pages):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # A page that fails is recorded as a 500 with its error, never stops the benchmark.
    client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    staff_client = None
    results = []
    cache.clear()
    for name, label, path in pages:
        row = {"name": name, "label": label, "path": path}
        if path is None:
            row["status"] = None
            results.append(row)
            continue
        visitor = client
        if name in STAFF_PAGES:
            staff_client = staff_client or signed_in_client()
            visitor = staff_client
            row["signed_in"] = True
            row["session_cookie"] = session_cookie(staff_client)
        with CaptureQueriesContext(connection) as cold:
            first = visitor.get(path)
        with CaptureQueriesContext(connection) as warm:
            response = visitor.get(path)
        with CaptureQueriesContext(connection) as uncached:
            # Signed in, every request is past the page cache already (and the admin
            # would answer an unknown parameter with a redirect).
            visitor.get(path if name in STAFF_PAGES else cache_busting(path, "queries"))
        row.update(
            status=response.status_code,
            cold_status=first.status_code,
            queries_cold=len(cold.captured_queries),
            queries=len(warm.captured_queries),
            queries_uncached=len(uncached.captured_queries),
            bytes=len(response.content),
            # a section whose issue has not landed yet.
            placeholder=PLACEHOLDER_TEXT in response.content,
        )
        if response.status_code >= 500 and getattr(response, "exc_info", None):
            row["error"] = repr(response.exc_info[1])[:300]
        worst = _slowest_select(cold.captured_queries)
        if worst:
            row["slowest_query"] = worst
            row["slowest_plan"] = _explain(worst["sql"])
        results.append(row)
    return results


def signed_in_client():
    """A test client signed in as the generated superuser (created on first use)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _created = get_user_model().objects.get_or_create(
        username=STAFF_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "bench-staff@example.invalid"},
    )
    client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    client.force_login(user)
    return client


def session_cookie(client):
    """The `Cookie` header of a signed-in client (its database session, for locust)."""
    from django.conf import settings

    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def measure_after_write(pages, repeats=AFTER_WRITE_REPEATS):
    """The first request of each page after a write: [{name, label, path, ms, queries}].

    Every page is warmed first (page cache and data caches full), then, `repeats` times, a
    published company is saved through the ORM as a curator's edit would be (its signals
    retire the page cache and the data caches) and each page is requested once, cold.
    """
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from clusters.models import Company

    client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    chosen = [(n, label, path) for n, label, path in pages if n in AFTER_WRITE_PAGES and path]
    rows = [
        {"name": n, "label": label, "path": path, "ms": [], "queries": [], "status": []}
        for n, label, path in chosen
    ]
    for row in rows:
        client.get(row["path"])
        client.get(row["path"])
    published = Company.objects.filter(status=Company.Status.PUBLISHED).order_by("pk")
    for repeat in range(repeats):
        company = published[repeat]
        company.save()
        for row in rows:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(row["path"])
                elapsed = time.perf_counter() - started
            row["ms"].append(round(elapsed * 1000, 1))
            row["queries"].append(len(queries.captured_queries))
            row["status"].append(response.status_code)
    return rows


def _slowest_select(captured):
    selects = [q for q in captured if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    if not selects:
        return None
    worst = max(selects, key=lambda q: float(q["time"]))
    return {"sql": worst["sql"], "ms": round(float(worst["time"]) * 1000, 2)}


def _explain(sql):
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        return ""
    try:
        # Read-only SELECTs, inside a transaction rolled back anyway.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - a plan is a nice-to-have in the report
        return f"(EXPLAIN failed: {error})"
    return plan


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out")
    parser.add_argument("--after-write", metavar="FILE")
    args = parser.parse_args(argv)
    if not (args.out or args.after_write):
        parser.error("--out or --after-write")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    if args.after_write:
        rows = measure_after_write(discover())
        with open(args.after_write, "w", encoding="utf-8") as handle:
            json.dump(rows, handle, indent=2)
        for row in rows:
            print(f"  {row['name']:<18} after a write: {row['ms']} ms", file=sys.stderr)
        return
    results = measure(discover())
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
    for row in results:
        print(
            f"  {row['name']:<18} {row.get('status')} {row.get('queries')} queries", file=sys.stderr
        )


if __name__ == "__main__":
    main()
