"""The base of every app's sitemap sections (collected by portal.sitemaps)."""

from django.contrib.sitemaps import Sitemap


class I18nSitemap(Sitemap):
    """Each item once per language of settings.LANGUAGES, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    # Each item is listed in every language: 3 languages x 1,000 = 3,000 <url> per file.
    limit = 1000

    def lastmod(self, item):
        return item.lastmod

    def location(self, item):
        return item.get_absolute_url()


def newest(*dates):
    dates = [date for date in dates if date is not None]
    return max(dates) if dates else None
