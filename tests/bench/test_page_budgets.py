"""Every page the benchmark measures, on generated data at two sizes: it answers 200 and
stays within the query budget (≤ 10) with a cold cache and past the whole-page cache, and
runs none from the page cache. The harness that
counts queries for bench/RESULTS.md (bench.pages) is the one under test here."""

import pytest
from django.core.management import call_command

from bench import pages

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 10
# Pages with a budget of their own: the site search runs one bounded query per kind of
# result; the admin pages run Django admin's own (filters, inlines, history).
OWN_BUDGETS = {"search": 20, "admin_companies": 30, "admin_company": 30, "submission_review": 30}
# Staff are signed in: never served from the whole-page cache. (The API is not page-cached
# either, but a repeated page of its company list comes from api.caches.COMPANY_PAGES.)
NOT_PAGE_CACHED = set(pages.STAFF_PAGES)
EXPECTED_PAGES = {
    "baseline",
    "home",
    "directory",
    "directory_text",
    "directory_facets",
    "profile",
    "skills_map",
    "events",
    "event",
    "questionnaire",
    "api_companies",
    "search",
    "admin_companies",
    "admin_company",
    "submission_review",
}


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]  # bench.pages requests as the loopback server


@pytest.mark.parametrize("companies", [3, 30])
def test_benchmarked_pages_answer_within_the_query_budget(bench_urls, companies):
    call_command(
        "generate_bench_data", companies=companies, events=companies, submissions=5, verbosity=0
    )
    rows = {row["name"]: row for row in pages.measure(pages.discover())}
    assert set(rows) == EXPECTED_PAGES
    for name, row in rows.items():
        assert row["path"], f"{name} has no URL"
        assert (row["cold_status"], row["status"]) == (200, 200), (name, row.get("error"))
        assert not row["placeholder"], f"{name} is still a placeholder"
        budget = OWN_BUDGETS.get(name, QUERY_BUDGET)
        assert row["queries_cold"] <= budget, (name, row["queries_cold"])
        assert row["queries_uncached"] <= budget, (name, row["queries_uncached"])
        if name in NOT_PAGE_CACHED:
            assert row["queries"] > 0, name
            continue
        # Warm and on the same URL, every page comes whole from the page cache (the API's
        # company list from its cached records).
        assert row["queries"] == 0, (name, row["queries"])
    # Staff pages are requested signed in, and locust gets that session's cookie.
    assert {name for name, row in rows.items() if row.get("signed_in")} == pages.STAFF_PAGES
    assert rows["admin_company"]["session_cookie"].startswith("sessionid=")
    assert "session_cookie" not in rows["home"]
    # The slowest query of a page comes with its plan, for bench/PLANS-<size>.md.
    assert "Execution Time" in rows["profile"]["slowest_plan"]


def test_a_failing_page_is_recorded_not_raised(bench_urls, monkeypatch):
    from portal import selectors

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "home_counters", broken)
    call_command("generate_bench_data", companies=3, events=3, submissions=0, verbosity=0)
    rows = {row["name"]: row for row in pages.measure(pages.discover())}
    assert rows["home"]["status"] == 500
    assert "boom" in rows["home"]["error"]
    assert rows["baseline"]["status"] == 200  # the other pages are still measured


def test_first_request_after_a_write_is_timed_cold(bench_urls):
    call_command("generate_bench_data", companies=5, events=3, submissions=0, verbosity=0)
    rows = {row["name"]: row for row in pages.measure_after_write(pages.discover(), repeats=2)}
    assert set(rows) == set(pages.AFTER_WRITE_PAGES)
    for name, row in rows.items():
        assert row["status"] == [200, 200], name
        assert len(row["ms"]) == 2 and all(ms > 0 for ms in row["ms"]), name
        # The write retired the page cache: each first request ran the view's queries.
        assert all(count > 0 for count in row["queries"]), (name, row["queries"])
