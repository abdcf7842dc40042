"""The database refuses double bookings and inconsistent rows, whatever Python does."""

import pytest
from django.db import IntegrityError, transaction

from matchmaking.models import Meeting, MeetingRequest, MeetingSeat, Participant
from tests.matchmaking.factories import (
    MeetingFactory,
    MeetingRequestFactory,
    ParticipantFactory,
    ProgrammeFactory,
    SlotFactory,
    TableFactory,
)

pytestmark = pytest.mark.django_db


def _accepted_request(programme):
    return MeetingRequestFactory(
        sender=ParticipantFactory(programme=programme),
        recipient=ParticipantFactory(programme=programme),
        status=MeetingRequest.Status.ACCEPTED,
    )


def test_a_table_hosts_one_scheduled_meeting_per_slot():
    programme = ProgrammeFactory()
    slot = SlotFactory(block__programme=programme)
    table = TableFactory(programme=programme, number=1)
    MeetingFactory(request=_accepted_request(programme), slot=slot, table=table)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            request=_accepted_request(programme), programme=programme, slot=slot, table=table
        )


def test_a_cancelled_meeting_frees_its_table():
    programme = ProgrammeFactory()
    slot = SlotFactory(block__programme=programme)
    table = TableFactory(programme=programme, number=1)
    MeetingFactory(
        request=_accepted_request(programme),
        slot=slot,
        table=table,
        status=Meeting.Status.CANCELLED,
    )
    MeetingFactory(request=_accepted_request(programme), slot=slot, table=table)
    assert Meeting.objects.filter(slot=slot, table=table).count() == 2


def test_a_participant_sits_in_one_scheduled_meeting_per_slot():
    programme = ProgrammeFactory()
    slot = SlotFactory(block__programme=programme)
    first = MeetingFactory(request=_accepted_request(programme), slot=slot)
    busy = first.request.sender
    other = MeetingFactory(
        request=MeetingRequestFactory(
            sender=ParticipantFactory(programme=programme),
            recipient=ParticipantFactory(programme=programme),
            status=MeetingRequest.Status.ACCEPTED,
        ),
        slot=SlotFactory(block=slot.block),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSeat.objects.create(meeting=other, participant=busy, slot=slot)
    # An inactive seat (a cancelled meeting) does not count.
    MeetingSeat.objects.filter(meeting=first).update(is_active=False)
    MeetingSeat.objects.create(meeting=other, participant=busy, slot=slot)


def test_a_pair_has_one_live_request_whoever_asks():
    request = MeetingRequestFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequestFactory(sender=request.recipient, recipient=request.sender)
    request.status = MeetingRequest.Status.DECLINED
    request.save()
    MeetingRequestFactory(sender=request.recipient, recipient=request.sender)


def test_a_request_to_oneself_is_refused():
    participant = ParticipantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequestFactory(sender=participant, recipient=participant)


def test_one_participation_per_person_and_programme():
    participant = ParticipantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(programme=participant.programme, person=participant.person)


def test_revoking_the_calendar_token_replaces_it():
    participant = ParticipantFactory()
    old = participant.calendar_token
    participant.revoke_calendar_token()
    participant.refresh_from_db()
    assert participant.calendar_token != old
    assert len(participant.calendar_token) >= 40
