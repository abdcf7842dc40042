import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_matrix_cell_opens_the_matching_filtered_directory(page, site, console_messages):
    page.goto(site + "/skills-map/")
    table = page.get_by_role("table")
    expect(table).to_contain_text("EV charging infrastructure")
    row = page.locator("tr", has=page.get_by_role("rowheader", name="EV charging infrastructure"))
    cell = row.locator("a.matrix-cell").first
    count = int(re.match(r"\d+", cell.inner_text()).group())
    cell.click()
    expect(page).to_have_url(
        re.compile(r"/directory/\?competency=ev-charging-infrastructure&cluster=\w+")
    )
    label = "company found" if count == 1 else "companies found"
    expect(page.locator(".result-count")).to_have_text(f"{count} {label}")
    expect(page.locator(".active-filters li")).to_have_count(2)
    assert console_messages == []


def test_switch_to_target_markets(page, site, console_messages):
    page.goto(site + "/skills-map/")
    page.get_by_role("link", name="By Target markets").click()
    expect(page.get_by_role("table")).to_contain_text("Mexico")
    page.locator("a.matrix-cell").first.click()
    expect(page).to_have_url(re.compile(r"target_market=[A-Z]{2}"))
    assert console_messages == []


def test_geographic_map_loads_locally_with_popups(page, site, console_messages):
    external = []
    page.on(
        "request",
        lambda request: (
            external.append(request.url)
            if not request.url.startswith(site) and not request.url.startswith("data:")
            else None
        ),
    )
    # Reduced motion: no zoom animation can move a popup away from under the click.
    page.emulate_media(reduced_motion="reduce")
    page.goto(site + "/skills-map/")
    markers = page.locator("#skills-map .leaflet-marker-icon, #skills-map .leaflet-interactive")
    expect(markers.first).to_be_visible()
    assert external == []
    assert page.evaluate("window.matchMedia('(prefers-reduced-motion: reduce)').matches")
    expect(page.locator("#skills-map.leaflet-fade-anim")).to_have_count(0)
    # Open groups until a single point shows, then its popup links to profiles.
    points = page.locator("#skills-map path.leaflet-interactive")
    for _attempt in range(8):
        if points.count():
            break
        page.locator("#skills-map .marker-cluster").first.click()
        page.wait_for_timeout(600)
    points.first.click(force=True)
    popup_link = page.locator(".leaflet-popup-content a").first
    expect(popup_link).to_have_attribute("href", re.compile(r"^/directory/"))
    popup_link.click()
    expect(page).to_have_url(re.compile(r"/directory/[^/]+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demo")
    assert console_messages == []


def test_no_serious_accessibility_violations(page, site, axe, console_messages):
    page.goto(site + "/skills-map/")
    expect(
        page.locator("#skills-map .leaflet-marker-icon, #skills-map .leaflet-interactive").first
    ).to_be_visible()
    assert serious_violations(axe.run(page)) == []
    assert console_messages == []
