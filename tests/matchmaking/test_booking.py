"""Requests and booking: the rules of a programme, the free slots, and no double booking ever,
including when two people accept at the same moment."""

import datetime
import threading
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

from matchmaking import booking
from matchmaking.booking import ON_SITE, ONLINE, BookingError
from matchmaking.models import Meeting, MeetingRequest, MeetingSeat
from tests.matchmaking.factories import (
    MeetingFactory,
    MeetingRequestFactory,
    OpportunityFactory,
    ParticipantFactory,
    PendingParticipantFactory,
    SlotFactory,
    UnavailabilityFactory,
)
from tests.matchmaking.factories_meetings import participants, programme_with_slots

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(django_capture_on_commit_callbacks):
    """Run the after-commit callbacks (the emails) of the block at its end."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def pair(programme):
    return participants(programme, 2)


# ---- Requests -------------------------------------------------------------------------------


def test_a_request_waits_for_the_programme_s_expiry_and_tells_the_recipient(emails):
    setup = programme_with_slots(request_expiry_days=4)
    sender, recipient = pair(setup.programme)
    opportunity = OpportunityFactory(participant=recipient, title="Smart parking pilots")
    now = timezone.now()
    with emails():
        made = booking.request_meeting(
            sender=sender,
            recipient=recipient,
            message="  Hello!  ",
            opportunity=opportunity,
            now=now,
        )
    assert made.status == MeetingRequest.Status.PENDING
    assert made.message == "Hello!"
    assert made.expires_at == now + datetime.timedelta(days=4)
    [message] = mail.outbox
    assert message.to == [recipient.person.user.email]
    assert sender.person.full_name in message.subject
    assert "Smart parking pilots" in message.body and "Hello!" in message.body
    assert "http://" in message.body and "/b2b/me/" in message.body


@pytest.mark.parametrize(
    "case",
    ["self", "other programme", "pending recipient", "same organisation", "foreign opportunity"],
)
def test_requests_that_break_a_rule_are_refused(case):
    setup = programme_with_slots()
    sender, recipient = pair(setup.programme)
    kwargs = {"sender": sender, "recipient": recipient}
    if case == "self":
        kwargs["recipient"] = sender
    elif case == "other programme":
        kwargs["recipient"] = ParticipantFactory()
    elif case == "pending recipient":
        kwargs["recipient"] = PendingParticipantFactory(programme=setup.programme)
    elif case == "same organisation":
        kwargs["recipient"] = ParticipantFactory(
            programme=setup.programme, person__organisation=sender.person.organisation
        )
    else:
        kwargs["opportunity"] = OpportunityFactory(
            participant=ParticipantFactory(programme=setup.programme)
        )
    with pytest.raises(BookingError):
        booking.request_meeting(**kwargs)
    assert MeetingRequest.objects.count() == 0


def test_one_live_request_per_pair_in_either_direction():
    setup = programme_with_slots()
    sender, recipient = pair(setup.programme)
    booking.request_meeting(sender=sender, recipient=recipient)
    with pytest.raises(BookingError, match="already have a pending request"):
        booking.request_meeting(sender=sender, recipient=recipient)
    with pytest.raises(BookingError, match="answer their request"):
        booking.request_meeting(sender=recipient, recipient=sender)
    assert MeetingRequest.objects.count() == 1


def test_a_declined_sender_cannot_ask_again_but_an_expired_one_can():
    setup = programme_with_slots()
    sender, recipient, third = participants(setup.programme, 3)
    MeetingRequestFactory(sender=sender, recipient=recipient, status=MeetingRequest.Status.DECLINED)
    with pytest.raises(BookingError, match="declined"):
        booking.request_meeting(sender=sender, recipient=recipient)
    stale = MeetingRequestFactory(
        sender=sender, recipient=third, expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    fresh = booking.request_meeting(sender=sender, recipient=third)
    stale.refresh_from_db()
    assert stale.status == MeetingRequest.Status.EXPIRED
    assert fresh.status == MeetingRequest.Status.PENDING


def test_open_requests_are_capped_and_expired_ones_do_not_count():
    setup = programme_with_slots(request_cap=2)
    sender, *others = participants(setup.programme, 5)
    MeetingRequestFactory(
        sender=sender, recipient=others[0], expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    booking.request_meeting(sender=sender, recipient=others[1])
    booking.request_meeting(sender=sender, recipient=others[2])
    with pytest.raises(BookingError, match="2 requests waiting"):
        booking.request_meeting(sender=sender, recipient=others[3])
    # An answer frees a place under the cap.
    booking.decline(MeetingRequest.objects.get(recipient=others[1]), by=others[1])
    booking.request_meeting(sender=sender, recipient=others[3])


# ---- Free slots -----------------------------------------------------------------------------


def test_free_slots_leave_out_busy_unavailable_and_past_slots():
    setup = programme_with_slots(slots=5, tables=1, online=False)
    first, second, third, past = setup.slots[:4]
    sender, recipient, someone = participants(setup.programme, 3)
    # The sender already meets someone in the first slot.
    MeetingFactory(
        request__sender=sender,
        request__recipient=someone,
        slot=first,
        table=setup.tables[0],
    )
    # The recipient cannot attend the second slot.
    UnavailabilityFactory(participant=recipient, block=None, slot=second)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    now = past.start  # the fourth slot has started: it is gone
    listed = [choice.slot for choice in booking.free_slots(request, now=now)]
    assert listed == [setup.slots[4]]
    listed = [choice.slot for choice in booking.free_slots(request, now=first.start)]
    assert listed == [third, past, setup.slots[4]]


def test_an_unavailable_block_hides_all_its_slots():
    setup = programme_with_slots(slots=2)
    sender, recipient = pair(setup.programme)
    UnavailabilityFactory(participant=sender, block=setup.slots[0].block)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    assert booking.free_slots(request) == []


def test_a_slot_without_a_free_table_is_online_only_or_gone():
    setup = programme_with_slots(slots=1, tables=1, online=True)
    slot = setup.slots[0]
    MeetingFactory(request__sender__programme=setup.programme, slot=slot, table=setup.tables[0])
    sender, recipient = pair(setup.programme)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    [choice] = booking.free_slots(request)
    assert choice.modes == (ONLINE,)
    setup.programme.online = False
    setup.programme.save()
    request.refresh_from_db()
    assert booking.free_slots(request) == []


# ---- Accept ---------------------------------------------------------------------------------


def test_accepting_books_a_table_for_both_and_emails_them_the_ics(emails):
    setup = programme_with_slots(slots=2, tables=2)
    sender, recipient = pair(setup.programme)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    slot = setup.slots[1]
    with emails():
        meeting = booking.accept(request, by=recipient, slot_id=slot.pk, mode=ON_SITE)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED and request.answered_at
    assert meeting.slot == slot and meeting.table == setup.tables[0]
    seats = MeetingSeat.objects.filter(meeting=meeting, is_active=True)
    assert sorted(seats.values_list("participant_id", flat=True)) == sorted(
        [sender.pk, recipient.pk]
    )
    assert set(seats.values_list("slot_id", flat=True)) == {slot.pk}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [sender.person.user.email, recipient.person.user.email]
    )
    for message in mail.outbox:
        [(filename, content, mimetype)] = message.attachments
        assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
        # The Content-Type's method=PUBLISH matches the calendar's METHOD.
        assert "method=PUBLISH" in mimetype
        assert str(Calendar.from_ical(content)["METHOD"]) == "PUBLISH"
        [component] = Calendar.from_ical(content).walk("VEVENT")
        assert str(component["UID"]) == f"{meeting.uid}@b2b.c2future"
        assert str(component["STATUS"]) == "CONFIRMED"
    # Contact details go with the confirmation.
    to_sender = next(m for m in mail.outbox if m.to == [sender.person.user.email])
    assert (
        recipient.person.user.email in to_sender.body and recipient.person.phone in to_sender.body
    )


def test_an_online_meeting_has_no_table_and_keeps_its_link():
    setup = programme_with_slots(slots=1, tables=0, online=True)
    sender, recipient = pair(setup.programme)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    meeting = booking.accept(
        request,
        by=recipient,
        slot_id=setup.slots[0].pk,
        mode=ONLINE,
        video_link="https://meet.example/abc",
    )
    assert meeting.table is None and meeting.video_link == "https://meet.example/abc"
    with pytest.raises(BookingError):
        booking.accept(
            MeetingRequestFactory(programme=setup.programme),
            by=recipient,
            slot_id=setup.slots[0].pk,
            mode=ON_SITE,
        )


def test_only_the_recipient_answers_and_only_once():
    setup = programme_with_slots()
    sender, recipient, stranger = participants(setup.programme, 3)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    for who in (sender, stranger):
        with pytest.raises(BookingError, match="addressed to"):
            booking.accept(request, by=who, slot_id=setup.slots[0].pk)
        with pytest.raises(BookingError, match="addressed to"):
            booking.decline(request, by=who)
    booking.accept(request, by=recipient, slot_id=setup.slots[0].pk)
    with pytest.raises(BookingError, match="already been answered"):
        booking.accept(request, by=recipient, slot_id=setup.slots[1].pk)
    with pytest.raises(BookingError, match="already been answered"):
        booking.decline(request, by=recipient)
    assert Meeting.objects.count() == 1


def test_an_expired_request_cannot_be_accepted():
    setup = programme_with_slots()
    request = MeetingRequestFactory(
        sender=ParticipantFactory(programme=setup.programme),
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert booking.is_expired(request)
    with pytest.raises(BookingError, match="expired"):
        booking.accept(request, by=request.recipient, slot_id=setup.slots[0].pk)
    assert booking.expire_requests() == 1
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.EXPIRED
    assert booking.expire_requests() == 0


def test_a_slot_taken_meanwhile_is_refused_with_a_clear_message():
    setup = programme_with_slots(slots=2, tables=2)
    sender, recipient, someone = participants(setup.programme, 3)
    slot = setup.slots[0]
    MeetingFactory(request__sender=recipient, request__recipient=someone, slot=slot, table=None)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    with pytest.raises(BookingError, match="no longer free"):
        booking.accept(request, by=recipient, slot_id=slot.pk)
    with pytest.raises(BookingError, match="no longer free"):
        booking.accept(request, by=recipient, slot_id=SlotFactory().pk)  # another programme


def test_the_database_refuses_what_a_stale_check_let_through():
    """The Python check saw the slot free; a parallel accept booked the recipient meanwhile:
    the seat constraint refuses, the message is clear and nothing of the attempt remains."""
    setup = programme_with_slots(slots=1, tables=2)
    sender, recipient, someone = participants(setup.programme, 3)
    slot = setup.slots[0]
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    stale = booking.free_slots(request)
    MeetingFactory(request__sender=recipient, request__recipient=someone, slot=slot, table=None)
    with (
        mock.patch.object(booking, "free_slots", return_value=stale),
        pytest.raises(BookingError, match="just booked"),
    ):
        booking.accept(request, by=recipient, slot_id=slot.pk)
    request.refresh_from_db()
    assert request.is_pending
    assert Meeting.objects.filter(request=request).count() == 0
    assert MeetingSeat.objects.filter(participant=sender).count() == 0


def test_a_table_taken_meanwhile_is_replaced_by_the_next_free_one():
    setup = programme_with_slots(slots=1, tables=2)
    first_table, second_table = setup.tables
    slot = setup.slots[0]
    request = MeetingRequestFactory(sender=ParticipantFactory(programme=setup.programme))
    MeetingFactory(request__sender__programme=setup.programme, slot=slot, table=first_table)
    with mock.patch.object(booking, "_free_tables", return_value=[first_table, second_table]):
        meeting = booking.accept(request, by=request.recipient, slot_id=slot.pk)
    assert meeting.table == second_table


# ---- Decline, cancel, reschedule ------------------------------------------------------------


def test_declining_with_a_reason_tells_the_sender(emails):
    setup = programme_with_slots()
    sender, recipient = pair(setup.programme)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    with emails():
        booking.decline(request, by=recipient, reason="We only work in Europe.")
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.DECLINED
    assert request.decline_reason == "We only work in Europe."
    [message] = mail.outbox
    assert message.to == [sender.person.user.email]
    assert "We only work in Europe." in message.body


def test_a_pending_request_is_withdrawn_by_its_sender_only():
    setup = programme_with_slots()
    sender, recipient = pair(setup.programme)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    with pytest.raises(BookingError, match="Decline"):
        booking.cancel(request, by=recipient)
    with pytest.raises(BookingError, match="not one of your"):
        booking.cancel(request, by=ParticipantFactory(programme=setup.programme))
    booking.cancel(request, by=sender)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.CANCELLED and request.cancelled_by == sender


@pytest.mark.parametrize("side", ["sender", "recipient"])
def test_either_side_cancels_a_meeting_and_its_slot_is_free_again(side, emails):
    setup = programme_with_slots(slots=1, tables=1, online=False)
    sender, recipient = pair(setup.programme)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    meeting = booking.accept(request, by=recipient, slot_id=setup.slots[0].pk)
    mail.outbox.clear()
    by = sender if side == "sender" else recipient
    with emails():
        booking.cancel(request, by=by)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and meeting.sequence == 1
    assert not meeting.seats.filter(is_active=True).exists()
    [message] = mail.outbox
    other = recipient if by == sender else sender
    assert message.to == [other.person.user.email]
    [component] = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(component["STATUS"]) == "CANCELLED" and int(component["SEQUENCE"]) == 1
    # The slot and the table serve another pair now.
    again = MeetingRequestFactory(sender=sender, recipient=recipient)
    assert [choice.slot for choice in booking.free_slots(again)] == setup.slots


def test_rescheduling_moves_the_meeting_keeping_its_uid(emails):
    setup = programme_with_slots(slots=3, tables=1)
    sender, recipient = pair(setup.programme)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    meeting = booking.accept(request, by=recipient, slot_id=setup.slots[0].pk)
    Meeting.objects.filter(pk=meeting.pk).update(reminder_sent_at=timezone.now())
    uid = meeting.uid
    mail.outbox.clear()
    with emails():
        moved = booking.reschedule(meeting, by=sender, slot_id=setup.slots[2].pk)
    moved.refresh_from_db()
    assert moved.pk == meeting.pk and moved.uid == uid
    assert moved.slot == setup.slots[2] and moved.sequence == 1
    assert moved.reminder_sent_at is None
    assert set(moved.seats.values_list("slot_id", flat=True)) == {setup.slots[2].pk}
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED
    [message] = mail.outbox
    assert message.to == [recipient.person.user.email]
    with pytest.raises(BookingError, match="current slot"):
        booking.reschedule(moved, by=sender, slot_id=setup.slots[2].pk)
    # Online at the same time is a real change.
    online = booking.reschedule(moved, by=recipient, slot_id=setup.slots[2].pk, mode=ONLINE)
    assert online.table is None and online.sequence == 2


def test_rescheduling_into_a_busy_slot_or_a_locked_meeting_is_refused():
    setup = programme_with_slots(slots=2, tables=2)
    sender, recipient, someone = participants(setup.programme, 3)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    meeting = booking.accept(request, by=recipient, slot_id=setup.slots[0].pk)
    MeetingFactory(
        request__sender=recipient, request__recipient=someone, slot=setup.slots[1], table=None
    )
    with pytest.raises(BookingError, match="no longer free"):
        booking.reschedule(meeting, by=sender, slot_id=setup.slots[1].pk)
    Meeting.objects.filter(pk=meeting.pk).update(locked=True)
    with pytest.raises(BookingError, match="locked"):
        booking.reschedule(meeting, by=sender, slot_id=setup.slots[1].pk)
    with pytest.raises(BookingError, match="locked"):
        booking.cancel(request, by=sender)
    meeting.refresh_from_db()
    assert meeting.slot == setup.slots[0] and meeting.sequence == 0


# ---- Concurrency: parallel accepts on separate connections -------------------------------

PARALLEL = 6


def _accept_in_parallel(calls):
    """Run each call at once on its own thread (its own database connection)."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait(timeout=30)
            outcomes.append(("booked", call()))
        except BookingError as error:
            outcomes.append(("refused", error.message))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_parallel_accepts_never_book_one_person_twice_in_a_slot():
    setup = programme_with_slots(slots=1, tables=PARALLEL)
    slot = setup.slots[0]
    busy = ParticipantFactory(programme=setup.programme)
    requests = [
        MeetingRequestFactory(sender=ParticipantFactory(programme=setup.programme), recipient=busy)
        for _ in range(PARALLEL)
    ]
    calls = [
        (lambda request=request: booking.accept(request, by=busy, slot_id=slot.pk))
        for request in requests
    ]
    outcomes = _accept_in_parallel(calls)
    assert sorted(kind for kind, _ in outcomes) == ["booked"] + ["refused"] * (PARALLEL - 1)
    assert MeetingSeat.objects.filter(participant=busy, slot=slot, is_active=True).count() == 1
    assert Meeting.objects.filter(slot=slot, status=Meeting.Status.SCHEDULED).count() == 1
    assert MeetingRequest.objects.filter(status=MeetingRequest.Status.ACCEPTED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_accepts_never_put_two_meetings_at_one_table():
    setup = programme_with_slots(slots=1, tables=2, online=False)
    slot = setup.slots[0]
    requests = [
        MeetingRequestFactory(sender=ParticipantFactory(programme=setup.programme))
        for _ in range(PARALLEL)
    ]
    calls = [
        (lambda request=request: booking.accept(request, by=request.recipient, slot_id=slot.pk))
        for request in requests
    ]
    outcomes = _accept_in_parallel(calls)
    assert [kind for kind, _ in outcomes].count("booked") == 2
    tables = Meeting.objects.filter(slot=slot, status=Meeting.Status.SCHEDULED).values_list(
        "table_id", flat=True
    )
    assert sorted(tables) == sorted(table.pk for table in setup.tables)
    # Refused while the tables were being taken, or after both were ("no table is free",
    # "that slot is no longer free"): either way, told to pick another slot.
    refusals = [message for kind, message in outcomes if kind == "refused"]
    assert len(refusals) == PARALLEL - 2
    assert all(message.endswith("pick another.") for message in refusals), refusals


@pytest.mark.django_db(transaction=True)
def test_parallel_accept_posts_through_the_site_book_one_meeting():
    """Several requests to one person, accepted at once in several browser tabs for the same
    slot: one meeting is booked, the other tabs get the message, and no 500."""
    from django.test import Client
    from django.urls import reverse

    setup = programme_with_slots(slots=1, tables=PARALLEL)
    slot = setup.slots[0]
    busy = ParticipantFactory(programme=setup.programme)
    requests = [
        MeetingRequestFactory(sender=ParticipantFactory(programme=setup.programme), recipient=busy)
        for _ in range(PARALLEL)
    ]
    barrier = threading.Barrier(PARALLEL)
    pages = []

    def post(request):
        browser = Client()
        browser.force_login(busy.person.user)
        accept_url = reverse(
            "matchmaking:accept",
            kwargs={"slug": setup.programme.event.slug, "request_id": request.pk},
        )
        try:
            barrier.wait(timeout=30)
            response = browser.post(accept_url, {"choice": f"{slot.pk}:site"}, follow=True)
            pages.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [status for status, _ in pages] == [200] * PARALLEL
    assert sum("Meeting confirmed" in page for _, page in pages) == 1
    assert Meeting.objects.filter(slot=slot, status=Meeting.Status.SCHEDULED).count() == 1
    assert MeetingSeat.objects.filter(participant=busy, is_active=True).count() == 1


def _lazy_loads(queries):
    """Queries that fetch one related row by id (a foreign key read lazily)."""
    import re

    one_row = re.compile(r'^SELECT .* FROM "(\w+)" WHERE "\1"."id" = \d+ LIMIT 21$')
    return [q["sql"] for q in queries if one_row.match(q["sql"])]


def test_accepting_reads_both_sides_with_the_locked_request(django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    setup = programme_with_slots(slots=2, tables=1)
    sender, recipient = pair(setup.programme)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    by = type(recipient).objects.get(pk=recipient.pk)  # as the view has it: nothing preloaded
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as captured,
    ):
        booking.accept(request, by=by, slot_id=setup.slots[0].pk, mode=ON_SITE)
    assert len(mail.outbox) == 2
    assert _lazy_loads(captured.captured_queries) == []
