import json
import re

import pytest
from django.urls import reverse

from clusters import services
from clusters.models import Company, CompanyCompetency

from .factories import ClusterFactory, CompanyCompetencyFactory, CompanyFactory, full_company

# ---- Clusters ------------------------------------------------------------------------------


def test_cluster_list_counts_published_members(client, world):
    full_company(clusters=[world["clm"]])
    full_company(clusters=[world["clm"]], status=Company.Status.DRAFT)
    response = client.get(reverse("clusters:list"))
    assert response.status_code == 200
    counts = {c.slug: c.member_count for c in response.context["clusters"]}
    assert counts == {"t-clm": 1, "t-dti": 0}
    assert b"1 SME in the directory" in response.content


@pytest.mark.django_db
def test_cluster_list_empty_state(client):
    response = client.get(reverse("clusters:list"))
    assert b"No clusters yet." in response.content


def test_cluster_detail_shows_members_and_breakdowns(client, world):
    full_company(
        name="Kappa Srl",
        clusters=[world["clm"]],
        sectors=[world["mobility"]],
        competencies=[world["ev"], world["traffic"]],
    )
    full_company(name="Hidden Srl", clusters=[world["clm"]], status=Company.Status.ARCHIVED)
    response = client.get(reverse("clusters:detail", kwargs={"slug": "t-clm"}))
    assert response.status_code == 200
    assert [c.name for c in response.context["page_obj"]] == ["Kappa Srl"]
    assert response.context["by_sector"] == [("Test Mobility", 1)]
    assert response.context["by_area"] == [("Test mobility", 1)]
    assert b"Hidden Srl" not in response.content
    assert b"<caption" in response.content and b'scope="row"' in response.content
    assert b"?cluster=t-clm" in response.content


def test_cluster_detail_without_members_and_unknown_slug(client, world):
    response = client.get(reverse("clusters:detail", kwargs={"slug": "t-dti"}))
    assert b"No published members yet." in response.content
    assert client.get("/clusters/no-such-cluster/").status_code == 404
    assert client.get("/clusters/t-clm/?page=abc").status_code == 200


# ---- Company profile -----------------------------------------------------------------------


@pytest.fixture
def profile_company(world):
    company = full_company(
        name="Omega Mobility Srl",
        clusters=[world["clm"]],
        sectors=[world["mobility"]],
        competencies=[world["ev"], world["iot"]],
        targets=["US", "MX"],
        website="https://omega.example.com/",
        public_email="info@omega.example.com",
        contact_name="Maria Private",
        contact_email="maria@omega.example.com",
        description="Chargers </script><script>alert(1)</script> for cities.",
    )
    CompanyCompetency.objects.filter(company=company, competency=world["ev"]).update(
        level=CompanyCompetency.Level.EXPERT
    )
    return company


def _jsonld(response):
    match = re.search(
        rb'<script type="application/ld\+json">(.*?)</script>',
        response.content,
        re.S,
    )
    assert match, "JSON-LD data block"
    return json.loads(match.group(1))


