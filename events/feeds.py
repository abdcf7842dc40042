"""Calendar (iCalendar) and news (Atom/RSS) feeds of the published events."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from . import selectors
from .vtimezone import vtimezone

PRODID = "-//C2Future//Events archive//EN"
AUTHOR = "C2Future"


def _location(event):
    if event.is_online:
        return str(_("Online"))
    parts = [event.venue_name, event.venue_address, event.city, event.country.name]
    return ", ".join(part for part in parts if part)


def last_change(event):
    """When what the feeds show of an event last changed (its creation if never since)."""
    return event.changed_at or event.created_at


def _calendar_event(event):
    url = settings.SITE_URL.rstrip("/") + event.get_absolute_url()
    component = CalendarEvent()
    # A random UUID given at creation: stable, and it says nothing about the database.
    component.add("uid", f"{event.uid}@c2future")
    component.add("sequence", event.sequence)
    # Without a METHOD, DTSTAMP is the time of the last revision (RFC 5545, 3.8.7.2).
    component.add("dtstamp", last_change(event))
    # Times in the event's own zone (a TZID with a VTIMEZONE), so calendars show them right.
    component.add("dtstart", event.local_start)
    # RFC 5545 wants DTEND after DTSTART: without a published end there is none.
    if event.has_end:
        component.add("dtend", event.local_end)
    component.add("summary", event.title)
    component.add("description", "\n\n".join(filter(None, [event.summary, url])))
    component.add("url", url)
    location = _location(event)
    if location:
        component.add("location", location)
    if event.has_coordinates and not event.is_online:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    component.add("last-modified", last_change(event))
    return component


def build_calendar(events, name):
    events = list(events)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", str(name))
    years = {}
    for event in events:
        span = years.setdefault(event.local_start.tzinfo.key, set())
        span.update({event.local_start.year, event.local_end.year})
    this_year = timezone.now().year
    for tzid, event_years in sorted(years.items()):
        calendar.add_component(vtimezone(tzid, min(event_years), max(*event_years, this_year) + 1))
    for event in events:
        calendar.add_component(_calendar_event(event))
    return calendar.to_ical()


class TextAtom1Feed(Atom1Feed):
    """Atom with the summaries declared as what they are: plain text, not HTML."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestEventsFeed(Feed):
    title = _("C2Future events")
    description = _("Conferences, webinars and B2B meetings of the C2Future cluster partnership.")
    author_name = AUTHOR

    def link(self):
        from django.urls import reverse

        return reverse("events:list")

    def items(self):
        return selectors.feed_events()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        when = item.local_start.strftime("%d %b %Y %H:%M %Z")
        return f"{when} · {_location(item)}\n\n{item.summary}".strip()

    def item_author_name(self, item):
        return item.organiser.name if item.organiser else AUTHOR

    def item_pubdate(self, item):
        # The event's own date, not when its row was loaded.
        return item.start

    def item_updateddate(self, item):
        # The last real change to what the entry shows (its date if none since).
        return item.changed_at or item.start

    def item_categories(self, item):
        return [item.get_kind_display()]


class LatestEventsAtomFeed(LatestEventsFeed):
    feed_type = TextAtom1Feed
    subtitle = LatestEventsFeed.description
