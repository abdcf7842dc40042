"""Who may see and change what: the staff roles in the admin, and the public surfaces.

Roles are groups created by migrations: `Curator` (directory and submissions), `Cluster
staff` (row level: only their clusters' companies and submissions) and `Event editor`
(events only). Then: nothing unpublished reaches a public URL, feed, export, search, the
skills map or JSON-LD.
"""

import csv
import importlib
import io
import json
import re

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from clusters.models import Company
from clusters.permissions import ensure_groups
from events.models import Event
from surveys.models import Submission
from surveys.permissions import ensure_permissions
from tests.clusters.factories import CompanyFactory, CompetencyFactory, full_company
from tests.events.factories import (
    EventFactory,
    MaterialFactory,
    SessionFactory,
    SpeakerFactory,
    TalkFactory,
)
from tests.surveys.factories import ClusterFactory, SubmissionFactory, complete_answers

pytestmark = pytest.mark.django_db

PASSWORD = "Vision-Zero-Milan-2022!"


@pytest.fixture
def groups():
    """The role groups. Migrations create them; a flush (transactional tests) removes
    them, so this re-runs the same code the migrations run, idempotently."""
    ensure_groups(Group, Permission)
    ensure_permissions(Group, Permission)
    events_migration = importlib.import_module("events.migrations.0002_event_editor_group")
    events_migration.create_event_editor_group(django_apps, None)
    return {name: Group.objects.get(name=name) for name in ROLE_NAMES}


ROLE_NAMES = ("Curator", "Cluster staff", "Event editor")


def staff_user(username, group=None, clusters=()):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_staff=True
    )
    if group is not None:
        user.groups.add(group)
    for cluster in clusters:
        cluster.staff.add(user)
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(groups):
    """Two clusters, a company and a submission in each, an event with a material."""
    north = ClusterFactory(acronym="NORTH", name="North demo cluster", slug="north-demo")
    south = ClusterFactory(acronym="SOUTH", name="South demo cluster", slug="south-demo")
    north_company = CompanyFactory(name="North Sensors Demo", clusters=[north])
    south_company = CompanyFactory(name="South Drones Demo", clusters=[south])
    north_submission = SubmissionFactory(
        answers=complete_answers(name="North Respondent Demo"), clusters=[north]
    )
    south_submission = SubmissionFactory(
        answers=complete_answers(name="South Respondent Demo"), clusters=[south]
    )
    event = EventFactory(title="Published Demo Conference", slug="published-demo-conference")
    return {
        "north": north,
        "south": south,
        "north_company": north_company,
        "south_company": south_company,
        "north_submission": north_submission,
        "south_submission": south_submission,
        "event": event,
        "curator": staff_user("curator", groups["Curator"]),
        "north_staff": staff_user("north-staff", groups["Cluster staff"], clusters=[north]),
        "event_editor": staff_user("event-editor", groups["Event editor"]),
        "plain_staff": staff_user("plain-staff"),
    }


def admin_url(name, *args):
    return reverse(f"admin:{name}", args=args)


def company_change(company):
    return admin_url("clusters_company_change", company.pk)


def submission_change(submission):
    return admin_url("surveys_submission_change", submission.pk)


def submission_review(submission):
    # The submission's change page redirects to its review page (surveys admin).
    return admin_url("surveys_submission_review", submission.pk)


# ---- Groups exist ------------------------------------------------------------------------


def test_role_groups_have_the_permissions_of_their_role(groups):
    def codenames(name):
        return set(groups[name].permissions.values_list("content_type__app_label", "codename"))

    curator = codenames("Curator")
    assert {("clusters", "change_company"), ("surveys", "change_submission")} <= curator
    assert not {app for app, _ in curator} & {"events", "auth", "core"}

    cluster_staff = codenames("Cluster staff")
    assert ("clusters", "change_company") in cluster_staff
    assert ("clusters", "delete_company") not in cluster_staff
    assert ("surveys", "view_submission") in cluster_staff
    assert not {app for app, _ in cluster_staff} & {"events", "auth", "core"}

    editor = codenames("Event editor")
    assert ("events", "change_event") in editor
    assert {app for app, _ in editor} == {"events"}


