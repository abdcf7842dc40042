"""What the API publishes: public fields only, published records only, the directory's
search and filters, and materials with the archive's own download URL."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from api import schemas
from clusters.public_fields import PUBLIC_FIELD_NAMES
from tests.clusters.factories import CompanyFactory

from .conftest import API

pytestmark = pytest.mark.django_db


def get(client, path, params=None):
    response = client.get(API + path, params or {})
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def slugs(response):
    return [record["slug"] for record in response.json()["results"]]


# ---- Companies: public fields only ----------------------------------------------------------


def test_company_record_has_only_public_fields(client, api_world):
    record = get(client, "/companies/charging-grid").json()
    text = str(record)
    assert "IT-SECRET-VAT" not in text
    assert "private@example.com" not in text and "Private Person" not in text
    assert record["contact"] is None
    assert set(record) == set(schemas.COMPANY_FIELDS) | {"contact", "url"}
    assert record["competencies"][0]["slug"] == "t-ev-charging"
    assert record["clusters"] == [
        {"slug": "t-clm", "name": "Test Lombardy cluster", "acronym": "TCLM"}
    ]
    assert record["markets"] == [{"country": "US", "kind": "target", "priority": None}]
    assert record["url"] == "http://testserver/directory/charging-grid/"


def test_consented_contact_is_published(client, api_world):
    record = get(client, "/companies/sensor-works").json()
    assert record["contact"]["name"] == "Public Person"
    assert record["contact"]["email"] == "public@example.com"


def test_company_schema_follows_the_public_field_list(client):
    schema = client.get(API + "/openapi.json").json()
    properties = set(schema["components"]["schemas"]["Company"]["properties"])
    assert properties == set(schemas.COMPANY_FIELDS) | {"contact", "url"}
    assert set(schemas.COMPANY_FIELDS) | set(schemas.WRITTEN_AS) == PUBLIC_FIELD_NAMES


def test_a_field_made_public_joins_the_record_by_itself():
    # Were the VAT number ever classified public, the API would write it as it is.
    fields = schemas.company_fields(PUBLIC_FIELD_NAMES | {"vat_number", "location_approximate"})
    assert fields["vat_number"][0] is str
    assert fields["location_approximate"][0] is bool
    assert fields["founding_year"][0] == int | None
    assert list(fields).index("name") < list(fields).index("vat_number")


@pytest.mark.parametrize(
    ("public", "message"),
    [
        (PUBLIC_FIELD_NAMES | {"submissions"}, "submissions"),  # a relation needs an entry
        (PUBLIC_FIELD_NAMES | {"no_such_field"}, "no_such_field"),
        (PUBLIC_FIELD_NAMES - {"logo"}, "logo"),  # an entry for a field no longer public
    ],
)
def test_the_record_cannot_drift_from_the_public_field_list(public, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        schemas.company_fields(public)


def test_drafts_are_not_published(client, api_world):
    assert "draft-charging" not in slugs(get(client, "/companies", {"q": "charging"}))
    assert "draft-charging" not in slugs(get(client, "/companies"))
    response = get(client, "/companies/draft-charging")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# ---- Companies: the directory's search and filters -----------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "charging"},
        {"q": "chargng"},  # a misspelling, widened like the directory does
        {"cluster": "t-dti"},
        {"competency": ["t-ev-charging", "t-iot"]},
        {"country": "BG"},
        {"target_market": "US"},
        {"sector": "t-mobility", "size": "small"},
        {"q": "fictional", "sort": "updated"},
    ],
)
def test_company_list_matches_the_directory(client, api_world, params):
    for index in range(5):
        CompanyFactory(name=f"Fictional charging {index}", updated_at=None)
    directory = client.get("/directory/", params)
    expected = [company.slug for company in directory.context["page_obj"].object_list]
    assert expected  # every case finds something
    assert slugs(get(client, "/companies", params)) == expected


def test_unknown_filter_values_are_a_400_naming_them(client, api_world):
    response = get(client, "/companies", {"sector": "nope", "country": "XX"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert {detail["parameter"] for detail in error["details"]} == {"sector", "country"}


@pytest.mark.parametrize(
    "params",
    [{"q": "\x00"}, {"sector": "\x00"}, {"cursor": "\x00"}, {"limit": "abc"}, {"size": "huge"}],
)
def test_hostile_parameters_are_400_or_200_never_500(client, api_world, params):
    assert get(client, "/companies", params).status_code in (200, 400)


@pytest.mark.parametrize("path", ["/companies/%00", "/events/a%00b", "/speakers/" + "x" * 300])
def test_hostile_slugs_are_404(client, api_world, path):
    response = get(client, path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# ---- Clusters and taxonomy -----------------------------------------------------------------


def test_clusters_and_taxonomy(client, api_world):
    clusters = {c["slug"]: c for c in get(client, "/clusters").json()["results"]}
    assert clusters["t-clm"]["member_count"] == 1
    assert clusters["t-clm"]["companies_url"].endswith("/api/v1/companies?cluster=t-clm")
    assert get(client, "/clusters/t-dti").json()["country"] == "BG"
    assert get(client, "/clusters/nope").status_code == 404
    areas = {a["slug"]: a for a in get(client, "/competencies").json()["areas"]}
    assert [c["slug"] for c in areas["t-mobility"]["competencies"]] == [
        "t-ev-charging",
        "t-traffic",
    ]
    assert {s["slug"] for s in get(client, "/sectors").json()["results"]} >= {
        "t-mobility",
        "t-ict",
    }


def test_cached_cluster_list_follows_changes(client, api_world, django_assert_num_queries):
    def members(slug):
        clusters = client.get(API + "/clusters").json()["results"]
        return next(c["member_count"] for c in clusters if c["slug"] == slug)

    assert members("t-dti") == 1
    with django_assert_num_queries(0):
        client.get(API + "/clusters", {"again": "1"})
    CompanyFactory(name="New member", clusters=[api_world["dti"]])
    assert members("t-dti") == 2
    api_world["dti"].name = "Renamed cluster"
    api_world["dti"].save()
    names = {c["slug"]: c["name"] for c in client.get(API + "/clusters").json()["results"]}
    assert names["t-dti"] == "Renamed cluster"


def test_a_company_page_is_cached_and_follows_changes(client, api_world, django_assert_num_queries):
    params = {"q": "charging", "limit": "1"}
    first = get(client, "/companies", params).json()
    # Another URL of the same page (an unread parameter): the cached records, no query.
    with django_assert_num_queries(0):
        again = get(client, "/companies", {**params, "utm_source": "x"}).json()
    assert again["results"] == first["results"]
    assert again["next_cursor"] == first["next_cursor"]
    if first["next"]:
        assert "utm_source=x" in again["next"] and "utm_source" not in first["next"]
    company = CompanyFactory._meta.model.objects.get(slug=first["results"][0]["slug"])
    company.description = "Changed for the API."
    company.save()
    changed = get(client, "/companies", params).json()
    assert changed["results"][0]["description"] == "Changed for the API."


def test_cached_company_pages_hold_each_site_apart(client, api_world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "portal.example.org"]
    params = {"q": "charging"}
    here = get(client, "/companies", params).json()
    there = client.get(API + "/companies", params, HTTP_HOST="portal.example.org").json()
    assert here["results"][0]["url"].startswith("http://testserver/")
    assert there["results"][0]["url"].startswith("http://portal.example.org/")
    # The same records otherwise.
    assert [r["slug"] for r in here["results"]] == [r["slug"] for r in there["results"]]


# ---- Events, speakers, materials ----------------------------------------------------------


def test_event_with_programme_and_materials(client, api_world):
    assert slugs(get(client, "/events")) == ["smart-city-forum"]
    event = get(client, "/events/smart-city-forum").json()
    assert event["organiser"]["slug"] == "t-clm"
    [session] = event["sessions"]
    [talk] = session["talks"]
    assert talk["speakers"] == [{"slug": "ada-speaker", "name": "Ada Speaker"}]
    [material] = event["materials"]
    material_id = api_world["material"].pk
    assert material["download_url"] == (
        f"http://testserver/events/smart-city-forum/materials/{material_id}/download/"
    )
    # The URL is the archive's own download view, which serves the file.
    download = client.get(material["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_materials_without_a_file_have_no_download_url(client, api_world):
    from tests.events.factories import MaterialFactory

    MaterialFactory(event=api_world["event"], file=None, external_url="https://example.com/s")
    MaterialFactory(event=api_world["event"], file=None, on_request=True)
    materials = get(client, "/events/smart-city-forum").json()["materials"]
    assert [m["download_url"] is None for m in materials] == [False, True, True]


def test_draft_events_their_materials_and_speakers_are_not_published(client, api_world):
    assert get(client, "/events/secret-plan").status_code == 404
    assert "hidden-speaker" not in slugs(get(client, "/speakers"))
    assert get(client, "/speakers/hidden-speaker").status_code == 404
    everything = b"".join(
        client.get(API + path).content for path in ("/events", "/events/smart-city-forum")
    )
    assert b"Draft slides" not in everything and b"secret-plan" not in everything


def ids(response):
    return [record["id"] for record in response.json()["results"]]


def test_material_list_has_published_events_only(client, api_world):
    from tests.events.factories import MaterialFactory

    MaterialFactory(event=api_world["event"], file=None, external_url="https://example.com/s")
    body = get(client, "/materials").json()
    assert [(m["event"], m["title"]) for m in body["results"]] == [
        ("smart-city-forum", "Keynote slides"),
        ("smart-city-forum", body["results"][1]["title"]),
    ]
    assert b"Draft slides" not in client.get(API + "/materials").content
    first = body["results"][0]
    assert first["download_url"].endswith(
        f"/events/smart-city-forum/materials/{api_world['material'].pk}/download/"
    )
    assert body["results"][1]["download_url"] is None
    assert ids(get(client, "/materials", {"event": "secret-plan"})) == []
    assert ids(get(client, "/materials", {"event": "a\x00b"})) == []
    assert len(get(client, "/materials", {"event": "smart-city-forum"}).json()["results"]) == 2


def test_speaker_detail_lists_published_talks(client, api_world):
    speaker = get(client, "/speakers/ada-speaker").json()
    assert speaker["talks"] == [
        {"id": api_world["talk"].pk, "title": "Keynote", "event": "smart-city-forum"}
    ]


def test_api_urls_have_no_language_prefix(client, api_world):
    assert client.get("/api/v1/companies").status_code == 200
    assert client.get("/it/api/v1/companies").status_code == 404
