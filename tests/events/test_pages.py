import datetime
import html
import json
import re
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event
from tests.events.factories import (
    ClusterFactory,
    EventFactory,
    MaterialFactory,
    SessionFactory,
    SpeakerFactory,
    TalkFactory,
    UpcomingEventFactory,
)

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")
MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


CARD_TITLE = re.compile(r'<h3 class="h5 card-title"><a href="[^"]*">([^<]*)</a></h3>')


def list_titles(response):
    """The titles of the list's upcoming and past cards, as the page shows them."""
    page = response.content.decode()
    upcoming, past = page.split('id="past-title"')
    return (
        [html.unescape(title) for title in CARD_TITLE.findall(upcoming)],
        [html.unescape(title) for title in CARD_TITLE.findall(past)],
    )


# ---- /events/ ---------------------------------------------------------------------------


def test_list_is_empty_safe(client):
    response = client.get(reverse("events:list"))
    assert response.status_code == 200
    assert b"No upcoming events." in response.content
    assert b"No past events yet." in response.content


def test_list_splits_upcoming_and_past_and_hides_drafts(client):
    UpcomingEventFactory(title="Next conference")
    EventFactory(title="Old conference")
    EventFactory(title="Secret draft", status=Event.Status.DRAFT)
    response = client.get(reverse("events:list"))
    assert list_titles(response) == (["Next conference"], ["Old conference"])
    assert b"Secret draft" not in response.content


def test_list_shows_dates_in_the_event_time_zone(client):
    # 16:00 in Mexico City is 00:00 the next day in Rome: the card must say 16:00.
    EventFactory(
        title="Mexico meeting",
        start=datetime.datetime(2021, 10, 14, 16, tzinfo=MEXICO),
        time_zone="America/Mexico_City",
    )
    content = client.get(reverse("events:list")).content.decode()
    assert "14 October 2021, 16:00 CDT" in content


def _filter_choices(client, name):
    """The options a visitor sees (the page may come whole from the page cache)."""
    content = client.get(reverse("events:list")).content.decode()
    select = re.search(rf'<select name="{name}".*?</select>', content, re.S).group(0)
    return [value for value in re.findall(r'<option value="([^"]*)"', select) if value]


def test_cached_filter_options_follow_event_and_partner_changes(client):
    organiser = ClusterFactory(slug="org", acronym="ORG")
    partner = ClusterFactory(slug="partner", acronym="PRT")
    event = EventFactory(organiser=organiser, country="IT")
    assert _filter_choices(client, "cluster") == ["org"]
    event.partner_clusters.add(partner)  # m2m change: signal
    assert sorted(_filter_choices(client, "cluster")) == ["org", "partner"]
    EventFactory(organiser=organiser, country="BG", status=Event.Status.DRAFT)
    assert "BG" not in _filter_choices(client, "place")
    event.status = Event.Status.DRAFT
    event.save()
    assert _filter_choices(client, "cluster") == []
    assert _filter_choices(client, "place") == ["online"]


def test_list_filters_by_year_kind_place_and_cluster(client):
    clm = ClusterFactory(slug="clm", acronym="CLM")
    EventFactory(title="Milan 2022", start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME))
    EventFactory(
        title="Webinar 2021",
        kind=Event.Kind.WEBINAR,
        is_online=True,
        country="",
        start=datetime.datetime(2021, 10, 14, 16, tzinfo=ROME),
        organiser=clm,
    )
    partnered = EventFactory(
        title="Sofia workshop", kind=Event.Kind.WORKSHOP, country="BG", city="Sofia"
    )
    partnered.partner_clusters.add(clm)
    url = reverse("events:list")
    assert list_titles(client.get(url, {"year": "2021"}))[1] == ["Webinar 2021"]
    assert list_titles(client.get(url, {"kind": "workshop"}))[1] == ["Sofia workshop"]
    assert list_titles(client.get(url, {"place": "online"}))[1] == ["Webinar 2021"]
    assert list_titles(client.get(url, {"place": "BG"}))[1] == ["Sofia workshop"]
    assert sorted(list_titles(client.get(url, {"cluster": "clm"}))[1]) == [
        "Sofia workshop",
        "Webinar 2021",
    ]
    filtered = client.get(url, {"kind": "conference", "place": "IT"})
    assert list_titles(filtered)[1] == ["Milan 2022"]
    assert b"Clear filters" in filtered.content


