"""The read-only JSON API, version 1 (django-ninja). Thin: reads in api.selectors, records
in api.schemas; rate limits, conditional GET and caching headers in api.middleware."""

import json
from typing import Literal

from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError
from ninja.openapi.docs import Swagger

from clusters.caches import filters_digest
from opendata.search import PER_KIND, site_search

from . import caches, errors, pagination, schemas, selectors

LIST_ERRORS = {400: schemas.Error, 429: schemas.Error}
DETAIL_ERRORS = {404: schemas.Error, 429: schemas.Error}

Limit = Query(
    pagination.DEFAULT_LIMIT,
    ge=1,
    le=pagination.MAX_LIMIT,
    description=f"Records per page (1 to {pagination.MAX_LIMIT}).",
)
Cursor = Query(
    None,
    max_length=pagination.MAX_CURSOR_LENGTH,
    description="The `next_cursor` of the previous page; none for the first page.",
)

# The directory's filters (clusters.filters), checked the same way.
QUERY = Query("", max_length=1000, description="Free text, searched and ranked like the directory.")
SECTOR = Query([], description="Sector slugs (any of them).")
COMPETENCY = Query([], description="Competency slugs (any of them).")
CLUSTER = Query([], description="Cluster slugs (any of them).")
COUNTRY = Query([], description="ISO 3166 country codes (any of them).")
TARGET_MARKET = Query([], description="ISO 3166 codes of target markets (any of them).")
SIZE = Query([], description="Company sizes (any of them).")
SORT = Query(
    None,
    description=(
        "relevance (the default: by name without `q`), name, or updated (most recent first). "
        f"Relevance pages through the first {selectors.MAX_RANKED_RESULTS} matches; sort by "
        "name or updated to walk every match."
    ),
)

EVENT = Query("", max_length=250, description="Only this event's materials (its slug).")


class Docs(Swagger):
    """Swagger UI from the package's own files, started by a static script (strict CSP)."""

    template = "api/docs.html"

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings),
            "swagger_url": self.settings["url"],
        }
        return render(request, self.template, context)


api = NinjaAPI(
    title="C2Future portal API",
    version="1",
    description=(
        "Read-only public data of the C2Future portal: clusters, published companies (public "
        "fields only), the competency taxonomy, sectors, published events with their "
        "programme and materials, and speakers. Lists are paged by cursor: follow `next`. "
        "Responses carry ETag and Last-Modified (send If-None-Match or If-Modified-Since "
        "for a 304), clients are rate-limited (429 with Retry-After) and every error has the "
        "shape of the Error schema."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    # No deep links: they put a link inside each operation's toggle button (nested controls).
    docs=Docs(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0, "deepLinking": False}),
)


@api.exception_handler(errors.ApiError)
def _api_error(request, exc):
    return errors.error_response(exc.status, exc.code, exc.message, exc.details)


@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    return _api_error(request, errors.from_validation_errors(exc.errors))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _api_error(request, errors.not_found())


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return errors.error_response(exc.status_code, "error", str(exc))


