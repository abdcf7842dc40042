import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Event, Material, embed_url_for
from tests.events.factories import EventFactory, MaterialFactory, SessionFactory

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")


def test_event_ending_before_it_starts_is_refused_with_a_message():
    event = EventFactory.build(
        start=datetime.datetime(2022, 6, 29, 18, tzinfo=ROME),
        end=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["end"] == ["The event cannot end before it starts."]


def test_database_refuses_an_event_ending_before_it_starts():
    event = EventFactory()
    event.end = event.start - datetime.timedelta(hours=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_feed_is_a_reserved_slug():
    with pytest.raises(ValidationError) as error:
        EventFactory.build(slug="feed").full_clean()
    assert "slug" in error.value.message_dict


def test_local_times_use_the_event_time_zone():
    event = EventFactory.build(
        start=datetime.datetime(2021, 10, 14, 14, tzinfo=datetime.UTC),
        end=datetime.datetime(2021, 10, 14, 15, tzinfo=datetime.UTC),
        time_zone="America/Mexico_City",
    )
    assert event.local_start.hour == 9
    assert event.local_start.tzinfo == zoneinfo.ZoneInfo("America/Mexico_City")
    assert event.local_end.hour == 10


@pytest.mark.parametrize(
    ("sources", "valid"),
    [
        ({"external_url": "", "on_request": False}, True),  # the factory's file only
        ({"external_url": "https://example.com/x", "on_request": False}, False),
        ({"external_url": "", "on_request": True}, False),
    ],
)
def test_material_with_a_file_needs_exactly_one_source(sources, valid):
    material = MaterialFactory.build(event=EventFactory(), **sources)
    material.file.name = "events/materials/x.pdf"
    if valid:
        material.full_clean()
    else:
        with pytest.raises(ValidationError, match="Choose exactly one"):
            material.full_clean()


def test_material_without_any_source_is_refused():
    material = Material(event=EventFactory(), title="Nothing", kind=Material.Kind.OTHER)
    with pytest.raises(ValidationError, match="Choose exactly one"):
        material.full_clean()


def test_database_enforces_exactly_one_material_source():
    event = EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Material.objects.create(
            event=event,
            title="Both",
            kind=Material.Kind.SLIDES,
            external_url="https://example.com/x",
            on_request=True,
        )


def test_material_session_must_belong_to_the_same_event():
    other_session = SessionFactory()
    material = Material(
        event=EventFactory(),
        session=other_session,
        title="Slides",
        kind=Material.Kind.SLIDES,
        on_request=True,
    )
    with pytest.raises(ValidationError) as error:
        material.full_clean()
    assert "session" in error.value.message_dict


def test_file_label_comes_from_the_stored_content_type():
    material = MaterialFactory()
    assert material.file_label == "PDF"
    material.content_type = (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    )
    assert material.file_label == "PPTX"


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=abcDEF12345",
            "https://www.youtube-nocookie.com/embed/abcDEF12345",
        ),
        ("https://youtu.be/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
        ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789?dnt=1"),
        ("https://example.com/video.mp4", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_embed_urls_only_for_known_video_hosts(url, embed):
    assert embed_url_for(url) == embed


def test_unknown_time_zone_falls_back_to_the_site_zone():
    event = Event(time_zone="Not/AZone")
    assert str(event.tzinfo) == "Europe/Rome"


def test_saving_an_event_reads_nothing_back(django_assert_num_queries):
    # The calendar revision compares with the values loaded or last saved: a save is one
    # UPDATE, with or without update_fields, changed or not.
    event = EventFactory()
    with django_assert_num_queries(1):
        event.save()
    assert event.sequence == 0
    loaded = Event.objects.get(pk=event.pk)
    loaded.title = "Renamed"
    with django_assert_num_queries(1):
        loaded.save(update_fields=["title"])
    assert loaded.sequence == 1
    with django_assert_num_queries(1):
        loaded.save()
    assert Event.objects.get(pk=event.pk).sequence == 1


def test_a_deferred_field_is_read_once_to_tell_a_revision():
    event = EventFactory(city="Turin")
    partial = Event.objects.only("pk", "title").get(pk=event.pk)
    partial.city = "Milan"
    partial.save(update_fields=["city"])
    assert Event.objects.get(pk=event.pk).sequence == 1
    unchanged = Event.objects.only("pk", "title").get(pk=event.pk)
    unchanged.city = "Milan"
    unchanged.save(update_fields=["city"])
    assert Event.objects.get(pk=event.pk).sequence == 1


def test_refreshed_values_are_the_comparison_base():
    event = EventFactory(city="Turin")
    other = Event.objects.get(pk=event.pk)
    other.city = "Milan"
    other.save()
    event.refresh_from_db()
    event.save()  # the row already says Milan: not another revision
    assert Event.objects.get(pk=event.pk).sequence == 1
