"""Factories of the matchmaking app (shared by every matchmaking test)."""

import datetime
import zoneinfo

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from matchmaking.models import (
    Meeting,
    MeetingBlock,
    MeetingRequest,
    MeetingSeat,
    Opportunity,
    Organisation,
    Participant,
    Person,
    Programme,
    Slot,
    Table,
    Unavailability,
)
from tests.events.factories import EventFactory

ROME = zoneinfo.ZoneInfo("Europe/Rome")


class AccountFactory(factory.django.DjangoModelFactory):
    """A participant's account: not staff, email verified by allauth's rules in tests that
    sign in through allauth (tests.matchmaking.conftest.verified)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"mm-user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    is_staff = False
    password = factory.django.Password("correct-horse-battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n:04d}")
    kind = Organisation.Kind.COMPANY
    country = "MX"
    city = "Monterrey"
    website = "https://example.com"

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(AccountFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Sequence(lambda n: f"Person {n:04d}")
    job_title = "Head of business development"
    phone = "+39 02 1234567"
    languages = factory.LazyFunction(lambda: ["en", "es"])
    time_zone = "Europe/Rome"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme on a published upcoming event, registration open now."""

    class Meta:
        model = Programme

    event = factory.SubFactory(
        EventFactory,
        kind="b2b",
        start=factory.LazyFunction(
            lambda: (timezone.now() + datetime.timedelta(days=30)).replace(
                hour=9, minute=0, second=0, microsecond=0
            )
        ),
    )
    introduction = "Meet cluster SMEs and partners from the target countries."
    registration_opens = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    registration_closes = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    slot_minutes = 20
    table_count = 3
    on_site = True
    online = True
    request_cap = 5
    request_expiry_days = 5
    participant_list_public = True


class MeetingBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingBlock

    programme = factory.SubFactory(ProgrammeFactory)
    date = factory.LazyAttribute(lambda block: block.programme.event.local_start.date())
    start_time = datetime.time(9, 0)
    end_time = datetime.time(10, 0)


class SlotFactory(factory.django.DjangoModelFactory):
    """One slot; prefer matchmaking.services.generate_slots for a whole programme."""

    class Meta:
        model = Slot

    block = factory.SubFactory(MeetingBlockFactory)
    programme = factory.SelfAttribute("block.programme")
    # Consecutive slots from the block's start, whatever ran before (they may run past the
    # block's end: tests only).
    start = factory.LazyAttribute(
        lambda slot: (
            slot.block.local_bounds(slot.block.programme.tzinfo)[0]
            + datetime.timedelta(minutes=20 * Slot.objects.filter(block=slot.block).count())
        )
    )
    end = factory.LazyAttribute(lambda slot: slot.start + datetime.timedelta(minutes=20))


class TableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Table
        django_get_or_create = ("programme", "number")

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A validated participant; status=Participant.Status.PENDING for one in the queue.
    offers=[...] / looks_for=[...] take competencies."""

    class Meta:
        model = Participant
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    person = factory.SubFactory(PersonFactory)
    offers_text = "IoT platforms for smart parking."
    looks_for_text = "Distribution partners in North America."
    target_countries = factory.LazyFunction(lambda: ["US", "MX"])
    status = Participant.Status.VALIDATED
    validated_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def offers(self, create, extracted, **kwargs):
        if create and extracted:
            self.offers.set(extracted)

    @factory.post_generation
    def looks_for(self, create, extracted, **kwargs):
        if create and extracted:
            self.looks_for.set(extracted)


class PendingParticipantFactory(ParticipantFactory):
    status = Participant.Status.PENDING
    validated_at = None


class UnavailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unavailability

    participant = factory.SubFactory(ParticipantFactory)
    block = factory.SubFactory(
        MeetingBlockFactory, programme=factory.SelfAttribute("..participant.programme")
    )


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    participant = factory.SubFactory(ParticipantFactory)
    kind = Opportunity.Kind.OFFER
    title = factory.Sequence(lambda n: f"Opportunity {n:04d}")
    description = "Smart parking sensors looking for a distributor."
    countries = factory.LazyFunction(lambda: ["MX"])

    @factory.post_generation
    def competencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.competencies.set(extracted)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    """A pending request between two validated participants of one programme."""

    class Meta:
        model = MeetingRequest

    sender = factory.SubFactory(ParticipantFactory)
    recipient = factory.SubFactory(
        ParticipantFactory, programme=factory.SelfAttribute("..sender.programme")
    )
    programme = factory.SelfAttribute("sender.programme")
    message = "We would like to discuss a distribution agreement."
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=5))


class MeetingFactory(factory.django.DjangoModelFactory):
    """A scheduled meeting with its two seats (the way matchmaking.booking books one)."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    request = factory.SubFactory(
        MeetingRequestFactory,
        status=MeetingRequest.Status.ACCEPTED,
        answered_at=factory.LazyFunction(timezone.now),
    )
    programme = factory.SelfAttribute("request.programme")
    slot = factory.SubFactory(
        SlotFactory, block__programme=factory.SelfAttribute("...request.programme")
    )
    table = None

    @factory.post_generation
    def seats(self, create, extracted, **kwargs):
        if not create:
            return
        active = self.status == Meeting.Status.SCHEDULED
        for participant in (self.request.sender, self.request.recipient):
            MeetingSeat.objects.create(
                meeting=self, participant=participant, slot=self.slot, is_active=active
            )
