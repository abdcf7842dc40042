"""The directory's filters (django-filter). Values are slugs and country codes, so URLs
are readable and shareable. A value the form rejects (unknown slug, NUL byte, ...) is
reported beside the filter and that filter is ignored: bad input never fails the page.

Within a facet the options are alternatives (OR); facets combine with AND.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import selectors
from .models import Company, CompanyCompetency, CompanyMarket

MAX_QUERY_LENGTH = 200


class SearchTextField(forms.CharField):
    """Free text, cleaned instead of refused: NUL bytes dropped, length capped."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\x00", "")[:MAX_QUERY_LENGTH].strip()


class SearchFilter(django_filters.CharFilter):
    field_class = SearchTextField


def country_codes():
    """Every value the country choices accept: the codes, and "" of the break line after
    COUNTRIES_FIRST (the choices include it)."""
    codes = set(countries.countries)
    if countries.get_option("first") and countries.get_option("first_break"):
        codes.add("")
    return codes


class CountryCodesField(django_filters.fields.MultipleChoiceField):
    """Checks a value against the set of codes: the default scan translates the 250 country
    names for every value checked, tens of milliseconds per directory request."""

    def valid_value(self, value):
        return str(value) in country_codes()


class CountryFilter(django_filters.MultipleChoiceFilter):
    field_class = CountryCodesField


def _ids(options, slugs):
    by_slug = {option["slug"]: option["id"] for option in options}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


class CompanyFilter(django_filters.FilterSet):
    SORT_CHOICES = [
        (selectors.SORT_RELEVANCE, _("Relevance")),
        (selectors.SORT_NAME, _("Name")),
        (selectors.SORT_UPDATED, _("Recently updated")),
    ]

    q = SearchFilter(label=_("Search"), method="filter_q")
    sector = django_filters.MultipleChoiceFilter(label=_("Sector"), method="filter_sector")
    competency = django_filters.MultipleChoiceFilter(
        label=_("Competency"), method="filter_competency"
    )
    cluster = django_filters.MultipleChoiceFilter(label=_("Cluster"), method="filter_cluster")
    country = CountryFilter(
        label=_("Country"), choices=countries, field_name="country", distinct=False
    )
    target_market = CountryFilter(
        label=_("Target market"), choices=countries, method="filter_target_market"
    )
    size = django_filters.MultipleChoiceFilter(
        label=_("Size"), choices=Company.Size.choices, field_name="size", distinct=False
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="filter_nothing", empty_label=None
    )

    # Filters that narrow the result (everything but sort).
    FACETS = selectors.FACETS

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.taxonomy = selectors.taxonomy()
        self.filters["sector"].extra["choices"] = [
            (sector["slug"], sector["name"]) for sector in self.taxonomy["sectors"]
        ]
        self.filters["competency"].extra["choices"] = [
            (area["name"], [(item["slug"], item["name"]) for item in area["items"]])
            for area in self.taxonomy["areas"]
        ]
        self.filters["cluster"].extra["choices"] = [
            (cluster["slug"], cluster["name"]) for cluster in self.taxonomy["clusters"]
        ]

    # -- filter methods ------------------------------------------------------------------

    def filter_q(self, queryset, name, value):
        # Prepared once: the result and each facet's base query reuse it.
        if getattr(self, "_prepared_search", None) is None:
            self._prepared_search = selectors.prepare_search(value)
        return selectors.search(queryset, self._prepared_search)

    def filter_sector(self, queryset, name, value):
        ids = _ids(self.taxonomy["sectors"], value)
        through = Company.sectors.through.objects.filter(sector_id__in=ids)
        return queryset.filter(pk__in=through.values("company_id"))

    def filter_competency(self, queryset, name, value):
        ids = _ids(self.taxonomy["competencies"], value)
        links = CompanyCompetency.objects.filter(competency_id__in=ids)
        return queryset.filter(pk__in=links.values("company_id"))

    def filter_cluster(self, queryset, name, value):
        ids = _ids(self.taxonomy["clusters"], value)
        through = Company.clusters.through.objects.filter(cluster_id__in=ids)
        return queryset.filter(pk__in=through.values("company_id"))

    def filter_target_market(self, queryset, name, value):
        markets = CompanyMarket.objects.filter(kind=CompanyMarket.Kind.TARGET, country__in=value)
        return queryset.filter(pk__in=markets.values("company_id"))

    def filter_nothing(self, queryset, name, value):
        return queryset  # sorting happens after filtering, see filter_queryset

    # -- results -------------------------------------------------------------------------

    @property
    def query(self):
        return self.form.cleaned_data.get("q", "") if self.is_bound else ""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if "relevance" not in queryset.query.annotations:
            queryset = selectors.search(queryset, "")
        return selectors.order_companies(
            queryset, self.form.cleaned_data.get("sort"), has_query=bool(self.query)
        )

    def queryset_without(self, excluded):
        """The result filtered by every valid filter except `excluded` (for its facet)."""
        self.errors  # noqa: B018 - validates the form
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in (excluded, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def chosen_values(self):
        """The valid, non-empty filter values and sort: what the result list depends on."""
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018 - validates the form
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "", [])
        }

    def facet_counts(self):
        filters = {name: value for name, value in self.chosen_values.items() if name != "sort"}
        return selectors.facet_counts(
            {facet: self.queryset_without(facet) for facet in self.FACETS}, filters=filters
        )

    @property
    def active_filters(self):
        """(facet, value) pairs currently narrowing the result (valid ones only)."""
        if not self.is_bound:
            return []
        return [
            (facet, value)
            for facet in self.FACETS
            for value in self.form.cleaned_data.get(facet) or []
        ]