def test_filter_choices_list_only_what_exists(client):
    EventFactory(start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME), country="IT")
    EventFactory(status=Event.Status.DRAFT, country="BG")
    form = client.get(reverse("events:list")).context["filter"].form
    assert [value for value, _ in form.fields["year"].choices if value] == ["2022"]
    assert [value for value, _ in form.fields["place"].choices if value] == ["online", "IT"]


def test_no_match_shows_an_empty_state(client):
    EventFactory()
    response = client.get(reverse("events:list"), {"kind": "workshop"})
    assert b"No past events match these filters." in response.content


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"kind": "x" * 5000},
        {"place": "\x00"},
        {"cluster": "bad\x00slug"},
        {"kind": "\x00", "year": "\x00", "page": "\x00"},
    ],
)
def test_bad_list_parameters_are_ignored(client, query):
    EventFactory(title="Still listed")
    response = client.get(reverse("events:list"), query)
    assert response.status_code == 200
    assert b"Still listed" in response.content


def test_past_events_are_paginated(client):
    for day in range(1, 15):
        EventFactory(start=datetime.datetime(2021, 3, day, 10, tzinfo=ROME))
    first = client.get(reverse("events:list"))
    assert len(first.context["page_obj"].object_list) == 12
    assert b'rel="next"' in first.content
    last = client.get(reverse("events:list"), {"page": "2"})
    assert len(last.context["page_obj"].object_list) == 2


# ---- /events/<slug>/ -------------------------------------------------------------------


@pytest.fixture
def full_event():
    event = EventFactory(
        title="Final Event",
        slug="final-event",
        start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME),
        end=datetime.datetime(2022, 6, 29, 18, tzinfo=ROME),
        latitude="45.46",
        longitude="9.19",
        recording_url="https://www.youtube.com/watch?v=abcDEF12345",
    )
    morning = SessionFactory(
        event=event,
        title="Morning session",
        start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME),
        end=datetime.datetime(2022, 6, 29, 13, tzinfo=ROME),
    )
    speaker = SpeakerFactory(name="Ada Lovelace", slug="ada-lovelace")
    TalkFactory(
        session=morning,
        title="Opening",
        start=datetime.datetime(2022, 6, 29, 10, 15, tzinfo=ROME),
        speakers=[speaker],
    )
    TalkFactory(session=morning, title="To be announced", is_placeholder=True)
    MaterialFactory(event=event, title="Programme", kind="programme")
    MaterialFactory(event=event, title="Afternoon slides", file=None, on_request=True)
    return event


def test_detail_shows_programme_in_the_event_time_zone(client, full_event, settings):
    settings.TIME_ZONE = "UTC"  # the page must not depend on the server's zone
    content = client.get(full_event.get_absolute_url()).content.decode()
    assert "Morning session" in content
    assert re.search(r"10:15</time>", content)
    assert '<time datetime="2022-06-29T10:00:00+02:00">' in content
    assert "Placeholder: details not published" in content
    assert 'href="/speakers/ada-lovelace/"' in content


def test_detail_lists_materials_with_type_and_size(client, full_event):
    content = client.get(full_event.get_absolute_url()).content.decode()
    assert re.search(r"PDF, \d+(\.\d)?\s(bytes|KB)", content)
    assert "/materials/" in content and "/download/" in content
    assert "On request" in content
    assert 'action="/events/final-event/request/#request"' in content


def test_detail_puts_recordings_behind_a_click(client, full_event):
    content = client.get(full_event.get_absolute_url()).content.decode()
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/abcDEF12345"' in content
    assert "<iframe" not in content
    assert "/static/js/events.js" in content


