"""Read queries for the events archive. Only published events are ever public."""

import datetime
import hashlib

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from clusters.models import Cluster

from .caches import DETAILS, FILTER_OPTIONS
from .models import Event, Material, Session, Speaker, Talk


def published_events() -> QuerySet[Event]:
    return Event.objects.filter(status=Event.Status.PUBLISHED)


def event_list_queryset() -> QuerySet[Event]:
    """Published events with what a list card shows (organiser), newest first."""
    return published_events().select_related("organiser").order_by("-start")


def split_upcoming_and_past(
    events: QuerySet[Event], *, now: datetime.datetime | None = None
) -> tuple[QuerySet[Event], QuerySet[Event]]:
    """Two querysets: events not yet over (soonest first) and past ones (newest first)."""
    now = now or timezone.now()
    upcoming = events.filter(end__gte=now).order_by("start")
    past = events.filter(end__lt=now).order_by("-start")
    return upcoming, past


def filter_options() -> dict[str, list]:
    """Years, countries and clusters of published events for the list filters (cached).

    Three small queries on a cold cache, none warm; any change to an event, its partner
    clusters or a cluster retires it (events.caches). Country codes only: names are
    translated by the caller.
    """
    return FILTER_OPTIONS.get_or_set(
        "options",
        compute=lambda: {
            "years": event_years(),
            "countries": event_countries(),
            "clusters": list(clusters_with_events().values_list("slug", "name")),
        },
    )


def event_years() -> list[int]:
    """Years with published events, newest first (by the UTC start, close enough for a filter)."""
    return list(
        published_events()
        .annotate(year=ExtractYear("start"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def event_countries() -> list[str]:
    """Country codes of published in-person events."""
    return list(
        published_events()
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
        .order_by("country")
    )


def clusters_with_events() -> QuerySet[Cluster]:
    """Clusters that organised or partnered in a published event.

    Two semi-joins on ids: joining events × partners × events and de-duplicating every
    cluster column was the slowest query of the events list.
    """
    partner_ids = Event.partner_clusters.through.objects.filter(
        event__status=Event.Status.PUBLISHED
    ).values("cluster_id")
    return Cluster.objects.filter(
        Q(pk__in=published_events().values("organiser_id")) | Q(pk__in=partner_ids)
    ).order_by("name")


def event_detail(slug: str) -> Event | None:
    """A published event with its programme, speakers and materials, or None; cached
    until any of them changes (events.caches): seven queries and a hundred rows less."""
    key = hashlib.sha256(slug.encode()).hexdigest()
    return DETAILS.get_or_set(key, compute=lambda: _event_detail(slug))


def _event_detail(slug: str) -> Event | None:
    talks = Talk.objects.prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.order_by("name"))
    ).order_by("position", "start", "id")
    sessions = Session.objects.prefetch_related(Prefetch("talks", queryset=talks)).order_by(
        "position", "start", "id"
    )
    materials = Material.objects.select_related("session", "talk").order_by("position", "id")
    return (
        published_events()
        .select_related("organiser")
        .prefetch_related(
            Prefetch("partner_clusters", queryset=Cluster.objects.order_by("name")),
            Prefetch("sessions", queryset=sessions),
            Prefetch("materials", queryset=materials),
        )
        .filter(slug=slug)
        .first()
    )


def event_speakers(event: Event) -> list[Speaker]:
    """The speakers of a prefetched event's talks, each once, by name."""
    speakers = {
        speaker.pk: speaker
        for session in event.sessions.all()
        for talk in session.talks.all()
        for speaker in talk.speakers.all()
    }
    return sorted(speakers.values(), key=lambda speaker: speaker.name.lower())


def published_material(*, event_slug: str, material_id: int) -> Material | None:
    """A material of a published event (None for another event's or a draft's material)."""
    return (
        Material.objects.select_related("event")
        .filter(
            pk=material_id,
            event__slug=event_slug,
            event__status=Event.Status.PUBLISHED,
        )
        .first()
    )


def speaker_detail(slug: str) -> Speaker | None:
    """A speaker who talks at a published event, with those talks (newest event first)."""
    talks = (
        Talk.objects.filter(session__event__status=Event.Status.PUBLISHED)
        .select_related("session__event")
        .order_by("-session__event__start", "session__position", "position", "id")
    )
    return (
        Speaker.objects.annotate(
            published_talks=Count(
                "talks", filter=Q(talks__session__event__status=Event.Status.PUBLISHED)
            )
        )
        .filter(slug=slug, published_talks__gt=0)
        .prefetch_related(Prefetch("talks", queryset=talks, to_attr="public_talks"))
        .first()
    )


def calendar_events() -> QuerySet[Event]:
    """Every published event for the calendar feed, with organiser for the description."""
    return published_events().select_related("organiser").order_by("start")


def feed_events(*, limit: int = 30) -> QuerySet[Event]:
    return published_events().select_related("organiser").order_by("-start")[:limit]
