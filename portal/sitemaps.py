"""sitemap.xml: every public page in every language, with hreflang alternates and lastmod.

Django's sitemaps framework with `i18n`: each item is listed once per language of
settings.LANGUAGES, each entry names all languages (and x-default, the unprefixed English
URL) as alternates. `lastmod` is the real date the page's content last changed: a profile's
or event's own `updated_at`, a list page's newest published item, a cluster page's newest
published member. Only published data is listed. /sitemap.xml is the index of the sections.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, Q
from django.urls import reverse
from django.views.decorators.http import require_safe

from clusters.models import Cluster, Company
from events.models import Event, Speaker
from events.selectors import published_events

from .models import SitePage
from .page_cache import cache_public_page


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # Each item is listed in every language: 3 languages x 1,000 = 3,000 <url> per file.
    limit = 1000

    def lastmod(self, item):
        return item.lastmod

    def location(self, item):
        return item.get_absolute_url()


def _newest_company_change():
    return Company.objects.published().aggregate(newest=Max("updated_at"))["newest"]


def _newest_event_change():
    return published_events().aggregate(newest=Max("updated_at"))["newest"]


def _newest(*dates):
    dates = [date for date in dates if date is not None]
    return max(dates) if dates else None


class _Page:
    def __init__(self, url_name, lastmod):
        self.url_name = url_name
        self.lastmod = lastmod

    def get_absolute_url(self):
        return reverse(self.url_name)


class PagesSitemap(_I18nSitemap):
    """The site's own pages; each dated by what it shows."""

    priority = 0.8

    def items(self):
        # The index asks for the newest date and then pages through the items: once.
        if not hasattr(self, "_pages"):
            self._pages = self._dated_pages()
        return self._pages

    def _dated_pages(self):
        pages = dict(SitePage.objects.values_list("slug", "updated_at"))
        companies = _newest_company_change()
        events = _newest_event_change()
        return [
            _Page("core:home", _newest(pages.get("home"), companies, events)),
            _Page("core:about", pages.get("about")),
            _Page("clusters:list", companies),
            _Page("clusters:directory", companies),
            _Page("clusters:skills_map", companies),
            _Page("events:list", events),
            _Page("surveys:intro", None),
            _Page("opendata:index", _newest(companies, events)),
        ]

    def get_latest_lastmod(self):
        return _newest(*(page.lastmod for page in self.items()))


class ClustersSitemap(_I18nSitemap):
    priority = 0.7

    def items(self):
        published = Q(members__status=Company.Status.PUBLISHED)
        return (
            Cluster.objects.annotate(lastmod=Max("members__updated_at", filter=published))
            .only("slug")
            .order_by("pk")
        )

    def get_latest_lastmod(self):
        return _newest_company_change()


class CompaniesSitemap(_I18nSitemap):
    priority = 0.6

    def items(self):
        return Company.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return _newest_company_change()


class EventsSitemap(_I18nSitemap):
    priority = 0.6

    def items(self):
        return published_events().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return _newest_event_change()


class SpeakersSitemap(_I18nSitemap):
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
        return _newest_event_change()


SITEMAPS = {
    "pages": PagesSitemap,
    "clusters": ClustersSitemap,
    "companies": CompaniesSitemap,
    "events": EventsSitemap,
    "speakers": SpeakersSitemap,
}


@require_safe
@cache_public_page
def index(request):
    response = sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")
    return response.render()


@require_safe
@cache_public_page
def section(request, section):
    response = sitemap_views.sitemap(request, SITEMAPS, section=section)
    return response.render()
