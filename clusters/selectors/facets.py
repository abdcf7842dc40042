"""Directory facets: the taxonomy (facet options, matrix rows) and the facet counts."""

from django.db.models import CharField, Count, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.translation import get_language

from .. import caches
from ..models import Cluster, Company, CompanyCompetency, CompanyMarket, Competency, Sector

# (data generation, {language: taxonomy}) of this process: every directory request reads
# the taxonomy, and unpickling 300 clusters from the cache each time cost ~3 ms on a loaded
# machine (0.3 ms kept here). Read-only data.
_taxonomy_of_generation = (None, {})


def taxonomy() -> dict:
    """Sectors, competencies grouped by area, clusters and the directory filter's choices,
    as plain cached data in the active language (names are translated,
    clusters/translation.py); also kept in the process for the current generation: every
    taxonomy write replaces it."""
    global _taxonomy_of_generation
    generation = caches.TAXONOMY.generation()
    language = get_language()
    kept_generation, kept = _taxonomy_of_generation
    if kept_generation != generation:
        kept = {}
        _taxonomy_of_generation = (generation, kept)
    if language not in kept:
        kept[language] = _cached_taxonomy(language)
    return kept[language]


def _cached_taxonomy(language):
    # The shared cache, computed on a miss: what the process-level copy saves reading.
    # "v2": the cached shape gained "choices"; values cached before it are never read.
    return caches.TAXONOMY.get_or_set("all", "v2", language, compute=_taxonomy)


def _taxonomy():
    areas = {}
    for competency in Competency.objects.select_related("area").order_by(
        "area__position", "area__name", "position", "name"
    ):
        area = areas.setdefault(
            competency.area_id,
            {"name": competency.area.name, "slug": competency.area.slug, "items": []},
        )
        area["items"].append(
            {"id": competency.pk, "slug": competency.slug, "name": competency.name}
        )
    data = {
        "sectors": [
            {"id": pk, "slug": slug, "name": name}
            for pk, slug, name in Sector.objects.values_list("pk", "slug", "name")
        ],
        "areas": list(areas.values()),
        "clusters": [
            {
                "id": pk,
                "slug": slug,
                "name": acronym or name,
                "full_name": name,
                "is_partner": is_partner,
            }
            for pk, slug, acronym, name, is_partner in Cluster.objects.order_by(
                "-is_partner", "acronym", "name"
            ).values_list("pk", "slug", "acronym", "name", "is_partner")
        ],
    }
    data["competencies"] = [item for area in data["areas"] for item in area["items"]]
    # The directory filter's choices, made with the taxonomy rather than on every request.
    data["choices"] = {
        "sector": tuple((s["slug"], s["name"]) for s in data["sectors"]),
        "competency": tuple(
            (area["name"], [(item["slug"], item["name"]) for item in area["items"]])
            for area in data["areas"]
        ),
        "cluster": tuple((c["slug"], c["name"]) for c in data["clusters"]),
    }
    return data


FACETS = ("sector", "competency", "cluster", "country", "target_market", "size")


def _grouped(queryset, facet, key):
    return (
        queryset.values(key=Cast(key, output_field=CharField()))
        .annotate(facet=Value(facet, output_field=CharField()), n=Count("pk"))
        .values_list("facet", "key", "n")
        .order_by()
    )


def facet_counts(
    base_querysets: dict[str, QuerySet[Company]], *, filters: dict | None = None
) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} in ONE query: a grouped COUNT per facet, UNION ALL.

    `base_querysets[facet]` is the result set filtered by every active filter except that
    facet's own, so each count says how many results choosing that option would add.
    With `filters` (the cleaned filter values) the counts are cached for that combination.
    """
    if filters is None:
        return _count_facets(base_querysets)
    return caches.FACETS.get_or_set(
        "counts", caches.filters_digest(filters), compute=lambda: _count_facets(base_querysets)
    )


def _count_facets(base_querysets):
    through_sector = Company.sectors.through.objects
    through_cluster = Company.clusters.through.objects
    parts = []
    for facet in FACETS:
        ids = base_querysets[facet].order_by().values("pk")
        if facet == "sector":
            parts.append(_grouped(through_sector.filter(company_id__in=ids), facet, "sector_id"))
        elif facet == "competency":
            parts.append(
                _grouped(
                    CompanyCompetency.objects.filter(company_id__in=ids), facet, "competency_id"
                )
            )
        elif facet == "cluster":
            parts.append(_grouped(through_cluster.filter(company_id__in=ids), facet, "cluster_id"))
        elif facet == "target_market":
            parts.append(
                _grouped(
                    CompanyMarket.objects.filter(
                        company_id__in=ids, kind=CompanyMarket.Kind.TARGET
                    ),
                    facet,
                    "country",
                )
            )
        else:  # country, size: columns of the company itself
            parts.append(
                _grouped(Company.objects.filter(pk__in=ids).exclude(**{facet: ""}), facet, facet)
            )
    counts = {facet: {} for facet in FACETS}
    for facet, value, n in parts[0].union(*parts[1:], all=True):
        counts[facet][value] = n
    return counts


def cluster_choices(*, ordering: tuple[str, ...] = (), cluster_ids=None) -> list[tuple]:
    """[(pk, name in the active language)] of the clusters, in `ordering` (the model's when
    empty), as a relation's get_choices() gives them: cached until a cluster changes, so the
    admin's cluster filter does not load 300 clusters on every list page. `cluster_ids`
    keeps only those clusters, in the same order."""
    choices = caches.TAXONOMY.get_or_set(
        "cluster-choices",
        get_language(),
        *ordering,
        compute=lambda: [
            (cluster.pk, str(cluster))
            for cluster in (
                Cluster.objects.order_by(*ordering) if ordering else Cluster.objects.all()
            )
        ],
    )
    if cluster_ids is None:
        return choices
    return [choice for choice in choices if choice[0] in cluster_ids]


def company_countries() -> list[str]:
    """The country codes of every company, any status (cached until a company changes):
    the admin's country filter offers these, not all 250 countries."""
    return caches.COMPANY_COUNTRIES.get_or_set(
        "codes",
        compute=lambda: list(
            Company.objects.exclude(country="")
            .order_by("country")  # not the model's ordering, which DISTINCT would include
            .values_list("country", flat=True)
            .distinct()
        ),
    )
