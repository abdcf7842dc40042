"""Public pages of the clusters app. Thin: queries in selectors, filters in filters."""

import hashlib
import json
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django_ratelimit.decorators import ratelimit

from core import seo
from core.page_cache import cache_public_page
from core.pagination import MAX_PAGES, paginate
from core.spreadsheets import csv_lines

from . import caches
from .filters import CompanyFilter
from .models import CompanyCompetency
from .public_fields import PublicCompany, public_views, require_public
from .selectors import profiles
from .selectors import skills_map as skills_map_selectors
from .selectors.search import result_ids

RESULTS_PER_PAGE = 20
MEMBERS_PER_PAGE = 24
# ---- Clusters ------------------------------------------------------------------------------


@require_safe
@cache_public_page
def cluster_list(request):
    return render(
        request,
        "clusters/cluster_list.html",
        {"clusters": profiles.clusters_with_member_counts()},
    )


@require_safe
@cache_public_page
def cluster_detail(request, slug):
    cluster = profiles.cluster_by_slug(slug)
    if cluster is None:
        raise Http404(_("No cluster here."))
    by_sector, by_area = profiles.cluster_breakdown(cluster)
    page_obj = paginate(request, profiles.cluster_members(cluster), MEMBERS_PER_PAGE)
    page_obj.object_list = public_views(page_obj.object_list)
    return render(
        request,
        "clusters/cluster_detail.html",
        {
            "cluster": cluster,
            "page_obj": page_obj,
            "by_sector": by_sector,
            "by_area": by_area,
        },
    )


# ---- Directory -----------------------------------------------------------------------------


