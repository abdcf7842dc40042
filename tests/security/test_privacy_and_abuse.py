"""Personal data stays private without consent; abuse limits answer with a clear 429;
visitor-supplied text is escaped everywhere it is shown."""

import csv
import io
import json
import re

import pytest
from django.core.cache import cache

from tests.clusters.factories import ClusterFactory, full_company

pytestmark = pytest.mark.django_db

CONTACT = {
    "contact_name": "Giulia Private-Person",
    "contact_role": "Export manager",
    "contact_email": "giulia.private@example.com",
    "contact_phone": "+39 333 0000001",
    "vat_number": "IT99999999999",
}


def public_surfaces(client, company):
    """Every public rendering of a company: profile, JSON-LD, directory, CSV, map."""
    profile = client.get(company.get_absolute_url()).content.decode()
    # Each JSON-LD block (the Organization, the BreadcrumbList), decoded.
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', profile, re.S)
    jsonld = " ".join(json.dumps(json.loads(block), ensure_ascii=False) for block in blocks)
    csv_body = b"".join(client.get("/directory/", {"format": "csv"}).streaming_content).decode()
    return {
        "profile": profile,
        "jsonld": jsonld,
        "directory": client.get("/directory/", {"q": company.name}).content.decode(),
        "csv": csv_body,
        "map": client.get("/skills-map/points.json").content.decode(),
    }


def test_contact_person_is_private_without_consent(client):
    company = full_company(name="Quiet Demo Srl", consent_publish_contact=False, **CONTACT)
    for surface, text in public_surfaces(client, company).items():
        for value in CONTACT.values():
            assert value not in text, f"{value} public on {surface}"


def test_contact_person_is_shown_with_consent_but_never_the_vat_number(client):
    company = full_company(name="Open Demo Srl", consent_publish_contact=True, **CONTACT)
    surfaces = public_surfaces(client, company)
    assert CONTACT["contact_name"] in surfaces["profile"]
    assert CONTACT["contact_email"] in surfaces["jsonld"]
    for text in surfaces.values():
        assert CONTACT["vat_number"] not in text


def test_rate_limited_requests_get_a_clear_429_page(client):
    # The directory CSV export allows 30 downloads a minute per address.
    statuses = [client.get("/directory/", {"format": "csv"}).status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    response = client.get("/directory/", {"format": "csv"})
    assert response.status_code == 429
    content = response.content.decode()
    assert "Too many requests" in content
    assert "nothing you entered has been lost" in content
    assert '<main id="main"' in content
    assert "Content-Security-Policy" in response
    # Browsing the directory itself is not limited.
    assert client.get("/directory/").status_code == 200


def test_rate_limits_do_not_store_raw_ip_addresses(client):
    address = "203.0.113.77"
    for _ in range(3):
        client.get("/directory/", {"format": "csv"}, REMOTE_ADDR=address)
    keys = list(cache._cache.keys())  # locmem: the keys the limiter wrote
    assert keys, "the limiter should have counted something"
    assert not any(address in key for key in keys)
    assert not any(address in str(cache.get(key.split(":", 2)[-1])) for key in keys)


def test_rate_limits_can_be_switched_off_for_load_tests(client, settings):
    settings.RATELIMIT_ENABLE = False
    statuses = {client.get("/directory/", {"format": "csv"}).status_code for _ in range(35)}
    assert statuses == {200}


HOSTILE_NAME = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_company_text_is_escaped_everywhere(client):
    cluster = ClusterFactory(slug="escape-demo")
    company = full_company(
        clusters=[cluster],
        name=HOSTILE_NAME,
        slug="hostile-demo",
        description='</script><script>alert("jsonld")</script>',
        city='=HYPERLINK("http://evil.example")',
    )
    surfaces = [
        company.get_absolute_url(),
        "/directory/",
        "/directory/?q=script",
        cluster.get_absolute_url(),
    ]
    for path in surfaces:
        content = client.get(path).content.decode()
        assert "<script>alert" not in content, path
        assert "<img src=x" not in content, path
        assert "</script><script>" not in content, path

    # CSV cells that a spreadsheet would run as formulas are neutralised.
    body = b"".join(client.get("/directory/", {"format": "csv"}).streaming_content).decode()
    row = next(r for r in csv.reader(io.StringIO(body)) if r and r[0] == HOSTILE_NAME)
    city = row[4]
    assert city.startswith("'=")
