"""Meeting requests and booking: request, accept into a free slot, decline, cancel, reschedule,
expire.

No double booking, ever. Python checks which slots are free to offer only those, but the
database has the last word: a participant sits in at most one active seat per slot
(``MeetingSeat``) and a table hosts at most one scheduled meeting per slot (``Meeting``). Two
people accepting at the same moment both pass the Python check; one insert then fails with an
IntegrityError, which becomes a ``BookingError`` with a clear message, and nothing of the
failed attempt is kept (each attempt runs in its own savepoint).

Every write runs in one transaction and sends its emails after commit
(``matchmaking.notifications``). Every change to a meeting bumps its ``sequence`` so the
personal calendars replace the entry instead of keeping a stale copy.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notifications
from .models import (
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Opportunity,
    Participant,
    Slot,
    Table,
    Unavailability,
)

ON_SITE = "site"
ONLINE = "online"


class BookingError(Exception):
    """A refused booking step, with a message to show the participant as it is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SlotChoice:
    """A slot both sides can meet in, and how: at a free table, online, or either."""

    slot: Slot
    on_site: bool
    online: bool

    @property
    def modes(self) -> tuple[str, ...]:
        return tuple(mode for mode, ok in ((ON_SITE, self.on_site), (ONLINE, self.online)) if ok)


# ---- Requests -------------------------------------------------------------------------------


def open_requests(participant: Participant, *, now: datetime.datetime | None = None):
    """The requests the participant sent that still wait for an answer (not yet expired)."""
    now = now or timezone.now()
    return MeetingRequest.objects.filter(
        sender=participant, status=MeetingRequest.Status.PENDING, expires_at__gt=now
    )


def is_expired(meeting_request: MeetingRequest, *, now: datetime.datetime | None = None) -> bool:
    """Expired by status, or pending past its expiry (before the command marks it)."""
    if meeting_request.status == MeetingRequest.Status.EXPIRED:
        return True
    now = now or timezone.now()
    return meeting_request.is_pending and meeting_request.expires_at <= now


def request_meeting(
    *,
    sender: Participant,
    recipient: Participant,
    message: str = "",
    opportunity: Opportunity | None = None,
    now: datetime.datetime | None = None,
) -> MeetingRequest:
    """A request from sender to recipient, after every rule of the programme is checked."""
    now = now or timezone.now()
    if sender.pk == recipient.pk:
        raise BookingError(_("You cannot request a meeting with yourself."))
    if sender.programme_id != recipient.programme_id:
        raise BookingError(_("You can only meet participants of the same programme."))
    if not (sender.is_validated and recipient.is_validated):
        raise BookingError(_("Both participants must be validated by the organisers first."))
    if sender.person.organisation_id == recipient.person.organisation_id:
        raise BookingError(_("You cannot request a meeting with your own organisation."))
    if opportunity is not None and opportunity.participant_id not in (sender.pk, recipient.pk):
        raise BookingError(_("That opportunity belongs to someone else."))
    programme = sender.programme
    with transaction.atomic():
        # One request at a time per sender: the cap holds under parallel posts too.
        Participant.objects.select_for_update().get(pk=sender.pk)
        if (
            MeetingRequest.objects.filter(
                sender=recipient, recipient=sender, status=MeetingRequest.Status.PENDING
            )
            .filter(expires_at__gt=now)
            .exists()
        ):
            raise BookingError(_("They already asked to meet you: answer their request instead."))
        if MeetingRequest.objects.filter(
            sender=sender, recipient=recipient, status=MeetingRequest.Status.DECLINED
        ).exists():
            raise BookingError(_("They declined an earlier request from you."))
        if open_requests(sender, now=now).count() >= programme.request_cap:
            raise BookingError(
                _(
                    "You already have %(count)d requests waiting for an answer, the most this "
                    "programme allows. Wait for answers or withdraw one."
                )
                % {"count": programme.request_cap}
            )
        # A stale pending request of this pair, past its expiry, stops being live first.
        MeetingRequest.objects.filter(
            Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender),
            status=MeetingRequest.Status.PENDING,
            expires_at__lte=now,
        ).update(status=MeetingRequest.Status.EXPIRED)
        try:
            with transaction.atomic():
                meeting_request = MeetingRequest.objects.create(
                    programme=programme,
                    sender=sender,
                    recipient=recipient,
                    message=message.strip(),
                    opportunity=opportunity,
                    expires_at=now + datetime.timedelta(days=programme.request_expiry_days),
                )
        except IntegrityError:
            # mm_request_one_live_per_pair: a pending or accepted request already exists.
            raise BookingError(
                _("You already have a pending request or a meeting with them.")
            ) from None
        notifications.request_received(meeting_request)
    return meeting_request