def test_detail_has_schema_org_json_ld_and_calendar_link(client, full_event):
    response = client.get(full_event.get_absolute_url())
    content = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content)
    data = json.loads(match.group(1))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2022-06-29T10:00:00+02:00"
    assert data["location"]["address"]["addressLocality"] == "Milan"
    assert reverse("events:ics", args=["final-event"]) in content


def test_json_ld_cannot_break_out_of_its_script(client):
    event = EventFactory(summary="</script><script>alert(1)</script>")
    content = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert "\\u003C/script\\u003E" in content


def test_online_event_says_online_and_has_no_map(client):
    event = EventFactory(is_online=True, venue_name="", city="", country="")
    content = client.get(event.get_absolute_url()).content.decode()
    assert "Online event" in content
    assert "openstreetmap" not in content


def test_venue_map_link_when_coordinates_are_known(client, full_event):
    content = client.get(full_event.get_absolute_url()).content.decode()
    assert "https://www.openstreetmap.org/?mlat=45.460000&amp;mlon=9.190000" in content


def test_venue_map_uses_tiles_only_when_configured(client, full_event, settings):
    content = client.get(full_event.get_absolute_url()).content.decode()
    assert 'id="event-map"' in content and 'data-tile-url=""' in content
    assert "js/map_pin.js" in content
    assert "vendor/leaflet/leaflet.js" in content
    settings.MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"
    content = client.get(full_event.get_absolute_url()).content.decode()
    assert 'data-tile-url="/tiles/{z}/{x}/{y}.png"' in content


def test_no_map_without_coordinates(client):
    event = EventFactory(latitude=None, longitude=None)
    content = client.get(event.get_absolute_url()).content.decode()
    assert 'id="event-map"' not in content and "leaflet" not in content


@pytest.mark.parametrize("slug", ["unknown", "x" * 300, "feed"])
def test_unknown_event_is_404(client, slug):
    assert client.get(f"/events/{slug}/").status_code == 404


def test_draft_event_is_404(client):
    event = EventFactory(status=Event.Status.DRAFT)
    assert client.get(event.get_absolute_url()).status_code == 404


def test_event_without_programme_or_materials(client):
    event = EventFactory()
    content = client.get(event.get_absolute_url()).content.decode()
    assert "No materials published for this event yet." in content
    assert "Request a material" not in content


# ---- /speakers/<slug>/ -----------------------------------------------------------------


