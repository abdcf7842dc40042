"""clusters.caches: which writes retire which of the app's namespaces."""

import pytest

from clusters import caches, services
from clusters.models import Company

from .factories import CompanyCompetencyFactory, CompanyFactory, SectorFactory, full_company

pytestmark = pytest.mark.django_db


def _generations():
    return {
        name: namespace.generation()
        for name, namespace in {
            "taxonomy": caches.TAXONOMY,
            "facets": caches.FACETS,
            "skills_matrix": caches.SKILLS_MATRIX,
            "map_points": caches.MAP_POINTS,
        }.items()
    }


def _retired_by(write):
    before = _generations()
    write()
    after = _generations()
    return {name for name in before if after[name] != before[name]}


def test_a_company_write_leaves_the_taxonomy_cached(world):
    company = full_company(clusters=[world["clm"]])
    company.city = "Bergamo"
    assert _retired_by(company.save) == {"facets", "skills_matrix", "map_points"}


def test_a_taxonomy_write_retires_what_shows_it_but_not_the_map(world):
    sector = world["ict"]
    sector.name = "Test ICT and software"
    assert _retired_by(sector.save) == {"taxonomy", "facets"}


def test_competency_rows_and_memberships_retire_counts_and_the_matrix(world):
    company = CompanyFactory()
    assert _retired_by(
        lambda: CompanyCompetencyFactory(company=company, competency=world["ev"])
    ) >= {"facets", "skills_matrix"}
    assert _retired_by(lambda: company.clusters.add(world["dti"])) >= {"facets", "skills_matrix"}
    assert "facets" in _retired_by(lambda: company.sectors.add(SectorFactory()))


def test_bulk_writes_of_the_services_retire_every_namespace(world):
    draft = CompanyFactory(status=Company.Status.DRAFT)
    everything = {"taxonomy", "facets", "skills_matrix", "map_points"}
    assert _retired_by(lambda: services.publish([draft])) == everything
    # The search text is written with bulk_update / update (no signals): result ids go.
    assert "facets" in _retired_by(lambda: services.refresh_search_documents([draft.pk]))
