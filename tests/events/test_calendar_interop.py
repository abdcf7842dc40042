"""The iCalendar files as other software reads them: ical.js (the parser of many calendar
clients, run by node) must find the same UTC times as the database, and the files must
follow RFC 5545 (no DTEND equal to DTSTART, stable UIDs, a growing SEQUENCE)."""

import datetime
import json
import shutil
import subprocess
import zoneinfo
from pathlib import Path

import pytest
from django.urls import reverse
from icalendar import Calendar

from events.models import Event
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ICAL_CHECK = Path(__file__).with_name("ical_check.mjs")
ROME = zoneinfo.ZoneInfo("Europe/Rome")
MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")
SYDNEY = zoneinfo.ZoneInfo("Australia/Sydney")


def read_with_ical_js(body):
    """The events of an .ics as ical.js sees them. A missing node or ical.js fails."""
    node = shutil.which("node")
    assert node, "node is needed to check the calendars with ical.js (make install-dev)"
    assert (ROOT / "node_modules" / "ical.js" / "package.json").exists(), (
        "node_modules/ical.js is missing: run `npm ci` (make install-dev)"
    )
    result = subprocess.run(  # noqa: S603 - our own command line, no shell
        [node, str(ICAL_CHECK)], input=body, capture_output=True, check=True, timeout=60
    )
    return {event["summary"]: event for event in json.loads(result.stdout)}


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def test_ical_js_reads_the_same_utc_times_as_the_database(client):
    # Summer and winter times, a zone that dropped daylight saving (Mexico, 2022) and one
    # of the southern hemisphere: every one would be an hour off with RDATE lists.
    events = [
        EventFactory(
            title="Milan summer",
            start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME),
            end=datetime.datetime(2022, 6, 29, 18, tzinfo=ROME),
        ),
        EventFactory(
            title="Rome winter",
            start=datetime.datetime(2023, 1, 17, 9, 30, tzinfo=ROME),
            end=datetime.datetime(2023, 11, 2, 17, tzinfo=ROME),
        ),
        EventFactory(
            title="Mexico",
            time_zone="America/Mexico_City",
            start=datetime.datetime(2021, 10, 14, 16, tzinfo=MEXICO),
            end=datetime.datetime(2021, 10, 14, 18, tzinfo=MEXICO),
        ),
        EventFactory(
            title="Mexico after DST",
            time_zone="America/Mexico_City",
            start=datetime.datetime(2024, 6, 4, 10, tzinfo=MEXICO),
            end=datetime.datetime(2024, 6, 4, 12, tzinfo=MEXICO),
        ),
        EventFactory(
            title="Sydney",
            time_zone="Australia/Sydney",
            start=datetime.datetime(2022, 12, 1, 9, tzinfo=SYDNEY),
            end=datetime.datetime(2022, 12, 1, 17, tzinfo=SYDNEY),
        ),
    ]
    seen = read_with_ical_js(client.get(reverse("events:calendar")).content)
    assert sorted(seen) == sorted(event.title for event in events)
    for event in events:
        event.refresh_from_db()
        assert seen[event.title]["start"] == utc(event.start), event.title
        assert seen[event.title]["end"] == utc(event.end), event.title
        assert seen[event.title]["tzid"] == event.time_zone


def test_single_event_file_reads_the_same_in_ical_js(client):
    event = EventFactory(
        title="Final", start=datetime.datetime(2022, 3, 28, 9, tzinfo=ROME)
    )  # the day after the spring change
    seen = read_with_ical_js(client.get(f"/events/{event.slug}.ics").content)
    assert seen["Final"]["start"] == "2022-03-28T07:00:00.000Z"


def test_vtimezone_uses_yearly_rules_not_rdate_lists(client):
    EventFactory(start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME))
    calendar = Calendar.from_ical(client.get(reverse("events:calendar")).content)
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Rome"
    rules = {}
    for observance in zone.subcomponents:
        assert "RDATE" not in observance
        rules[observance.name] = observance["RRULE"]
    assert rules["DAYLIGHT"]["BYMONTH"] == [3] and rules["DAYLIGHT"]["BYDAY"] == ["-1SU"]
    assert rules["STANDARD"]["BYMONTH"] == [10] and rules["STANDARD"]["BYDAY"] == ["-1SU"]
    assert "UNTIL" not in rules["DAYLIGHT"]  # still the rule today