def _locked_request(meeting_request: MeetingRequest) -> MeetingRequest:
    return (
        MeetingRequest.objects.select_for_update(of=("self",))
        # Everything the emails read about both sides, in the locking query.
        .select_related(
            "programme__event",
            "sender__person__user",
            "sender__person__organisation",
            "sender__programme__event",
            "recipient__person__user",
            "recipient__person__organisation",
            "recipient__programme__event",
        )
        .get(pk=meeting_request.pk)
    )


def _answerable(meeting_request: MeetingRequest, by: Participant, now) -> MeetingRequest:
    if by.pk != meeting_request.recipient_id:
        raise BookingError(_("Only the person a request is addressed to can answer it."))
    locked = _locked_request(meeting_request)
    if is_expired(locked, now=now):
        raise BookingError(_("This request has expired."))
    if not locked.is_pending:
        raise BookingError(_("This request has already been answered or withdrawn."))
    return locked


# ---- Free slots -----------------------------------------------------------------------------


def _busy_slot_ids(participants, *, ignore_meeting: Meeting | None = None) -> set[int]:
    seats = MeetingSeat.objects.filter(participant__in=participants, is_active=True)
    if ignore_meeting is not None:
        seats = seats.exclude(meeting=ignore_meeting)
    return set(seats.values_list("slot_id", flat=True))


def _unavailable(participants) -> tuple[set[int], set[int]]:
    rows = Unavailability.objects.filter(participant__in=participants).values_list(
        "block_id", "slot_id"
    )
    blocks = {block for block, _slot in rows if block}
    slots = {slot for _block, slot in rows if slot}
    return blocks, slots


def _tables_in_use(programme, *, ignore_meeting: Meeting | None = None) -> dict[int, int]:
    meetings = Meeting.objects.filter(
        programme=programme, status=Meeting.Status.SCHEDULED, table__isnull=False
    )
    if ignore_meeting is not None:
        meetings = meetings.exclude(pk=ignore_meeting.pk)
    return dict(
        meetings.values("slot_id").annotate(used=Count("id")).values_list("slot_id", "used")
    )


def free_slots(
    meeting_request: MeetingRequest,
    *,
    ignore_meeting: Meeting | None = None,
    now: datetime.datetime | None = None,
) -> list[SlotChoice]:
    """The slots still to come where both sides are free and the meeting can take place: at a
    free table (on site) or online, as the programme allows. Five queries, whatever the size."""
    now = now or timezone.now()
    programme = meeting_request.programme
    pair = [meeting_request.sender_id, meeting_request.recipient_id]
    busy = _busy_slot_ids(pair, ignore_meeting=ignore_meeting)
    blocked_blocks, blocked_slots = _unavailable(pair)
    table_total = programme.tables.count() if programme.on_site else 0
    in_use = _tables_in_use(programme, ignore_meeting=ignore_meeting) if table_total else {}
    choices = []
    for slot in programme.slots.filter(start__gt=now).order_by("start"):
        if slot.pk in busy or slot.pk in blocked_slots or slot.block_id in blocked_blocks:
            continue
        on_site = table_total > in_use.get(slot.pk, 0)
        if on_site or programme.online:
            choices.append(SlotChoice(slot=slot, on_site=on_site, online=programme.online))
    return choices


