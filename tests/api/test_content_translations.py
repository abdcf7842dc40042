"""The API publishes English, whatever the client's language; no per-language fields."""

import pytest

from clusters.models import Sector

API = "/api/v1"

pytestmark = pytest.mark.django_db


def test_api_names_are_english_whatever_the_accept_language(client):
    Sector.objects.create(slug="mobility", name="Mobility")
    Sector.objects.filter(slug="mobility").update(name_it="Mobilità")
    client.cookies["django_language"] = "it"
    response = client.get(f"{API}/sectors", HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 200
    names = [row["name"] for row in response.json()["results"]]
    assert names == ["Mobility"]


def test_no_per_language_fields_in_the_schema(client):
    text = client.get(f"{API}/openapi.json").content.decode()
    for suffix in ("_en", "_it", "_es", "_bg", "_el", "_sr_latn"):
        assert f'name{suffix}"' not in text
        assert f'title{suffix}"' not in text
        assert f'description{suffix}"' not in text
