"""The personal B2B calendar as calendar software reads it: ical.js (run by node) must find the
database's UTC times, the event's VTIMEZONE, stable UIDs, the revision as SEQUENCE and
STATUS:CANCELLED for a cancelled meeting."""

import datetime
import zoneinfo

from icalendar import Calendar

from matchmaking.calendar import Entry, build_calendar
from tests.events.test_calendar_interop import read_with_ical_js, utc

ROME = zoneinfo.ZoneInfo("Europe/Rome")
MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")
NOW = datetime.datetime(2021, 10, 1, 12, tzinfo=datetime.UTC)


def entry(summary, start, minutes=30, zone="Europe/Rome", **fields):
    values = {
        "uid": f"uid-{summary}",
        "sequence": 0,
        "changed_at": NOW,
        "start": start,
        "end": start + datetime.timedelta(minutes=minutes),
        "time_zone": zone,
        "summary": summary,
    }
    values.update(fields)
    return Entry(**values)


def test_plain_entries_read_the_same_in_ical_js():
    entries = [
        entry("Before the change", datetime.datetime(2021, 10, 29, 9, tzinfo=ROME)),
        entry("After the change", datetime.datetime(2021, 11, 2, 9, tzinfo=ROME)),
        entry(
            "Mexico", datetime.datetime(2021, 10, 20, 16, tzinfo=MEXICO), zone="America/Mexico_City"
        ),
    ]
    body = build_calendar(entries, name="My B2B meetings", now=NOW)
    seen = read_with_ical_js(body)
    for item in entries:
        assert seen[item.summary]["start"] == utc(item.start)
        assert seen[item.summary]["end"] == utc(item.end)
        assert seen[item.summary]["tzid"] == item.time_zone
        assert seen[item.summary]["uid"] == f"{item.uid}@b2b.c2future"
    calendar = Calendar.from_ical(body)
    assert sorted(str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")) == [
        "America/Mexico_City",
        "Europe/Rome",
    ]
    for zone in calendar.walk("VTIMEZONE"):
        for observance in zone.subcomponents:
            assert "RDATE" not in observance


def test_status_and_sequence_are_written():
    cancelled = entry(
        "Cancelled", datetime.datetime(2021, 10, 19, 9, tzinfo=ROME), sequence=3, cancelled=True
    )
    confirmed = entry("Confirmed", datetime.datetime(2021, 10, 19, 10, tzinfo=ROME), sequence=1)
    body = build_calendar([cancelled, confirmed], name="Mine", now=NOW)
    components = {str(c["SUMMARY"]): c for c in Calendar.from_ical(body).walk("VEVENT")}
    assert str(components["Cancelled"]["STATUS"]) == "CANCELLED"
    assert str(components["Confirmed"]["STATUS"]) == "CONFIRMED"
    assert int(components["Cancelled"]["SEQUENCE"]) == 3
    seen = read_with_ical_js(body)
    assert seen["Cancelled"]["sequence"] == 3 and seen["Confirmed"]["sequence"] == 1


def test_an_empty_calendar_is_still_a_valid_file():
    body = build_calendar([], name="Nothing yet", now=NOW)
    assert read_with_ical_js(body) == {}
    assert b"X-WR-CALNAME:Nothing yet" in body


def test_an_email_attachment_says_method_publish_and_a_feed_does_not():
    item = entry("Attached", datetime.datetime(2021, 10, 19, 9, tzinfo=ROME))
    later = NOW + datetime.timedelta(days=1)
    attached = Calendar.from_ical(build_calendar([item], name="Mine", now=later, method="PUBLISH"))
    assert str(attached["METHOD"]) == "PUBLISH"
    # With a METHOD, DTSTAMP is when the object was made.
    [component] = attached.walk("VEVENT")
    assert component.decoded("DTSTAMP") == later
    assert read_with_ical_js(build_calendar([item], name="Mine", now=later, method="PUBLISH"))
    feed = Calendar.from_ical(build_calendar([item], name="Mine", now=later))
    assert "METHOD" not in feed
    assert feed.walk("VEVENT")[0].decoded("DTSTAMP") == NOW
