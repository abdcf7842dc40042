"""sitemap.xml: every public page in every language, with hreflang alternates and lastmod.

Django's sitemaps framework with `i18n`: each item is listed once per language of
settings.LANGUAGES, each entry names all languages (and x-default, the unprefixed English
URL) as alternates. `lastmod` is the real date the page's content last changed: a profile's
or event's own `updated_at`, a list page's newest published item, a cluster page's newest
published member. Only published data is listed. /sitemap.xml is the index of the sections.
"""

from django.apps import apps
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_safe

from clusters.sitemaps import newest_company_change
from core.models import SitePage
from core.page_cache import cache_public_page
from core.sitemaps import I18nSitemap, newest
from events.sitemaps import newest_event_change


class _Page:
    def __init__(self, url_name, lastmod):
        self.url_name = url_name
        self.lastmod = lastmod

    def get_absolute_url(self):
        return reverse(self.url_name)


class PagesSitemap(I18nSitemap):
    """The site's own pages; each dated by what it shows."""

    priority = 0.8

    def items(self):
        # The index asks for the newest date and then pages through the items: once.
        if not hasattr(self, "_pages"):
            self._pages = self._dated_pages()
        return self._pages

    def _dated_pages(self):
        pages = dict(SitePage.objects.values_list("slug", "updated_at"))
        companies = newest_company_change()
        events = newest_event_change()
        return [
            _Page("portal:home", newest(pages.get("home"), companies, events)),
            _Page("portal:about", pages.get("about")),
            _Page("clusters:list", companies),
            _Page("clusters:directory", companies),
            _Page("clusters:skills_map", companies),
            _Page("events:list", events),
            _Page("surveys:intro", None),
            _Page("opendata:index", newest(companies, events)),
        ]

    def get_latest_lastmod(self):
        return newest(*(page.lastmod for page in self.items()))


def _app_sections():
    """Each app's `sitemaps.SITEMAPS`, in INSTALLED_APPS order: an app adds its sections."""
    sections = {"pages": PagesSitemap}
    for config in apps.get_app_configs():
        try:
            sections.update(import_string(f"{config.name}.sitemaps.SITEMAPS"))
        except ImportError:
            continue
    return sections


SITEMAPS = _app_sections()


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
