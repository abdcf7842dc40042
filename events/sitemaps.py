"""The events app's sitemap sections: published events and their speakers."""

from django.db.models import Max, Q

from core.sitemaps import I18nSitemap

from .models import Event, Speaker
from .selectors import published_events


def newest_event_change():
    return published_events().aggregate(newest=Max("updated_at"))["newest"]


class EventsSitemap(I18nSitemap):
    priority = 0.6

    def items(self):
        return published_events().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return newest_event_change()


class SpeakersSitemap(I18nSitemap):
    """Speakers with a talk at a published event (the others have no public page)."""

    priority = 0.4

    def items(self):
        published = Q(talks__session__event__status=Event.Status.PUBLISHED)
        return (
            Speaker.objects.annotate(
                lastmod=Max("talks__session__event__updated_at", filter=published)
            )
            .filter(lastmod__isnull=False)
            .only("slug")
            .order_by("pk")
        )

    def get_latest_lastmod(self):
        return newest_event_change()


SITEMAPS = {"events": EventsSitemap, "speakers": SpeakersSitemap}
