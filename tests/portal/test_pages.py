from unittest import mock

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from clusters.models import Cluster, Sector
from core.models import SitePage
from tests.clusters.factories import ClusterFactory
from tests.events.factories import EventFactory


@pytest.mark.django_db
def test_home_is_empty_safe(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["counters"] == {
        "partner_clusters": 0,
        "published_companies": 0,
        "published_events": 0,
    }
    assert b"No events published yet." in response.content


def test_home_shows_content_and_live_counters(client, demo_content):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["counters"]["partner_clusters"] == 6
    assert b"Strengthen the competitiveness" in response.content
    assert reverse("surveys:intro").encode() in response.content


def test_home_counter_follows_database_changes(client, demo_content):
    client.get("/")
    Cluster.objects.filter(slug="dti").update(is_partner=False)
    # .update() bypasses signals; a save() must invalidate the cached counters.
    cluster = Cluster.objects.get(slug="aclima")
    cluster.is_partner = False
    cluster.save()
    assert client.get("/").context["counters"]["partner_clusters"] == 4


def test_about_lists_the_six_partner_clusters(client, demo_content):
    response = client.get("/about/")
    assert response.status_code == 200
    names = [cluster.acronym for cluster in response.context["clusters"]]
    assert sorted(names) == sorted(["DTI", "Aclima", "ICT Net", "Green HoMe", "HAMAC", "CLM"])
    assert b"COS-CLUSINT-2019-3-01" in response.content


def test_about_content_is_editable(client, demo_content):
    SitePage.objects.filter(slug="about").update(lead="Edited by staff in the admin.")
    assert b"Edited by staff in the admin." in client.get("/about/").content


@pytest.mark.django_db
def test_about_without_content_shows_empty_state(client):
    response = client.get("/about/")
    assert response.status_code == 200
    assert b"This page has no content yet." in response.content


def test_load_demo_is_idempotent(demo_content):
    counts = (Sector.objects.count(), Cluster.objects.count(), SitePage.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Sector.objects.count(), Cluster.objects.count(), SitePage.objects.count()) == counts
    assert counts[:2] == (5, 6)


@pytest.mark.django_db
def test_load_demo_prints_staff_login_only_in_debug(capsys):
    from django.contrib.auth import get_user_model

    with override_settings(DEBUG=True):
        call_command("load_demo")
    assert "demo / c2future-demo" in capsys.readouterr().out
    assert get_user_model().objects.get(username="demo").is_staff

    get_user_model().objects.all().delete()
    call_command("load_demo")
    assert "c2future-demo" not in capsys.readouterr().out
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_returns_503_when_database_unreachable(client):
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_404_is_styled_without_debug_details(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Traceback" not in response.content
    assert b"skip-link" in response.content


@pytest.mark.django_db
def test_500_page_hides_the_error(client):
    client.raise_request_exception = False
    with mock.patch("portal.views.selectors.home_counters", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"boom" not in response.content


@pytest.mark.django_db
def test_other_languages_use_a_prefix_english_does_not(client):
    assert client.get("/about/").status_code == 200
    response = client.get("/it/about/")
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "it"
    assert b'lang="it"' in response.content


@pytest.mark.django_db
def test_base_layout_has_landmarks_and_navigation(client):
    content = client.get("/").content.decode()
    for fragment in ['<main id="main"', "<header", "<footer", 'href="#main"', "COSME"]:
        assert fragment in content
    for name in [
        "portal:about",
        "clusters:list",
        "clusters:directory",
        "clusters:skills_map",
        "events:list",
        "surveys:intro",
    ]:
        assert f'href="{reverse(name)}"' in content
    assert "cdn" not in content.lower()
    assert "<script>" not in content  # no inline scripts (CSP)


@pytest.mark.django_db
def test_home_query_budget(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/")


@pytest.mark.django_db
def test_favicon_ico_redirects_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


@pytest.mark.django_db
def test_home_shows_latest_events_in_their_own_time_zone(client):
    import datetime

    from tests.events.factories import EventFactory

    EventFactory(
        title="Tokyo evening webinar",
        start=datetime.datetime(2022, 6, 29, 20, tzinfo=datetime.UTC),
        end=datetime.datetime(2022, 6, 29, 21, tzinfo=datetime.UTC),
        time_zone="Asia/Tokyo",
    )
    EventFactory(title="Draft event", status="draft")
    content = client.get("/").content.decode()
    assert "Tokyo evening webinar" in content
    assert "30 June 2022" in content  # 05:00 on 30 June in Tokyo, not 29 June in Rome
    assert "Draft event" not in content


@pytest.mark.django_db
def test_admin_is_branded(admin_client):
    response = admin_client.get("/admin/")
    assert b"C2Future portal administration" in response.content
    assert b"Django administration" not in response.content


@pytest.mark.django_db
def test_home_and_about_past_the_page_cache_run_no_query(client, django_assert_num_queries):
    ClusterFactory(name="Partner Cluster")
    EventFactory(title="Latest Event")
    SitePage.objects.update_or_create(slug="home", defaults={"title": "Home", "lead": "Hello."})
    pages = {}
    for url in ("/", reverse("portal:about")):
        client.get(url)
        with django_assert_num_queries(0):
            pages[url] = client.get(url, {"utm_source": "newsletter"}).content.decode()
    assert "Partner Cluster" in pages[reverse("portal:about")]
    assert "Latest Event" in pages["/"] and "Hello." in pages["/"]


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["page", "cluster", "event"])
def test_what_the_home_page_shows_changes_at_once(client, change):
    cluster = ClusterFactory(name="Old Cluster")
    event = EventFactory(title="Old Event", organiser=cluster)
    page, _created = SitePage.objects.update_or_create(
        slug="home", defaults={"title": "Home", "lead": "Old lead."}
    )
    client.get("/")
    if change == "page":
        page.lead = "New lead."
        page.save()
        expected = "New lead."
    elif change == "cluster":
        cluster.name = "New Cluster"
        cluster.save()
        expected = "New Cluster"
    else:
        event.title = "New Event"
        event.save()
        expected = "New Event"
    assert expected in client.get("/", {"v": "2"}).content.decode()


@pytest.mark.django_db
def test_home_event_cards_come_from_the_cache_until_an_event_changes(client, monkeypatch):
    from portal import views

    event = EventFactory(title="Cards Forum", summary="Charging & <parking>.")
    first = client.get("/", {"visit": 1}).content.decode()
    assert "Cards Forum" in first and "Charging &amp; &lt;parking&gt;." in first

    def not_again(*args, **kwargs):
        raise AssertionError("the cards should have come from the cache")

    monkeypatch.setattr(views, "render_to_string", not_again)
    again = client.get("/", {"visit": 2}).content.decode()
    assert again.replace("visit%3D2", "visit%3D1") == first
    monkeypatch.undo()

    event.title = "Cards Forum, renamed"
    event.save()
    assert "Cards Forum, renamed" in client.get("/", {"visit": 3}).content.decode()
    with translation.override("it"):
        italian = client.get("/it/", {"visit": 4}).content.decode()
    assert "Cards Forum, renamed" in italian and 'href="/it/events/' in italian
