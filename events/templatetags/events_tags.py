"""How the events pages show times and places: in the event's own time zone, and without
empty parts (so the templates carry no punctuation logic)."""

import datetime

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from core.languages import weekday_date_format

register = template.Library()


def _time(moment: datetime.datetime, display: str) -> str:
    return format_html(
        '<time datetime="{}">{}</time>', date_format(moment, "c"), date_format(moment, display)
    )


@register.simple_tag
def time_range(start, end, zone, display="H:i"):
    """<time>start</time>, and –<time>end</time> when there is an end, both in `zone`."""
    if start is None:
        return ""
    html = _time(timezone.localtime(start, zone), display)
    if end is None:
        return html
    return format_html("{}–{}", html, _time(timezone.localtime(end, zone), display))


@register.simple_tag
def event_when(event):
    """The start, and the end (its time only on the same day) when it is published."""
    start, end = event.local_start, event.local_end
    html = _time(start, weekday_date_format(with_time=True))
    if not event.has_end:
        return html
    end_format = "H:i" if start.date() == end.date() else weekday_date_format(with_time=True)
    return format_html("{}–{}", html, _time(end, end_format))


@register.simple_tag
def event_place(event, venue=False):
    """ "Online", or the venue (with venue=True), city and country that are known."""
    if event.is_online:
        return _("Online")
    parts = [event.venue_name if venue else "", event.city, event.country.name]
    return ", ".join(part for part in parts if part)


@register.simple_tag
def role_and_organisation(speaker):
    return ", ".join(part for part in (speaker.role, speaker.organisation) if part)


@register.simple_tag
def cluster_links(clusters):
    """Links to the clusters' pages by acronym (else name), comma-separated."""
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((cluster.get_absolute_url(), cluster.acronym or cluster.name) for cluster in clusters),
    )


@register.simple_tag
def material_format(material):
    """ "PDF, 1.2 MB" for a stored file, "External link" for a link, else a dash."""
    if material.is_file:
        if material.file_size:
            return f"{material.file_label}, {filesizeformat(material.file_size)}"
        return material.file_label
    return _("External link") if material.external_url else "–"


@register.simple_tag
def talk_speakers(talk):
    """Each speaker's link and role: "<a>Ada</a> (CTO); <a>Bo</a>"."""
    return format_html_join(
        "; ",
        "{}{}",
        (
            (
                format_html('<a href="{}">{}</a>', speaker.get_absolute_url(), speaker.name),
                format_html(" ({})", speaker.role) if speaker.role else "",
            )
            for speaker in talk.speakers.all()
        ),
    )
