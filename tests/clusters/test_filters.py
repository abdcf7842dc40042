"""The directory's FilterSet copies its declared filters cheaply (clusters.filters.
CopiedCheaplyMixin): each instance still gets filters of its own, bound to itself."""

import copy

import pytest

from clusters.filters import CompanyFilter
from clusters.models import Company
from events.forms import EventFilter


@pytest.mark.django_db
def test_each_filterset_has_its_own_filters_bound_to_itself(world):
    first = CompanyFilter({"sector": [world["mobility"].slug]}, queryset=Company.objects.all())
    second = CompanyFilter({"q": "charging"}, queryset=Company.objects.all())
    for filterset in (first, second):
        for name, filter_ in filterset.filters.items():
            assert filter_ is not CompanyFilter.base_filters[name]
            assert filter_.parent is filterset
            assert filter_.extra is not CompanyFilter.base_filters[name].extra
            if filter_.method:
                # The method runs on this instance's FilterSet (its taxonomy, its query).
                assert filter_.filter.f is filter_
    assert first.filters["sector"].field is not second.filters["sector"].field
    # Choices set per instance never reach the declarations.
    assert "choices" not in CompanyFilter.base_filters["sector"].extra
    assert not hasattr(CompanyFilter.base_filters["sector"], "parent")
    assert "_field" not in CompanyFilter.base_filters["sector"].__dict__


@pytest.mark.django_db
def test_a_copy_made_after_its_field_was_built_builds_its_own():
    declared = EventFilter.base_filters["kind"]
    built = copy.deepcopy(declared)
    field = built.field
    again = copy.deepcopy(built)
    assert again.field is not field
    assert list(again.field.choices) == list(field.choices)


@pytest.mark.django_db
def test_filter_methods_filter_by_their_own_instance(world):
    from .factories import full_company

    mobility = full_company(name="Alpha Mobility", sectors=[world["mobility"]])
    full_company(name="Beta Other", sectors=[])
    by_sector = CompanyFilter({"sector": [world["mobility"].slug]}, queryset=Company.objects.all())
    unfiltered = CompanyFilter({}, queryset=Company.objects.all())
    assert list(by_sector.qs.values_list("pk", flat=True)) == [mobility.pk]
    assert unfiltered.qs.count() == 2


@pytest.mark.django_db
def test_taxonomy_choices_are_made_once_per_taxonomy_and_follow_a_write(world):
    from clusters.selectors import facets

    first = facets.taxonomy()["choices"]
    assert facets.taxonomy()["choices"] is first  # the same taxonomy: kept
    assert (world["mobility"].slug, world["mobility"].name) in first["sector"]
    world["mobility"].name = "Mobility and transport"
    world["mobility"].save()  # a taxonomy write: a new taxonomy, new choices
    again = facets.taxonomy()["choices"]
    assert again is not first
    assert (world["mobility"].slug, "Mobility and transport") in again["sector"]
    filterset = CompanyFilter({}, queryset=Company.objects.all())
    assert list(filterset.filters["sector"].extra["choices"]) == list(again["sector"])


@pytest.mark.django_db
def test_grouped_competency_choices_still_validate(world):
    valid = CompanyFilter({"competency": [world["ev"].slug]}, queryset=Company.objects.all())
    invalid = CompanyFilter({"competency": ["no-such-thing"]}, queryset=Company.objects.all())
    assert valid.chosen_values == {"competency": [world["ev"].slug]}
    assert "competency" in invalid.errors and invalid.chosen_values == {}
    field = valid.form.fields["competency"]
    assert len(field.choices) == len(list(field.choices)) > 0
