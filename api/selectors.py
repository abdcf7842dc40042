"""Read queries of the JSON API: the directory's and the events archive's own selectors,
paged by key (api.pagination) and with everything a record shows in one prefetch each."""

import re
from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from clusters import selectors as clusters_selectors
from clusters.filters import CompanyFilter
from clusters.models import Cluster, Company, CompanyCompetency, CompanyMarket, Offering
from events import selectors as events_selectors
from events.models import Event, Material, Speaker, Talk

from . import pagination
from .caches import CLUSTERS

# Relevance-ranked searches page through the directory's cached ordered ids (one ranked
# query per filter combination and data generation): at most this many results.
MAX_RANKED_RESULTS = 1000
# What a slug in a URL may be: anything else (a NUL byte, 10,000 characters) finds nothing
# without asking the database.
_SLUG = re.compile(r"[-\w]{1,250}")


def _by_slug(queryset, slug):
    return queryset.filter(slug=slug).first() if _SLUG.fullmatch(slug or "") else None


def _company_records(queryset):
    return queryset.defer("search_document", "search_vector").prefetch_related(
        Prefetch("clusters", queryset=Cluster.objects.only("pk", "slug", "acronym", "name")),
        "sectors",
        Prefetch(
            "competency_links",
            queryset=CompanyCompetency.objects.select_related("competency__area").order_by(
                "competency__area__position", "competency__position", "competency__name"
            ),
        ),
        Prefetch("offerings", queryset=Offering.objects.select_related("sector")),
        Prefetch("markets", queryset=CompanyMarket.objects.order_by("kind", "priority")),
    )


def company_filter(params: Mapping[str, Any]) -> CompanyFilter:
    """The directory's filter set for these API parameters ({name: value or [values]})."""
    data = QueryDict(mutable=True)
    for name, value in params.items():
        values = value if isinstance(value, list | tuple) else [value]
        data.setlist(name, [str(v) for v in values if v is not None])
    return CompanyFilter(data, queryset=clusters_selectors.published_companies())


def company_page(
    filterset: CompanyFilter, *, limit: int, cursor: str | None
) -> tuple[list[Company], str | None]:
    """(companies, next cursor) of a valid filter set: the directory's search and order.

    Name and update order: keyset pages over every match. Relevance (a query, no other
    sort): positions in the cached ranked ids, the first MAX_RANKED_RESULTS matches.
    """
    sort = filterset.form.cleaned_data.get("sort") or clusters_selectors.SORT_RELEVANCE
    if sort == clusters_selectors.SORT_RELEVANCE and filterset.query:
        start = pagination.decode(cursor, "relevance", (pagination.offset,))
        start = start[0] if start else 0
        ids = clusters_selectors.result_ids(
            filterset.qs, {"api": MAX_RANKED_RESULTS, **filterset.chosen_values}, MAX_RANKED_RESULTS
        )
        page_ids = ids[start : start + limit]
        by_pk = {
            c.pk: c
            for c in _company_records(clusters_selectors.published_companies()).filter(
                pk__in=page_ids
            )
        }
        companies = [by_pk[pk] for pk in page_ids if pk in by_pk]
        more = start + limit < len(ids)
        return companies, pagination.encode("relevance", start + limit) if more else None
    queryset = _company_records(filterset.qs)
    if sort == clusters_selectors.SORT_UPDATED:
        return pagination.keyset_page(
            queryset,
            "updated",
            "updated_at",
            limit,
            cursor,
            descending=True,
            convert=pagination.moment,
        )
    return pagination.keyset_page(queryset, "name", "name", limit, cursor)


def company(slug: str) -> Company | None:
    return _by_slug(_company_records(clusters_selectors.published_companies()), slug)


def clusters() -> list[Cluster]:
    """Every cluster with its sectors and published member count, cached until the
    directory's data changes (api.caches)."""
    return CLUSTERS.get_or_set(
        "rows", compute=lambda: list(clusters_selectors.clusters_with_member_counts())
    )


def cluster(slug: str) -> Cluster | None:
    return _by_slug(clusters_selectors.clusters_with_member_counts(), slug)


def taxonomy() -> dict:
    return clusters_selectors.taxonomy()


# ---- Events --------------------------------------------------------------------------------


def _event_records(queryset):
    return queryset.select_related("organiser").prefetch_related(
        Prefetch("partner_clusters", queryset=Cluster.objects.order_by("name"))
    )


def event_page(*, limit: int, cursor: str | None) -> tuple[list[Event], str | None]:
    """Published events, newest first."""
    queryset = _event_records(events_selectors.published_events())
    return pagination.keyset_page(
        queryset, "start", "start", limit, cursor, descending=True, convert=pagination.moment
    )


def event(slug: str) -> Event | None:
    """A published event with its programme and materials (events.selectors), or None."""
    return events_selectors.event_detail(slug) if _SLUG.fullmatch(slug or "") else None


def material_page(
    *, event_slug: str, limit: int, cursor: str | None
) -> tuple[list[Material], str | None]:
    """Materials of published events (of one, with its slug), in the order they were added."""
    queryset = Material.objects.filter(event__status=Event.Status.PUBLISHED).select_related("event")
    if event_slug:
        if not _SLUG.fullmatch(event_slug):
            queryset = queryset.none()
        else:
            queryset = queryset.filter(event__slug=event_slug)
    return pagination.keyset_page(
        queryset, "id", "id", limit, cursor, convert=pagination.primary_key
    )


def _public_speakers() -> QuerySet[Speaker]:
    talks = Talk.objects.filter(session__event__status=Event.Status.PUBLISHED)
    return Speaker.objects.filter(pk__in=talks.values("speakers"))


def speaker_page(*, limit: int, cursor: str | None) -> tuple[list[Speaker], str | None]:
    """Speakers of published events' talks, by name."""
    return pagination.keyset_page(_public_speakers(), "name", "name", limit, cursor)


def speaker(slug: str) -> Speaker | None:
    return events_selectors.speaker_detail(slug) if _SLUG.fullmatch(slug or "") else None
