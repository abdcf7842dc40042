"""The organisers' view: validation queue, meetings per slot and table, lock, move, export."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from matchmaking.models import Meeting, MeetingRequest, Participant
from tests.matchmaking.factories import (
    AccountFactory,
    MeetingBlockFactory,
    MeetingFactory,
    MeetingRequestFactory,
    OpportunityFactory,
    ParticipantFactory,
    PendingParticipantFactory,
    ProgrammeFactory,
    SlotFactory,
    TableFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client):
    user = AccountFactory(username="organiser", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _action(model, action, objects, **extra):
    return (
        reverse(f"admin:matchmaking_{model}_changelist"),
        {"action": action, "_selected_action": [str(o.pk) for o in objects], **extra},
    )


def test_every_matchmaking_admin_page_opens(client, organiser):
    meeting = MeetingFactory()
    for model in ("programme", "participant", "meetingrequest", "meeting", "opportunity"):
        assert client.get(reverse(f"admin:matchmaking_{model}_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:matchmaking_meeting_change", args=[meeting.pk])).status_code
        == 200
    )
    assert (
        client.get(
            reverse("admin:matchmaking_participant_change", args=[meeting.request.sender.pk])
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse("admin:matchmaking_participant_changelist"), {"status": "pending"}
        ).status_code
        == 200
    )


def test_the_queue_validates_participants(client, organiser):
    pending = PendingParticipantFactory()
    url, data = _action("participant", "validate", [pending])
    assert client.post(url, data).status_code == 302
    pending.refresh_from_db()
    assert pending.status == Participant.Status.VALIDATED
    assert pending.validated_by == organiser


def test_rejecting_asks_for_a_reason_first(client, organiser):
    pending = PendingParticipantFactory()
    url, data = _action("participant", "reject", [pending])
    response = client.post(url, data)
    assert response.status_code == 200
    assert b"Reason" in response.content
    pending.refresh_from_db()
    assert pending.status == Participant.Status.PENDING
    response = client.post(url, {**data, "apply": "1", "reason": "Not a B2B profile"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Participant.Status.REJECTED
    assert pending.rejection_reason == "Not a B2B profile"
    # The participant sees the reason on the programme page.
    client.force_login(pending.person.user)
    page = client.get(reverse("matchmaking:programme", args=[pending.programme.event.slug]))
    assert b"Not a B2B profile" in page.content


def test_requests_are_filtered_by_status(client, organiser):
    MeetingRequestFactory(message="pending one")
    MeetingRequestFactory(status=MeetingRequest.Status.DECLINED)
    response = client.get(
        reverse("admin:matchmaking_meetingrequest_changelist"), {"status": "declined"}
    )
    assert response.context["cl"].result_count == 1


def _two_meetings_same_programme():
    programme = ProgrammeFactory()
    block = MeetingBlockFactory(programme=programme)
    first_slot, second_slot = SlotFactory(block=block), SlotFactory(block=block)
    table1 = TableFactory(programme=programme, number=1)
    table2 = TableFactory(programme=programme, number=2)

    def meeting(slot, table):
        return MeetingFactory(
            request=MeetingRequestFactory(
                sender=ParticipantFactory(programme=programme),
                recipient=ParticipantFactory(programme=programme),
                status=MeetingRequest.Status.ACCEPTED,
            ),
            slot=slot,
            table=table,
        )

    return meeting(first_slot, table1), meeting(second_slot, table2), table1, table2


def _move(client, meeting, **data):
    return client.post(
        reverse("admin:matchmaking_meeting_change", args=[meeting.pk]),
        {
            "slot": str(data.get("slot", meeting.slot).pk),
            "table": str(data["table"].pk) if data.get("table") else "",
            "video_link": data.get("video_link", ""),
            **({"locked": "on"} if data.get("locked", meeting.locked) else {}),
        },
    )


def test_organisers_move_a_locked_meeting_and_the_seats_follow(
    client, organiser, django_capture_on_commit_callbacks, mailoutbox
):
    first, second, table1, table2 = _two_meetings_same_programme()
    first.locked = True
    first.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = _move(client, first, slot=second.slot, table=table1)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.slot == second.slot and first.table == table1
    assert first.sequence == 1
    assert set(first.seats.values_list("slot", flat=True)) == {second.slot.pk}
    # Both sides are told, with the calendar entry.
    told = {address for message in mailoutbox for address in message.to}
    assert told == {
        first.request.sender.person.user.email,
        first.request.recipient.person.user.email,
    }
    assert all(message.attachments for message in mailoutbox)


def test_a_move_onto_a_taken_table_is_refused(client, organiser):
    first, second, table1, table2 = _two_meetings_same_programme()
    response = _move(client, first, slot=second.slot, table=table2)
    assert response.status_code == 200
    assert "table" in response.context["adminform"].form.errors
    first.refresh_from_db()
    assert first.table == table1 and first.sequence == 0


def test_a_move_that_double_books_a_side_is_refused(client, organiser):
    first, second, table1, table2 = _two_meetings_same_programme()
    other = MeetingFactory(
        request=MeetingRequestFactory(
            sender=first.request.sender,
            recipient=ParticipantFactory(programme=first.programme),
            status=MeetingRequest.Status.ACCEPTED,
        ),
        slot=SlotFactory(block=first.slot.block),
    )
    response = _move(client, other, slot=first.slot, table=table2)
    assert response.status_code == 200
    assert "slot" in response.context["adminform"].form.errors


def test_a_cancelled_meeting_cannot_be_moved(client, organiser, mailoutbox):
    first, second, table1, _table2 = _two_meetings_same_programme()
    first.status = Meeting.Status.CANCELLED
    first.save()
    first.seats.update(is_active=False)
    response = _move(client, first, slot=second.slot, table=table1)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    first.refresh_from_db()
    assert first.slot != second.slot and first.sequence == 0
    assert mailoutbox == []
    # The service refuses it too (a move racing the cancellation).
    from matchmaking import services

    with pytest.raises(services.MoveRefused):
        services.move_meeting(first, slot=second.slot, table=table1, video_link="")


def test_lock_and_unlock_actions(client, organiser):
    meeting = MeetingFactory()
    url, data = _action("meeting", "lock", [meeting])
    client.post(url, data)
    meeting.refresh_from_db()
    assert meeting.locked
    url, data = _action("meeting", "unlock", [meeting])
    client.post(url, data)
    meeting.refresh_from_db()
    assert not meeting.locked


def test_the_meeting_plan_flags_pairs_without_a_shared_language(client, organiser):
    first, second, table1, _table2 = _two_meetings_same_programme()
    first.request.sender.person.languages = ["it"]
    first.request.sender.person.save()
    first.request.recipient.person.languages = ["es"]
    first.request.recipient.person.save()
    second.request.sender.person.organisation.name = '=HYPERLINK("http://evil")'
    second.request.sender.person.organisation.save()
    MeetingFactory(
        request=MeetingRequestFactory(
            sender=ParticipantFactory(programme=first.programme),
            recipient=ParticipantFactory(programme=first.programme),
            status=MeetingRequest.Status.CANCELLED,
        ),
        slot=first.slot,
        status=Meeting.Status.CANCELLED,
    )
    url, data = _action("programme", "export_meeting_plan", [first.programme])
    response = client.post(url, data)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, first_row, second_row = rows  # the cancelled meeting is not in the plan
    assert header[4] == "Table" and header[12] == "Interpreter needed"
    assert first_row[4] == 1
    assert first_row[7] == "it" and first_row[10] == "es"
    assert first_row[11] is None and first_row[12] == "yes"
    assert second_row[11] == "en, es" and second_row[12] is None
    assert second_row[6].startswith("'=")


def test_generate_slots_action(client, organiser):
    programme = ProgrammeFactory(table_count=2)
    MeetingBlockFactory(programme=programme)
    url, data = _action("programme", "generate_slots", [programme])
    client.post(url, data)
    assert programme.slots.count() == 3
    assert programme.tables.count() == 2


def test_participants_cannot_open_the_admin(client):
    client.force_login(ParticipantFactory().person.user)
    response = client.get(reverse("admin:matchmaking_participant_changelist"))
    assert response.status_code == 302


def _changelist_queries(client, model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(f"admin:matchmaking_{model}_changelist"))
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "model", ["participant", "meetingrequest", "meeting", "opportunity", "slot"]
)
def test_the_programme_filter_does_not_read_each_programme_s_event(client, organiser, model):
    MeetingFactory()
    OpportunityFactory()
    few = _changelist_queries(client, model)
    for _ in range(4):
        ProgrammeFactory()
    assert _changelist_queries(client, model) == few


def test_pending_requests_past_their_expiry_are_shown_as_expired(client, organiser):
    from django.utils import timezone

    MeetingRequestFactory(expires_at=timezone.now() - datetime.timedelta(hours=1))
    MeetingRequestFactory(expires_at=timezone.now() + datetime.timedelta(days=1))
    response = client.get(reverse("admin:matchmaking_meetingrequest_changelist"))
    html = response.content.decode()
    assert html.count('class="field-shown_status">Expired<') == 1
    assert html.count('class="field-shown_status">Pending<') == 1


def test_meetings_are_browsed_by_the_slot_s_date(client, organiser):
    meeting = MeetingFactory()
    url = reverse("admin:matchmaking_meeting_changelist")
    response = client.get(url)
    assert response.context["cl"].date_hierarchy == "slot__start"
    year = meeting.slot.start.year
    assert client.get(url, {"slot__start__year": year}).context["cl"].result_count == 1
    assert client.get(url, {"slot__start__year": year + 5}).context["cl"].result_count == 0
