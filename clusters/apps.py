from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_groups(**kwargs):
    # After migrate and after every flush (transactional tests), like auth's permissions.
    from .permissions import ensure_groups

    ensure_groups()


def _ensure_sqlite_index(using="default", **kwargs):
    # SQLite drops triggers when a migration rebuilds clusters_company: put them back.
    from django.db import connections

    from .sqlite_fts import ensure_index

    ensure_index(connections[using])


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Clusters")
    # Shown on public pages: their writes retire the page cache (core.caching).
    public_models = (
        "Sector",
        "CompetencyArea",
        "Competency",
        "Cluster",
        "Company",
        "CompanyCompetency",
        "CompanyMarket",
        "Offering",
    )
    # Query parameters that make a page a different page (core.seo.canonical_url).
    canonical_parameters = {
        "clusters:directory": (
            "sector",
            "cluster",
            "competency",
            "country",
            "target_market",
            "size",
        ),
        "clusters:skills_map": ("by",),
    }

    def ready(self):
        # No signal receivers of its own: core wires cache retirement from public_models
        # and clusters.caches; services rebuild the search documents.
        post_migrate.connect(_ensure_groups, sender=self)
        post_migrate.connect(_ensure_sqlite_index, sender=self)
