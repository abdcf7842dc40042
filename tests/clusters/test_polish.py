"""Small details a careful reader notices on the public pages and in the demo data."""

import pytest
from django.urls import reverse

from clusters.demo import demo_company_specs
from clusters.models import Company, cluster_label

from .factories import ClusterFactory, full_company

pytestmark = pytest.mark.django_db


def test_cluster_label_does_not_repeat_an_acronym_the_name_starts_with():
    assert cluster_label("Green HoMe", "Green HoMe – innovation hub") == (
        "Green HoMe – innovation hub"
    )
    assert cluster_label("CLM", "Lombardy Mobility Cluster") == "CLM – Lombardy Mobility Cluster"
    assert cluster_label("", "No acronym") == "No acronym"


def test_cluster_page_heading_has_no_double_parentheses(client):
    cluster = ClusterFactory(
        acronym="Aclima", name="Basque Environment Cluster (Asociación Cluster)", slug="acl"
    )
    page = client.get(reverse("clusters:detail", args=[cluster.slug])).content.decode()
    assert "(Asociación Cluster) (Aclima)" not in page
    assert "<h1>Aclima – Basque Environment Cluster (Asociación Cluster)</h1>" in page
    green = ClusterFactory(acronym="Green HoMe", name="Green HoMe – hub", slug="gh")
    page = client.get(reverse("clusters:detail", args=[green.slug])).content.decode()
    assert "Green HoMe – Green HoMe" not in page


def test_demo_descriptions_never_end_in_two_full_stops(demo_content):
    dotted = [spec["name"] for spec in demo_company_specs() if spec["name"].endswith(".")]
    assert dotted  # S.L. and d.o.o. names exist
    descriptions = Company.objects.filter(name__in=dotted).values_list("description", flat=True)
    assert descriptions
    assert not [text for text in descriptions if ".." in text]


def test_profile_shows_an_email_once_when_public_and_contact_are_the_same(client, world):
    company = full_company(
        name="Same Mail Srl",
        public_email="info@same.example.com",
        contact_name="Ana",
        contact_email="Info@same.example.com",
        consent_publish_contact=True,
    )
    page = client.get(company.get_absolute_url()).content.decode().lower()
    assert page.count('href="mailto:info@same.example.com"') == 1


def test_public_csv_starts_with_a_utf8_bom_like_the_results_csv(client, world):
    full_company(name="Ñandú Movilidad S.L.")
    response = client.get(reverse("clusters:directory"), {"format": "csv"})
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbfname,")
    assert "Ñandú Movilidad S.L." in body.decode("utf-8-sig")
