"""Retire the cached public aggregates (skills matrix, map points, facet options) after any
write through the ORM. Search documents are not derived here: the services that write
companies rebuild them (clusters.services.refresh_search_documents). Bulk `update()`s go
through clusters.services, which clears the caches itself."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .caches import invalidate_public_caches
from .models import (
    Cluster,
    Company,
    CompanyCompetency,
    CompanyMarket,
    Competency,
    CompetencyArea,
    Offering,
    Sector,
)


@receiver(m2m_changed, sender=Company.sectors.through)
@receiver(m2m_changed, sender=Company.clusters.through)
def _memberships_changed(action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        invalidate_public_caches()


@receiver([post_save, post_delete], sender=Company)
@receiver([post_save, post_delete], sender=CompanyCompetency)
@receiver([post_save, post_delete], sender=Offering)
@receiver([post_save, post_delete], sender=Competency)
@receiver([post_save, post_delete], sender=Sector)
@receiver([post_save, post_delete], sender=CompetencyArea)
@receiver([post_save, post_delete], sender=Cluster)
@receiver([post_save, post_delete], sender=CompanyMarket)
def _aggregates_changed(**kwargs):
    invalidate_public_caches()
