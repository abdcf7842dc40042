"""The header's search box on every page leads to /search/, one grouped page of results."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_header_search_finds_companies_and_events(page, site, console_messages):
    page.goto(site + "/about/")
    page.get_by_label("Search the portal").fill("mobility")
    page.get_by_role("button", name="Search the whole portal").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=mobility"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    companies = page.locator('section[data-kind="companies"]')
    expect(companies.get_by_role("heading", level=2)).to_contain_text("Companies")
    expect(page.locator('section[data-kind="events"] li').first).to_be_visible()
    # The page's own box keeps the query for a new search.
    expect(
        page.get_by_label("Search companies, events, talks, speakers and materials")
    ).to_have_value("mobility")
    first = companies.get_by_role("link").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert console_messages == []


def test_no_results_offers_the_corrected_spelling(page, site):
    page.goto(site + "/search/?q=chargng+zzqxv")
    expect(page.get_by_role("status")).to_contain_text("Nothing found")
    page.get_by_role("link", name="charging zzqxv").click()
    expect(page).to_have_url(re.compile(r"q=charging"))


@pytest.mark.parametrize("path", ["/search/", "/search/?q=mobility", "/search/?q=zzqxv"])
def test_no_serious_accessibility_violations(page, site, axe, path):
    page.goto(site + path)
    assert serious_violations(axe.run(page)) == []
