"""The personal agenda and calendar feed: meetings by day with table or link and the other
side's contact (accepted meetings only), a secret revocable feed read by ical.js, budgets."""

import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from matchmaking import booking
from matchmaking.booking import ONLINE
from tests.events.test_calendar_interop import read_with_ical_js, utc
from tests.matchmaking.factories import (
    MeetingFactory,
    MeetingRequestFactory,
    ParticipantFactory,
)
from tests.matchmaking.factories_meetings import programme_with_slots

pytestmark = pytest.mark.django_db


def url(name, programme, **kwargs):
    return reverse(f"matchmaking:{name}", kwargs={"slug": programme.event.slug, **kwargs})


def feed_url(participant):
    return url("calendar_feed", participant.programme, token=participant.calendar_token)


def booked(setup, *, slot=0, mode="site", **recipient_fields):
    sender = ParticipantFactory(programme=setup.programme)
    recipient = ParticipantFactory(programme=setup.programme, **recipient_fields)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    meeting = booking.accept(
        request, by=recipient, slot_id=setup.slots[slot].pk, mode=mode, video_link=""
    )
    return sender, recipient, meeting


def test_the_agenda_shows_the_meeting_table_and_the_other_side_s_contact(client):
    setup = programme_with_slots(slots=2, tables=2)
    sender, recipient, meeting = booked(setup)
    client.force_login(sender.person.user)
    page = client.get(url("agenda", setup.programme)).content.decode()
    local = meeting.slot.start.astimezone(setup.programme.event.tzinfo)
    assert f"{local:%H:%M}" in page and "Table 1" in page
    assert recipient.person.full_name in page
    assert recipient.person.user.email in page and recipient.person.phone in page
    assert url("reschedule", setup.programme, meeting_id=meeting.pk) in page
    assert "media print" not in page and "matchmaking/agenda.css" in page


def test_a_cancelled_meeting_leaves_the_agenda_and_hides_the_contact_again(client):
    setup = programme_with_slots(slots=1, tables=1)
    sender, recipient, meeting = booked(setup)
    booking.cancel(meeting.request, by=recipient)
    client.force_login(sender.person.user)
    page = client.get(url("agenda", setup.programme)).content.decode()
    assert recipient.person.user.email not in page and "No meeting yet" in page
    profile = client.get(recipient.get_absolute_url()).content.decode()
    assert recipient.person.user.email not in profile


def test_online_meetings_show_in_the_viewer_s_own_zone(client):
    setup = programme_with_slots(slots=1, tables=0, online=True)
    sender, recipient, meeting = booked(setup, mode=ONLINE, person__time_zone="America/Mexico_City")
    client.force_login(recipient.person.user)
    page = client.get(url("agenda", setup.programme)).content.decode()
    mexico = meeting.slot.start.astimezone(zoneinfo.ZoneInfo("America/Mexico_City"))
    assert f">{mexico:%H:%M}</time>" in page and "America/Mexico_City" in page


def test_the_feed_is_read_by_ical_js_with_the_database_s_times(client):
    setup = programme_with_slots(slots=2, tables=1)
    sender, recipient, meeting = booked(setup)
    other_request = MeetingRequestFactory(
        sender=sender, recipient=ParticipantFactory(programme=setup.programme)
    )
    second = booking.accept(other_request, by=other_request.recipient, slot_id=setup.slots[1].pk)
    booking.cancel(other_request, by=sender)
    body = client.get(feed_url(sender)).content  # no sign-in: the token is the key
    seen = {event["uid"]: event for event in read_with_ical_js(body).values()}
    first = seen[f"{meeting.uid}@b2b.c2future"]
    assert first["start"] == utc(meeting.slot.start) and first["tzid"] == "Europe/Rome"
    components = {str(c["UID"]): c for c in Calendar.from_ical(body).walk("VEVENT")}
    cancelled = components[f"{second.uid}@b2b.c2future"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    assert recipient.person.organisation.name in str(
        components[f"{meeting.uid}@b2b.c2future"]["SUMMARY"]
    )


def test_rescheduling_keeps_the_uid_and_bumps_the_sequence_in_the_feed(client):
    setup = programme_with_slots(slots=2, tables=1)
    sender, recipient, meeting = booked(setup)
    booking.reschedule(meeting, by=sender, slot_id=setup.slots[1].pk)
    [component] = Calendar.from_ical(client.get(feed_url(recipient)).content).walk("VEVENT")
    assert str(component["UID"]) == f"{meeting.uid}@b2b.c2future"
    assert int(component["SEQUENCE"]) == 1
    assert component.decoded("DTSTART") == setup.slots[1].start


def test_a_revoked_feed_address_stops_working(client):
    setup = programme_with_slots()
    sender, _recipient, _meeting = booked(setup)
    old = feed_url(sender)
    assert client.get(old).status_code == 200
    client.force_login(sender.person.user)
    assert client.post(url("revoke_calendar", setup.programme)).status_code == 302
    sender.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(feed_url(sender)).status_code == 200


def test_a_wrong_token_or_programme_is_not_found(client):
    setup = programme_with_slots()
    sender, _recipient, _meeting = booked(setup)
    assert client.get(url("calendar_feed", setup.programme, token="x" * 43)).status_code == 404
    other = programme_with_slots()
    wrong = url("calendar_feed", other.programme, token=sender.calendar_token)
    assert client.get(wrong).status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_agenda_and_feed_query_budgets(client, size, django_assert_max_num_queries):
    setup = programme_with_slots(slots=size, tables=1)
    viewer = ParticipantFactory(programme=setup.programme)
    for slot in setup.slots:
        MeetingFactory(
            request__sender=viewer,
            request__recipient__programme=setup.programme,
            slot=slot,
            table=setup.tables[0],
        )
    client.force_login(viewer.person.user)
    with django_assert_max_num_queries(8):
        page = client.get(url("agenda", setup.programme))
    assert page.content.decode().count('class="agenda-meeting"') == size
    with django_assert_max_num_queries(4):
        feed = client.get(feed_url(viewer))
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) == size


def test_the_demo_week_s_dashboards_agendas_and_feeds_render(client, demo_content):
    from matchmaking.models import Meeting

    meeting = (
        Meeting.objects.filter(status=Meeting.Status.SCHEDULED)
        .select_related("request__sender__person__user", "programme__event")
        .first()
    )
    assert meeting is not None, "load_demo books meetings"
    participant = meeting.request.sender
    client.force_login(participant.person.user)
    for name in ("dashboard", "agenda"):
        assert client.get(url(name, meeting.programme)).status_code == 200
    feed = client.get(feed_url(participant))
    assert feed.status_code == 200 and str(meeting.uid).encode() in feed.content


@pytest.mark.parametrize("token", ["\x00", "a\x00b", "x" * 65, "tok en", "ß" * 10])
def test_a_token_of_the_wrong_shape_is_not_found_without_a_query(client, token):
    setup = programme_with_slots()
    assert client.get(url("calendar_feed", setup.programme, token=token)).status_code == 404
