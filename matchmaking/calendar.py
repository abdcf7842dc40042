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

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.vtimezone import vtimezone

from .models import Meeting

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


def _component(entry: Entry, *, dtstamp: datetime.datetime | None = None) -> CalendarEvent:
    zone = zoneinfo.ZoneInfo(entry.time_zone)
    component = CalendarEvent()
    component.add("uid", f"{entry.uid}@{UID_DOMAIN}")
    component.add("sequence", entry.sequence)
    # Without a METHOD, DTSTAMP is the time of the last revision; with one, the time the
    # object was made (RFC 5545, 3.8.7.2).
    component.add("dtstamp", dtstamp or entry.changed_at)
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


def build_calendar(
    entries: Iterable[Entry], *, name: str, now: datetime.datetime, method: str = ""
) -> bytes:
    """The .ics text of the entries, with one VTIMEZONE per zone they use. `method`
    (iTIP, e.g. PUBLISH for an email attachment) is left out of subscribed feeds."""
    entries = sorted(entries, key=lambda entry: (entry.start, entry.uid))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
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
        calendar.add_component(_component(entry, dtstamp=now if method else None))
    return calendar.to_ical()


# ---- From meetings ---------------------------------------------------------------------------


def _other(meeting, viewer):
    request = meeting.request
    return request.recipient if viewer.pk == request.sender_id else request.sender


def meeting_zone(meeting, *, viewer) -> str:
    """The zone a meeting's times are shown in to the viewer: the event's for a meeting on
    site (people are there), the viewer's own for an online one."""
    if meeting.table_id:
        return meeting.programme.event.time_zone
    return viewer.person.time_zone or meeting.programme.event.time_zone


def entry_for(meeting, *, viewer) -> Entry:
    """One meeting as the viewer's calendar shows it: on site in the event's zone, online in
    the viewer's own zone (the instant is the same; clients show the zone named)."""

    other = _other(meeting, viewer)
    event = meeting.programme.event
    agenda = settings.SITE_URL.rstrip("/") + reverse(
        "matchmaking:agenda", kwargs={"slug": event.slug}
    )
    organisation = other.person.organisation
    zone = meeting_zone(meeting, viewer=viewer)
    if meeting.table_id:
        place = [str(meeting.table), event.venue_name, event.city]
        location = ", ".join(part for part in place if part)
    else:
        location = " ".join(part for part in [str(_("Online")), meeting.video_link] if part)
    lines = [
        f"{other.person.full_name}, {other.person.job_title}".rstrip(", "),
        f"{organisation.name} ({organisation.country.name})",
    ]
    if meeting.request.message:
        lines += ["", meeting.request.message]
    lines += ["", agenda]
    return Entry(
        uid=str(meeting.uid),
        sequence=meeting.sequence,
        changed_at=meeting.updated_at,
        start=meeting.slot.start,
        end=meeting.slot.end,
        time_zone=zone,
        summary=_("B2B meeting: %(organisation)s") % {"organisation": organisation.name},
        description="\n".join(lines),
        location=location,
        url=agenda,
        cancelled=not meeting.is_scheduled,
    )


MEETING_RELATIONS = (
    "slot",
    "table",
    "programme__event",
    "request__sender__person__organisation",
    "request__recipient__person__organisation",
)


def meeting_calendar(meeting, *, viewer) -> str:
    """The .ics of one meeting (attached to its emails), as text."""

    body = build_calendar(
        [entry_for(meeting, viewer=viewer)],
        name=meeting.programme.event.title,
        now=timezone.now(),
        # The attachment's Content-Type says method=PUBLISH: the object must say so too.
        method="PUBLISH",
    )
    return body.decode()


def participant_calendar(participant) -> bytes:
    """The personal feed: every meeting the participant was booked in, cancelled ones with
    STATUS:CANCELLED. Three queries."""

    meetings = (
        Meeting.objects.filter(seats__participant=participant)
        .select_related(*MEETING_RELATIONS)
        .distinct()
    )
    entries = [entry_for(meeting, viewer=participant) for meeting in meetings]
    name = _("B2B meetings – %(event)s") % {"event": participant.programme.event.title}
    return build_calendar(entries, name=name, now=timezone.now())
