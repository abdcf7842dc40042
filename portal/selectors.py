"""Read queries for the site shell (home page, about page)."""

from django.core.cache import cache

from clusters.models import Cluster, Company
from events.models import Event

from .invalidation import now_and_after_commit

HOME_COUNTERS_CACHE_KEY = "core:home-counters"


def site_page(slug):
    from .models import SitePage

    return SitePage.objects.filter(slug=slug).first()


def home_counters():
    """Partner clusters, published SMEs and published events (cached; see invalidate)."""
    counters = cache.get(HOME_COUNTERS_CACHE_KEY)
    if counters is None:
        counters = {
            "partner_clusters": Cluster.objects.filter(is_partner=True).count(),
            "published_companies": Company.objects.filter(status=Company.Status.PUBLISHED).count(),
            "published_events": Event.objects.filter(status=Event.Status.PUBLISHED).count(),
        }
        cache.set(HOME_COUNTERS_CACHE_KEY, counters, timeout=600)
    return counters


def invalidate_home_counters():
    now_and_after_commit(_clear_home_counters)


def _clear_home_counters():
    cache.delete(HOME_COUNTERS_CACHE_KEY)


def latest_events(limit=3):
    return (
        Event.objects.filter(status=Event.Status.PUBLISHED)
        .select_related("organiser")
        .order_by("-start")[:limit]
    )


def partner_clusters():
    return Cluster.objects.filter(is_partner=True).order_by("name")
