"""events_tags: what the events pages show for times, places and materials."""

import datetime
import zoneinfo

import pytest

from events.templatetags import events_tags
from tests.events.factories import EventFactory, MaterialFactory

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")


@pytest.mark.parametrize(
    ("fields", "venue", "shown"),
    [
        (
            {"venue_name": "Magna Pars", "city": "Milan", "country": "IT"},
            True,
            "Magna Pars, Milan, Italy",
        ),
        ({"venue_name": "Magna Pars", "city": "Milan", "country": "IT"}, False, "Milan, Italy"),
        ({"venue_name": "Magna Pars", "city": "", "country": "IT"}, True, "Magna Pars, Italy"),
        # No stray comma before the country when nothing else is known.
        ({"venue_name": "", "city": "", "country": "IT"}, True, "Italy"),
        ({"is_online": True, "city": "Milan", "country": "IT"}, True, "Online"),
    ],
)
def test_event_place_lists_only_the_known_parts(fields, venue, shown):
    assert events_tags.event_place(EventFactory(**fields), venue=venue) == shown


def test_event_when_gives_the_end_time_only_on_the_same_day():
    same_day = EventFactory(
        start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME),
        end=datetime.datetime(2022, 6, 29, 18, tzinfo=ROME),
        time_zone="Europe/Rome",
    )
    html = events_tags.event_when(same_day)
    assert html.endswith('–<time datetime="2022-06-29T18:00:00+02:00">18:00</time>')
    two_days = EventFactory(
        start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME),
        end=datetime.datetime(2022, 6, 30, 13, tzinfo=ROME),
        time_zone="Europe/Rome",
    )
    assert ">Thursday 30 June 2022, 13:00</time>" in events_tags.event_when(two_days)


def test_material_format_names_the_file_type_and_size():
    link = MaterialFactory(file=None, external_url="https://example.com/slides")
    assert events_tags.material_format(link) == "External link"
    on_request = MaterialFactory(file=None, on_request=True)
    assert events_tags.material_format(on_request) == "–"
    stored = MaterialFactory()
    assert events_tags.material_format(stored).startswith("PDF, ")
