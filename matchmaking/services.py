"""Writes of the matchmaking's registration side: slots and tables, registration,
validation, opportunities. Booking (requests, meetings) lives in matchmaking.booking."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.tasks import queue_email

from . import notifications
from .models import (
    Meeting,
    MeetingBlock,
    MeetingSeat,
    Opportunity,
    Organisation,
    Participant,
    Person,
    Programme,
    Slot,
    Table,
)


def block_slot_bounds(block: MeetingBlock, *, slot_minutes: int, tzinfo):
    """The (start, end) pairs of whole slots that fit in the block (aware datetimes)."""
    start, end = block.local_bounds(tzinfo)
    length = datetime.timedelta(minutes=slot_minutes)
    bounds = []
    while start + length <= end:
        bounds.append((start, start + length))
        start += length
    return bounds


@transaction.atomic
def generate_slots(programme: Programme) -> int:
    """Creates the missing slots of every block of the programme (slot_minutes each, in the
    event's time zone) and the tables 1..table_count; returns the number of slots created.

    Slots already there are kept when they match a wanted slot or hold a meeting (even a
    cancelled one, which is history); an empty slot that overlaps a wanted one (the slot
    length or a block changed) is replaced. No slot is ever created overlapping another, so
    nobody can be booked 09:20–09:40 and 09:30–09:50."""
    tzinfo = programme.tzinfo
    wanted = sorted(
        (
            (start, end, block)
            for block in programme.blocks.all()
            for start, end in block_slot_bounds(
                block, slot_minutes=programme.slot_minutes, tzinfo=tzinfo
            )
        ),
        key=lambda item: item[0],
    )
    wanted_bounds = {(start, end) for start, end, _block in wanted}
    existing = list(
        Slot.objects.filter(programme=programme).annotate(
            has_meeting=Exists(Meeting.objects.filter(slot=OuterRef("pk"))),
            has_seat=Exists(MeetingSeat.objects.filter(slot=OuterRef("pk"))),
        )
    )
    replaced = [
        slot.pk
        for slot in existing
        if not (slot.has_meeting or slot.has_seat)
        and (slot.start, slot.end) not in wanted_bounds
        and any(_overlaps(slot.start, slot.end, start, end) for start, end, _b in wanted)
    ]
    Slot.objects.filter(pk__in=replaced).delete()
    taken = [(slot.start, slot.end) for slot in existing if slot.pk not in replaced]
    new_slots = []
    for start, end, block in wanted:
        if any(_overlaps(start, end, *other) for other in taken):
            continue
        taken.append((start, end))
        new_slots.append(Slot(programme=programme, block=block, start=start, end=end))
    Slot.objects.bulk_create(new_slots)
    ensure_tables(programme)
    return len(new_slots)


def _overlaps(start, end, other_start, other_end) -> bool:
    return start < other_end and other_start < end


def ensure_tables(programme: Programme) -> None:
    """Tables 1..table_count exist (extra tables are kept: meetings may use them)."""
    if not programme.on_site:
        return
    numbers = set(programme.tables.values_list("number", flat=True))
    Table.objects.bulk_create(
        [
            Table(programme=programme, number=number)
            for number in range(1, programme.table_count + 1)
            if number not in numbers
        ]
    )


def organisation_from_company(company) -> Organisation:
    """The organisation mirroring a published directory company: created (prefilled from
    it) the first time a member of it registers, shared by its people afterwards."""
    # get_or_create retries the lookup when two people of the company register at the same
    # moment and the other one's insert wins the mm_organisation_one_per_company race.
    organisation, created = Organisation.objects.get_or_create(
        company=company,
        defaults={
            "name": company.name,
            "kind": Organisation.Kind.MEMBER_SME,
            "country": company.country or "IT",
            "city": company.city,
            "website": company.website,
            "description": company.description,
            "is_demo": company.is_demo,
        },
    )
    if not created:
        return organisation
    organisation.sectors.set(company.sectors.all())
    return organisation


@transaction.atomic
def register(
    *,
    programme: Programme,
    user,
    organisation_data: dict,
    company=None,
    person_data: dict,
    participant_data: dict,
) -> Participant:
    """Registers the user for the programme (status pending: the organisers validate).

    The person and their organisation are kept across events: a second registration
    updates them. A member SME (company given) joins the organisation of its directory
    entry. Registering again for the same programme updates the participation; a rejected
    one goes back to the queue, and so does a validated one whose organisation or offers
    changed (the organisers validated what they read)."""
    person = Person.objects.select_for_update().filter(user=user).first()
    reviewed = _reviewed_profile(programme=programme, person=person)
    if company is not None:
        organisation = organisation_from_company(company)
    elif person is not None and person.organisation.company_id is None:
        organisation = person.organisation
    else:
        organisation = Organisation()
    if company is None:
        sectors = organisation_data.pop("sectors", None)
        for name, value in organisation_data.items():
            setattr(organisation, name, value)
        organisation.save()
        if sectors is not None:
            organisation.sectors.set(sectors)
    if person is None:
        person = Person(user=user)
    person.organisation = organisation
    for name, value in person_data.items():
        setattr(person, name, value)
    person.save()

    offers = participant_data.pop("offers", [])
    looks_for = participant_data.pop("looks_for", [])
    participant, _created = Participant.objects.get_or_create(programme=programme, person=person)
    for name, value in participant_data.items():
        setattr(participant, name, value)
    if participant.status == Participant.Status.REJECTED:
        participant.status = Participant.Status.PENDING
        participant.rejection_reason = ""
    participant.save()
    participant.offers.set(offers)
    participant.looks_for.set(looks_for)
    if reviewed is not None and reviewed != _reviewed_profile(programme=programme, person=person):
        participant.status = Participant.Status.PENDING
        participant.validated_at = None
        participant.validated_by = None
        participant.save(update_fields=["status", "validated_at", "validated_by", "updated_at"])
    return participant


REVIEWED_ORGANISATION_FIELDS = ("name", "kind", "country", "website", "description")


def _reviewed_profile(*, programme: Programme, person: Person | None):
    """What the organisers read when they validated the person's participation (who the
    organisation is and what it offers), or None when it is not validated."""
    if person is None:
        return None
    participant = (
        Participant.objects.filter(
            programme=programme, person=person, status=Participant.Status.VALIDATED
        )
        .select_related("person__organisation")
        .first()
    )
    if participant is None:
        return None
    organisation = participant.person.organisation
    return (
        organisation.pk,
        *(getattr(organisation, name) for name in REVIEWED_ORGANISATION_FIELDS),
        frozenset(participant.offers.values_list("pk", flat=True)),
        participant.offers_text,
    )


def previous_participation(person: Person | None, *, programme: Programme):
    """The person's latest participation in another programme: a new registration starts
    from what they offered and looked for there."""
    if person is None:
        return None
    return (
        Participant.objects.filter(person=person)
        .exclude(programme=programme)
        .order_by("-created_at")
        .prefetch_related("offers", "looks_for")
        .first()
    )


VALIDATION_FIELDS = ["status", "rejection_reason", "validated_at", "validated_by", "updated_at"]


def validate_participants(participants, *, by) -> int:
    """Validates pending or rejected participants and tells them; returns how many changed."""
    now = timezone.now()
    changed = 0
    for participant in _with_people(participants):
        if participant.status == Participant.Status.VALIDATED:
            continue
        participant.status = Participant.Status.VALIDATED
        participant.rejection_reason = ""
        participant.validated_at = now
        participant.validated_by = by
        participant.save(update_fields=VALIDATION_FIELDS)
        _tell_validation_result(participant)
        changed += 1
    return changed


def reject_participants(participants, *, reason: str, by) -> int:
    """Rejects participants with a reason they are told; returns how many changed."""
    changed = 0
    for participant in _with_people(participants):
        if participant.status == Participant.Status.REJECTED:
            continue
        participant.status = Participant.Status.REJECTED
        participant.rejection_reason = reason
        participant.validated_at = None
        participant.validated_by = by
        participant.save(update_fields=VALIDATION_FIELDS)
        _tell_validation_result(participant)
        changed += 1
    return changed


def _with_people(participants):
    pks = [participant.pk for participant in participants]
    return Participant.objects.filter(pk__in=pks).select_related("person__user", "programme__event")


def _tell_validation_result(participant: Participant) -> None:
    """Email the participant the organisers' decision, in the language they chose."""
    person = participant.person
    event = participant.programme.event
    validated = participant.status == Participant.Status.VALIDATED
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        subject = (
            _("Your registration for the B2B meetings at %(title)s is validated")
            if validated
            else _("Your registration for the B2B meetings at %(title)s")
        ) % {"title": event.title}
        path = reverse("matchmaking:programme", kwargs={"slug": event.slug})
        body = render_to_string(
            "matchmaking/email/validation_result.txt",
            {
                "person": person,
                "event": event,
                "validated": validated,
                "reason": participant.rejection_reason,
                "programme_url": settings.SITE_URL.rstrip("/") + path,
            },
        )
    queue_email(subject, body, [person.user.email])