def test_profile_shows_everything_public(client, profile_company):
    response = client.get(profile_company.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    for fragment in [
        "Omega Mobility Srl",
        "Test mobility",  # competency area heading
        "Test EV charging infrastructure",
        "Expert",
        "Test offering",
        "United States of America",
        "Mexico",
        "TCLM",
        "info@omega.example.com",
        reverse("surveys:request_update", kwargs={"slug": profile_company.slug}),
        'data-lat="45.470000"',
        "js/map_pin.js",
    ]:
        assert fragment in content, fragment
    assert "<script>alert(1)</script>" not in content


def test_profile_hides_contact_person_without_consent(client, profile_company):
    content = client.get(profile_company.get_absolute_url()).content.decode()
    assert "Maria Private" not in content
    assert "maria@omega.example.com" not in content
    assert "contactPoint" not in json.dumps(_jsonld(client.get(profile_company.get_absolute_url())))

    profile_company.consent_publish_contact = True
    profile_company.save()
    response = client.get(profile_company.get_absolute_url())
    assert "Maria Private" in response.content.decode()
    assert _jsonld(response)["contactPoint"]["email"] == "maria@omega.example.com"


def test_profile_json_ld_is_a_schema_org_organization(client, profile_company):
    data = _jsonld(client.get(profile_company.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Omega Mobility Srl"
    assert data["url"].endswith("/directory/omega-mobility-srl/") or data["url"].endswith(
        profile_company.get_absolute_url()
    )
    assert data["memberOf"][0]["name"] == "Test Lombardy cluster"
    assert "Test EV charging infrastructure" in data["knowsAbout"]
    # The description's "</script>" cannot end the script element early.
    assert "</script>" in data["description"]


@pytest.mark.parametrize("status", [Company.Status.DRAFT, Company.Status.ARCHIVED])
def test_unpublished_profiles_are_404(client, world, status):
    company = CompanyFactory(status=status)
    assert client.get(company.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_unknown_profile_is_404(client):
    assert client.get("/directory/no-such-company/").status_code == 404


def test_profile_without_coordinates_has_no_map(client, world):
    company = full_company(latitude=None, longitude=None)
    content = client.get(company.get_absolute_url()).content.decode()
    assert "company-map" not in content
    assert "leaflet.js" not in content


# ---- Skills map ----------------------------------------------------------------------------


@pytest.fixture
def mapped(world):
    full_company(name="A Srl", clusters=[world["clm"]], competencies=[world["ev"]], targets=["US"])
    full_company(
        name="B Srl",
        clusters=[world["clm"], world["dti"]],
        competencies=[world["ev"], world["iot"]],
        targets=["US", "CO"],
        country="BG",
    )
    full_company(
        name="Draft Srl",
        clusters=[world["dti"]],
        competencies=[world["iot"]],
        status=Company.Status.DRAFT,
    )
    return world


def _cells(matrix):
    return {
        (row["competency"]["slug"], cell["column"]["param"]): cell["count"]
        for area in matrix["areas"]
        for row in area["rows"]
        for cell in row["cells"]
        if cell["count"]
    }


def test_matrix_by_cluster(client, mapped):
    response = client.get(reverse("clusters:skills_map"))
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert _cells(matrix) == {
        ("t-ev-charging", "t-clm"): 2,
        ("t-ev-charging", "t-dti"): 1,
        ("t-iot", "t-clm"): 1,
        ("t-iot", "t-dti"): 1,
    }
    content = response.content.decode()
    assert "<caption" in content and 'scope="col"' in content and 'scope="row"' in content
    assert "/directory/?competency=t-ev-charging&amp;cluster=t-clm" in content


def test_matrix_by_country_and_target_market(client, mapped):
    by_country = client.get(reverse("clusters:skills_map"), {"by": "country"}).context["matrix"]
    assert _cells(by_country) == {
        ("t-ev-charging", "IT"): 1,
        ("t-ev-charging", "BG"): 1,
        ("t-iot", "BG"): 1,
    }
    by_market = client.get(reverse("clusters:skills_map"), {"by": "target_market"})
    assert _cells(by_market.context["matrix"]) == {
        ("t-ev-charging", "US"): 2,
        ("t-ev-charging", "CO"): 1,
        ("t-iot", "US"): 1,
        ("t-iot", "CO"): 1,
    }
    assert "target_market=CO" in by_market.content.decode()


def test_matrix_unknown_dimension_falls_back(client, mapped):
    response = client.get(reverse("clusters:skills_map"), {"by": "\x00nonsense"})
    assert response.status_code == 200
    assert response.context["dimension"] == "cluster"


def test_matrix_cache_follows_publish_and_edits(client, mapped):
    url = reverse("clusters:skills_map")
    assert _cells(client.get(url).context["matrix"])[("t-iot", "t-dti")] == 1
    draft = Company.objects.get(name="Draft Srl")
    services.publish([draft])
    assert _cells(client.get(url).context["matrix"])[("t-iot", "t-dti")] == 2
    services.unpublish([draft])
    assert _cells(client.get(url).context["matrix"])[("t-iot", "t-dti")] == 1
    # An edit through the ORM (admin, questionnaire) clears the cache via signals.
    CompanyCompetencyFactory(company=Company.objects.get(name="A Srl"), competency=mapped["iot"])
    assert _cells(client.get(url).context["matrix"])[("t-iot", "t-clm")] == 2
    Company.objects.get(name="A Srl").clusters.remove(mapped["clm"])
    assert _cells(client.get(url).context["matrix"])[("t-iot", "t-clm")] == 1


def _others(matrix):
    return {
        row["competency"]["slug"]: row["other"]
        for area in matrix["areas"]
        for row in area["rows"]
        if row["other"]
    }


def test_matrix_non_partner_clusters_share_one_other_column(client, mapped):
    outsiders = [ClusterFactory(is_partner=False) for _ in range(3)]
    # In two non-partner clusters at once: still one company in the "other" column.
    full_company(name="C Srl", clusters=outsiders[:2], competencies=[mapped["ev"]])
    response = client.get(reverse("clusters:skills_map"))
    matrix = response.context["matrix"]
    assert {column["param"] for column in matrix["columns"]} == {"t-clm", "t-dti"}
    assert _others(matrix) == {"t-ev-charging": 1}
    content = response.content.decode()
    assert "Other clusters" in content
    assert f"cluster={outsiders[0].slug}" not in content


def test_matrix_caps_country_columns(client, mapped):
    codes = ["AT", "BE", "CH", "DE", "DK", "ES", "FI", "FR", "GR", "HU", "IE", "NL", "PL", "PT"]
    for code in codes:
        full_company(country=code, clusters=[mapped["clm"]], competencies=[mapped["iot"]])
    matrix = client.get(reverse("clusters:skills_map"), {"by": "country"}).context["matrix"]
    # BG (two competency links) is the largest; 16 countries in all, 12 shown.
    assert len(matrix["columns"]) == 12
    assert "BG" in {column["param"] for column in matrix["columns"]}
    assert matrix["has_other"]
    shown = sum(cell["count"] for cell in _iot_row(matrix)["cells"])
    assert shown + _iot_row(matrix)["other"] == _iot_row(matrix)["total"]


def _iot_row(matrix):
    return next(
        row
        for area in matrix["areas"]
        for row in area["rows"]
        if row["competency"]["slug"] == "t-iot"
    )


@pytest.mark.django_db
def test_skills_map_empty(client):
    response = client.get(reverse("clusters:skills_map"))
    assert response.status_code == 200
    assert b"Nothing to compare yet." in response.content
    points = client.get(reverse("clusters:map_points")).json()
    assert points == {"points": []}


def test_map_points_aggregate_nearby_companies(client, mapped, settings):
    for index in range(7):
        CompanyFactory(name=f"Near {index}", latitude="41.9001", longitude="12.5001", city="Rome")
    CompanyFactory(name="Nowhere", latitude=None, longitude=None)
    points = client.get(reverse("clusters:map_points")).json()["points"]
    rome = next(p for p in points if p["city"] == "Rome")
    assert rome["count"] == 7
    assert len(rome["companies"]) == 5  # names are capped; the popup links to the rest
    assert rome["companies"][0]["url"].startswith("/directory/")
    assert sum(p["count"] for p in points) == 9  # 7 in Rome + A and B; drafts never
    assert all("Draft" not in c["name"] for p in points for c in p["companies"])


def test_map_points_follow_publication(client, mapped):
    url = reverse("clusters:map_points")
    before = sum(p["count"] for p in client.get(url).json()["points"])
    services.publish([Company.objects.get(name="Draft Srl")])
    assert sum(p["count"] for p in client.get(url).json()["points"]) == before + 1


def test_skills_map_page_uses_local_leaflet_and_no_tiles_by_default(client, mapped):
    content = client.get(reverse("clusters:skills_map")).content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in content
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in content
    assert 'data-tile-url=""' in content
    assert "plain background" in content
    assert "<script>" not in content


def test_skills_map_uses_configured_tiles(client, mapped, settings):
    settings.MAP_TILE_URL = "https://tiles.example.com/{z}/{x}/{y}.png"
    content = client.get(reverse("clusters:skills_map")).content.decode()
    assert 'data-tile-url="https://tiles.example.com/{z}/{x}/{y}.png"' in content


# ---- Query budgets -------------------------------------------------------------------------


def _build(world, count):
    for index in range(count):
        full_company(
            name=f"Budget {index:03d}",
            clusters=[world["clm"], world["dti"]] if index % 3 else [world["clm"]],
            sectors=[world["mobility"], world["ict"]],
            competencies=[world["ev"], world["traffic"], world["iot"]],
            targets=["US", "MX", "CO"],
            latitude=f"{45 + index / 10:.6f}",
        )


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(
    "url",
    [
        "/clusters/",
        "/clusters/t-clm/",
        "/clusters/t-clm/?page=2",
        "/directory/budget-000/",
        "/skills-map/",
        "/skills-map/?by=country",
        "/skills-map/?by=target_market",
        "/skills-map/points.json",
    ],
)
def test_public_pages_query_budget(client, world, size, url, django_assert_max_num_queries):
    _build(world, size)
    if "budget-000" in url:
        url = Company.objects.get(name="Budget 000").get_absolute_url()
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200


def test_rendered_matrix_is_reused_until_the_data_changes(client, mapped, monkeypatch):
    from clusters.selectors import skills_map as skills_map_selectors

    url = reverse("clusters:skills_map")
    published = Company.objects.filter(status=Company.Status.PUBLISHED).count()
    assert f"What the {published} published SMEs" in client.get(url).content.decode()

    def recomputed(dimension):
        raise AssertionError("a warm request must not read the matrix")

    with monkeypatch.context() as patched:
        patched.setattr(skills_map_selectors, "skills_matrix", recomputed)
        assert f"What the {published} published SMEs" in client.get(url).content.decode()

    services.publish([Company.objects.get(name="Draft Srl")])
    assert f"What the {published + 1} published SMEs" in client.get(url).content.decode()