def _digest(value):
    """A short, stable key part for a fragment cached per filters or per list of ids."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def _market_codes(company, kind):
    return " ".join(m.country.code for m in company.markets.all() if m.kind == kind)


# (column, the public field it shows, how to read it from a PublicCompany and the request)
CSV_COLUMNS = [
    ("name", "name", lambda c, r: c.name),
    ("profile_url", "slug", lambda c, r: r.build_absolute_uri(c.get_absolute_url())),
    ("website", "website", lambda c, r: c.website),
    ("country", "country", lambda c, r: c.country.code),
    ("city", "city", lambda c, r: c.city),
    ("size", "size", lambda c, r: c.get_size_display()),
    ("founding_year", "founding_year", lambda c, r: c.founding_year or ""),
    ("sectors", "sectors", lambda c, r: "; ".join(s.name for s in c.sectors.all())),
    (
        "clusters",
        "clusters",
        lambda c, r: "; ".join(cl.acronym or cl.name for cl in c.clusters.all()),
    ),
    (
        "competencies",
        "competency_links",
        lambda c, r: "; ".join(
            f"{link.competency.name} ({link.get_level_display()})"
            for link in c.competency_links.all()
        ),
    ),
    ("current_markets", "markets", lambda c, r: _market_codes(c, "current")),
    ("target_markets", "markets", lambda c, r: _market_codes(c, "target")),
    ("certifications", "certifications", lambda c, r: c.certifications),
    ("languages", "languages", lambda c, r: c.languages),
    ("public_email", "public_email", lambda c, r: c.public_email),
    ("public_phone", "public_phone", lambda c, r: c.public_phone),
]
# Fails at import if a column would show a field clusters.public_fields does not list.
require_public(*(field for _column, field, _read in CSV_COLUMNS))
CSV_HEADER = [column for column, _field, _read in CSV_COLUMNS]


def _csv_rows(request, queryset):
    yield CSV_HEADER
    for company in queryset.iterator(chunk_size=500):
        public = PublicCompany(company)
        yield [read(public, request) for _column, _field, read in CSV_COLUMNS]


@ratelimit(key="ip", rate="30/m", method="GET", block=True)
def _directory_csv(request, filterset):
    # Public fields only (CSV_COLUMNS, read through PublicCompany); published companies only.
    queryset = filterset.qs.prefetch_related(
        "sectors",
        "clusters",
        "markets",
        Prefetch(
            "competency_links",
            queryset=CompanyCompetency.objects.select_related("competency"),
        ),
    )
    response = StreamingHttpResponse(
        csv_lines(_csv_rows(request, queryset)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="c2future-directory.csv"'
    return response


def _query_string(request, *, replace=None, remove_value=None):
    """The current query string, starting with "?", without the page number: with some
    parameters replaced (`replace`) or one value of a repeatable parameter removed
    (`remove_value=(name, value)`)."""
    # What QueryDict.copy(), pop, item assignment and urlencode() give, without deep-copying
    # the query for each chip's link.
    replace = replace or {}
    removed_name, removed_value = remove_value or (None, None)
    pairs = []
    for key, values in request.GET.lists():
        if key == "page":
            continue
        if key in replace:
            values = [replace[key]]
        if key == removed_name:
            values = [value for value in values if value != removed_value]
        pairs += [(key, value) for value in values]
    pairs += [(k, v) for k, v in replace.items() if k == "page" or k not in request.GET]
    return f"?{urlencode(pairs)}"


def _sort_options(filterset):
    """(submitted value, label, selected) of each sort choice: relevance submits nothing, so
    an untouched sort box adds no parameter to the search."""
    return [
        ("" if value == "relevance" else value, label, value == filterset.current_sort)
        for value, label in filterset.SORT_CHOICES
    ]


def _removable_chips(request, chips):
    """(label, link without that filter value) for every active filter chip."""
    return [
        (chip.label, _query_string(request, remove_value=(chip.facet, chip.value)))
        for chip in chips
    ]


@require_safe
@cache_public_page
def directory(request):
    filterset = CompanyFilter(request.GET, queryset=profiles.published_companies())
    if request.GET.get("format") == "csv":
        return _directory_csv(request, filterset)
    # Only the ids of the listed results (MAX_PAGES pages) plus one: more is "1,000+".
    ids = result_ids(
        # Built only on a miss: the search annotations alone cost milliseconds of Python.
        SimpleLazyObject(lambda: filterset.qs),
        filterset.chosen_values,
        MAX_PAGES * RESULTS_PER_PAGE + 1,
    )
    page_obj = paginate(request, ids, RESULTS_PER_PAGE)
    page_ids = list(page_obj.object_list)
    # Lazy, like the facet panels: on a fragment-cache hit the template reads neither.
    page_obj.object_list = SimpleLazyObject(lambda: public_views(profiles.cards_in_order(page_ids)))
    is_filtered = bool(filterset.query or filterset.active_filters)
    # The rendered cards and facet panels are the same for every visitor of the same
    # results: cached per data generation, language and (for the facets) filters.
    facet_filters = {k: v for k, v in filterset.chosen_values.items() if k != "sort"}
    return render(
        request,
        "clusters/directory.html",
        {
            "filterset": filterset,
            "query": filterset.query,
            "page_obj": page_obj,
            "count_is_capped": len(ids) > MAX_PAGES * RESULTS_PER_PAGE,
            "count_cap": MAX_PAGES * RESULTS_PER_PAGE,
            "facets": SimpleLazyObject(filterset.facet_panels),
            "filter_errors": filterset.error_labels(),
            "sort": filterset.current_sort,
            "sort_options": _sort_options(filterset),
            "active_chips": _removable_chips(request, filterset.active_chips()),
            "csv_url": _query_string(request, replace={"format": "csv"}),
            "is_filtered": is_filtered,
            "fragments_version": caches.cache_generation(),
            "facets_cache_key": _digest(facet_filters),
            "page_ids": page_ids,
            "results_cache_key": _digest(page_ids),
        },
    )


# ---- Company profile ---------------------------------------------------------------------


def _meta_description(company):
    """ "Name, City: the first 25 words of its description" (or a generic one)."""
    place = f"{company.name}, {company.city}" if company.city else company.name
    summary = Truncator(str(company.description)).words(25, truncate=" …")
    return f"{place}: {summary or _('smart-city SME in the C2Future directory.')}"


def _organization_jsonld(request, company):
    """schema.org data of a PublicCompany: only public fields can be read from it."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": company.name,
        "url": request.build_absolute_uri(company.get_absolute_url()),
    }
    if company.website:
        data["sameAs"] = [company.website]
    if company.description:
        data["description"] = company.description[:500]
    if company.founding_year:
        data["foundingDate"] = str(company.founding_year)
    if company.public_email:
        data["email"] = company.public_email
    if company.public_phone:
        data["telephone"] = company.public_phone
    address = {
        key: value
        for key, value in (
            ("addressLocality", company.city),
            ("addressCountry", company.country.code),
        )
        if value
    }
    if address:
        data["address"] = {"@type": "PostalAddress", **address}
    if company.has_coordinates:
        # schema.org has no geo on an Organization: it belongs to its Place.
        data["location"] = {
            "@type": "Place",
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(company.latitude),
                "longitude": float(company.longitude),
            },
        }
        if address:
            data["location"]["address"] = data["address"]
    clusters = list(company.clusters.all())
    if clusters:
        data["memberOf"] = [
            {
                "@type": "Organization",
                "name": cluster.name,
                "url": request.build_absolute_uri(cluster.get_absolute_url()),
            }
            for cluster in clusters
        ]
    links = company.competency_links.all()
    if links:
        data["knowsAbout"] = [link.competency.name for link in links]
    offerings = company.offerings.all()
    if offerings:
        data["makesOffer"] = [
            {"@type": "Offer", "itemOffered": {"@type": "Thing", "name": offering.name}}
            for offering in offerings
        ]
    if company.has_public_contact:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "name": company.contact_name,
            "contactType": company.contact_role or "sales",
            "email": company.contact_email,
            "telephone": company.contact_phone,
        }
    return seo.json_ld(data)  # safe inside <script>: no "</script>" can be formed


