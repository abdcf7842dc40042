"""Sections other apps add to the event page, without events importing them.

An app registers a function in its AppConfig.ready(); for each event page the function is
called with (event, request) and returns a dict with "title", "url" and "text" (a section
to show) or None (nothing for this event). The event page renders them with one include.
"""

from collections.abc import Callable

EventSection = Callable[..., dict | None]

_sections: list[EventSection] = []


def register_event_section(func: EventSection) -> EventSection:
    """Adds func to the event page's sections (once, however often ready() runs)."""
    if func not in _sections:
        _sections.append(func)
    return func


def event_sections(event, request) -> list[dict]:
    """The sections registered apps show for this event, in registration order."""
    sections = []
    for func in _sections:
        section = func(event, request)
        if section:
            sections.append(section)
    return sections