def test_speaker_page_lists_their_published_talks(client):
    speaker = SpeakerFactory(name="Grace Hopper", bio="Navy rear admiral.")
    TalkFactory(title="Public talk", speakers=[speaker])
    TalkFactory(
        title="Draft talk",
        session=SessionFactory(event=EventFactory(status=Event.Status.DRAFT)),
        speakers=[speaker],
    )
    response = client.get(speaker.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Grace Hopper" in content and "Navy rear admiral." in content
    assert "Public talk" in content
    assert "Draft talk" not in content


def test_speaker_of_drafts_only_is_404(client):
    speaker = SpeakerFactory()
    TalkFactory(
        session=SessionFactory(event=EventFactory(status=Event.Status.DRAFT)), speakers=[speaker]
    )
    assert client.get(speaker.get_absolute_url()).status_code == 404
    assert client.get("/speakers/nobody/").status_code == 404


# ---- Query budgets ---------------------------------------------------------------------


def _populate(size):
    clusters = [ClusterFactory() for _ in range(3)]
    speakers = [SpeakerFactory() for _ in range(3)]
    events = []
    for index in range(size):
        event = EventFactory(organiser=clusters[index % 3])
        event.partner_clusters.set(clusters)
        events.append(event)
    main = events[0]
    for index in range(size):
        session = SessionFactory(event=main)
        TalkFactory(session=session, speakers=speakers)
        MaterialFactory(event=main, session=session)
        MaterialFactory(event=main, file=None, on_request=True, title=f"On request {index}")
    return main, speakers[0]


@pytest.mark.parametrize("size", [3, 30])
def test_public_pages_query_budget(client, django_assert_max_num_queries, size):
    event, speaker = _populate(size)
    urls = [
        reverse("events:list"),
        reverse("events:list") + "?kind=conference&place=IT&cluster=test-cluster-1&year=2022",
        event.get_absolute_url(),
        speaker.get_absolute_url(),
        reverse("events:calendar"),
        reverse("events:ics", args=[event.slug]),
        reverse("events:atom"),
        reverse("events:rss"),
    ]
    for url in urls:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200, url


def test_event_pages_work_under_a_language_prefix(client):
    event = EventFactory()
    try:
        response = client.get(f"/it{event.get_absolute_url()}")
        assert response.status_code == 200
        assert response.context["LANGUAGE_CODE"] == "it"
        assert client.get("/it/events/").status_code == 200
    finally:
        # The request leaves Italian active in this thread; later tests reverse() URLs.
        translation.activate(settings.LANGUAGE_CODE)


def test_cover_image_is_shown_when_set(client):
    event = EventFactory(cover_image="events/covers/cover.png")
    assert (
        'src="/media/events/covers/cover.png"'
        in client.get(event.get_absolute_url()).content.decode()
    )


# ---- The list's cached cards -----------------------------------------------------------


def test_the_list_cards_are_cached_past_the_page_cache(client, django_assert_num_queries):
    UpcomingEventFactory(title="Soon")
    EventFactory(title="Before")
    assert list_titles(client.get(reverse("events:list"))) == (["Soon"], ["Before"])
    # A new URL of the same list (the page cache misses): the cards without a query.
    with django_assert_num_queries(0):
        again = client.get(reverse("events:list"), {"utm_source": "newsletter"})
    assert list_titles(again) == (["Soon"], ["Before"])
    # Each language has its own cards: the kind is written in the page's language.
    soon = Event.objects.get(title="Soon")
    with translation.override("it"):
        italian_kind = str(soon.get_kind_display())
    assert italian_kind != soon.get_kind_display()
    italian = client.get("/it/events/")
    translation.activate(settings.LANGUAGE_CODE)
    assert list_titles(italian) == (["Soon"], ["Before"])
    assert f"{italian_kind} ·" in italian.content.decode()


def test_an_edited_event_shows_at_once_on_the_list(client):
    event = UpcomingEventFactory(title="Old title")
    client.get(reverse("events:list"))
    event.title = "New title"
    event.save()
    assert list_titles(client.get(reverse("events:list"), {"v": "2"})) == (["New title"], [])


def test_an_upcoming_event_moves_to_the_past_when_it_ends(client, monkeypatch):
    event = UpcomingEventFactory(title="Ending")
    assert list_titles(client.get(reverse("events:list"))) == (["Ending"], [])
    after_the_end = event.end + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after_the_end)
    # No write in between: the cached cards are no longer valid once the event is over.
    assert list_titles(client.get(reverse("events:list"), {"v": "2"})) == ([], ["Ending"])


def test_each_page_and_filter_of_the_list_has_its_own_cards(client):
    for day in range(1, 15):
        EventFactory(title=f"Day {day:02}", start=datetime.datetime(2021, 3, day, 10, tzinfo=ROME))
    EventFactory(title="Other year", start=datetime.datetime(2019, 5, 1, 10, tzinfo=ROME))
    first = list_titles(client.get(reverse("events:list")))[1]
    second = list_titles(client.get(reverse("events:list"), {"page": "2"}))[1]
    only_2019 = list_titles(client.get(reverse("events:list"), {"year": "2019"}))[1]
    assert len(first) == 12 and len(second) == 3 and not set(first) & set(second)
    assert only_2019 == ["Other year"]
    # Out of range: the last page, as before.
    assert list_titles(client.get(reverse("events:list"), {"page": "99"}))[1] == second


