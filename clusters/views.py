"""Public pages of the clusters app. Thin: queries in selectors, filters in filters."""

from math import ceil

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django_ratelimit.decorators import ratelimit

from core import seo
from core.page_cache import cache_public_page
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
# Deep pages are capped: past this a visitor is asked to refine the search instead.
MAX_PAGES = 50


class BoundedPaginator(Paginator):
    """A paginator that never offers more than MAX_PAGES pages (deep OFFSETs are slow)."""

    max_pages = MAX_PAGES

    @cached_property
    def total_pages(self):
        if self.count == 0:
            return 1
        return ceil(max(1, self.count - self.orphans) / self.per_page)

    @cached_property
    def num_pages(self):
        return min(self.total_pages, self.max_pages)

    @property
    def is_capped(self):
        return self.total_pages > self.max_pages

    @property
    def listed_count(self):
        return min(self.count, self.num_pages * self.per_page)


def paginate(request, queryset, per_page):
    # get_page turns "abc", "" or NUL into page 1 and 99999 into the last (capped) page;
    # 0 and negative numbers mean the first page, not the last.
    number = request.GET.get("page")
    try:
        if int(number) < 1:
            number = 1
    except (TypeError, ValueError):
        pass
    return BoundedPaginator(queryset, per_page).get_page(number)


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


@require_safe
@cache_public_page
def directory(request):
    filterset = CompanyFilter(request.GET, queryset=profiles.published_companies())
    if request.GET.get("format") == "csv":
        return _directory_csv(request, filterset)
    # Only the ids of the listed results (MAX_PAGES pages) plus one: more is "1,000+".
    ids = result_ids(
        filterset.qs,
        filterset.chosen_values,
        MAX_PAGES * RESULTS_PER_PAGE + 1,
    )
    page_obj = paginate(request, ids, RESULTS_PER_PAGE)
    page_obj.object_list = public_views(profiles.cards_in_order(list(page_obj.object_list)))
    is_filtered = bool(filterset.query or filterset.active_filters)
    return render(
        request,
        "clusters/directory.html",
        {
            "filterset": filterset,
            "query": filterset.query,
            "page_obj": page_obj,
            "count_is_capped": len(ids) > MAX_PAGES * RESULTS_PER_PAGE,
            "count_cap": MAX_PAGES * RESULTS_PER_PAGE,
            "facets": filterset.facet_panels(),
            "filter_errors": filterset.error_labels(),
            "sort": filterset.current_sort,
            "active_chips": filterset.active_chips(),
            "is_filtered": is_filtered,
            # The unfiltered facet panel (hundreds of options) is the same for every
            # visitor: rendered once per data generation (see clusters.caches).
            "facets_cache_version": None if is_filtered else caches.cache_generation(),
        },
    )


# ---- Company profile ---------------------------------------------------------------------


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
            "competency_groups": profiles.competencies_by_area(company),
            "current_markets": markets["current"],
            "target_markets": markets["target"],
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
            "matrix_version": caches.cache_generation(),
            "dimension": dimension,
            "dimensions": DIMENSIONS.items(),
            "map_tile_url": settings.MAP_TILE_URL,
        },
    )


@require_safe
@cache_public_page
def map_points(request):
    return JsonResponse({"points": skills_map_selectors.map_points()})
