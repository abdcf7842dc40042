import csv
import io

import pytest
from django import forms as django_forms
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from clusters import services
from clusters.models import Company
from clusters.permissions import CURATOR
from clusters.views import MAX_PAGES, RESULTS_PER_PAGE

from .factories import ClusterFactory, CompanyFactory, OfferingFactory, UserFactory, full_company

DIRECTORY = reverse("clusters:directory")


def names(response):
    return [company.name for company in response.context["page_obj"]]


@pytest.fixture
def companies(world):
    """Three published companies and one draft with different facets."""
    return {
        "charger": full_company(
            name="Alpha Chargers Srl",
            clusters=[world["clm"]],
            sectors=[world["mobility"]],
            competencies=[world["ev"]],
            targets=["US", "MX"],
            size="micro",
        ),
        "traffic": full_company(
            name="Beta Traffic Srl",
            clusters=[world["clm"]],
            sectors=[world["mobility"]],
            competencies=[world["traffic"]],
            targets=["CO"],
            size="medium",
        ),
        "iot": full_company(
            name="Gamma IoT EOOD",
            clusters=[world["dti"]],
            sectors=[world["ict"]],
            competencies=[world["iot"], world["ev"]],
            targets=["US"],
            country="BG",
            city="Sofia",
            size="small",
        ),
        "draft": full_company(
            name="Delta Draft Srl",
            clusters=[world["clm"]],
            competencies=[world["ev"]],
            status=Company.Status.DRAFT,
        ),
    }


def test_lists_only_published_companies_by_name(client, companies):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert names(response) == ["Alpha Chargers Srl", "Beta Traffic Srl", "Gamma IoT EOOD"]
    assert b"Delta Draft" not in response.content
    assert b"3 companies found" in response.content


@pytest.mark.django_db
def test_empty_directory_shows_empty_state(client):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert b"No company matches these filters." in response.content


def test_filters_by_competency_and_cluster(client, companies, world):
    response = client.get(DIRECTORY, {"competency": "t-ev-charging", "cluster": "t-clm"})
    assert names(response) == ["Alpha Chargers Srl"]
    response = client.get(DIRECTORY, {"competency": ["t-ev-charging", "t-traffic"]})
    assert names(response) == ["Alpha Chargers Srl", "Beta Traffic Srl", "Gamma IoT EOOD"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sector": "t-ict"}, ["Gamma IoT EOOD"]),
        ({"country": "BG"}, ["Gamma IoT EOOD"]),
        ({"target_market": "CO"}, ["Beta Traffic Srl"]),
        ({"target_market": ["MX", "CO"]}, ["Alpha Chargers Srl", "Beta Traffic Srl"]),
        ({"size": "micro"}, ["Alpha Chargers Srl"]),
        ({"cluster": "t-dti", "sector": "t-mobility"}, []),
    ],
)
def test_each_filter_narrows_the_result(client, companies, params, expected):
    assert names(client.get(DIRECTORY, params)) == expected


def test_facet_counts_reflect_the_other_filters(client, companies):
    response = client.get(DIRECTORY, {"cluster": "t-clm"})
    facets = {panel.name: panel for panel in response.context["facets"]}
    # The cluster facet ignores its own filter: both clusters keep their counts.
    clusters = {o.value: o.count for o in facets["cluster"].options}
    assert clusters == {"t-clm": 2, "t-dti": 1}
    # Other facets count within the cluster filter (the draft never counts).
    competencies = {
        option.value: option.count
        for group in facets["competency"].groups
        for option in group.options
    }
    assert competencies == {"t-ev-charging": 1, "t-traffic": 1}
    markets = {o.value: o.count for o in facets["target_market"].options}
    assert markets == {"US": 1, "MX": 1, "CO": 1}
    sizes = {o.value: o.count for o in facets["size"].options}
    assert sizes == {"micro": 1, "medium": 1}
    assert b"(2)" in response.content


