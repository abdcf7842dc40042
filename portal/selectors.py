"""Read queries for the site shell (home page, about page)."""

from clusters.models import Cluster, Company
from core.models import SitePage
from events.models import Event

from .caches import CONTENT, HOME


def site_page(slug: str) -> SitePage | None:
    """The editable page (every language's text), cached until a site page changes."""
    return CONTENT.get_or_set(
        "page", slug, compute=lambda: SitePage.objects.filter(slug=slug).first()
    )


def _count_home_counters() -> dict[str, int]:
    return {
        "partner_clusters": Cluster.objects.filter(is_partner=True).count(),
        "published_companies": Company.objects.filter(status=Company.Status.PUBLISHED).count(),
        "published_events": Event.objects.filter(status=Event.Status.PUBLISHED).count(),
    }


def home_counters() -> dict[str, int]:
    """Partner clusters, published SMEs and published events (cached until one changes)."""
    return HOME.get_or_set("counters", compute=_count_home_counters)


def latest_events(limit: int = 3) -> list[Event]:
    """The newest published events with their organisers (the home page caches their
    rendered cards in portal.caches.CONTENT, so the rows are not cached again here)."""
    return list(
        Event.objects.filter(status=Event.Status.PUBLISHED)
        .select_related("organiser")
        .order_by("-start")[:limit]
    )


def partner_clusters() -> list[Cluster]:
    """The partner clusters by name (cached until a cluster changes)."""
    return CONTENT.get_or_set(
        "partner_clusters",
        compute=lambda: list(Cluster.objects.filter(is_partner=True).order_by("name")),
    )
