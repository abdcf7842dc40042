import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_narrow_and_open_a_profile(page, site, console_messages):
    page.goto(site + "/directory/")
    expect(page.get_by_role("heading", level=1)).to_have_text("SME directory")

    page.get_by_label("Search companies, competencies, products and services").fill("charging")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=charging"))
    expect(page.locator(".company-results")).to_contain_text("Demo Charge Point Srl")

    # Narrow by cluster: ticking a box applies the filter at once (static/js/directory.js).
    page.locator("#facet-cluster").get_by_label(re.compile(r"^CLM \(\d+\)$")).check()
    expect(page).to_have_url(re.compile(r"cluster=clm"))
    page.locator("#facet-competency").get_by_label(
        re.compile(r"^EV charging infrastructure \(\d+\)$")
    ).check()
    expect(page).to_have_url(re.compile(r"competency=ev-charging-infrastructure"))
    expect(page.locator(".result-count")).to_contain_text("found")
    expect(page.locator(".active-filters")).to_contain_text("EV charging infrastructure")

    page.get_by_role("link", name="Demo Charge Point Srl").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demo Charge Point Srl")
    expect(page.locator("main")).to_contain_text("EV charging stations")
    expect(page.get_by_role("link", name="Update this profile")).to_be_visible()
    # The map pin is drawn by Leaflet from data-attributes, without any tile server.
    expect(page.locator("#company-map .leaflet-interactive")).to_have_count(1)
    assert console_messages == []


def test_empty_result_and_bad_filters_are_explained(page, site, console_messages):
    page.goto(site + "/directory/?q=zzzzqqqxxx&sector=999999")
    expect(page.locator("main")).to_contain_text("No company matches these filters.")
    expect(page.get_by_role("alert")).to_contain_text("Some filters were not recognised")
    page.get_by_role("link", name="Clear all filters").click()
    expect(page.locator(".company-results > li")).to_have_count(20)
    assert console_messages == []


def test_pagination_keeps_the_filters(page, site):
    page.goto(site + "/directory/?sort=name")
    page.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"sort=name.*page=2|page=2.*sort=name"))
    expect(page.locator(".pagination")).to_contain_text("Page 2 of")


@pytest.mark.parametrize(
    "path", ["/directory/", "/directory/demo-charge-point-it/", "/clusters/", "/clusters/clm/"]
)
def test_no_serious_accessibility_violations(page, site, axe, console_messages, path):
    page.goto(site + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(axe.run(page)) == []
    assert console_messages == []