def test_search_by_name_offering_and_competency(client, companies):
    OfferingFactory(company=companies["traffic"], name="Adaptive traffic light controller")
    assert names(client.get(DIRECTORY, {"q": "Gamma"})) == ["Gamma IoT EOOD"]
    assert names(client.get(DIRECTORY, {"q": "traffic light controller"})) == ["Beta Traffic Srl"]
    assert names(client.get(DIRECTORY, {"q": "IoT platforms"})) == ["Gamma IoT EOOD"]


def test_search_refreshes_when_an_offering_changes(client, companies):
    offering = OfferingFactory(company=companies["iot"], name="Parking occupancy sensors")
    assert names(client.get(DIRECTORY, {"q": "occupancy sensors"})) == ["Gamma IoT EOOD"]
    curator = UserFactory(username="offering-curator")
    curator.groups.add(Group.objects.get(name=CURATOR))
    client.force_login(curator)
    delete = reverse("admin:clusters_offering_delete", args=[offering.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    client.logout()
    assert names(client.get(DIRECTORY, {"q": "occupancy sensors"})) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search is PostgreSQL")
def test_misspelt_search_still_finds_charging_stations(client, companies):
    OfferingFactory(company=companies["charger"], name="EV charging stations")
    assert "Alpha Chargers Srl" in names(client.get(DIRECTORY, {"q": "charing stations"}))


def test_relevance_ranks_name_matches_first(client, world):
    full_company(name="Zeta Parking Srl", description="Parking for everyone.")
    full_company(name="Aardvark Srl", description="We also do some parking work.")
    response = client.get(DIRECTORY, {"q": "parking"})
    assert names(response)[0] == "Zeta Parking Srl"
    by_name = client.get(DIRECTORY, {"q": "parking", "sort": "name"})
    assert names(by_name) == ["Aardvark Srl", "Zeta Parking Srl"]


def test_sort_by_recently_updated(client, companies):
    companies["traffic"].description = "Updated just now."
    companies["traffic"].save()
    assert names(client.get(DIRECTORY, {"sort": "updated"}))[0] == "Beta Traffic Srl"


def test_csv_export_streams_the_filtered_public_fields(client, companies):
    company = companies["charger"]
    company.contact_name = "Private Person"
    company.contact_email = "private@example.com"
    company.vat_number = "IT999"
    company.save()
    response = client.get(DIRECTORY, {"cluster": "t-clm", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["name"] for row in rows] == ["Alpha Chargers Srl", "Beta Traffic Srl"]
    assert sorted(rows[0]["target_markets"].split()) == ["MX", "US"]
    assert "Test EV charging infrastructure" in rows[0]["competencies"]
    for secret in ("Private Person", "private@example.com", "IT999", "Delta Draft"):
        assert secret not in body


def test_csv_export_neutralises_spreadsheet_formulas(client, world):
    full_company(name="=HYPERLINK(1)")
    body = b"".join(client.get(DIRECTORY, {"format": "csv"}).streaming_content).decode()
    assert "'=HYPERLINK(1)" in body


def test_active_filters_are_shown_with_remove_links(client, companies):
    response = client.get(DIRECTORY, {"cluster": "t-clm", "size": "micro"})
    content = response.content.decode()
    assert "Test Lombardy cluster" not in content or "TCLM" in content
    assert 'href="?size=micro"' in content  # removing the cluster keeps the size


# ---- Pagination and bad input ------------------------------------------------------------


@pytest.fixture
def many_companies(world):
    CompanyFactory.create_batch(RESULTS_PER_PAGE * 2 + 5)


def test_pagination_pages_and_bad_page_numbers(client, many_companies):
    first = client.get(DIRECTORY)
    assert len(first.context["page_obj"]) == RESULTS_PER_PAGE
    assert first.context["page_obj"].paginator.num_pages == 3
    for page in ("abc", "", "0", "-1", "1.5", "\x00", "9" * 50):
        response = client.get(DIRECTORY, {"page": page})
        assert response.status_code == 200, page
    assert client.get(DIRECTORY, {"page": "99999"}).context["page_obj"].number == 3


def test_deep_pages_are_capped(client, many_companies, monkeypatch):
    monkeypatch.setattr("core.pagination.BoundedPaginator.max_pages", 2)
    response = client.get(DIRECTORY, {"page": "3"})
    assert response.context["page_obj"].number == 2
    assert b"Only the first 40 results are listed" in response.content
    assert MAX_PAGES >= 10


def test_count_is_capped_at_the_listed_results(client, many_companies, monkeypatch):
    # Only MAX_PAGES pages are listed, so counting further would be wasted work.
    monkeypatch.setattr("clusters.views.MAX_PAGES", 2)
    monkeypatch.setattr("core.pagination.BoundedPaginator.max_pages", 2)
    response = client.get(DIRECTORY)
    assert b"More than 40 companies found" in response.content
    assert response.context["page_obj"].paginator.num_pages == 2
    narrowed = client.get(DIRECTORY, {"q": many_companies_first_name()})
    assert b"More than" not in narrowed.content


def many_companies_first_name():
    return Company.objects.order_by("name").values_list("name", flat=True)[0]


def test_cached_result_list_follows_changes(client, companies, world):
    assert "Zeta Late Srl" not in names(client.get(DIRECTORY, {"cluster": "t-dti"}))
    full_company(name="Zeta Late Srl", clusters=[world["dti"]])  # ORM create: signals
    assert "Zeta Late Srl" in names(client.get(DIRECTORY, {"cluster": "t-dti"}))
    services.unpublish([Company.objects.get(name="Zeta Late Srl")])  # bulk: no signals
    assert "Zeta Late Srl" not in names(client.get(DIRECTORY, {"cluster": "t-dti"}))


@pytest.mark.parametrize(
    "params",
    [
        {"sector": "999999"},
        {"competency": "no-such-competency"},
        {"cluster": "<script>"},
        {"country": "XX"},
        {"target_market": "ZZ"},
        {"size": "gigantic"},
        {"sort": "price"},
        {"competency": "t-ev-charging\x00"},
    ],
)
def test_unknown_filter_values_are_reported_and_ignored(client, companies, params):
    response = client.get(DIRECTORY, params)
    assert response.status_code == 200
    assert b"Some filters were not recognised and have been ignored" in response.content
    assert len(response.context["page_obj"]) == 3  # the bad filter is ignored


def test_long_and_nul_queries_are_cleaned_not_refused(client, companies):
    response = client.get(DIRECTORY, {"q": "Gamma" + "x" * 5000})
    assert response.status_code == 200
    assert len(response.context["query"]) == 200
    response = client.get(DIRECTORY, {"q": "Gam\x00ma"})
    assert response.status_code == 200
    assert names(response) == ["Gamma IoT EOOD"]


def test_non_get_methods_are_refused(client, companies):
    assert client.post(DIRECTORY).status_code == 405


# ---- Query budget ------------------------------------------------------------------------


def _build(world, count):
    for index in range(count):
        full_company(
            name=f"Budget {index:03d} Srl",
            clusters=[world["clm"] if index % 2 else world["dti"]],
            sectors=[world["mobility"]],
            competencies=[world["ev"], world["iot"]],
            targets=["US", "CO"],
        )


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "Budget"},
        {"competency": ["t-ev-charging", "t-iot"], "cluster": "t-clm", "target_market": "US"},
        {"q": "charging", "sector": "t-mobility", "country": "IT", "size": "small", "page": "2"},
        {"sector": "999", "page": "abc"},
    ],
)
def test_directory_query_budget(client, world, size, params, django_assert_max_num_queries):
    _build(world, size)
    with django_assert_max_num_queries(10):
        response = client.get(DIRECTORY, params)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_csv_export_query_budget(client, world, size, django_assert_max_num_queries):
    _build(world, size)
    with django_assert_max_num_queries(10):
        response = client.get(DIRECTORY, {"format": "csv"})
        rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == size + 1


