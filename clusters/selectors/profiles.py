"""Company profiles, result cards and cluster pages: published rows, one prefetch each."""

import hashlib
from collections.abc import Sequence

from django.db.models import Count, Prefetch, Q, QuerySet

from core.content_translations import localized

from ..caches import PROFILES
from ..models import (
    Cluster,
    Company,
    CompanyCompetency,
    CompanyMarket,
    CompetencyArea,
    Offering,
)
from ..public_fields import require_public


def published_companies() -> QuerySet[Company]:
    return Company.objects.published()


# Public fields only (clusters.public_fields): checked when this module is imported.
CARD_FIELDS = require_public(
    "pk", "name", "slug", "city", "country", "size", "description", "updated_at", "logo"
)
MEMBER_FIELDS = require_public("pk", "name", "slug", "city", "country", "size")


def with_card_data(queryset: QuerySet[Company]) -> QuerySet[Company]:
    """What a result card shows: clusters and competencies, one prefetch each."""
    return queryset.only(*CARD_FIELDS).prefetch_related(
        Prefetch("clusters", queryset=Cluster.objects.only("pk", "slug", "acronym", "name")),
        Prefetch(
            "competency_links",
            queryset=CompanyCompetency.objects.select_related("competency").order_by(
                "competency__name"
            ),
        ),
    )


def cards_in_order(ids: Sequence[int]) -> list[Company]:
    """The result cards of these companies, in the order of `ids` (one query + prefetches)."""
    by_pk = {company.pk: company for company in with_card_data(Company.objects.filter(pk__in=ids))}
    return [by_pk[pk] for pk in ids if pk in by_pk]


# ---- Clusters ------------------------------------------------------------------------------


def clusters_with_member_counts() -> QuerySet[Cluster]:
    published = Q(members__status=Company.Status.PUBLISHED)
    return (
        Cluster.objects.annotate(member_count=Count("members", filter=published, distinct=True))
        .prefetch_related("sectors")
        .order_by("-is_partner", "name")
    )


def cluster_by_slug(slug: str) -> Cluster | None:
    return Cluster.objects.prefetch_related("sectors").filter(slug=slug).first()


def cluster_members(cluster: Cluster) -> QuerySet[Company]:
    return (
        published_companies().filter(clusters=cluster).only(*MEMBER_FIELDS).order_by("name", "pk")
    )


def cluster_breakdown(cluster: Cluster) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Published members per sector and per competency area: two grouped queries."""
    published = Q(company__status=Company.Status.PUBLISHED)
    member_ids = Company.clusters.through.objects.filter(cluster=cluster).values("company_id")
    # Through tables read the original (English) column: the names in the page's language.
    by_sector = list(
        Company.sectors.through.objects.filter(published, company_id__in=member_ids)
        .values("sector__position", label=localized("sector__name"))
        .annotate(n=Count("company_id", distinct=True))
        .order_by("sector__position", "label")
        .values_list("label", "n")
    )
    by_area = list(
        CompanyCompetency.objects.filter(published, company_id__in=member_ids)
        .values("competency__area__position", label=localized("competency__area__name"))
        .annotate(n=Count("company_id", distinct=True))
        .order_by("competency__area__position", "label")
        .values_list("label", "n")
    )
    return by_sector, by_area


# ---- Company profile -----------------------------------------------------------------------


def company_profile(slug: str) -> Company | None:
    """A published company with everything its profile shows (one query per relation),
    cached until the directory's data changes (clusters.caches.PROFILES)."""
    key = hashlib.sha256(slug.encode()).hexdigest()
    return PROFILES.get_or_set(key, compute=lambda: _company_profile(slug))


def _company_profile(slug: str) -> Company | None:
    return (
        published_companies()
        .filter(slug=slug)
        .defer("search_document", "search_vector")  # a few KB a row, never shown
        .prefetch_related(
            Prefetch("clusters", queryset=Cluster.objects.order_by("name")),
            "sectors",
            Prefetch(
                "competency_links",
                queryset=CompanyCompetency.objects.select_related("competency__area").order_by(
                    "competency__area__position",
                    "competency__area__name",
                    "competency__position",
                    "competency__name",
                ),
            ),
            Prefetch("offerings", queryset=Offering.objects.select_related("sector")),
            Prefetch("markets", queryset=CompanyMarket.objects.order_by("kind", "priority")),
        )
        .first()
    )


def competencies_by_area(
    company: Company,
) -> list[tuple[CompetencyArea, list[CompanyCompetency]]]:
    groups = {}
    for link in company.competency_links.all():
        groups.setdefault(link.competency.area, []).append(link)
    return list(groups.items())
