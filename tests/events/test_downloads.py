import os

import pytest

from events.models import Event
from tests.events.factories import PDF_BYTES, EventFactory, MaterialFactory

pytestmark = pytest.mark.django_db


def download(client, material, slug=None):
    return client.get(f"/events/{slug or material.event.slug}/materials/{material.pk}/download/")


def test_download_streams_an_attachment_with_the_stored_type(client):
    material = MaterialFactory()
    response = download(client, material)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert os.path.basename(material.file.name) in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_download_is_counted_in_the_database(client):
    material = MaterialFactory()
    download(client, material)
    download(client, material)
    material.refresh_from_db()
    assert material.download_count == 2


def test_html_upload_is_never_served_inline(client):
    # Even if something slipped past validation, the response is a download, not a page.
    material = MaterialFactory(content_type="")
    material.file.save("page.html", __import__("io").BytesIO(b"<script>x</script>"))
    response = download(client, material)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_of_a_draft_event_is_404(client):
    material = MaterialFactory(event=EventFactory(status=Event.Status.DRAFT))
    assert download(client, material).status_code == 404
    material.refresh_from_db()
    assert material.download_count == 0


def test_material_of_another_event_is_404(client):
    material = MaterialFactory()
    other = EventFactory()
    assert download(client, material, slug=other.slug).status_code == 404


@pytest.mark.parametrize(
    "fields", [{"file": None, "on_request": True}, {"file": None, "external_url": "https://e.org"}]
)
def test_material_without_a_file_is_404(client, fields):
    material = MaterialFactory(**fields)
    assert download(client, material).status_code == 404


def test_missing_file_on_storage_is_404(client):
    material = MaterialFactory()
    material.file.storage.delete(material.file.name)
    assert download(client, material).status_code == 404


@pytest.mark.parametrize("material_id", ["0", "99999999999999999999999"])
def test_unknown_material_ids_are_404(client, material_id):
    event = EventFactory()
    response = client.get(f"/events/{event.slug}/materials/{material_id}/download/")
    assert response.status_code == 404


def test_head_request_is_not_counted_as_a_download(client):
    material = MaterialFactory()
    url = f"/events/{material.event.slug}/materials/{material.pk}/download/"
    response = client.head(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    material.refresh_from_db()
    assert material.download_count == 0
    client.get(url)
    material.refresh_from_db()
    assert material.download_count == 1


def test_download_is_not_compressed_and_keeps_its_length(client):
    material = MaterialFactory()
    response = client.get(
        f"/events/{material.event.slug}/materials/{material.pk}/download/",
        headers={"accept-encoding": "gzip"},
    )
    assert not response.has_header("Content-Encoding")
    assert response["Content-Length"] == str(len(PDF_BYTES))
