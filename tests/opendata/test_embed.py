"""The /embed/ widgets: framing only by allowed origins, compact, published data only."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from clusters.models import Company
from tests.clusters.factories import ClusterFactory, CompanyFactory
from tests.events.factories import EventFactory, UpcomingEventFactory


def _frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    (directive,) = [d.strip() for d in policy.split(";") if d.strip().startswith("frame-ancestors")]
    return directive


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/embed/directory/", "/embed/events/"])
def test_widgets_may_be_framed_by_the_allowed_origins_only(client, settings, path):
    settings.EMBED_ALLOWED_ORIGINS = ["https://www.cluster.example", "http://127.0.0.1:8765"]
    for _ in range(2):  # the second answer comes from the page cache: same headers
        response = client.get(path)
        assert response.status_code == 200
        assert "X-Frame-Options" not in response
        assert _frame_ancestors(response) == (
            "frame-ancestors https://www.cluster.example http://127.0.0.1:8765"
        )
        assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.django_db
def test_widgets_cannot_be_framed_when_no_origin_is_allowed(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = []
    response = client.get("/embed/directory/")
    assert response.status_code == 200
    assert _frame_ancestors(response) == "frame-ancestors 'none'"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/directory/", "/open-data/", "/clusters/"])
def test_every_other_page_still_refuses_framing(client, settings, path):
    settings.EMBED_ALLOWED_ORIGINS = ["https://www.cluster.example"]
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert _frame_ancestors(response) == "frame-ancestors 'none'"


@pytest.mark.django_db
def test_directory_widget_lists_published_members_and_links_back(client):
    cluster = ClusterFactory(slug="clm", acronym="CLM")
    other = ClusterFactory(slug="dti")
    CompanyFactory(name="Member One", clusters=[cluster], city="Milan")
    CompanyFactory(name="Draftmarker Co", clusters=[cluster], status=Company.Status.DRAFT)
    CompanyFactory(name="Elsewhere Co", clusters=[other])
    response = client.get("/embed/directory/?cluster=clm")
    html = response.content.decode()
    assert "Members of CLM" in html
    assert "Member One" in html
    assert "Draftmarker" not in html
    assert "Elsewhere Co" not in html
    assert 'href="http://testserver/directory/?cluster=clm"' in html
    assert 'target="_blank" rel="noopener"' in html
    # Neutral, compact: the widget's own style sheet, not the portal's page shell.
    assert "css/embed.css" in html
    assert "bootstrap" not in html
    assert 'class="site-header' not in html


@pytest.mark.django_db
def test_directory_widget_caps_the_list_and_counts_the_rest(client):
    cluster = ClusterFactory(slug="big")
    for _ in range(33):
        CompanyFactory(clusters=[cluster])
    html = client.get("/embed/directory/?cluster=big").content.decode()
    assert html.count("<li>") == 30
    assert "And 3 more companies." in html
    assert "See all 33 members in the C2Future directory" in html


@pytest.mark.django_db
def test_events_widget_shows_the_clusters_published_events(client):
    cluster = ClusterFactory(slug="clm")
    UpcomingEventFactory(title="Organised upcoming", organiser=cluster)
    partnered = EventFactory(title="Partnered past")
    partnered.partner_clusters.add(cluster)
    UpcomingEventFactory(title="Draftmarker event", organiser=cluster, status="draft")
    UpcomingEventFactory(title="Someone else's")
    html = client.get("/embed/events/?cluster=clm").content.decode()
    assert "Organised upcoming" in html
    assert "Partnered past" in html
    assert "Draftmarker" not in html
    assert "Someone else" not in html
    assert 'href="http://testserver/events/?cluster=clm"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["nope", "x\x00y", "a" * 500, "<script>", "../../etc"])
@pytest.mark.parametrize("path", ["/embed/directory/", "/embed/events/"])
def test_unknown_or_malformed_cluster_is_a_clear_404(client, path, value):
    response = client.get(path, {"cluster": value})
    assert response.status_code == 404
    html = response.content.decode()
    assert "Check the address of the widget." in html
    assert "<script>" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/embed/directory/?cluster=clm", "/embed/events/?cluster=clm"])
def test_widget_query_budget(client, path, django_assert_max_num_queries):
    cluster = ClusterFactory(slug="clm")
    for _ in range(40):
        CompanyFactory(clusters=[cluster])
    for _ in range(12):
        UpcomingEventFactory(organiser=cluster)
        EventFactory(organiser=cluster)
    with django_assert_max_num_queries(4):
        assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_cluster_page_offers_a_copy_paste_snippet(client):
    cluster = ClusterFactory(slug="clm", acronym="CLM")
    html = client.get(cluster.get_absolute_url()).content.decode()
    assert (
        '&lt;iframe src="http://testserver/embed/directory/?cluster=clm" title="Members of CLM"'
        in html
    )
    assert '&lt;iframe src="http://testserver/embed/events/?cluster=clm"' in html
    assert 'for="embed-directory-code"' in html


def test_a_misconfigured_origin_fails_the_system_check(settings):
    settings.EMBED_ALLOWED_ORIGINS = ["*"]
    with pytest.raises(SystemCheckError, match="opendata.E001"):
        call_command("check")
    settings.EMBED_ALLOWED_ORIGINS = ["https://ok.example", "http://127.0.0.1:8000"]
    call_command("check")


@pytest.mark.django_db
def test_widgets_speak_every_language(client):
    ClusterFactory(slug="clm", acronym="CLM")
    response = client.get("/it/embed/directory/?cluster=clm")
    assert response.status_code == 200
    assert '<html lang="it">' in response.content.decode()
    assert 'href="http://testserver/it/directory/?cluster=clm"' in response.content.decode()