def test_event_without_a_published_end_has_no_dtend(client):
    start = datetime.datetime(2022, 6, 29, 10, tzinfo=ROME)
    event = EventFactory(title="Open end", start=start, end=start)
    body = client.get(f"/events/{event.slug}.ics").content
    [component] = Calendar.from_ical(body).walk("VEVENT")
    assert "DTEND" not in component and "DURATION" not in component
    assert read_with_ical_js(body)["Open end"]["end"] is None
    content = client.get(event.get_absolute_url()).content.decode()
    assert "end time not published" in content


def test_uid_is_stable_and_does_not_expose_the_database_id(client):
    event = EventFactory()
    first = Calendar.from_ical(client.get(f"/events/{event.slug}.ics").content)
    uid = str(first.walk("VEVENT")[0]["UID"])
    assert str(event.pk) not in uid.split("@")[0].split("-")
    assert uid == f"{event.uid}@c2future"
    event.title = "Renamed"
    event.save()
    again = Calendar.from_ical(client.get(f"/events/{event.slug}.ics").content)
    assert str(again.walk("VEVENT")[0]["UID"]) == uid
    other = EventFactory()
    assert other.uid != event.uid


def test_sequence_grows_when_the_event_changes_and_not_otherwise(client):
    event = EventFactory()
    assert event.sequence == 0 and event.changed_at is None

    def sequence():
        body = client.get(f"/events/{event.slug}.ics").content
        return int(Calendar.from_ical(body).walk("VEVENT")[0]["SEQUENCE"])

    assert sequence() == 0
    event.save()  # nothing changed
    assert sequence() == 0
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    event.save()
    assert sequence() == 1
    event.refresh_from_db()
    assert event.changed_at is not None
    event.venue_name = "Another venue"
    event.save(update_fields=["venue_name"])
    assert sequence() == 2
    event.refresh_from_db()
    assert event.sequence == 2


def test_duplicated_event_is_a_new_calendar_entry():
    from events.services import duplicate_event

    event = EventFactory()
    event.title = "Changed"
    event.save()
    copy = duplicate_event(Event.objects.get(pk=event.pk))
    assert copy.uid != event.uid and copy.sequence == 0


def test_webcal_subscribe_links_beside_the_downloads(client):
    event = EventFactory(slug="final-event")
    detail = client.get(event.get_absolute_url()).content.decode()
    assert 'href="webcal://testserver/events/final-event.ics"' in detail
    assert 'href="/events/final-event.ics"' in detail
    listing = client.get(reverse("events:list")).content.decode()
    assert 'href="webcal://testserver/events/feed.ics"' in listing
    assert 'href="/events/feed.ics"' in listing


@pytest.mark.parametrize(
    "zones",
    [
        # Northern and southern rules, "Friday before the last Sunday" (Jerusalem),
        # Ramadan breaks (Casablanca), DST abolished (Sao Paulo 2019, Tehran 2022),
        # rules that changed (Santiago, Chisinau).
        [
            "Europe/Rome",
            "America/New_York",
            "Australia/Sydney",
            "Asia/Jerusalem",
            "America/Sao_Paulo",
            "Africa/Casablanca",
            "Pacific/Auckland",
            "America/Santiago",
            "Asia/Tehran",
            "Europe/Chisinau",
        ]
    ],
)
def test_vtimezones_agree_with_zoneinfo_in_ical_js_over_the_years(zones):
    from icalendar import Event as CalendarEvent

    from events.vtimezone import vtimezone

    calendar = Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    expected = {}
    for tzid in zones:
        zone = zoneinfo.ZoneInfo(tzid)
        calendar.add_component(vtimezone(tzid, 2019, 2027))
        moment = datetime.datetime(2019, 1, 3, 12, tzinfo=zone)
        while moment.year < 2027:  # every 9 days: every weekday, every month
            name = f"{tzid} {moment.isoformat()}"
            component = CalendarEvent()
            component.add("uid", name)
            component.add("summary", name)
            component.add("dtstamp", moment)
            component.add("dtstart", moment)
            calendar.add_component(component)
            expected[name] = utc(moment)
            moment = (moment + datetime.timedelta(days=9)).replace(tzinfo=zone)
    seen = read_with_ical_js(calendar.to_ical())
    wrong = {
        name: seen[name]["start"] for name in expected if seen[name]["start"] != expected[name]
    }
    assert len(seen) == len(expected) and wrong == {}
