"""Event texts in the partners' languages, English fallback."""

import pytest

from events.models import Event
from events.services import duplicate_event

from .factories import EventFactory, SessionFactory, TalkFactory

pytestmark = pytest.mark.django_db


def test_event_page_shows_the_translation_or_falls_back_to_english(client):
    event = EventFactory(title="Smart mobility day", summary="A day on mobility.")
    Event.objects.filter(pk=event.pk).update(title_it="Giornata della mobilità intelligente")
    session = SessionFactory(event=event, title="Morning")
    TalkFactory(session=session, title="Opening talk")
    italian = client.get(f"/it/events/{event.slug}/").content.decode()
    assert "Giornata della mobilità intelligente" in italian
    assert "A day on mobility." in italian  # no Italian summary: English
    assert "Opening talk" in italian
    spanish = client.get(f"/es/events/{event.slug}/").content.decode()
    assert "Smart mobility day" in spanish
    english = client.get(f"/events/{event.slug}/").content.decode()
    assert "Smart mobility day" in english
    assert "Giornata della mobilità" not in english
    assert "Giornata della mobilità intelligente" in client.get("/it/events/").content.decode()


def test_a_duplicate_keeps_every_language_of_the_title():
    event = EventFactory(title="Smart mobility day")
    Event.objects.filter(pk=event.pk).update(title_it="Giornata della mobilità")
    event.refresh_from_db()
    copy = duplicate_event(event)
    copy.refresh_from_db()
    assert copy.title_en == "Smart mobility day (copy)"
    assert copy.title_it.startswith("Giornata della mobilità")
    assert copy.title_it != copy.title_en
    assert not copy.title_bg


def test_admin_event_page_has_the_language_fields_and_missing_marker(admin_client):
    event = EventFactory(title="Smart mobility day", summary="A day on mobility.")
    response = admin_client.get(f"/admin/events/event/{event.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("title_en", "title_it", "summary_bg", "description_sr_latn"):
        assert f'name="{name}"' in html
    assert "mt-missing" in html
    listing = admin_client.get("/admin/events/event/").content.decode()
    assert "Missing translations" in listing
    assert "IT, ES, BG, EL, SR-LATN" in listing


def test_rendering_the_admin_page_keeps_the_admin_checks_passing(admin_client):
    from django.contrib import admin

    event = EventFactory()
    assert admin_client.get(f"/admin/events/event/{event.pk}/change/").status_code == 200
    assert admin.site._registry[Event].check() == []
