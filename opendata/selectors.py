"""Reads for the widgets and the open-data files: published data only."""

import re

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from clusters.models import Cluster, Company, CompanyCompetency
from clusters.public_fields import require_public
from clusters.selectors import published_companies
from events.models import Event
from events.selectors import published_events

SLUG = re.compile(r"[-\w]{1,60}")
WIDGET_MEMBER_FIELDS = require_public("pk", "name", "slug", "city", "country")
WIDGET_EVENT_FIELDS = (
    "pk",
    "title",
    "slug",
    "start",
    "end",
    "time_zone",
    "city",
    "country",
    "is_online",
    "kind",
)


def cluster_for_widget(slug: str) -> Cluster | None:
    """The cluster a widget is for, or None (also for a value that is not a slug at all)."""
    if not slug or not SLUG.fullmatch(slug):
        return None
    return Cluster.objects.filter(slug=slug).only("pk", "name", "acronym", "slug").first()


def widget_members(cluster: Cluster | None, *, limit: int) -> tuple[list[Company], int]:
    """(the first `limit` published members by name, how many there are): two queries."""
    members = published_companies()
    if cluster is not None:
        members = members.filter(clusters=cluster)
    total = members.count()
    listed = list(members.only(*WIDGET_MEMBER_FIELDS).order_by("name", "pk")[:limit])
    return listed, total


def widget_events(
    cluster: Cluster | None, *, upcoming_limit: int, past_limit: int
) -> tuple[list[Event], list[Event]]:
    """(upcoming events soonest first, recent past ones): organised by or with `cluster`."""
    events = published_events()
    if cluster is not None:
        events = events.filter(
            Q(organiser=cluster) | Q(pk__in=Event.objects.filter(partner_clusters=cluster))
        )
    events = events.only(*WIDGET_EVENT_FIELDS)
    now = timezone.now()
    upcoming = list(events.filter(end__gte=now).order_by("start", "pk")[:upcoming_limit])
    past = list(events.filter(end__lt=now).order_by("-start", "pk")[:past_limit])
    return upcoming, past


def directory_export() -> QuerySet[Company]:
    return (
        published_companies()
        .prefetch_related(
            "sectors",
            "clusters",
            "markets",
            "offerings",
            Prefetch(
                "competency_links",
                queryset=CompanyCompetency.objects.select_related("competency"),
            ),
        )
        .order_by("name", "pk")
    )


def events_export() -> QuerySet[Event]:
    return (
        published_events()
        .select_related("organiser")
        .prefetch_related("partner_clusters")
        .order_by("-start", "pk")
    )


def dataset_summaries() -> dict[str, dict]:
    """Rows and the date of the last change of each dataset: two queries."""
    companies = published_companies().aggregate(rows=Count("pk"), last_change=Max("updated_at"))
    events = published_events().aggregate(rows=Count("pk"), last_change=Max("updated_at"))
    return {"directory": companies, "events": events}


EXPORTS = {"directory": directory_export, "events": events_export}
