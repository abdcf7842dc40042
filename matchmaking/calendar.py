"""A participant's personal iCalendar feed of B2B meetings.

Calendar apps subscribe to it at a secret URL and poll it. So that they never keep a stale or
duplicate entry:

- a meeting's ``UID`` is a random UUID given to it at creation (stable, says nothing about the
  database);
- its ``SEQUENCE`` is the meeting's revision, bumped by every change (accepted, rescheduled,
  moved, cancelled), and ``DTSTAMP``/``LAST-MODIFIED`` are the time of that change;
- a cancelled meeting stays in the feed with ``STATUS:CANCELLED`` (a client that saw it removes
  it), an accepted one is ``STATUS:CONFIRMED``;
- times carry the event's ``TZID`` with a ``VTIMEZONE`` of yearly RRULE observances
  (``events.vtimezone``), the form every client reads right.

``build_calendar`` works on plain ``Entry`` values; ``entries_for`` turns a participant's
meetings into them.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.vtimezone import vtimezone

PRODID = "-//C2Future//B2B meetings//EN"
UID_DOMAIN = "b2b.c2future"


@dataclass(frozen=True)
class Entry:
    uid: str
    sequence: int
    changed_at: datetime.datetime
    start: datetime.datetime
    end: datetime.datetime
    time_zone: str
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def _component(entry: Entry) -> CalendarEvent:
    zone = zoneinfo.ZoneInfo(entry.time_zone)
    component = CalendarEvent()
    component.add("uid", f"{entry.uid}@{UID_DOMAIN}")
    component.add("sequence", entry.sequence)
    # Without a METHOD, DTSTAMP is the time of the last revision (RFC 5545, 3.8.7.2).
    component.add("dtstamp", entry.changed_at)
    component.add("last-modified", entry.changed_at)
    component.add("dtstart", entry.start.astimezone(zone))
    component.add("dtend", entry.end.astimezone(zone))
    component.add("summary", entry.summary)
    component.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    # Busy while on, free once cancelled, so a cancelled slot frees the person's calendar.
    component.add("transp", "TRANSPARENT" if entry.cancelled else "OPAQUE")
    if entry.description:
        component.add("description", entry.description)
    if entry.location:
        component.add("location", entry.location)
    if entry.url:
        component.add("url", entry.url)
    return component


def build_calendar(entries: Iterable[Entry], *, name: str, now: datetime.datetime) -> bytes:
    """The .ics text of the entries, with one VTIMEZONE per zone they use."""
    entries = sorted(entries, key=lambda entry: (entry.start, entry.uid))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", str(name))
    # Clients poll subscribed feeds; ask for about an hour (Apple's and Outlook's names).
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    years: dict[str, set[int]] = {}
    for entry in entries:
        zone = zoneinfo.ZoneInfo(entry.time_zone)
        span = years.setdefault(entry.time_zone, set())
        span.update({entry.start.astimezone(zone).year, entry.end.astimezone(zone).year})
    for tzid, entry_years in sorted(years.items()):
        calendar.add_component(vtimezone(tzid, min(entry_years), max(*entry_years, now.year) + 1))
    for entry in entries:
        calendar.add_component(_component(entry))
    return calendar.to_ical()
