import datetime
import zoneinfo
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from icalendar import Calendar

from events.models import Event
from tests.events.factories import ClusterFactory, EventFactory

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")
MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


def vevents(response):
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_event_ics_has_the_times_in_the_event_time_zone(client):
    event = EventFactory(
        title="Final Event",
        slug="final-event",
        start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME),
        end=datetime.datetime(2022, 6, 29, 18, tzinfo=ROME),
        venue_name="Magna Pars hotel",
        city="Milan",
    )
    response = client.get(f"/events/{event.slug}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="final-event.ics"' in response["Content-Disposition"]
    calendar, [component] = vevents(response)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]
    start = component.decoded("DTSTART")
    assert start == datetime.datetime(2022, 6, 29, 8, tzinfo=datetime.UTC)
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert component["DTSTART"].params["TZID"] == "Europe/Rome"
    assert component.decoded("DTEND").hour == 18
    assert str(component["SUMMARY"]) == "Final Event"
    assert "Magna Pars hotel, Milan" in str(component["LOCATION"])
    assert str(component["URL"]).endswith("/events/final-event/")


def test_calendar_feed_lists_every_published_event_with_its_own_zone(client):
    EventFactory(title="Milan", start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME))
    EventFactory(
        title="Mexico",
        start=datetime.datetime(2021, 10, 14, 16, tzinfo=MEXICO),
        time_zone="America/Mexico_City",
        is_online=True,
    )
    EventFactory(title="Draft", status=Event.Status.DRAFT)
    response = client.get(reverse("events:calendar"))
    assert response.status_code == 200
    calendar, components = vevents(response)
    by_title = {str(component["SUMMARY"]): component for component in components}
    assert sorted(by_title) == ["Mexico", "Milan"]
    mexico = by_title["Mexico"]
    assert mexico["DTSTART"].params["TZID"] == "America/Mexico_City"
    assert mexico.decoded("DTSTART").hour == 16
    assert str(mexico["LOCATION"]) == "Online"
    assert {tz["TZID"] for tz in calendar.walk("VTIMEZONE")} == {
        "Europe/Rome",
        "America/Mexico_City",
    }
    assert len({str(component["UID"]) for component in components}) == 2


def test_feed_urls_are_not_swallowed_by_event_slugs(client):
    EventFactory(slug="some-event")
    assert reverse("events:calendar") == "/events/feed.ics"
    assert client.get("/events/feed.ics")["Content-Type"].startswith("text/calendar")
    assert client.get("/events/feed.atom")["Content-Type"].startswith("application/atom+xml")
    assert client.get("/events/some-event.ics")["Content-Type"].startswith("text/calendar")


def test_ics_of_draft_or_unknown_event_is_404(client):
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.get(f"/events/{draft.slug}.ics").status_code == 404
    assert client.get("/events/nothing.ics").status_code == 404


def test_empty_calendar_is_still_valid(client):
    calendar, components = vevents(client.get(reverse("events:calendar")))
    assert components == []
    assert str(calendar["VERSION"]) == "2.0"


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_published_events(client):
    event = EventFactory(title="Published one", summary="About mobility.")
    EventFactory(title="Draft one", status=Event.Status.DRAFT)
    response = client.get(reverse("events:atom"))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["Published one"]
    entry = next(root.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}link").get("href").endswith(event.get_absolute_url())
    assert "About mobility." in entry.findtext(f"{ATOM}summary")


def test_rss_feed_lists_published_events(client):
    EventFactory(title="Published one")
    root = ElementTree.fromstring(client.get(reverse("events:rss")).content)  # noqa: S314
    assert [item.findtext("title") for item in root.iter("item")] == ["Published one"]


def test_list_page_advertises_the_feeds(client):
    content = client.get(reverse("events:list")).content.decode()
    assert 'type="application/atom+xml"' in content
    assert 'href="/events/feed.ics"' in content


def test_atom_entries_are_plain_text_with_author_and_real_dates(client):
    organiser = ClusterFactory(name="Lombardy Mobility Cluster")
    start = datetime.datetime(2022, 6, 29, 10, tzinfo=ROME)
    with_organiser = EventFactory(title="Organised", organiser=organiser, start=start)
    EventFactory(title="Partnership", summary="Fish & chips <b>not bold</b>")
    root = ElementTree.fromstring(client.get(reverse("events:atom")).content)  # noqa: S314
    assert root.find(f"{ATOM}author").findtext(f"{ATOM}name") == "C2Future"
    entries = {entry.findtext(f"{ATOM}title"): entry for entry in root.iter(f"{ATOM}entry")}
    for entry in entries.values():
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "text"  # what it is: no HTML in there
        assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name")
    assert "<b>not bold</b>" in entries["Partnership"].findtext(f"{ATOM}summary")
    organised = entries["Organised"]
    assert organised.find(f"{ATOM}author").findtext(f"{ATOM}name") == organiser.name
    assert entries["Partnership"].find(f"{ATOM}author").findtext(f"{ATOM}name") == "C2Future"
    # The event's date, not when the row was loaded; updated only by a real change.
    assert organised.findtext(f"{ATOM}published") == "2022-06-29T08:00:00+00:00"
    assert organised.findtext(f"{ATOM}updated") == "2022-06-29T08:00:00+00:00"
    with_organiser.title = "Organised"
    with_organiser.save()  # no change: same dates
    with_organiser.summary = "New summary."
    with_organiser.save()
    with_organiser.refresh_from_db()
    root = ElementTree.fromstring(client.get(reverse("events:atom")).content)  # noqa: S314
    entries = {entry.findtext(f"{ATOM}title"): entry for entry in root.iter(f"{ATOM}entry")}
    updated = datetime.datetime.fromisoformat(entries["Organised"].findtext(f"{ATOM}updated"))
    assert updated == with_organiser.changed_at
    assert entries["Organised"].findtext(f"{ATOM}published") == "2022-06-29T08:00:00+00:00"


def test_rss_pubdate_is_the_event_date(client):
    EventFactory(start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME))
    root = ElementTree.fromstring(client.get(reverse("events:rss")).content)  # noqa: S314
    assert next(root.iter("item")).findtext("pubDate") == "Wed, 29 Jun 2022 08:00:00 +0000"


@pytest.mark.parametrize("name", ["events:atom", "events:rss", "events:calendar"])
def test_feeds_answer_only_get_and_head(client, name):
    url = reverse(name)
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    for method in ("TRACE", "OPTIONS", "POST", "PUT", "DELETE"):
        response = client.generic(method, url)
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", ["/", "/events/", "/directory/"])
def test_every_page_advertises_the_news_feeds(client, path):
    content = client.get(path).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in content
    assert '<link rel="alternate" type="application/atom+xml"' in content