@require_safe
@cache_public_page
def company_detail(request, slug):
    company = profiles.company_profile(slug)
    if company is None:
        raise Http404(_("No published company here."))
    markets = {"current": [], "target": []}
    for market in company.markets.all():
        markets[market.kind].append(market)
    public = PublicCompany(company)
    return render(
        request,
        "clusters/company_detail.html",
        {
            "company": public,
            # The page's main part is a fragment cached per slug, language and profile
            # generation: on a hit the template reads none of the lazy values.
            "profile_version": caches.PROFILES.generation(),
            "competency_groups": SimpleLazyObject(lambda: profiles.competencies_by_area(company)),
            # Country names, in the selector's order.
            "current_markets": [market.country.name for market in markets["current"]],
            "target_markets": [market.country.name for market in markets["target"]],
            "meta_description": _meta_description(public),
            "jsonld": _organization_jsonld(request, public),
            "map_tile_url": settings.MAP_TILE_URL,
        },
    )


# ---- Skills map ----------------------------------------------------------------------------

DIMENSIONS = {
    "cluster": gettext_lazy("Clusters"),
    "country": gettext_lazy("Countries"),
    "target_market": gettext_lazy("Target markets"),
}

# The matrix's caption and the heading of its "other" column, per dimension.
MATRIX_LABELS = {
    "cluster": {
        "caption": gettext_lazy("Published SMEs per competency and cluster"),
        "other": gettext_lazy("Other clusters"),
    },
    "country": {
        "caption": gettext_lazy("Published SMEs per competency and country"),
        "other": gettext_lazy("Other countries"),
    },
    "target_market": {
        "caption": gettext_lazy("Published SMEs per competency and target market"),
        "other": gettext_lazy("Other markets"),
    },
}


@require_safe
@cache_public_page
def skills_map(request):
    dimension = request.GET.get("by")
    if dimension not in skills_map_selectors.MATRIX_DIMENSIONS:
        dimension = "cluster"
    return render(
        request,
        "clusters/skills_map.html",
        {
            # Lazy: on a fragment-cache hit the template never reads the matrix at all.
            "matrix": SimpleLazyObject(lambda: skills_map_selectors.skills_matrix(dimension)),
            "matrix_version": caches.SKILLS_MATRIX.generation(),
            "dimension": dimension,
            "labels": MATRIX_LABELS[dimension],
            # (key, label, link to the matrix by that dimension)
            "dimensions": [
                (key, label, f"?{urlencode({'by': key})}#matrix-title")
                for key, label in DIMENSIONS.items()
            ],
            "map_tile_url": settings.MAP_TILE_URL,
        },
    )


@require_safe
@cache_public_page
def map_points(request):
    return JsonResponse({"points": skills_map_selectors.map_points()})
