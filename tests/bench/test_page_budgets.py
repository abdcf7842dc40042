"""Every page the benchmark measures, on generated data at two sizes: it answers 200 and
stays within the query budget (≤ 10) with a cold cache and past the whole-page cache, and
runs none from the page cache. The harness that
counts queries for bench/RESULTS.md (bench.pages) is the one under test here."""

import pytest
from django.core.management import call_command

from bench import pages

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 10
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
        assert row["queries_cold"] <= QUERY_BUDGET, (name, row["queries_cold"])
        assert row["queries_uncached"] <= QUERY_BUDGET, (name, row["queries_uncached"])
        # Warm and on the same URL, every page comes whole from the page cache.
        assert row["queries"] == 0, (name, row["queries"])
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
