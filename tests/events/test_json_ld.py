"""schema.org data as search engines read it: only what is known, each property where
schema.org allows it (Event and Organization)."""

import datetime
import json
import re

import pytest

from tests.clusters.factories import CompanyFactory
from tests.events.factories import ROME, ClusterFactory, EventFactory

pytestmark = pytest.mark.django_db


def json_ld(response):
    match = re.search(
        rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S
    )
    assert match, "JSON-LD data block"
    return json.loads(match.group(1))


def test_event_without_organiser_is_organised_by_the_partnership(client):
    data = json_ld(client.get(EventFactory(organiser=None).get_absolute_url()))
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "C2Future",
        "url": "http://testserver/",
    }


def test_organiser_has_its_website_or_its_page_as_url(client):
    with_site = ClusterFactory(name="CLM", website="https://clm.example/")
    without_site = ClusterFactory(name="Other", website="")
    first = json_ld(client.get(EventFactory(organiser=with_site).get_absolute_url()))
    assert first["organizer"] == {
        "@type": "Organization",
        "name": "CLM",
        "url": "https://clm.example/",
    }
    second = json_ld(client.get(EventFactory(organiser=without_site).get_absolute_url()))
    assert second["organizer"]["url"] == "http://testserver" + without_site.get_absolute_url()


def test_place_has_only_the_known_address_parts_and_its_coordinates(client):
    event = EventFactory(
        venue_name="Magna Pars",
        venue_address="",
        city="Milan",
        country="IT",
        latitude="45.460000",
        longitude="9.190000",
    )
    location = json_ld(client.get(event.get_absolute_url()))["location"]
    assert location == {
        "@type": "Place",
        "name": "Magna Pars",
        "address": {"@type": "PostalAddress", "addressLocality": "Milan", "addressCountry": "IT"},
        "geo": {"@type": "GeoCoordinates", "latitude": 45.46, "longitude": 9.19},
    }
    bare = EventFactory(venue_name="", venue_address="", city="", country="")
    assert json_ld(client.get(bare.get_absolute_url()))["location"] == {"@type": "Place"}


def test_end_date_only_when_the_end_is_published(client):
    start = datetime.datetime(2022, 6, 29, 10, tzinfo=ROME)
    open_end = json_ld(client.get(EventFactory(start=start, end=start).get_absolute_url()))
    assert open_end["startDate"] == "2022-06-29T10:00:00+02:00"
    assert "endDate" not in open_end
    closed = json_ld(
        client.get(
            EventFactory(start=start, end=start + datetime.timedelta(hours=8)).get_absolute_url()
        )
    )
    assert closed["endDate"] == "2022-06-29T18:00:00+02:00"


def test_organization_puts_geo_on_its_place_not_on_itself(client):
    company = CompanyFactory(city="Milan", country="IT")
    data = json_ld(client.get(company.get_absolute_url()))
    assert data["@type"] == "Organization"
    assert "geo" not in data
    assert data["location"] == {
        "@type": "Place",
        "geo": {"@type": "GeoCoordinates", "latitude": 45.47, "longitude": 9.18},
        "address": {"@type": "PostalAddress", "addressLocality": "Milan", "addressCountry": "IT"},
    }
    unplaced = CompanyFactory(city="", latitude=None, longitude=None)
    data = json_ld(client.get(unplaced.get_absolute_url()))
    assert "location" not in data
    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "IT"}
