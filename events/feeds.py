"""Calendar (iCalendar) and news (Atom/RSS) feeds of the published events."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from . import selectors

PRODID = "-//C2Future//Events archive//EN"


def _location(event):
    if event.is_online:
        return str(_("Online"))
    parts = [event.venue_name, event.venue_address, event.city, event.country.name]
    return ", ".join(part for part in parts if part)


def _calendar_event(event, stamp):
    url = settings.SITE_URL.rstrip("/") + event.get_absolute_url()
    component = CalendarEvent()
    component.add("uid", f"event-{event.pk}@c2future")
    component.add("dtstamp", stamp)
    # Times in the event's own zone (a TZID with a VTIMEZONE), so calendars show them right.
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    component.add("summary", event.title)
    component.add("description", "\n\n".join(filter(None, [event.summary, url])))
    component.add("url", url)
    location = _location(event)
    if location:
        component.add("location", location)
    if event.has_coordinates and not event.is_online:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    component.add("last-modified", event.updated_at)
    return component


def build_calendar(events, name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", str(name))
    stamp = timezone.now()
    for event in events:
        calendar.add_component(_calendar_event(event, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


class LatestEventsFeed(Feed):
    title = _("C2Future events")
    description = _("Conferences, webinars and B2B meetings of the C2Future cluster partnership.")

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

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class LatestEventsAtomFeed(LatestEventsFeed):
    feed_type = Atom1Feed
    subtitle = LatestEventsFeed.description
