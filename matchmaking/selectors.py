"""Reads of the matchmaking's public side: programmes, validated participants, the
marketplace. Only validated participants (and their opportunities) ever leave here for
public pages."""

from django.db.models import Count, Prefetch, Q

from clusters.models import Competency, Sector

from .caches import PROGRAMMES
from .models import MeetingBlock, Opportunity, Organisation, Participant, Programme


def programme_for_event(slug: str) -> Programme | None:
    """The B2B programme of a published event, or None."""
    return (
        Programme.objects.select_related("event")
        .filter(event__slug=slug, event__status="published")
        .first()
    )


def event_has_programme(event) -> bool:
    """Whether an event already read has a B2B programme (the event page's section)."""
    return PROGRAMMES.get_or_set(
        "event", event.pk, compute=lambda: Programme.objects.filter(event=event).exists()
    )


def programme_days(programme: Programme) -> list[tuple]:
    """[(date, [blocks])] in order, the blocks' times in the event's zone."""
    days: dict = {}
    for block in MeetingBlock.objects.filter(programme=programme):
        days.setdefault(block.date, []).append(block)
    return list(days.items())


def validated_participants(programme: Programme):
    """The public participant list: validated participants with what the list shows."""
    return (
        Participant.objects.validated()
        .filter(programme=programme)
        .select_related("person__organisation")
        .prefetch_related(
            Prefetch("offers", queryset=Competency.objects.only("id", "name")),
            Prefetch("looks_for", queryset=Competency.objects.only("id", "name")),
        )
        .order_by("person__organisation__name", "person__full_name", "id")
    )


def participant_profile(programme: Programme, participant_id: int) -> Participant | None:
    """One participant of the programme (any status: permissions decide who reads it)."""
    return (
        Participant.objects.filter(programme=programme, pk=participant_id)
        .select_related("person__organisation__company", "person__user", "programme__event")
        .prefetch_related(
            "offers",
            "looks_for",
            "person__organisation__sectors",
            Prefetch(
                "opportunities",
                queryset=Opportunity.objects.order_by("-created_at").prefetch_related(
                    "competencies"
                ),
            ),
        )
        .first()
    )


def participant_count(programme: Programme) -> int:
    return Participant.objects.validated().filter(programme=programme).count()


def opportunities(
    programme: Programme,
    *,
    query: str = "",
    kind: str = "",
    country: str = "",
    sector: Sector | None = None,
    competency: Competency | None = None,
    organisation_kind: str = "",
):
    """The marketplace: opportunities of validated participants, newest first, filtered.
    The text query matches title, description and the organisation's name."""
    rows = Opportunity.objects.filter(
        participant__programme=programme,
        participant__status=Participant.Status.VALIDATED,
    )
    if query:
        rows = rows.filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(participant__person__organisation__name__icontains=query)
        )
    if kind:
        rows = rows.filter(kind=kind)
    if country:
        # A country of the opportunity, or the country of the organisation behind it.
        rows = rows.filter(
            Q(countries__contains=country) | Q(participant__person__organisation__country=country)
        )
    if sector is not None:
        rows = rows.filter(sectors=sector)
    if competency is not None:
        rows = rows.filter(competencies=competency)
    if organisation_kind:
        rows = rows.filter(participant__person__organisation__kind=organisation_kind)
    return (
        rows.select_related("participant__person__organisation")
        .prefetch_related(
            Prefetch("competencies", queryset=Competency.objects.only("id", "name")),
            Prefetch("sectors", queryset=Sector.objects.only("id", "name")),
        )
        .order_by("-created_at", "-id")
        .distinct()
    )


def marketplace_facets(programme: Programme) -> dict:
    """The choices the marketplace filters offer: only what its opportunities use."""
    base = Q(
        b2b_opportunities__participant__programme=programme,
        b2b_opportunities__participant__status=Participant.Status.VALIDATED,
    )
    return {
        "sectors": list(
            Sector.objects.annotate(uses=Count("id", filter=base))
            .filter(uses__gt=0)
            .order_by("name")
            .only("id", "name", "slug")
        ),
        "competencies": list(
            Competency.objects.annotate(uses=Count("id", filter=base))
            .filter(uses__gt=0)
            .order_by("name")
            .only("id", "name", "slug")
        ),
        "organisation_kinds": Organisation.Kind.choices,
        "kinds": Opportunity.Kind.choices,
    }
