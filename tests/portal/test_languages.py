"""Six languages: the header's switcher, first visits by Accept-Language, the remembered
choice, <html lang> and hreflang alternates on every page."""

import html as html_module
import re

import pytest
from django.conf import settings

from tests.clusters.factories import CompanyFactory

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
PREFIXED = [code for code in LANGUAGE_CODES if code != settings.LANGUAGE_CODE]


def _switcher_links(html):
    menu = re.search(r'<ul class="language-switcher-menu[^"]*">(.*?)</ul>', html, re.S)[1]
    return {
        code: html_module.unescape(href)
        for href, code in re.findall(r'<a href="([^"]*)" hreflang="([^"]*)"', menu)
    }


ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">')


def _alternates(html):
    return {code: html_module.unescape(href) for code, href in ALTERNATE.findall(html)}


def test_six_languages_are_offered():
    assert LANGUAGE_CODES == ["en", "it", "es", "bg", "el", "sr-latn"]


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_pages_declare_their_language(client, code):
    prefix = "" if code == "en" else f"/{code}"
    html = client.get(f"{prefix}/directory/").content.decode()
    assert f'<html lang="{code}">' in html


@pytest.mark.django_db
def test_the_switcher_keeps_the_page_and_its_query(client):
    html = client.get("/it/directory/?q=parking&country=IT").content.decode()
    links = _switcher_links(html)
    assert set(links) == set(LANGUAGE_CODES)
    assert links["es"] == "/i18n/switch/es/?next=%2Fes%2Fdirectory%2F%3Fq%3Dparking%26country%3DIT"
    assert links["en"] == "/i18n/switch/en/?next=%2Fdirectory%2F%3Fq%3Dparking%26country%3DIT"
    # The current language is marked, each name in its own language.
    assert re.search(r'hreflang="it" lang="it"\s+aria-current="true">Italiano</a>', html)
    assert 'lang="el"' in html and "Ελληνικά" in html
    assert "Srpski (latinica)" in html


@pytest.mark.django_db
def test_switching_remembers_the_choice_and_lands_on_the_same_page(client):
    response = client.get("/i18n/switch/es/?next=/it/directory/%3Fq%3Dparking")
    assert response.status_code == 302
    assert response["Location"] == "/es/directory/?q=parking"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    # Back on an unprefixed (English) address, the remembered Spanish wins.
    response = client.get("/events/?year=2025")
    assert response.status_code == 302
    assert response["Location"] == "/es/events/?year=2025"


@pytest.mark.django_db
def test_choosing_english_stays_english_whatever_the_browser_says(client):
    client.get("/i18n/switch/en/?next=/it/")
    response = client.get("/directory/", HTTP_ACCEPT_LANGUAGE="it-IT,it;q=0.9")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("it-IT,it;q=0.9,en;q=0.5", "/it/about/"),
        ("es-MX,es;q=0.9", "/es/about/"),
        ("sr-Latn-RS,sr-Latn;q=0.9", "/sr-latn/about/"),
        ("el-GR", "/el/about/"),
        ("bg", "/bg/about/"),
    ],
)
def test_first_visits_honour_accept_language(client, accept, expected):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["", "en-GB,en;q=0.9", "de-DE,de;q=0.9", "zz"])
def test_english_or_unknown_languages_get_the_english_page(client, accept):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200


@pytest.mark.django_db
def test_only_pages_are_redirected_never_posts_the_api_or_health(client):
    assert client.get("/healthz", HTTP_ACCEPT_LANGUAGE="it").status_code == 200
    assert client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="it").status_code == 200
    assert client.get("/api/v1/clusters", HTTP_ACCEPT_LANGUAGE="it").status_code == 200
    # A form posted to an unprefixed address is answered there (nothing typed is lost).
    response = client.post("/questionnaire/", {}, HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code != 302 or not response["Location"].startswith("/it/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_the_switcher_never_sends_visitors_elsewhere(client, next_url):
    response = client.get("/i18n/switch/it/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/it/"


@pytest.mark.django_db
def test_an_unknown_language_is_not_found(client):
    assert client.get("/i18n/switch/de/?next=/").status_code == 404
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


@pytest.mark.django_db
def test_hreflang_alternates_name_every_language_and_x_default(client):
    company = CompanyFactory(slug="acme")
    html = client.get(f"/es/directory/{company.slug}/").content.decode()
    alternates = _alternates(html)
    assert set(alternates) == {*LANGUAGE_CODES, "x-default"}
    assert alternates["x-default"] == alternates["en"] == "http://testserver/directory/acme/"
    assert alternates["sr-latn"] == "http://testserver/sr-latn/directory/acme/"


@pytest.mark.django_db
def test_hreflang_alternates_follow_the_canonical_address(client):
    # Paging is not a page of its own for search engines (see the canonical link).
    html = client.get("/it/directory/?page=2&country=IT").content.decode()
    alternates = _alternates(html)
    assert alternates["es"] == "http://testserver/es/directory/?country=IT"


@pytest.mark.django_db
def test_a_page_that_does_not_exist_has_no_alternates(client):
    response = client.get("/it/no-such-page/")
    assert response.status_code == 404
    assert _alternates(response.content.decode()) == {}
