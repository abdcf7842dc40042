"""/search/ in the partners' languages: the directory's accent folding and translated
taxonomy for companies, accents folded in event titles too (PostgreSQL)."""

import pytest
from django.db import connection
from django.urls import reverse

from clusters.models import Competency, CompetencyArea
from clusters.taxonomy import ensure_taxonomy
from opendata.search import site_search
from tests.clusters.factories import CompanyCompetencyFactory, CompanyFactory
from tests.events.factories import EventFactory, SessionFactory, TalkFactory

SEARCH = reverse("opendata:search")

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the unaccent search configuration is PostgreSQL"
)


def titles(result, kind):
    return [hit.title for hit in result.group(kind).results]


@pytest.fixture
def content(db):
    ensure_taxonomy(CompetencyArea, Competency)
    parking = Competency.objects.get(slug="smart-parking")
    CompanyCompetencyFactory(
        company=CompanyFactory(name="Sosta Srl", slug="sosta"), competency=parking
    )
    event = EventFactory(title="Forum della mobilità", summary="Città e energía.")
    TalkFactory(session=SessionFactory(event=event, title="Sessione"), title="Στάθμευση στην πόλη")
    return event


@pytest.mark.parametrize(
    "query",
    [
        "parcheggio intelligente",
        "estacionamiento inteligente",
        "Έξυπνη στάθμευση",
        "Интелигентно паркиране",
        "pametno parkiranje",
        "parcheggo intelligente",
    ],
)
def test_companies_are_found_through_the_taxonomy_in_every_language(content, query):
    assert titles(site_search(query), "companies") == ["Sosta Srl"]


@pytest.mark.parametrize("query", ["mobilita", "mobilità", "citta", "energia"])
def test_event_words_are_found_whatever_the_accents(content, query):
    assert titles(site_search(query), "events") == ["Forum della mobilità"]


def test_greek_talk_titles_with_or_without_tonos(content):
    assert titles(site_search("σταθμευση"), "talks") == ["Στάθμευση στην πόλη"]
    assert titles(site_search("Στάθμευση"), "talks") == ["Στάθμευση στην πόλη"]


def test_the_page_shows_them(client, content):
    body = client.get(SEARCH, {"q": "parcheggio intelligente"}).content.decode()
    assert "Sosta Srl" in body


def test_translated_event_titles_are_found_in_every_language(content):
    from events.models import Event

    Event.objects.filter(pk=content.pk).update(
        title_it="Forum della mobilità", title_en="Mobility forum", title_el="Φόρουμ κινητικότητας"
    )
    for query in ["mobility forum", "forum mobilita", "φορουμ κινητικοτητας", "mobilty forum"]:
        assert len(site_search(query).group("events").results) == 1, query
