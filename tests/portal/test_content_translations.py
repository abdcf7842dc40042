"""Site pages in the partners' languages, English fallback."""

import pytest

from core.models import SitePage

pytestmark = pytest.mark.django_db


def test_about_page_shows_the_translation_or_falls_back_to_english(client):
    SitePage.objects.create(slug="about", title="About us", lead="Who we are.", body="Text.")
    SitePage.objects.filter(slug="about").update(title_it="Chi siamo")
    italian = client.get("/it/about/").content.decode()
    assert "Chi siamo" in italian
    assert "Who we are." in italian  # no Italian lead: English
    assert "About us" in client.get("/bg/about/").content.decode()
    assert "Chi siamo" not in client.get("/about/").content.decode()


def test_demo_about_and_home_pages_are_in_every_language(client, demo_content):
    for slug in ("home", "about"):
        page = SitePage.objects.get(slug=slug)
        for field in ("title", "lead", "body"):
            for language in ("en", "it", "es", "bg", "el", "sr_latn"):
                assert getattr(page, f"{field}_{language}"), (slug, field, language)
    assert "Informazioni su C2Future" in client.get("/it/about/").content.decode()
    assert "O C2Future" in client.get("/sr-latn/about/").content.decode()
