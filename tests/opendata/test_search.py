"""/search/: one ranked page of companies, events, sessions, talks, speakers and materials."""

import pytest
from django.urls import reverse

from clusters.models import Company
from events.models import Event, Material
from opendata import search as site_search_module
from opendata.search import PER_KIND, clean_query, site_search
from tests.clusters.conftest import world  # noqa: F401 - the taxonomy and clusters
from tests.clusters.factories import OfferingFactory, full_company
from tests.events.factories import (
    EventFactory,
    MaterialFactory,
    SessionFactory,
    SpeakerFactory,
    TalkFactory,
)

SEARCH = reverse("opendata:search")


def titles(response, kind):
    for group in response.context["search"].groups:
        if group.kind == kind:
            return [hit.title for hit in group.results]
    raise AssertionError(kind)


@pytest.fixture
def portal(world):  # noqa: F811 - the fixture imported above
    charger = full_company(
        name="Alpha Chargers Srl",
        clusters=[world["clm"]],
        competencies=[world["ev"]],
        country="ES",
        vat_number="VATMARKER4471",
    )
    OfferingFactory(company=charger, name="EV charging stations")
    full_company(name="Hidden Charging Draft", status=Company.Status.DRAFT)
    event = EventFactory(title="Smart mobility forum", summary="Charging and parking.")
    draft = EventFactory(title="Secret charging summit", status=Event.Status.DRAFT)
    session = SessionFactory(event=event, title="Charging networks panel")
    speaker = SpeakerFactory(name="Maria Chargepoint", organisation="Grid Lab", country="IT")
    TalkFactory(session=session, title="Fast charging corridors", speakers=[speaker])
    SpeakerFactory(name="Only Draft Chargespeaker")
    TalkFactory(
        session=SessionFactory(event=draft, title="Draft charging session"),
        title="Draft charging talk",
    )
    MaterialFactory(event=event, title="Charging slides")
    MaterialFactory(
        event=event,
        title="Charging recording",
        kind=Material.Kind.RECORDING,
        file=None,
        external_url="https://example.com/video",
    )
    MaterialFactory(
        event=event, title="Charging study", kind=Material.Kind.OTHER, file=None, on_request=True
    )
    MaterialFactory(event=draft, title="Draft charging slides")
    return {"charger": charger, "event": event, "speaker": speaker}


def test_one_query_finds_every_kind_and_only_public_items(client, portal):
    response = client.get(SEARCH, {"q": "charging"})
    assert response.status_code == 200
    assert titles(response, "companies") == ["Alpha Chargers Srl"]
    assert titles(response, "events") == ["Smart mobility forum"]
    assert titles(response, "sessions") == ["Charging networks panel"]
    assert titles(response, "talks") == ["Fast charging corridors"]
    assert set(titles(response, "materials")) == {
        "Charging slides",
        "Charging recording",
        "Charging study",
    }
    body = response.content.decode()
    for hidden in ("Draft charging", "Secret charging", "Hidden Charging", "VATMARKER4471"):
        assert hidden not in body
    assert 'role="search"' in body


def test_speakers_of_published_events_only(client, portal):
    response = client.get(SEARCH, {"q": "grid lab"})
    assert titles(response, "speakers") == ["Maria Chargepoint"]
    assert titles(client.get(SEARCH, {"q": "chargespeaker"}), "speakers") == []


def test_badges_for_materials_events_and_companies(portal):
    search = site_search("charging")
    badges = {hit.title: [str(b) for b in hit.badges] for g in search.groups for hit in g.results}
    assert badges["Charging slides"] == ["slides"]
    assert badges["Charging recording"] == ["recording"]
    assert badges["Charging study"] == ["on request"]
    assert badges["Smart mobility forum"] == ["slides", "recording", "on request"]
    assert badges["Alpha Chargers Srl"] == ["TCLM", "Spain"]