def _page(request, results, next_cursor):
    next_url = None
    if next_cursor:
        params = request.GET.copy()
        params["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {"results": results, "next_cursor": next_cursor, "next": next_url}


def _decoded(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except pagination.InvalidCursor as exc:
        raise errors.invalid_parameters([{"parameter": "cursor", "message": str(exc)}]) from None


def _listing(request, page_of, record, *args, **kwargs):
    """One page of records: `page_of(*args, **kwargs)` gives (rows, next cursor)."""
    rows, next_cursor = _decoded(page_of, *args, **kwargs)
    return _page(request, [record(request, row) for row in rows], next_cursor)


def _found(value, message):
    """What a selector found, or the API's 404 with `message`."""
    if value is None:
        raise errors.not_found(message)
    return value


@api.get("/", response={200: schemas.Index, 429: schemas.Error}, summary="This API's entry points")
def index(request):
    def url(path):
        return request.build_absolute_uri(f"/api/v1/{path}")

    return {
        "version": "1",
        "openapi": url("openapi.json"),
        "docs": url("docs/"),
        "resources": {
            name: url(name)
            for name in (
                "clusters",
                "companies",
                "competencies",
                "sectors",
                "events",
                "materials",
                "speakers",
                "search",
            )
        },
    }


# ---- Clusters and taxonomy -----------------------------------------------------------------


@api.get("/clusters", response={200: schemas.ClusterList, **LIST_ERRORS}, summary="Clusters")
def cluster_list(request):
    return {"results": [schemas.cluster_record(request, c) for c in selectors.clusters()]}


@api.get("/clusters/{slug}", response={200: schemas.Cluster, **DETAIL_ERRORS}, summary="A cluster")
def cluster_detail(request, slug: str):
    cluster = _found(selectors.cluster(slug), _("No cluster here."))
    return schemas.cluster_record(request, cluster)


@api.get(
    "/competencies",
    response={200: schemas.Taxonomy, **LIST_ERRORS},
    summary="The competency taxonomy, by area",
)
def competencies(request):
    return {
        "areas": [
            {"slug": area["slug"], "name": area["name"], "competencies": area["items"]}
            for area in selectors.taxonomy()["areas"]
        ]
    }


@api.get("/sectors", response={200: schemas.SectorList, **LIST_ERRORS}, summary="Sectors")
def sectors(request):
    return {"results": selectors.taxonomy()["sectors"]}


# ---- Companies -----------------------------------------------------------------------------


@api.get(
    "/companies",
    response={200: schemas.CompanyPage, **LIST_ERRORS},
    summary="Published companies, with the directory's search and filters",
)
def company_list(
    request,
    q: str = QUERY,
    sector: list[str] = SECTOR,
    competency: list[str] = COMPETENCY,
    cluster: list[str] = CLUSTER,
    country: list[str] = COUNTRY,
    target_market: list[str] = TARGET_MARKET,
    size: list[Literal["micro", "small", "medium", "large"]] = SIZE,
    sort: Literal["relevance", "name", "updated"] | None = SORT,
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    parameters = {
        "q": q,
        "sector": sector,
        "competency": competency,
        "cluster": cluster,
        "country": country,
        "target_market": target_market,
        "size": size,
        "sort": sort or "",
    }
    # Records hold absolute URLs and translated names: keyed on the site and the language.
    key = (
        translation.get_language(),
        filters_digest({**parameters, "limit": limit, "cursor": cursor, "site": _site(request)}),
    )
    cached = caches.COMPANY_PAGES.get(*key)
    if cached is None:
        filterset = selectors.company_filter(parameters)
        if not filterset.is_valid():
            raise errors.from_form_errors(filterset.errors)
        rows, next_cursor = _decoded(selectors.company_page, filterset, limit=limit, cursor=cursor)
        records = [schemas.company_record(request, row) for row in rows]
        cached = {
            "results": [schemas.Company.model_validate(record) for record in records],
            "next_cursor": next_cursor,
        }
        caches.COMPANY_PAGES.set(cached, *key)
    # Already validated: django-ninja dumps a model of the response's type as it is.
    return schemas.CompanyPage.model_construct(
        **_page(request, cached["results"], cached["next_cursor"])
    )


def _site(request):
    return f"{request.scheme}://{request.get_host()}"


@api.get(
    "/companies/{slug}",
    response={200: schemas.Company, **DETAIL_ERRORS},
    summary="A published company",
)
def company_detail(request, slug: str):
    company = _found(selectors.company(slug), _("No published company here."))
    return schemas.company_record(request, company)


# ---- Events --------------------------------------------------------------------------------


@api.get(
    "/events",
    response={200: schemas.EventPage, **LIST_ERRORS},
    summary="Published events, newest first",
)
def event_list(request, limit: int = Limit, cursor: str | None = Cursor):
    return _listing(request, selectors.event_page, schemas.event_record, limit=limit, cursor=cursor)


@api.get(
    "/events/{slug}",
    response={200: schemas.EventDetail, **DETAIL_ERRORS},
    summary="A published event with its sessions, talks and materials",
)
def event_detail(request, slug: str):
    event = _found(selectors.event(slug), _("No published event here."))
    return schemas.event_detail_record(request, event)


@api.get(
    "/materials",
    response={200: schemas.MaterialPage, **LIST_ERRORS},
    summary="Materials of published events (metadata and download URL)",
)
def material_list(
    request,
    event: str = EVENT,
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    return _listing(
        request,
        selectors.material_page,
        schemas.material_item_record,
        event_slug=event,
        limit=limit,
        cursor=cursor,
    )


@api.get(
    "/speakers",
    response={200: schemas.SpeakerPage, **LIST_ERRORS},
    summary="Speakers at published events, by name",
)
def speaker_list(request, limit: int = Limit, cursor: str | None = Cursor):
    return _listing(
        request, selectors.speaker_page, schemas.speaker_record, limit=limit, cursor=cursor
    )


@api.get(
    "/speakers/{slug}",
    response={200: schemas.SpeakerDetail, **DETAIL_ERRORS},
    summary="A speaker with their talks at published events",
)
def speaker_detail(request, slug: str):
    speaker = _found(selectors.speaker(slug), _("No speaker here."))
    return schemas.speaker_detail_record(request, speaker)


# ---- One search ----------------------------------------------------------------------------

SEARCH_QUERY = Query(
    "",
    max_length=1000,
    description=(
        "Free text. Companies are searched like the directory (typos corrected), events, "
        "sessions, talks, speakers and materials of published events by title and text."
    ),
)


@api.get(
    "/search",
    response={200: schemas.SearchResults, **LIST_ERRORS},
    summary="One search: companies, events, sessions, talks, speakers and materials",
    description=f"Grouped by kind, each group ranked and capped at {PER_KIND} results.",
)
def search(request, q: str = SEARCH_QUERY):
    return schemas.search_record(request, site_search(q))
