"""/open-data/: the directory and the events archive as CSV and JSON, licensed, documented."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone

from clusters.models import Company
from clusters.public_fields import PUBLIC_COMPANY_FIELDS
from opendata.datasets import DIRECTORY_COLUMNS, EVENT_COLUMNS
from tests.clusters.factories import ClusterFactory, CompanyFactory, full_company
from tests.events.factories import EventFactory

# Private values, each a marker string no open-data file may contain.
PRIVATE = {
    "vat_number": "VATMARKER4471",
    "contact_name": "Contactmarker Person",
    "contact_email": "contact.marker@private.example",
    "contact_phone": "+39 000 MARKER",
    "export_share": Company.ExportShare.choices[-1][0],
}


def _body(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def _csv(response):
    text = _body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.fixture
def companies(db):
    cluster = ClusterFactory(acronym="CLM")
    published = full_company(
        clusters=[cluster],
        name="Acme Mobility",
        description='=HYPERLINK("http://evil.example")',
        consent_publish_contact=True,  # even consented, the contact stays off bulk files
        **PRIVATE,
    )
    draft = CompanyFactory(name="Draftmarker Co", status=Company.Status.DRAFT)
    return published, draft


def test_every_public_field_group_has_a_column_and_the_dictionary_follows_the_list():
    fields = {column.field for column in DIRECTORY_COLUMNS}
    for label, names in PUBLIC_COMPANY_FIELDS:
        assert fields & set(names), f"no open-data column for {label}"


def test_index_shows_licence_files_dictionary_and_last_change(client, companies):
    when = timezone.make_aware(datetime.datetime(2025, 5, 17, 10))
    Company.objects.filter(pk=companies[0].pk).update(updated_at=when)
    event = EventFactory()
    response = client.get("/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert "CC BY 4.0" in html
    for path in ("directory.csv", "directory.json", "events.csv", "events.json"):
        assert f'href="/open-data/{path}"' in html
    for label, _names in PUBLIC_COMPANY_FIELDS:
        assert str(label).capitalize() in html
    for column in DIRECTORY_COLUMNS + EVENT_COLUMNS:
        assert f"<code>{column.name}</code>" in html
    assert 'datetime="2025-05-17T10:00:00' in html
    assert f'datetime="{timezone.localtime(event.updated_at).date().isoformat()}' in html


@pytest.mark.django_db
def test_index_without_data_is_empty_safe(client):
    response = client.get("/open-data/")
    assert response.status_code == 200
    assert "no data yet" in response.content.decode()


def test_directory_csv_has_public_published_data_only_and_safe_cells(client, companies):
    response = client.get("/open-data/directory.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="c2future-directory.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert [row["name"] for row in rows] == ["Acme Mobility"]
    row = rows[0]
    assert list(row) == [column.name for column in DIRECTORY_COLUMNS]
    assert row["profile_url"] == f"http://testserver{companies[0].get_absolute_url()}"
    assert row["clusters"] == "CLM"
    assert row["description"].startswith("'=HYPERLINK")  # never a formula in a spreadsheet
    text = _body(client.get("/open-data/directory.csv"))
    cells = [cell for row in csv.reader(io.StringIO(text[1:])) for cell in row]
    for marker in PRIVATE.values():
        # Cell by cell: "50+" also occurs inside a timestamp's "…750+00:00".
        assert not any(marker == cell or (len(marker) > 5 and marker in cell) for cell in cells)


def test_directory_json_is_documented_licensed_and_public_only(client, companies):
    response = client.get("/open-data/directory.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    text = _body(response)
    data = json.loads(text)
    assert data["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert [field["name"] for field in data["fields"]] == [c.name for c in DIRECTORY_COLUMNS]
    (record,) = data["records"]
    assert record["name"] == "Acme Mobility"
    assert record["clusters"] == ["CLM"]
    assert record["target_markets"] == ["US"]
    assert isinstance(record["latitude"], float)
    assert record["description"] == '=HYPERLINK("http://evil.example")'  # JSON is data, not cells
    for marker in PRIVATE.values():
        # As a JSON string: "50+" (an export share) also occurs inside "…750+00:00" times.
        assert json.dumps(marker) not in text
    assert "Draftmarker" not in text


@pytest.mark.django_db
def test_events_files_have_published_events_only(client):
    cluster = ClusterFactory(acronym="DTI")
    event = EventFactory(title="Summit", organiser=cluster, summary="+cmd|' /C calc'!A0")
    event.partner_clusters.add(ClusterFactory(acronym="HAMAC"))
    EventFactory(title="Draftmarker event", status="draft")
    rows = _csv(client.get("/open-data/events.csv"))
    assert [row["title"] for row in rows] == ["Summit"]
    assert rows[0]["organiser"] == "DTI"
    assert rows[0]["partner_clusters"] == "HAMAC"
    assert rows[0]["summary"].startswith("'+")
    assert rows[0]["start"] == "2022-06-29T10:00:00+02:00"
    data = json.loads(_body(client.get("/open-data/events.json")))
    assert [record["title"] for record in data["records"]] == ["Summit"]
    assert data["records"][0]["online"] is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/open-data/nothing.csv", "/open-data/directory.xlsx", "/open-data/events.json%00"]
)
def test_unknown_files_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["directory.csv", "directory.json", "events.csv", "events.json"])
def test_download_query_budget(client, path, django_assert_max_num_queries):
    clusters = [ClusterFactory() for _ in range(3)]
    for index in range(25):
        full_company(clusters=[clusters[index % 3]])
    for index in range(10):
        EventFactory(organiser=clusters[index % 3]).partner_clusters.add(clusters[0])
    with django_assert_max_num_queries(8):
        response = client.get(f"/open-data/{path}")
        _body(response)


@pytest.mark.django_db
def test_index_query_budget(client, django_assert_max_num_queries):
    for _ in range(10):
        full_company()
    with django_assert_max_num_queries(4):
        assert client.get("/open-data/").status_code == 200


@pytest.mark.django_db
def test_downloads_are_rate_limited_with_a_clear_page(client):
    for _ in range(30):
        _body(client.get("/open-data/events.csv"))
    response = client.get("/open-data/events.csv")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()


def test_files_publish_english_texts_from_a_translated_page(client, db):
    event = EventFactory(title="Smart mobility day")
    type(event).objects.filter(pk=event.pk).update(title_it="Giornata della mobilità")
    rows = _csv(client.get("/it/open-data/events.csv"))
    assert [row["title"] for row in rows] == ["Smart mobility day"]
    data = json.loads(_body(client.get("/it/open-data/events.json")))
    assert "Giornata" not in json.dumps(data, ensure_ascii=False)