def _free_tables(programme, slot) -> list[Table]:
    used = Meeting.objects.filter(
        slot=slot, status=Meeting.Status.SCHEDULED, table__isnull=False
    ).values("table_id")
    return list(programme.tables.exclude(pk__in=used).order_by("number"))


def _choice(meeting_request, slot_id, mode, *, ignore_meeting=None, now=None) -> SlotChoice:
    for choice in free_slots(meeting_request, ignore_meeting=ignore_meeting, now=now):
        if choice.slot.pk == slot_id:
            if mode not in choice.modes:
                if mode == ON_SITE:
                    raise BookingError(_("No table is free in that slot: pick another."))
                raise BookingError(_("This programme has no online meetings."))
            return choice
    raise BookingError(_("That slot is no longer free for both of you: pick another."))


def _place(
    meeting: Meeting, *, slot: Slot, mode: str, save, ignore_meeting: Meeting | None = None
) -> Meeting:
    """Put the meeting in the slot at the first free table (on site) or online, trying the
    next table when a parallel accept took one meanwhile. ``save`` writes the meeting and its
    seats; each attempt runs in its own savepoint, so a refused one leaves nothing behind."""
    tables = _free_tables(meeting.programme, slot) if mode == ON_SITE else [None]
    pair = [meeting.request.sender_id, meeting.request.recipient_id]
    for table in tables:
        try:
            with transaction.atomic():
                save(meeting, slot=slot, table=table)
            return meeting
        except IntegrityError:
            if slot.pk in _busy_slot_ids(pair, ignore_meeting=ignore_meeting):
                # mm_seat_one_meeting_per_participant_slot: one of them was booked meanwhile.
                raise BookingError(
                    _("One of you was just booked in that slot by another meeting: pick another.")
                ) from None
            # mm_meeting_one_per_slot_table: the table went to a parallel accept.
    raise BookingError(_("No table is free in that slot any more: pick another."))