# ---- Curator -----------------------------------------------------------------------------


def test_curator_curates_every_company_and_submission(world):
    client = client_for(world["curator"])
    changelist = client.get(admin_url("clusters_company_changelist"))
    assert changelist.status_code == 200
    assert "North Sensors Demo" in changelist.content.decode()
    assert "South Drones Demo" in changelist.content.decode()
    for company in (world["north_company"], world["south_company"]):
        page = client.get(company_change(company))
        assert page.status_code == 200
        assert 'name="_save"' in page.content.decode()

    submissions = client.get(admin_url("surveys_submission_changelist")).content.decode()
    assert "North Respondent Demo" in submissions and "South Respondent Demo" in submissions
    for submission in (world["north_submission"], world["south_submission"]):
        assert client.get(submission_change(submission)).url == submission_review(submission)
        assert client.get(submission_review(submission)).status_code == 200
    assert client.get(reverse("surveys:dashboard")).status_code == 200
    export = client.get(reverse("surveys:export_csv"))
    assert export.status_code == 200
    exported = b"".join(export.streaming_content if export.streaming else [export.content])
    assert b"North Respondent Demo" in exported and b"South Respondent Demo" in exported


def test_curator_cannot_touch_events_or_users(world):
    client = client_for(world["curator"])
    assert client.get(admin_url("events_event_changelist")).status_code == 403
    assert client.get(admin_url("events_event_change", world["event"].pk)).status_code == 403
    assert client.get(admin_url("events_event_add")).status_code == 403
    assert client.get(admin_url("auth_user_changelist")).status_code == 403
    response = client.post(
        admin_url("events_event_change", world["event"].pk), {"title": "Hijacked"}
    )
    assert response.status_code == 403
    world["event"].refresh_from_db()
    assert world["event"].title == "Published Demo Conference"


# ---- Cluster staff -----------------------------------------------------------------------


def test_cluster_staff_see_only_their_clusters_companies(world):
    client = client_for(world["north_staff"])
    changelist = client.get(admin_url("clusters_company_changelist"))
    assert changelist.status_code == 200
    content = changelist.content.decode()
    assert "North Sensors Demo" in content
    assert "South Drones Demo" not in content
    assert client.get(company_change(world["north_company"])).status_code == 200


