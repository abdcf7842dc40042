"""The clusters app's sitemap sections: cluster pages and published company profiles."""

from django.db.models import Max, Q

from core.sitemaps import I18nSitemap

from .models import Cluster, Company


def newest_company_change():
    return Company.objects.published().aggregate(newest=Max("updated_at"))["newest"]


class ClustersSitemap(I18nSitemap):
    priority = 0.7

    def items(self):
        published = Q(members__status=Company.Status.PUBLISHED)
        return (
            Cluster.objects.annotate(lastmod=Max("members__updated_at", filter=published))
            .only("slug")
            .order_by("pk")
        )

    def get_latest_lastmod(self):
        return newest_company_change()


class CompaniesSitemap(I18nSitemap):
    priority = 0.6

    def items(self):
        return Company.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return newest_company_change()


SITEMAPS = {"clusters": ClustersSitemap, "companies": CompaniesSitemap}
