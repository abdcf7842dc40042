"""Keep derived data right after any write through the ORM (admin, import, questionnaire):
the per-company search document, and the cached public aggregates (skills matrix, map
points, facet options). Bulk `update()`s go through clusters.services, which does both."""

import threading

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
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
from .services import refresh_search_documents, refresh_search_documents_for


@receiver(post_save, sender=Company)
def _company_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_documents([instance.pk])
    invalidate_public_caches()


# Companies being deleted in this thread: their competency links and offerings are
# deleted first (cascade), and refreshing the search document of a company that is about
# to disappear cost one refresh (5 queries) per link. See _company_deleting.
_deleting = threading.local()


def _companies_being_deleted():
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids


@receiver(pre_delete, sender=Company)
def _company_deleting(sender, instance, **kwargs):
    _companies_being_deleted().add(instance.pk)


@receiver([post_save, post_delete], sender=CompanyCompetency)
@receiver([post_save, post_delete], sender=Offering)
def _company_part_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.company_id not in _companies_being_deleted():
        refresh_search_documents([instance.company_id])
    invalidate_public_caches()


@receiver(m2m_changed, sender=Company.sectors.through)
def _company_sectors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # sector.companies.add(...)
        refresh_search_documents(pk_set or [])
    else:
        refresh_search_documents([instance.pk])
    invalidate_public_caches()


@receiver(m2m_changed, sender=Company.clusters.through)
def _memberships_changed(action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        invalidate_public_caches()


@receiver(post_save, sender=Competency)
def _competency_saved(sender, instance, created, raw=False, **kwargs):
    if not (created or raw):  # a rename changes the text of every company that has it
        refresh_search_documents_for(competency_links__competency=instance)
    invalidate_public_caches()


@receiver(post_save, sender=Sector)
def _sector_saved(sender, instance, created, raw=False, **kwargs):
    if not (created or raw):
        refresh_search_documents_for(sectors=instance)
    invalidate_public_caches()


@receiver(post_save, sender=CompetencyArea)
def _area_saved(sender, instance, created, raw=False, **kwargs):
    if not (created or raw):
        refresh_search_documents_for(competency_links__competency__area=instance)
    invalidate_public_caches()


@receiver(post_delete, sender=Company)
def _company_deleted(sender, instance, **kwargs):
    _companies_being_deleted().discard(instance.pk)
    invalidate_public_caches()


@receiver(post_delete, sender=Competency)
@receiver(post_delete, sender=Sector)
@receiver(post_delete, sender=CompetencyArea)
@receiver([post_save, post_delete], sender=Cluster)
@receiver([post_save, post_delete], sender=CompanyMarket)
def _aggregates_changed(**kwargs):
    invalidate_public_caches()