def test_companies_use_the_directorys_typo_tolerance(client, portal):
    response = client.get(SEARCH, {"q": "charing stations"})
    assert titles(response, "companies") == ["Alpha Chargers Srl"]


def test_titles_are_typo_tolerant(client, portal):
    assert titles(client.get(SEARCH, {"q": "mobilty forum"}), "events") == ["Smart mobility forum"]


def test_empty_query_shows_a_friendly_empty_state(client, portal):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert response.context["search"].groups == []
    assert "Type a word to search the whole portal" in response.content.decode()


def test_no_results_suggests_the_corrected_spelling(client, portal):
    response = client.get(SEARCH, {"q": "chargng zzqxv"})
    body = response.content.decode()
    assert response.context["search"].total == 0
    assert "Nothing found for" in body
    assert response.context["search"].suggestion == "charging zzqxv"
    assert "search-suggestion" in body


def test_groups_are_capped_with_a_link_to_the_directory(client, world):  # noqa: F811
    for index in range(PER_KIND + 2):
        full_company(name=f"Capped {index:02d} Srl", clusters=[world["clm"]])
    response = client.get(SEARCH, {"q": "capped"})
    group = response.context["search"].group("companies")
    assert group.total == PER_KIND + 2
    assert len(group.results) == PER_KIND
    assert f"See all {PER_KIND + 2} companies in the directory" in response.content.decode()
    assert reverse("clusters:directory") + "?q=capped" in response.content.decode()


@pytest.mark.parametrize("q", ["\x00", "a\x00b", "x" * 5000, "' OR 1=1 --", "<b>", "!!!", "ab"])
def test_any_query_is_answered_never_a_500(client, portal, q):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    assert "<b>" not in response.content.decode().split("<main", 1)[-1]


def test_queries_are_cleaned_and_bounded():
    assert clean_query("  a\x00b\n c ") == "a b c"
    assert len(clean_query("x" * 5000)) == 200


def test_header_search_box_on_every_page(client, db):
    body = client.get(reverse("portal:home")).content.decode()
    assert f'action="{SEARCH}"' in body
    assert 'role="search"' in body
    assert 'for="header-search-q"' in body


def _build(world, size):  # noqa: F811
    for index in range(size):
        company = full_company(
            name=f"Budget {index:03d} Srl", clusters=[world["clm"], world["dti"]]
        )
        OfferingFactory(company=company, name="Budget charging")
        event = EventFactory(title=f"Budget event {index}")
        session = SessionFactory(event=event, title=f"Budget session {index}")
        speaker = SpeakerFactory(name=f"Budget speaker {index}")
        TalkFactory(session=session, title=f"Budget talk {index}", speakers=[speaker])
        MaterialFactory(event=event, title=f"Budget slides {index}")


@pytest.mark.parametrize("size", [2, 15])
@pytest.mark.parametrize("q", ["budget", "", "zzqxv"])
def test_search_query_budget(client, world, size, q, django_assert_max_num_queries):  # noqa: F811
    _build(world, size)
    with django_assert_max_num_queries(20):
        response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200


# ---- The same in the API -------------------------------------------------------------------


def test_api_search_returns_the_same_groups(client, portal):
    response = client.get("/api/v1/search", {"q": "charging"})
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "charging"
    groups = {group["kind"]: group for group in data["groups"]}
    assert [hit["title"] for hit in groups["companies"]["results"]] == ["Alpha Chargers Srl"]
    assert groups["companies"]["results"][0]["badges"] == ["TCLM", "Spain"]
    assert groups["companies"]["results"][0]["url"].startswith("http://testserver/")
    assert [hit["title"] for hit in groups["talks"]["results"]] == ["Fast charging corridors"]
    assert "VATMARKER4471" not in response.content.decode()
    assert "Draft charging" not in response.content.decode()