@transaction.atomic
def post_opportunity(*, participant: Participant, data: dict) -> Opportunity:
    competencies = data.pop("competencies", [])
    sectors = data.pop("sectors", [])
    opportunity = Opportunity.objects.create(participant=participant, **data)
    opportunity.competencies.set(competencies)
    opportunity.sectors.set(sectors)
    return opportunity


class MoveRefused(Exception):
    """The organisers' move would double-book a table or a participant, or the meeting
    is cancelled."""


def move_meeting(meeting: Meeting, *, slot: Slot, table: Table | None, video_link: str) -> Meeting:
    """The organisers move a meeting (locked or not) to another slot and table, or online.
    The database refuses a double booking: MoveRefused then, and nothing changes."""
    try:
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if locked.status != Meeting.Status.SCHEDULED:
                raise MoveRefused("A cancelled meeting cannot be moved.")
            if (locked.slot_id, locked.table_id, locked.video_link) == (
                slot.pk,
                table.pk if table else None,
                video_link,
            ):
                return locked
            locked.slot, locked.table = slot, table
            locked.video_link = video_link if table is None else ""
            locked.sequence += 1
            locked.reminder_sent_at = None
            locked.save()
            locked.seats.update(slot=slot)
            # Both sides get the new time and the .ics (queued once the move commits).
            notifications.moved_by_organisers(locked)
    except IntegrityError as error:
        raise MoveRefused(str(error)) from error
    return locked


def set_meetings_locked(meetings, *, locked: bool) -> int:
    """Locks (participants can no longer move or cancel them) or unlocks meetings."""
    return (
        Meeting.objects.filter(pk__in=[m.pk for m in meetings])
        .exclude(locked=locked)
        .update(locked=locked, updated_at=timezone.now())
    )
