"""The directory's filters (django-filter). Values are slugs and country codes, so URLs
are readable and shareable. A value the form rejects (unknown slug, NUL byte, ...) is
reported beside the filter and that filter is ignored: bad input never fails the page.

Within a facet the options are alternatives (OR); facets combine with AND.
"""

import copy
from dataclasses import dataclass, field
from typing import NamedTuple

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.forms import FixedChoices, SharedChoicesMixin
from core.languages import country_name

from .models import Company, CompanyCompetency, CompanyMarket
from .selectors import facets
from .selectors.search import (
    SORT_NAME,
    SORT_RELEVANCE,
    SORT_UPDATED,
    order_companies,
    prepare_search,
    search,
)

MAX_QUERY_LENGTH = 200
# Cluster facet options shown before the "more clusters" disclosure.
CLUSTERS_IN_VIEW = 12


# ---- What the directory's templates show -------------------------------------------------


@dataclass(frozen=True)
class FacetOption:
    """One checkbox of a facet: its URL value, label, result count and state."""

    value: str
    label: str
    count: int
    checked: bool


@dataclass(frozen=True)
class FacetGroup:
    """Options under a heading (the competencies of one area)."""

    label: str
    options: list[FacetOption]


@dataclass
class FacetPanel:
    """One facet of the filter panel: options, or grouped options, and those behind a
    "more" disclosure."""

    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    groups: list[FacetGroup] = field(default_factory=list)
    more: list[FacetOption] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.options or self.groups)


class FilterChip(NamedTuple):
    """An active filter value, shown as a "remove" chip."""

    facet: str
    value: str
    label: str