def test_cached_facet_counts_follow_changes(client, companies, world):
    def cluster_counts():
        response = client.get(DIRECTORY, {"size": ["micro", "small", "medium"]})
        facets = {panel.name: panel for panel in response.context["facets"]}
        return {o.value: o.count for o in facets["cluster"].options}

    assert cluster_counts() == {"t-clm": 2, "t-dti": 1}
    services.publish([companies["draft"]])  # bulk update: no model signals
    assert cluster_counts() == {"t-clm": 3, "t-dti": 1}
    full_company(clusters=[world["dti"]])  # created through the ORM: signals
    assert cluster_counts() == {"t-clm": 3, "t-dti": 2}


def test_small_clusters_go_behind_a_more_disclosure(client, companies, monkeypatch):
    monkeypatch.setattr("clusters.filters.CLUSTERS_IN_VIEW", 1)
    small = ClusterFactory(is_partner=False, acronym="TSMALL", slug="t-small")
    full_company(clusters=[small])
    response = client.get(DIRECTORY)
    panel = next(p for p in response.context["facets"] if p.name == "cluster")
    # Partners stay in view whatever their size; the small non-partner is under "more".
    assert [o.value for o in panel.options] == ["t-clm", "t-dti"]
    assert [o.value for o in panel.more] == ["t-small"]
    assert b'<details class="facet-more' in response.content
    assert b'value="t-small"' in response.content
    # Once checked it moves into view.
    checked = client.get(DIRECTORY, {"cluster": "t-small"}).context["facets"]
    panel = next(p for p in checked if p.name == "cluster")
    assert "t-small" in [o.value for o in panel.options]