# ---- The event page's cached programme -------------------------------------------------


def test_the_event_page_past_the_page_cache_reads_no_row_again(client, django_assert_num_queries):
    event, _speaker = _populate(3)
    assert client.get(event.get_absolute_url()).status_code == 200
    # None: whether it has a B2B programme (matchmaking's section) is cached too.
    with django_assert_num_queries(0):
        again = client.get(event.get_absolute_url(), {"utm_source": "newsletter"})
    assert again.status_code == 200 and event.title in again.content.decode()


@pytest.mark.parametrize("change", ["talk", "speaker", "material", "session", "cluster"])
def test_a_change_to_the_programme_shows_at_once_on_the_event_page(client, change):
    event, speaker = _populate(2)
    client.get(event.get_absolute_url())
    session = event.sessions.first()
    if change == "talk":
        talk = session.talks.first()
        talk.title = "Renamed talk"
        talk.save()
    elif change == "speaker":
        speaker.name = "Renamed speaker"
        speaker.save()
    elif change == "material":
        material = event.materials.filter(file="").first() or event.materials.first()
        material.title = "Renamed material"
        material.save()
    elif change == "session":
        session.title = "Renamed session"
        session.save()
    else:
        organiser = event.organiser
        organiser.name = "Renamed cluster"
        organiser.save()
    page = client.get(event.get_absolute_url(), {"v": "2"}).content.decode()
    assert f"Renamed {change}" in page


def test_an_unpublished_event_is_gone_at_once(client):
    event = EventFactory()
    assert client.get(event.get_absolute_url()).status_code == 200
    event.status = Event.Status.DRAFT
    event.save()
    assert client.get(event.get_absolute_url(), {"v": "2"}).status_code == 404


def _selected(response, name):
    body = response.content.decode()
    select = body[body.index(f'<select name="{name}"') :]
    select = select[: select.index("</select>")]
    return re.findall(r'<option value="([^"]*)" selected>', select)


def test_the_cached_filter_selects_mark_what_each_visitor_chose(client):
    EventFactory(start=datetime.datetime(2022, 6, 29, 10, tzinfo=ROME), country="IT")
    EventFactory(start=datetime.datetime(2021, 6, 29, 10, tzinfo=ROME), country="BG")
    url = reverse("events:list")
    assert _selected(client.get(url, {"year": "2022"}), "year") == ["2022"]
    assert _selected(client.get(url, {"year": "2021"}), "year") == ["2021"]
    assert _selected(client.get(url, {"year": "2022", "x": "1"}), "year") == ["2022"]
    assert _selected(client.get(url, {"year": "abc"}), "year") == []
    assert _selected(client.get(url, {"place": "BG"}), "place") == ["BG"]
    assert _selected(client.get(url), "place") == []  # the first option, by default
    EventFactory(start=datetime.datetime(2020, 6, 29, 10, tzinfo=ROME))  # a new option
    assert '<option value="2020">2020</option>' in client.get(url).content.decode()


def test_the_event_page_header_turns_past_when_the_event_ends(client, monkeypatch, settings):
    """The header (dates, place, register button) is a cached fragment: it follows the
    event's end without any write, and each host gets its own calendar link."""
    settings.ALLOWED_HOSTS = ["testserver", "portal.example"]
    event = UpcomingEventFactory(title="Ending", registration_url="https://example.org/register")
    before = client.get(event.get_absolute_url()).content.decode()
    assert "https://example.org/register" in before and "past event" not in before
    after_the_end = event.end + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after_the_end)
    after = client.get(event.get_absolute_url(), {"v": "2"}).content.decode()
    assert "past event" in after and "https://example.org/register" not in after
    ics = reverse("events:ics", args=[event.slug])
    assert f'href="webcal://testserver{ics}"' in after
    other_host = client.get(event.get_absolute_url(), {"v": "3"}, SERVER_NAME="portal.example")
    assert f'href="webcal://portal.example{ics}"' in other_host.content.decode()
