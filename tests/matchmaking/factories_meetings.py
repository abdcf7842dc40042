"""Ready-made programmes for the booking, agenda and dashboard tests (h4b's part)."""

from dataclasses import dataclass, field

from matchmaking.models import Programme, Slot, Table
from tests.matchmaking.factories import (
    MeetingBlockFactory,
    ParticipantFactory,
    ProgrammeFactory,
    SlotFactory,
    TableFactory,
)


@dataclass
class Setup:
    programme: Programme
    slots: list[Slot]
    tables: list[Table] = field(default_factory=list)


def programme_with_slots(*, slots=3, tables=1, online=True, **programme_fields) -> Setup:
    """A programme with one block of consecutive slots (20 min) and numbered tables."""
    programme = ProgrammeFactory(
        table_count=tables, on_site=tables > 0, online=online, **programme_fields
    )
    block = MeetingBlockFactory(programme=programme)
    made = [SlotFactory(block=block, programme=programme) for _ in range(slots)]
    made.sort(key=lambda slot: slot.start)
    desks = [TableFactory(programme=programme, number=number + 1) for number in range(tables)]
    return Setup(programme=programme, slots=made, tables=desks)


def competency(name):
    """A competency by name: the seeded taxonomy's (clusters migration 0004) or, once a
    transactional test has flushed the tables, a new one of that name."""
    from django.utils.text import slugify

    from clusters.models import Competency
    from tests.clusters.factories import CompetencyAreaFactory

    found = Competency.objects.filter(name=name).first()
    return found or Competency.objects.create(
        name=name, slug=slugify(name)[:50], area=CompetencyAreaFactory()
    )


def participants(programme, count, **fields):
    return [ParticipantFactory(programme=programme, **fields) for _ in range(count)]
