"""A company's profile is read once per data generation (clusters.caches.PROFILES): past
the page cache it runs no query, and any write it shows retires it at once."""

import pytest

from clusters.models import Company
from core.caching import retire_public_data
from tests.clusters.factories import (
    ClusterFactory,
    CompanyCompetencyFactory,
    CompanyFactory,
    CompetencyFactory,
)

pytestmark = pytest.mark.django_db


def test_a_profile_past_the_page_cache_runs_no_query(client, django_assert_num_queries):
    company = CompanyFactory(name="Cached Company")
    CompanyCompetencyFactory(company=company)
    assert client.get(company.get_absolute_url()).status_code == 200
    with django_assert_num_queries(0):
        again = client.get(company.get_absolute_url(), {"utm_source": "newsletter"})
    assert "Cached Company" in again.content.decode()


@pytest.mark.parametrize("change", ["company", "competency", "cluster", "link"])
def test_what_a_profile_shows_changes_at_once(client, change):
    company = CompanyFactory()
    link = CompanyCompetencyFactory(company=company)
    cluster = ClusterFactory()
    company.clusters.add(cluster)
    client.get(company.get_absolute_url())
    if change == "company":
        company.description = "Renamed company description."
        company.save()
        expected = "Renamed company description."
    elif change == "competency":
        link.competency.name = "Renamed competency"
        link.competency.save()
        expected = "Renamed competency"
    elif change == "cluster":
        cluster.name = "Renamed cluster"
        cluster.save()
        expected = "Renamed cluster"
    else:
        CompanyCompetencyFactory(company=company, competency=CompetencyFactory(name="Added one"))
        expected = "Added one"
    assert expected in client.get(company.get_absolute_url(), {"v": "2"}).content.decode()


def test_an_unpublished_company_is_gone_at_once(client):
    company = CompanyFactory()
    assert client.get(company.get_absolute_url()).status_code == 200
    Company.objects.filter(pk=company.pk).update(status=Company.Status.DRAFT)
    retire_public_data()  # what services call after a write that sends no signal
    assert client.get(company.get_absolute_url(), {"v": "2"}).status_code == 404


def test_the_profiles_main_part_is_a_fragment_identical_from_the_cache(client, monkeypatch):
    from clusters.selectors import profiles

    company = CompanyFactory(name="Fragment & Co", description="Sensors <for> parking.")
    CompanyCompetencyFactory(company=company)
    url = company.get_absolute_url()

    def main(response):
        body = response.content.decode()
        return body[body.index("<main") : body.index("</main>")]

    first = main(client.get(url, {"visit": 1}))
    assert "Fragment &amp; Co" in first and "Sensors &lt;for&gt; parking." in first

    def not_again(company):
        raise AssertionError("the fragment should have come from the cache")

    monkeypatch.setattr(profiles, "competencies_by_area", not_again)
    assert main(client.get(url, {"visit": 2})) == first
    monkeypatch.undo()
    italian = main(client.get("/it" + url, {"visit": 3}))  # its own fragment
    assert italian != first and "Competenze" in italian