def test_cached_unfiltered_facet_panel_follows_changes(client, companies, world):
    def cluster_label_count():
        content = client.get(DIRECTORY).content.decode()
        return content.count('name="cluster" value="t-dti"'), "(2)" in content.split(
            'for="f-cluster-t-dti"'
        )[1][:60]

    assert cluster_label_count() == (1, False)
    full_company(clusters=[world["dti"]])
    assert cluster_label_count() == (1, True)


@pytest.mark.parametrize("params", [{}, {"q": "charging", "cluster": "t-clm", "size": "micro"}])
def test_cached_cards_and_facets_render_the_same_page(
    client, companies, params, settings, django_assert_max_num_queries
):
    from django.core.cache import caches

    first = client.get(DIRECTORY, params)
    caches["pages"].clear()  # past the whole-page cache: the fragments answer
    with django_assert_max_num_queries(1):  # no card or facet-count queries on a hit
        again = client.get(DIRECTORY, params)
    assert again.content == first.content
    # And the same as rendered without any fragment cache at all.
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    caches["pages"].clear()
    assert client.get(DIRECTORY, params).content == first.content
    assert b"company-card" in again.content and b'id="facet-sector"' in again.content


def test_cached_cards_follow_a_company_edit(client, companies):
    assert b"Alpha Chargers Srl" in client.get(DIRECTORY, {"size": "micro"}).content
    charger = companies["charger"]
    charger.name = "Alpha Renamed Chargers Srl"
    charger.save()
    content = client.get(DIRECTORY, {"size": "micro"}).content
    assert b"Alpha Renamed Chargers Srl" in content
    assert b"Alpha Chargers Srl" not in content


def test_country_filters_accept_exactly_the_country_choices():
    from django_countries import countries

    from clusters.filters import CountryCodesField

    field = CountryCodesField(choices=countries)
    slow = django_forms.MultipleChoiceField(choices=countries)
    for value in ["IT", "US", "", "XX", "it", "EU", "\x00", "ITA"]:
        assert field.valid_value(value) == slow.valid_value(value), value


def test_taxonomy_is_kept_in_the_process_until_a_directory_write(world, monkeypatch):
    from clusters.selectors import facets

    first = facets.taxonomy()
    reads = []
    monkeypatch.setattr(
        facets.caches.TAXONOMY, "get_or_set", lambda *parts, **kwargs: reads.append(1) or first
    )
    assert facets.taxonomy() is first
    assert reads == []  # neither the cache nor the database was read again
    ClusterFactory(name="Brand New Cluster")  # a write: a new data generation
    monkeypatch.undo()
    assert "Brand New Cluster" in {c["full_name"] for c in facets.taxonomy()["clusters"]}