class SearchTextField(forms.CharField):
    """Free text, cleaned instead of refused: NUL bytes dropped, length capped."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\x00", "")[:MAX_QUERY_LENGTH].strip()


class CopiedCheaplyMixin:
    """For filters: the copy each FilterSet instance makes of a declared filter gets its
    own attributes and `extra` arguments, and shares their values.

    django-filter deep-copies every declared filter per request, the 250 countries of the
    country facets included: most of a millisecond of each directory request. A filter's
    values are replaced (FilterSet.__init__ sets `extra["choices"]`), never changed in
    place, so sharing them is safe. The form field is built afresh for each copy, and a
    `method` is bound again so that it calls the copy's FilterSet, not the declaration's.
    """

    def __deepcopy__(self, memo):
        copied = copy.copy(self)
        copied.__dict__.pop("_field", None)
        copied.extra = dict(self.extra)
        copied.method = self.method
        return copied


class SearchFilter(CopiedCheaplyMixin, django_filters.CharFilter):
    field_class = SearchTextField


def country_codes():
    """Every value the country choices accept: the codes, and "" of the break line after
    COUNTRIES_FIRST (the choices include it)."""
    codes = set(countries.countries)
    if countries.get_option("first") and countries.get_option("first_break"):
        codes.add("")
    return codes


class MultipleChoiceField(SharedChoicesMixin, django_filters.fields.MultipleChoiceField):
    pass


class ChoiceField(SharedChoicesMixin, django_filters.fields.ChoiceField):
    pass


class MultipleChoiceFilter(CopiedCheaplyMixin, django_filters.MultipleChoiceFilter):
    field_class = MultipleChoiceField


class ChoiceFilter(CopiedCheaplyMixin, django_filters.ChoiceFilter):
    field_class = ChoiceField


class CountryCodesField(MultipleChoiceField):
    """Checks a value against the set of codes: the default scan translates the 250 country
    names for every value checked, tens of milliseconds per directory request."""

    def valid_value(self, value):
        return str(value) in country_codes()


class CountryFilter(MultipleChoiceFilter):
    field_class = CountryCodesField


def _ids(options, slugs):
    by_slug = {option["slug"]: option["id"] for option in options}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


class CompanyFilter(django_filters.FilterSet):
    SORT_CHOICES = [
        (SORT_RELEVANCE, _("Relevance")),
        (SORT_NAME, _("Name")),
        (SORT_UPDATED, _("Recently updated")),
    ]

    q = SearchFilter(label=_("Search"), method="filter_q")
    sector = MultipleChoiceFilter(label=_("Sector"), method="filter_sector")
    competency = MultipleChoiceFilter(label=_("Competency"), method="filter_competency")
    cluster = MultipleChoiceFilter(label=_("Cluster"), method="filter_cluster")
    country = CountryFilter(
        label=_("Country"), choices=countries, field_name="country", distinct=False
    )
    target_market = CountryFilter(
        label=_("Target market"), choices=countries, method="filter_target_market"
    )
    size = MultipleChoiceFilter(
        label=_("Size"), choices=Company.Size.choices, field_name="size", distinct=False
    )
    sort = ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="filter_nothing", empty_label=None
    )

    # Filters that narrow the result (everything but sort).
    FACETS = facets.FACETS

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.taxonomy = facets.taxonomy()
        for name, choices in self.taxonomy["choices"].items():
            self.filters[name].extra["choices"] = FixedChoices(choices)

    # -- filter methods ------------------------------------------------------------------

    def filter_q(self, queryset, name, value):
        # Prepared once: the result and each facet's base query reuse it.
        if getattr(self, "_prepared_search", None) is None:
            self._prepared_search = prepare_search(value)
        return search(queryset, self._prepared_search)

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
            queryset = search(queryset, "")
        return order_companies(
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
        return facets.facet_counts(
            {facet: self.queryset_without(facet) for facet in self.FACETS}, filters=filters
        )

    # -- what the page shows --------------------------------------------------------------

    @property
    def current_sort(self):
        """The chosen sort, or relevance (which orders by name when there is no query): the
        sort box shows it as its first, empty option, so a new search never submits
        sort=name."""
        chosen = self.form.cleaned_data.get("sort") if self.is_bound else None
        return chosen or SORT_RELEVANCE

    def error_labels(self):
        """(field label, errors) of every rejected filter value."""
        if not self.is_bound:
            return []
        fields = self.form.fields
        return [
            (fields[name].label if name in fields else name, errors)
            for name, errors in self.errors.items()
        ]

    def active_chips(self):
        """A chip for every active filter value, labelled like its option."""
        labels = {
            "sector": {s["slug"]: s["name"] for s in self.taxonomy["sectors"]},
            "competency": {c["slug"]: c["name"] for c in self.taxonomy["competencies"]},
            "cluster": {c["slug"]: c["name"] for c in self.taxonomy["clusters"]},
            "size": dict(Company.Size.choices),
        }
        chips = []
        for facet, value in self.active_filters:
            label = labels[facet].get(value) if facet in labels else country_name(value)
            chips.append(FilterChip(facet, value, label or value))
        return chips

    def facet_panels(self):
        """The facet checkboxes: options with results (and every checked one), with counts
        (one query, see facet_counts)."""
        counts = self.facet_counts()
        taxonomy = self.taxonomy
        panels = {
            "sector": FacetPanel(
                "sector",
                _("Sector"),
                options=self._options(
                    counts, "sector", [(s["id"], s["slug"], s["name"]) for s in taxonomy["sectors"]]
                ),
            ),
            "cluster": self._cluster_panel(counts),
            "competency": FacetPanel(
                "competency",
                _("Competency"),
                groups=[
                    FacetGroup(area["name"], options)
                    for area in taxonomy["areas"]
                    if (
                        options := self._options(
                            counts,
                            "competency",
                            [(c["id"], c["slug"], c["name"]) for c in area["items"]],
                        )
                    )
                ],
            ),
            "country": FacetPanel(
                "country", _("Country"), options=self._by_count(counts, "country")
            ),
            "target_market": FacetPanel(
                "target_market", _("Target market"), options=self._by_count(counts, "target_market")
            ),
            "size": FacetPanel(
                "size",
                _("Size"),
                options=self._options(
                    counts, "size", [(v, v, label) for v, label in Company.Size.choices]
                ),
            ),
        }
        return list(panels.values())

    def _chosen(self, facet):
        data = self.form.cleaned_data if self.is_bound else {}
        return data.get(facet) or []

    def _options(self, counts, facet, items):
        """An option per (count key, value, label) that has results or is checked."""
        chosen = self._chosen(facet)
        options = []
        for key, value, label in items:
            count = counts[facet].get(str(key), 0)
            checked = value in chosen
            if count or checked:
                options.append(FacetOption(value, label, count, checked))
        return options

    def _by_count(self, counts, facet):
        """Country options, largest first: every country with results, and the chosen."""
        codes = set(counts[facet]) | set(self._chosen(facet))
        items = [(code, code, country_name(code) or code) for code in codes]
        return sorted(self._options(counts, facet, items), key=lambda o: (-o.count, o.label))

    def _cluster_panel(self, counts):
        # 300 clusters at scale: the partners, the checked ones and the largest stay in view,
        # the rest sit behind a "more" disclosure.
        clusters = self.taxonomy["clusters"]
        options = self._options(
            counts, "cluster", [(c["id"], c["slug"], c["name"]) for c in clusters]
        )
        partner_slugs = {c["slug"] for c in clusters if c.get("is_partner")}
        panel = FacetPanel("cluster", _("Cluster"))
        ranked = sorted(
            options, key=lambda o: (o.value not in partner_slugs and not o.checked, -o.count)
        )
        for rank, option in enumerate(ranked):
            keep = option.value in partner_slugs or option.checked or rank < CLUSTERS_IN_VIEW
            (panel.options if keep else panel.more).append(option)
        return panel

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
