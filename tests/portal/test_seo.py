"""Search engines and sharing: robots.txt, sitemaps, canonical links, social meta, JSON-LD."""

import datetime
import html as html_module
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from clusters.models import Company
from core.models import SitePage
from tests.clusters.factories import ClusterFactory, CompanyFactory
from tests.events.factories import EventFactory, SpeakerFactory, TalkFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match[1] if match else None


def _canonical(html):
    links = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    assert len(links) <= 1
    return html_module.unescape(links[0]) if links else None


def _json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def _urls(xml):
    root = ET.fromstring(xml)  # noqa: S314 - our own output
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.find(f"{SITEMAP}loc").text
        lastmod = url.find(f"{SITEMAP}lastmod")
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        entries[loc] = {
            "lastmod": lastmod.text if lastmod is not None else None,
            "alternates": alternates,
        }
    return entries


# ---- robots.txt -------------------------------------------------------------------------


@pytest.mark.django_db
def test_robots_txt_disallows_admin_private_steps_and_staff_pages_in_every_language(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")}
    for prefix in ("", "/it", "/es"):
        assert {
            f"{prefix}/admin/",
            f"{prefix}/questionnaire/step/",
            f"{prefix}/questionnaire/review/",
            f"{prefix}/questionnaire/thank-you/",
            f"{prefix}/questionnaire/resume/",
            f"{prefix}/questionnaire/update/",
            f"{prefix}/questionnaire/update-profile/",
            f"{prefix}/questionnaire/results/",
        } <= disallowed
    # Public pages, the questionnaire's own intro included, stay crawlable.
    assert not any(path in disallowed for path in ("/", "/directory/", "/questionnaire/"))
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# ---- sitemap.xml ------------------------------------------------------------------------


@pytest.mark.django_db
def test_sitemap_index_lists_every_section(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    locs = {node.find(f"{SITEMAP}loc").text for node in root.findall(f"{SITEMAP}sitemap")}
    assert locs == {
        f"http://testserver/sitemap-{section}.xml"
        for section in ("pages", "clusters", "companies", "events", "speakers")
    }


@pytest.mark.django_db
def test_sitemap_lists_published_profiles_in_every_language_with_alternates_and_lastmod(client):
    company = CompanyFactory(slug="acme-mobility")
    updated = timezone.make_aware(datetime.datetime(2025, 3, 4, 12, 0))
    Company.objects.filter(pk=company.pk).update(updated_at=updated)
    CompanyFactory(slug="draft-co", status=Company.Status.DRAFT)
    entries = _urls(client.get("/sitemap-companies.xml").content)
    in_each_language = {
        code: f"http://testserver/{code}/directory/acme-mobility/"
        for code in ("it", "es", "bg", "el", "sr-latn")
    }
    in_each_language["en"] = "http://testserver/directory/acme-mobility/"
    assert set(entries) == set(in_each_language.values())
    entry = entries["http://testserver/it/directory/acme-mobility/"]
    assert entry["lastmod"] == "2025-03-04"
    assert entry["alternates"] == {
        **in_each_language,
        "x-default": "http://testserver/directory/acme-mobility/",
    }


@pytest.mark.django_db
def test_sitemap_dates_list_pages_by_their_newest_content(client):
    old = timezone.make_aware(datetime.datetime(2024, 1, 1, 9))
    new = timezone.make_aware(datetime.datetime(2025, 6, 7, 9))
    first, second = CompanyFactory(), CompanyFactory()
    Company.objects.filter(pk=first.pk).update(updated_at=old)
    Company.objects.filter(pk=second.pk).update(updated_at=new)
    hidden = CompanyFactory(status=Company.Status.DRAFT)
    Company.objects.filter(pk=hidden.pk).update(updated_at=timezone.now())  # not published
    SitePage.objects.create(slug="about", title="About", lead="x")
    SitePage.objects.filter(slug="about").update(updated_at=old)
    entries = _urls(client.get("/sitemap-pages.xml").content)
    assert entries["http://testserver/directory/"]["lastmod"] == "2025-06-07"
    assert entries["http://testserver/es/skills-map/"]["lastmod"] == "2025-06-07"
    assert entries["http://testserver/about/"]["lastmod"] == "2024-01-01"
    assert "http://testserver/open-data/" in entries
    assert "http://testserver/it/questionnaire/" in entries
    assert not any("/admin/" in loc or "/results/" in loc for loc in entries)


@pytest.mark.django_db
def test_sitemap_lists_clusters_events_and_speakers_of_published_events_only(client):
    cluster = ClusterFactory(slug="clm")
    CompanyFactory(clusters=[cluster])
    event = EventFactory(slug="summit")
    draft = EventFactory(slug="secret-draft", status="draft")
    TalkFactory(session__event=event, speakers=[SpeakerFactory(slug="ada")])
    TalkFactory(session__event=draft, speakers=[SpeakerFactory(slug="hidden-speaker")])
    assert "http://testserver/clusters/clm/" in _urls(client.get("/sitemap-clusters.xml").content)
    events = _urls(client.get("/sitemap-events.xml").content)
    assert "http://testserver/it/events/summit/" in events
    assert not any("secret-draft" in loc for loc in events)
    speakers = _urls(client.get("/sitemap-speakers.xml").content)
    assert set(speakers) == {
        f"http://testserver{prefix}/speakers/ada/"
        for prefix in ("", "/it", "/es", "/bg", "/el", "/sr-latn")
    }


@pytest.mark.django_db
def test_sitemap_unknown_section_or_page_is_a_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-companies.xml?p=99").status_code == 404
    assert client.get("/sitemap-companies.xml?p=abc").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("section", ["pages", "clusters", "companies", "events", "speakers"])
def test_sitemap_query_budget(client, section, django_assert_max_num_queries):
    clusters = [ClusterFactory() for _ in range(3)]
    for index in range(30):
        CompanyFactory(clusters=[clusters[index % 3]])
    for _ in range(5):
        TalkFactory(session__event=EventFactory(), speakers=[SpeakerFactory()])
    with django_assert_max_num_queries(6):
        assert client.get(f"/sitemap-{section}.xml").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/sitemap.xml").status_code == 200


# ---- Canonical links ----------------------------------------------------------------------


@pytest.mark.django_db
def test_canonical_of_a_filtered_directory_keeps_filters_but_not_paging_sorting_or_search(client):
    html = client.get(
        "/directory/?page=2&sort=newest&q=sensors&sector=b-sector&sector=a-sector&sector=a-sector"
        "&utm_source=news"
    ).content.decode()
    assert _canonical(html) == "http://testserver/directory/?sector=a-sector&sector=b-sector"
    assert _canonical(client.get("/directory/?page=3").content.decode()) == (
        "http://testserver/directory/"
    )
    # Each language is its own page (linked by hreflang in the sitemap).
    assert _canonical(client.get("/it/directory/?sort=name").content.decode()) == (
        "http://testserver/it/directory/"
    )


@pytest.mark.django_db
def test_canonical_on_every_page_and_none_on_error_pages(client):
    company = CompanyFactory(slug="acme")
    assert _canonical(client.get("/").content.decode()) == "http://testserver/"
    html = client.get(company.get_absolute_url() + "?ref=twitter").content.decode()
    assert _canonical(html) == "http://testserver/directory/acme/"
    assert _canonical(client.get("/events/?year=2022&page=2").content.decode()) == (
        "http://testserver/events/?year=2022"
    )
    missing = client.get("/directory/nobody-here/")
    assert missing.status_code == 404
    assert _canonical(missing.content.decode()) is None
    assert '<meta name="robots" content="noindex">' in missing.content.decode()


# ---- Titles, descriptions, Open Graph ----------------------------------------------------


@pytest.mark.django_db
def test_profile_description_and_social_meta_come_from_the_company(client):
    company = CompanyFactory(
        name="Acme Mobility",
        description="Sensors for smart parking & traffic lights.",
        logo=SimpleUploadedFile("logo.png", PNG, content_type="image/png"),
    )
    html = client.get(company.get_absolute_url()).content.decode()
    assert "<title>Acme Mobility · " in html
    assert "Sensors for smart parking &amp; traffic lights." in _meta(html, "name", "description")
    assert _meta(html, "property", "og:title") == "Acme Mobility"
    assert _meta(html, "property", "og:description") == (
        "Sensors for smart parking &amp; traffic lights."
    )
    assert _meta(html, "property", "og:url") == f"http://testserver{company.get_absolute_url()}"
    image = _meta(html, "property", "og:image")
    assert image.startswith("http://testserver/media/companies/logos/logo")
    assert _meta(html, "name", "twitter:card") == "summary"


@pytest.mark.django_db
def test_profile_without_logo_shares_the_site_card(client):
    company = CompanyFactory(description="")
    html = client.get(company.get_absolute_url()).content.decode()
    assert _meta(html, "property", "og:image") == "http://testserver/static/img/og-card.png"
    assert _meta(html, "property", "og:description") == "smart-city SME in the C2Future directory."
    assert finders.find("img/og-card.png")


@pytest.mark.django_db
def test_event_description_and_social_meta_come_from_its_summary(client):
    event = EventFactory(
        title="Smart City Summit",
        summary="Two days on urban mobility.",
        cover_image=SimpleUploadedFile("cover.png", PNG, content_type="image/png"),
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert _meta(html, "name", "description") == "Two days on urban mobility."
    assert _meta(html, "property", "og:title") == "Smart City Summit"
    assert _meta(html, "property", "og:description") == "Two days on urban mobility."
    assert _meta(html, "property", "og:image").startswith("http://testserver/media/events/covers/")
    assert _meta(html, "name", "twitter:card") == "summary_large_image"


def test_home_and_other_pages_have_unique_titles_and_descriptions(client, demo_content):
    pages = ["/", "/about/", "/clusters/", "/directory/", "/skills-map/", "/events/", "/open-data/"]
    titles, descriptions = set(), set()
    for path in pages:
        html = client.get(path).content.decode()
        titles.add(re.search(r"<title>(.*?)</title>", html, re.S)[1])
        descriptions.add(_meta(html, "name", "description"))
    assert len(titles) == len(pages)
    assert len(descriptions) == len(pages)
    home = client.get("/").content.decode()
    assert _meta(home, "property", "og:image") == "http://testserver/static/img/og-card.png"
    assert _meta(home, "property", "og:title")


# ---- JSON-LD -------------------------------------------------------------------------------


def test_home_json_ld_is_the_partnership_with_its_six_members(client, demo_content):
    (data,) = _json_ld(client.get("/").content.decode())
    assert data["@type"] == "Organization"
    assert data["name"] == "C2Future"
    assert data["url"] == "http://testserver/"
    assert len(data["member"]) == 6
    assert {member["alternateName"] for member in data["member"]} == {
        "DTI",
        "Aclima",
        "ICT Net",
        "Green HoMe",
        "HAMAC",
        "CLM",
    }
    assert all(member["url"].startswith("http://testserver/clusters/") for member in data["member"])


@pytest.mark.django_db
def test_breadcrumb_list_where_there_are_breadcrumbs(client):
    cluster = ClusterFactory(acronym="CLM", name="Cluster Lombardo Mobilità")
    company = CompanyFactory(name="Acme </script><b>", clusters=[cluster])
    event = EventFactory(title="Summit")
    speaker = SpeakerFactory(name="Ada L")
    TalkFactory(session__event=event, speakers=[speaker])
    cases = [
        (
            company.get_absolute_url(),
            [("Directory", "/directory/"), ("Acme </script><b>", company.get_absolute_url())],
        ),
        (
            cluster.get_absolute_url(),
            [("Clusters", "/clusters/"), ("CLM", cluster.get_absolute_url())],
        ),
        (event.get_absolute_url(), [("Events", "/events/"), ("Summit", event.get_absolute_url())]),
        (
            speaker.get_absolute_url(),
            [("Events", "/events/"), ("Ada L", speaker.get_absolute_url())],
        ),
    ]
    for path, trail in cases:
        html = client.get(path).content.decode()
        (crumbs,) = [d for d in _json_ld(html) if d["@type"] == "BreadcrumbList"]
        assert [(item["name"], item["item"]) for item in crumbs["itemListElement"]] == [
            (name, f"http://testserver{url}") for name, url in trail
        ]
        assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2]
    # A name cannot close the script element.
    assert "Acme </script><b>" not in client.get(company.get_absolute_url()).content.decode()
