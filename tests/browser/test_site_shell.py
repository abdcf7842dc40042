import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAV_LABELS = ["Home", "About", "Clusters", "Directory", "Skills map", "Events", "Questionnaire"]


def test_home_renders_without_console_errors(page, site, console_messages):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("City of the Future")
    expect(page.locator(".counters")).to_contain_text("partner clusters")
    assert console_messages == []


def test_every_nav_link_leads_to_a_page(page, site, console_messages):
    page.goto(site + "/")
    nav = page.get_by_role("navigation", name="Main navigation")
    hrefs = [
        nav.get_by_role("link", name=label, exact=True).get_attribute("href")
        for label in NAV_LABELS
    ]
    for label, href in zip(NAV_LABELS, hrefs, strict=True):
        response = page.goto(site + href)
        assert response.status == 200, f"{label} -> {href} gave {response.status}"
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert console_messages == []


def test_about_lists_the_six_clusters(page, site):
    page.goto(site + "/about/")
    rows = page.locator("tr.partner-cluster")
    expect(rows).to_have_count(6)
    expect(page.locator("main")).to_contain_text(re.compile("Lombardy Mobility Cluster"))


def test_skip_link_moves_focus_to_main(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))


@pytest.mark.parametrize("path", ["/", "/about/"])
def test_no_serious_accessibility_violations(page, site, axe, path):
    page.goto(site + path)
    assert serious_violations(axe.run(page)) == []
