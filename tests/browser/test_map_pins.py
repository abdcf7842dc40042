"""Single-pin maps (company profile, event venue) are drawn by one script, map_pin.js,
and show the label as text: a company name that looks like HTML stays text."""

import pytest
from playwright.sync_api import expect

from tests.clusters.factories import CompanyFactory
from tests.events.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INJECTED = "<img src=x onerror=\"document.title='pwned'\"><b>Omega</b>"


def hover_pin_and_read_tooltip(page, map_selector):
    pin = page.locator(f"{map_selector} .leaflet-interactive")
    expect(pin).to_have_count(1)
    pin.hover(force=True)
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    return tooltip


def test_company_name_in_the_profile_tooltip_is_text_not_html(page, live_server, console_messages):
    company = CompanyFactory(name=INJECTED, slug="omega-injected")
    page.goto(live_server.url + company.get_absolute_url())
    tooltip = hover_pin_and_read_tooltip(page, "#company-map")
    expect(tooltip).to_have_text(INJECTED)
    assert tooltip.locator("img, b").count() == 0
    assert page.title() != "pwned"
    assert console_messages == []


def test_event_venue_tooltip_is_text_too(page, live_server, console_messages):
    event = EventFactory(venue_name=INJECTED, latitude="45.460000", longitude="9.190000")
    page.goto(live_server.url + event.get_absolute_url())
    tooltip = hover_pin_and_read_tooltip(page, "#event-map")
    expect(tooltip).to_have_text(INJECTED)
    assert tooltip.locator("img, b").count() == 0
    assert console_messages == []
