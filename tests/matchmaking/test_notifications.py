"""The workflow's emails: sent after commit, in the recipient's language, with the .ics; the
digest and the reminder commands send each email once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar

from matchmaking import booking, notifications
from matchmaking.models import Meeting, MeetingRequest, Participant
from tests.matchmaking.factories import MeetingFactory, MeetingRequestFactory, ParticipantFactory
from tests.matchmaking.factories_meetings import programme_with_slots

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_when_the_booking_is_rolled_back():
    setup = programme_with_slots()
    sender, recipient = (ParticipantFactory(programme=setup.programme) for _ in "ab")
    with pytest.raises(RuntimeError), transaction.atomic():
        booking.request_meeting(sender=sender, recipient=recipient)
        raise RuntimeError("the page failed after the request")
    assert mail.outbox == [] and MeetingRequest.objects.count() == 0
    booking.request_meeting(sender=sender, recipient=recipient)
    assert len(mail.outbox) == 1


def test_emails_are_written_in_the_recipient_s_language(django_capture_on_commit_callbacks):
    setup = programme_with_slots()
    sender = ParticipantFactory(programme=setup.programme)
    recipient = ParticipantFactory(programme=setup.programme, person__preferred_language="it")
    with django_capture_on_commit_callbacks(execute=True):
        booking.request_meeting(sender=sender, recipient=recipient)
    [message] = mail.outbox
    # Links carry the recipient's language prefix (the catalogue translates the words).
    assert "/it/events/" in message.body
    assert message.reply_to


def test_a_cancelled_meeting_s_ics_replaces_the_booked_one(django_capture_on_commit_callbacks):
    setup = programme_with_slots(slots=2)
    sender, recipient = (ParticipantFactory(programme=setup.programme) for _ in "ab")
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = booking.accept(request, by=recipient, slot_id=setup.slots[0].pk)
        booking.reschedule(meeting, by=recipient, slot_id=setup.slots[1].pk)
        booking.cancel(request, by=sender)
    components = [
        Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
        for message in mail.outbox
        if message.to == [recipient.person.user.email]
    ]
    assert {str(c["UID"]) for c in components} == {f"{meeting.uid}@b2b.c2future"}
    assert [int(c["SEQUENCE"]) for c in components] == [0, 2]  # accepted, cancelled
    assert str(components[-1]["STATUS"]) == "CANCELLED"


def test_digest_lists_waiting_requests_once_every_few_days(django_capture_on_commit_callbacks):
    setup = programme_with_slots()
    recipient = ParticipantFactory(programme=setup.programme)
    senders = [ParticipantFactory(programme=setup.programme) for _ in range(2)]
    for sender in senders:
        MeetingRequestFactory(sender=sender, recipient=recipient)
    MeetingRequestFactory(
        sender=ParticipantFactory(programme=setup.programme, person__full_name="Long Expired"),
        recipient=recipient,
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    # Someone with only answered requests gets nothing.
    MeetingRequestFactory(sender__programme=setup.programme, status="declined")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_b2b_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = mail.outbox
    assert digest.to == [recipient.person.user.email]
    for sender in senders:
        assert sender.person.full_name in digest.body
    assert "Long Expired" not in digest.body
    assert MeetingRequest.objects.filter(status="expired").count() == 1
    # Again today, or two days later: nothing. After the interval: the next digest.
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_digests() == 0
        later = timezone.now() + datetime.timedelta(days=2)
        assert notifications.send_digests(now=later) == 0
        much_later = timezone.now() + notifications.DIGEST_INTERVAL + datetime.timedelta(hours=1)
        MeetingRequest.objects.update(expires_at=much_later + datetime.timedelta(days=1))
        assert notifications.send_digests(now=much_later) == 1
    assert Participant.objects.get(pk=recipient.pk).last_digest_at == much_later


def test_reminders_go_the_day_before_and_once(django_capture_on_commit_callbacks):
    setup = programme_with_slots(slots=2)
    meeting = MeetingFactory(request__sender__programme=setup.programme, slot=setup.slots[0])
    far = MeetingFactory(
        request__sender__programme=setup.programme,
        slot=setup.slots[1],
        status=Meeting.Status.CANCELLED,
    )
    day_before = meeting.slot.start - datetime.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_reminders(now=day_before - datetime.timedelta(days=2)) == 0
        assert notifications.send_reminders(now=day_before) == 2
        assert notifications.send_reminders(now=day_before + datetime.timedelta(hours=1)) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [meeting.request.sender.person.user.email, meeting.request.recipient.person.user.email]
    )
    assert all(m.attachments for m in mail.outbox)
    # The other side's contact is in a reminder (the meeting is accepted).
    to_sender = next(m for m in mail.outbox if m.to == [meeting.request.sender.person.user.email])
    assert meeting.request.recipient.person.user.email in to_sender.body
    assert far.reminder_sent_at is None


def test_the_reminder_command_reports_what_it_sent(capsys):
    call_command("send_b2b_reminders")
    assert "0 reminder(s) queued." in capsys.readouterr().out


def test_a_move_by_the_organisers_tells_both_sides(django_capture_on_commit_callbacks):
    setup = programme_with_slots(slots=2)
    meeting = MeetingFactory(request__sender__programme=setup.programme, slot=setup.slots[0])
    Meeting.objects.filter(pk=meeting.pk).update(slot=setup.slots[1], sequence=1)
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.moved_by_organisers(meeting)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [meeting.request.sender.person.user.email, meeting.request.recipient.person.user.email]
    )
    for message in mail.outbox:
        assert "The organisers moved your meeting" in message.body
        [component] = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
        assert int(component["SEQUENCE"]) == 1
        assert component.decoded("DTSTART") == setup.slots[1].start


@pytest.mark.parametrize("size", [1, 4])
def test_reminders_preload_both_sides_and_their_programme(size, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    setup = programme_with_slots(slots=size)
    meetings = [
        MeetingFactory(request__sender__programme=setup.programme, slot=slot)
        for slot in setup.slots
    ]
    day_before = meetings[0].slot.start - datetime.timedelta(hours=20)
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as captured,
    ):
        assert notifications.send_reminders(now=day_before) == 2 * size
    lazy = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith("SELECT") and "matchmaking_meeting" not in query["sql"]
    ]
    assert lazy == []
    # The main query, then per meeting its claim (an UPDATE inside a savepoint).
    assert len(captured.captured_queries) <= 1 + 3 * size