def test_cluster_staff_cannot_open_another_clusters_company_by_url(world):
    client = client_for(world["north_staff"])
    south = world["south_company"]
    for url in (
        company_change(south),
        admin_url("clusters_company_history", south.pk),
        admin_url("clusters_company_delete", south.pk),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "South Drones Demo" not in response.content.decode(), url


def test_cluster_staff_cannot_change_another_clusters_company_by_post(world):
    client = client_for(world["north_staff"])
    south = world["south_company"]
    response = client.post(company_change(south), {"name": "Taken over", "slug": south.slug})
    assert response.status_code in (302, 403, 404)
    south.refresh_from_db()
    assert south.name == "South Drones Demo"


def test_cluster_staff_cannot_delete_companies(world):
    client = client_for(world["north_staff"])
    north = world["north_company"]
    assert client.get(admin_url("clusters_company_delete", north.pk)).status_code == 403
    client.post(admin_url("clusters_company_delete", north.pk), {"post": "yes"})
    assert Company.objects.filter(pk=north.pk).exists()


def test_cluster_staff_see_only_their_clusters_submissions(world):
    client = client_for(world["north_staff"])
    content = client.get(admin_url("surveys_submission_changelist")).content.decode()
    assert "North Respondent Demo" in content
    assert "South Respondent Demo" not in content
    assert client.get(submission_review(world["north_submission"])).status_code == 200
    south = world["south_submission"]
    for url in (submission_change(south), submission_review(south)):
        response = client.get(url, follow=True)
        assert response.status_code in (403, 404) or response.redirect_chain, url
        assert "South Respondent Demo" not in response.content.decode(), url


def test_cluster_staff_cannot_act_on_another_clusters_submission(world):
    client = client_for(world["north_staff"])
    south = world["south_submission"]
    for action in ("reject", "approve_new", "spam"):
        response = client.post(submission_review(south), {"action": action, "reason": "x"})
        assert response.status_code in (403, 404), action
    south.refresh_from_db()
    assert south.status == Submission.Status.SUBMITTED
    assert south.company_id is None


def test_cluster_staff_results_export_holds_only_their_submissions(world):
    client = client_for(world["north_staff"])
    export = client.get(reverse("surveys:export_csv"))
    assert export.status_code == 200
    exported = b"".join(export.streaming_content if export.streaming else [export.content])
    assert b"North Respondent Demo" in exported
    assert b"South Respondent Demo" not in exported


def test_cluster_staff_cannot_touch_events_or_the_taxonomy(world):
    client = client_for(world["north_staff"])
    assert client.get(admin_url("events_event_changelist")).status_code == 403
    assert client.get(admin_url("clusters_sector_add")).status_code == 403
    assert client.get(admin_url("clusters_cluster_change", world["north"].pk)).status_code == 200
    # The cluster record itself is read-only for them (no staff list to edit).
    page = client.get(admin_url("clusters_cluster_change", world["north"].pk)).content.decode()
    assert 'name="_save"' not in page


# ---- Event editor ------------------------------------------------------------------------


def test_event_editor_edits_events(world):
    client = client_for(world["event_editor"])
    assert client.get(admin_url("events_event_changelist")).status_code == 200
    page = client.get(admin_url("events_event_change", world["event"].pk))
    assert page.status_code == 200
    assert 'name="_save"' in page.content.decode()
    assert client.get(admin_url("events_event_add")).status_code == 200


def test_event_editor_cannot_see_companies_or_submissions(world):
    client = client_for(world["event_editor"])
    for url in (
        admin_url("clusters_company_changelist"),
        company_change(world["north_company"]),
        admin_url("surveys_submission_changelist"),
        submission_review(world["north_submission"]),
    ):
        assert client.get(url).status_code in (403, 404), url
    assert client.get(reverse("surveys:dashboard")).status_code == 403
    assert client.get(reverse("surveys:export_csv")).status_code == 403


def test_staff_without_a_role_see_nothing(world):
    client = client_for(world["plain_staff"])
    assert client.get(reverse("admin:index")).status_code == 200
    for url in (
        admin_url("clusters_company_changelist"),
        admin_url("surveys_submission_changelist"),
        admin_url("events_event_changelist"),
    ):
        assert client.get(url).status_code == 403, url


def test_visitors_are_sent_to_the_login_page(world, client):
    for url in (
        admin_url("clusters_company_changelist"),
        submission_change(world["north_submission"]),
        reverse("surveys:dashboard"),
        reverse("surveys:export_csv"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]


# ---- Nothing unpublished on public surfaces ----------------------------------------------

DRAFT_COMPANY = "Hidden Draft Robotics"
ARCHIVED_COMPANY = "Archived Legacy Works"
DRAFT_EVENT = "Secret Draft Summit"
DRAFT_SPEAKER = "Dr Hidden Speaker"
DRAFT_MATERIAL = "Confidential draft slides"
HIDDEN = (DRAFT_COMPANY, ARCHIVED_COMPANY, DRAFT_EVENT, DRAFT_SPEAKER, DRAFT_MATERIAL)


@pytest.fixture
def hidden_world(settings):
    cluster = ClusterFactory(acronym="PUB", name="Public demo cluster", slug="public-demo")
    competency = CompetencyFactory(name="Unique hidden competency", slug="unique-hidden")
    visible = full_company(
        clusters=[cluster], competencies=[competency], name="Visible Mobility Demo"
    )
    draft = full_company(
        clusters=[cluster],
        competencies=[competency],
        name=DRAFT_COMPANY,
        slug="hidden-draft-robotics",
        status=Company.Status.DRAFT,
        latitude="41.900000",
        longitude="12.500000",
    )
    archived = full_company(
        clusters=[cluster],
        competencies=[competency],
        name=ARCHIVED_COMPANY,
        slug="archived-legacy-works",
        status=Company.Status.ARCHIVED,
        latitude="40.400000",
        longitude="-3.700000",
    )
    published_event = EventFactory(title="Open Demo Webinar", slug="open-demo-webinar")
    draft_event = EventFactory(
        title=DRAFT_EVENT, slug="secret-draft-summit", status=Event.Status.DRAFT
    )
    speaker = SpeakerFactory(name=DRAFT_SPEAKER, slug="dr-hidden-speaker")
    TalkFactory(session=SessionFactory(event=draft_event), speakers=[speaker])
    material = MaterialFactory(event=draft_event, title=DRAFT_MATERIAL)
    return {
        "cluster": cluster,
        "visible": visible,
        "draft": draft,
        "archived": archived,
        "published_event": published_event,
        "draft_event": draft_event,
        "speaker": speaker,
        "material": material,
    }


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_nothing_hidden(response, surface):
    assert response.status_code == 200, surface
    text = body(response)
    for marker in HIDDEN:
        assert marker not in text, f"{marker!r} is public on {surface}"
    return text


PUBLIC_LISTINGS = [
    "/",
    "/about/",
    "/clusters/",
    "/clusters/public-demo/",
    "/directory/",
    "/directory/?q=Hidden",
    "/directory/?q=Archived+Legacy",
    "/directory/?q=robotics",
    "/directory/?competency=unique-hidden",
    "/directory/?cluster=public-demo&sort=updated",
    "/skills-map/",
    "/skills-map/?by=country",
    "/skills-map/points.json",
    "/events/",
    "/events/?year=2022",
    "/events/feed.ics",
    "/events/feed.rss",
    "/events/feed.atom",
    "/events/open-demo-webinar/",
    "/events/open-demo-webinar.ics",
    "/directory/visible-mobility-demo/",
]


# Listings where the published company must appear (so the test sees a real result).
SHOWS_THE_VISIBLE_COMPANY = {
    "/clusters/public-demo/",
    "/directory/",
    "/directory/?competency=unique-hidden",
    "/directory/?cluster=public-demo&sort=updated",
    "/skills-map/points.json",
}


@pytest.mark.parametrize("path", PUBLIC_LISTINGS)
def test_no_public_listing_shows_unpublished_things(client, hidden_world, path):
    if path == "/directory/visible-mobility-demo/":
        path = hidden_world["visible"].get_absolute_url()
    text = assert_nothing_hidden(client.get(path), path)
    if path in SHOWS_THE_VISIBLE_COMPANY:
        assert "Visible Mobility Demo" in text


@pytest.mark.parametrize(
    "path",
    [
        "/directory/hidden-draft-robotics/",
        "/directory/archived-legacy-works/",
        "/events/secret-draft-summit/",
        "/events/secret-draft-summit.ics",
        "/speakers/dr-hidden-speaker/",
        "/it/directory/hidden-draft-robotics/",
    ],
)
def test_unpublished_pages_are_not_found(client, hidden_world, path):
    response = client.get(path)
    assert response.status_code == 404
    assert_nothing_hidden_text(response.content.decode())


def assert_nothing_hidden_text(text):
    for marker in HIDDEN:
        assert marker not in text


def test_draft_event_materials_cannot_be_downloaded(client, hidden_world, settings):
    material = hidden_world["material"]
    url = reverse(
        "events:download",
        kwargs={"slug": hidden_world["draft_event"].slug, "material_id": material.pk},
    )
    assert client.get(url).status_code == 404
    # Nor through another (published) event's URL.
    other = reverse(
        "events:download",
        kwargs={"slug": hidden_world["published_event"].slug, "material_id": material.pk},
    )
    assert client.get(other).status_code == 404
    # Django never serves MEDIA_ROOT itself in production.
    assert client.get("/" + settings.MEDIA_URL + material.file.name).status_code == 404


def test_directory_csv_export_holds_published_companies_only(client, hidden_world):
    response = client.get("/directory/", {"format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body(response))))
    names = [row[0] for row in rows[1:]]
    assert names == ["Visible Mobility Demo"]


def test_map_points_and_skills_matrix_count_published_companies_only(client, hidden_world):
    points = client.get("/skills-map/points.json").json()["points"]
    assert sum(point["count"] for point in points) == 1
    matrix = client.get("/skills-map/").context["matrix"]
    serialised = json.dumps(matrix, default=str)
    for marker in HIDDEN:
        assert marker not in serialised


def test_home_counters_count_published_things_only(client, hidden_world):
    counters = client.get("/").context["counters"]
    assert counters["published_companies"] == 1
    assert counters["published_events"] == 1


def test_unpublishing_removes_a_company_from_cached_surfaces(client, hidden_world):
    visible = hidden_world["visible"]
    # Warm every cache while it is public.
    for path in ("/", "/skills-map/"):
        assert client.get(path).status_code == 200
    for path in ("/skills-map/points.json", "/directory/", "/directory/?format=csv"):
        assert "Visible Mobility Demo" in body(client.get(path)), path
    # Served whole from the page cache by now; the write below must reach it too.
    matrix_before = body(client.get("/skills-map/"))
    home_before = body(client.get("/"))
    visible.status = Company.Status.ARCHIVED
    visible.save()
    assert client.get(visible.get_absolute_url()).status_code == 404
    for path in ("/skills-map/points.json", "/directory/", "/directory/?format=csv"):
        assert "Visible Mobility Demo" not in body(client.get(path)), path
    home = client.get("/")
    assert home.context["counters"]["published_companies"] == 0
    assert body(home) != home_before
    assert body(client.get("/skills-map/")) != matrix_before


def test_unpublishing_removes_an_event_from_feeds(client, hidden_world):
    event = hidden_world["published_event"]
    for path in ("/events/feed.ics", "/events/feed.rss", "/events/feed.atom", "/events/"):
        assert "Open Demo Webinar" in body(client.get(path)), path
    event.status = Event.Status.DRAFT
    event.save()
    for path in ("/events/feed.ics", "/events/feed.rss", "/events/feed.atom", "/events/", "/"):
        assert "Open Demo Webinar" not in body(client.get(path)), path
    assert client.get(event.get_absolute_url()).status_code == 404


def test_json_ld_names_only_published_things(client, hidden_world):
    pages = [hidden_world["visible"].get_absolute_url(), "/events/open-demo-webinar/"]
    for path in pages:
        content = client.get(path).content.decode()
        blocks = re.findall(
            r'<script type="application/ld\+json"[^>]*>(.*?)</script>', content, re.S
        )
        assert blocks, path
        for block in blocks:
            data = json.loads(block)
            for marker in HIDDEN:
                assert marker not in json.dumps(data, ensure_ascii=False), path


def test_speaker_of_published_and_draft_events_lists_only_the_published(client, hidden_world):
    speaker = hidden_world["speaker"]
    TalkFactory(
        session=SessionFactory(event=hidden_world["published_event"]),
        speakers=[speaker],
        title="Open talk",
    )
    response = client.get(reverse("events:speaker", kwargs={"slug": speaker.slug}))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Open Demo Webinar" in text
    assert DRAFT_EVENT not in text
    assert DRAFT_MATERIAL not in text


def test_submissions_are_never_public(client, world):
    # Answers, names and emails of respondents appear on no public page.
    for path in ("/", "/directory/", "/directory/?q=Respondent", "/skills-map/", "/clusters/"):
        text = body(client.get(path))
        assert "North Respondent Demo" not in text, path
        assert world["north_submission"].contact_email not in text, path
    assert Submission.objects.count() == 2