def test_api_search_suggests_and_handles_empty_queries(client, portal):
    assert client.get("/api/v1/search", {"q": "chargng zzqxv"}).json()["suggestion"] == (
        "charging zzqxv"
    )
    empty = client.get("/api/v1/search").json()
    assert empty == {"query": "", "total": 0, "suggestion": "", "groups": []}


def test_api_search_rejects_an_overlong_query_as_json(client, portal):
    response = client.get("/api/v1/search", {"q": "x" * 1001})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"


def test_without_postgresql_every_word_is_matched_with_icontains(portal, monkeypatch):
    """The SQLite quick start's fallback (the suite runs on PostgreSQL: forced here)."""
    from types import SimpleNamespace

    monkeypatch.setattr("opendata.search.connection", SimpleNamespace(vendor="sqlite"))
    search = site_search("charging panel")
    assert [hit.title for hit in search.group("sessions").results] == ["Charging networks panel"]
    assert search.group("talks").total == 0
    # Only short words: matched as typed, not "or" inside every title.
    assert site_search("' OR").group("events").total == 0


@pytest.mark.parametrize("q", ["charging", "", "chargng zzqxv"])
def test_search_page_is_valid_html(client, portal, q):
    from tests.events.test_html_validity import vnu_errors

    assert vnu_errors(client.get(SEARCH, {"q": q}).content) == []


def test_results_are_cached_until_public_data_changes(portal, django_assert_num_queries):
    first = site_search("charging")
    with django_assert_num_queries(0):
        again = site_search("charging")
    assert again == first
    event = Event.objects.get(title="Smart mobility forum")
    event.title = "Smart charging forum, renamed"
    event.save()
    found = [hit.title for hit in site_search("charging").group("events").results]
    assert "Smart charging forum, renamed" in found
    assert "Smart mobility forum" not in found


def test_cached_results_are_per_language(portal):
    from django.utils import translation

    english = site_search("charging").group("companies").results[0]
    with translation.override("it"):
        italian = site_search("charging").group("companies").results[0]
    assert english.badges[-1] == "Spain"
    assert italian.badges[-1] == "Spagna"


def _main(response):
    body = response.content.decode()
    return body[body.index("<main") : body.index("</main>")]


def test_results_fragment_is_served_from_cache_identical_until_a_write(client, portal, monkeypatch):
    first = client.get(SEARCH, {"q": "charging", "visit": "1"})

    def not_again(text):
        raise AssertionError("the cached fragment should have been served")

    monkeypatch.setattr(site_search_module, "site_search", not_again)
    again = client.get(SEARCH, {"q": "charging", "visit": "2"})  # another URL: no page cache
    assert _main(again) == _main(first)
    assert "Fast charging corridors" in _main(again)

    monkeypatch.undo()
    event = Event.objects.get(title="Smart mobility forum")
    event.title = "Smart charging forum, renamed"
    event.save()
    after_write = _main(client.get(SEARCH, {"q": "charging", "visit": "3"}))
    assert "Smart charging forum, renamed" in after_write
    assert "Smart mobility forum" not in after_write


def test_results_fragment_is_per_language_and_per_query(client, portal):
    english = _main(client.get(SEARCH, {"q": "charging"}))
    italian = _main(client.get("/it" + SEARCH, {"q": "charging"}))
    other = _main(client.get(SEARCH, {"q": "chargepoint"}))
    assert "Spain" in english and "Spagna" not in english
    assert "Spagna" in italian
    assert "Maria Chargepoint" in other and "Alpha Chargers Srl" not in other


def test_suggestion_link_keeps_only_the_query(client, portal):
    # The fragment is shared by every visitor of the query: no other parameter of the first
    # visitor's URL may end up in it.
    body = client.get(SEARCH, {"q": "chargng zzqxv", "utm_source": "mail"}).content.decode()
    assert 'href="?q=charging+zzqxv" class="search-suggestion"' in body
    assert "utm_source" not in _main(client.get(SEARCH, {"q": "chargng zzqxv", "x": "2"}))