def accept(
    meeting_request: MeetingRequest,
    *,
    by: Participant,
    slot_id: int,
    mode: str = ON_SITE,
    video_link: str = "",
    now: datetime.datetime | None = None,
) -> Meeting:
    """The recipient accepts, picking a slot (and on site or online) where both are free."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _answerable(meeting_request, by, now)
        choice = _choice(locked, slot_id, mode, now=now)
        meeting = Meeting(request=locked, programme=locked.programme)

        def save(meeting, *, slot, table):
            # A fresh row on every attempt: a refused one was rolled back with its savepoint.
            meeting.pk = None
            meeting._state.adding = True
            meeting.slot, meeting.table = slot, table
            meeting.video_link = video_link if table is None else ""
            meeting.save()
            MeetingSeat.objects.bulk_create(
                [
                    MeetingSeat(meeting=meeting, participant_id=participant, slot=slot)
                    for participant in (locked.sender_id, locked.recipient_id)
                ]
            )

        _place(meeting, slot=choice.slot, mode=mode, save=save)
        locked.status = MeetingRequest.Status.ACCEPTED
        locked.answered_at = now
        locked.save(update_fields=["status", "answered_at"])
        notifications.accepted(meeting)
    return meeting


def decline(
    meeting_request: MeetingRequest,
    *,
    by: Participant,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> MeetingRequest:
    now = now or timezone.now()
    with transaction.atomic():
        locked = _answerable(meeting_request, by, now)
        locked.status = MeetingRequest.Status.DECLINED
        locked.decline_reason = reason.strip()
        locked.answered_at = now
        locked.save(update_fields=["status", "decline_reason", "answered_at"])
        notifications.declined(locked)
    return locked


def _side_of(meeting_request: MeetingRequest, by: Participant) -> None:
    if by.pk not in (meeting_request.sender_id, meeting_request.recipient_id):
        raise BookingError(_("This is not one of your requests."))


def cancel(
    meeting_request: MeetingRequest, *, by: Participant, now: datetime.datetime | None = None
) -> MeetingRequest:
    """Either side calls off: the sender withdraws a pending request, or either side cancels
    an accepted meeting (its slot and table become free, calendars get STATUS:CANCELLED)."""
    now = now or timezone.now()
    _side_of(meeting_request, by)
    with transaction.atomic():
        locked = _locked_request(meeting_request)
        if locked.is_pending:
            if by.pk != locked.sender_id:
                raise BookingError(_("Decline the request instead."))
            locked.status = MeetingRequest.Status.CANCELLED
            locked.cancelled_by = by
            locked.save(update_fields=["status", "cancelled_by"])
            notifications.withdrawn(locked)
            return locked
        if locked.status != MeetingRequest.Status.ACCEPTED:
            raise BookingError(_("This request is no longer open."))
        meeting = Meeting.objects.select_for_update().get(request=locked)
        if meeting.locked:
            raise BookingError(_("The organisers have locked this meeting: ask them to change it."))
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancelled_at = now
        meeting.sequence += 1
        meeting.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        meeting.seats.update(is_active=False)
        locked.status = MeetingRequest.Status.CANCELLED
        locked.cancelled_by = by
        locked.save(update_fields=["status", "cancelled_by"])
        notifications.cancelled(meeting, by=by)
    return locked


def reschedule(
    meeting: Meeting,
    *,
    by: Participant,
    slot_id: int,
    mode: str = ON_SITE,
    video_link: str | None = None,
    now: datetime.datetime | None = None,
) -> Meeting:
    """Move an accepted meeting to another slot both are free in, keeping the request, the
    meeting and its calendar UID (the calendars move the entry, SEQUENCE + 1)."""
    now = now or timezone.now()
    _side_of(meeting.request, by)
    with transaction.atomic():
        locked = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("request", "programme", "slot")
            .get(pk=meeting.pk)
        )
        if not locked.is_scheduled:
            raise BookingError(_("This meeting was cancelled."))
        if locked.locked:
            raise BookingError(_("The organisers have locked this meeting: ask them to change it."))
        choice = _choice(locked.request, slot_id, mode, ignore_meeting=locked, now=now)
        if choice.slot.pk == locked.slot_id and (mode == ONLINE) == (locked.table_id is None):
            raise BookingError(_("That is the meeting's current slot."))
        revision = locked.sequence + 1
        old_video_link = locked.video_link

        def save(meeting, *, slot, table):
            meeting.slot, meeting.table, meeting.sequence = slot, table, revision
            meeting.reminder_sent_at = None  # the new time gets its own reminder
            if table is None:
                meeting.video_link = old_video_link if video_link is None else video_link
            else:
                meeting.video_link = ""
            meeting.save()
            meeting.seats.update(slot=slot)

        _place(locked, slot=choice.slot, mode=mode, save=save, ignore_meeting=locked)
        notifications.rescheduled(locked, by=by)
    return locked


def set_available_blocks(participant: Participant, *, available_block_ids) -> None:
    """The blocks the participant can attend (the others get an Unavailability row); slots
    of the unavailable blocks are no longer offered for new or moved meetings. Meetings
    already booked stay where they are."""
    available = set(available_block_ids)
    blocks = set(participant.programme.blocks.values_list("pk", flat=True))
    with transaction.atomic():
        Unavailability.objects.filter(participant=participant, block__isnull=False).exclude(
            block_id__in=blocks - available
        ).delete()
        existing = set(
            Unavailability.objects.filter(participant=participant, block__isnull=False).values_list(
                "block_id", flat=True
            )
        )
        Unavailability.objects.bulk_create(
            [
                Unavailability(participant=participant, block_id=block)
                for block in sorted(blocks - available - existing)
            ],
            ignore_conflicts=True,  # a double submit adds nothing twice
        )


def expire_requests(*, now: datetime.datetime | None = None) -> int:
    """Mark pending requests past their expiry as expired (the command runs this); returns
    how many. Pages already treat them as expired before this runs."""
    now = now or timezone.now()
    return MeetingRequest.objects.filter(
        status=MeetingRequest.Status.PENDING, expires_at__lte=now
    ).update(status=MeetingRequest.Status.EXPIRED)
