"""Cluster staff reach only their own clusters' rows, through every admin URL.

The rule is clusters.permissions; these tests walk every URL the row-bearing ModelAdmins
declare (get_urls, so a new custom page is tested the day it is added) as staff of the
North cluster, pointed at the South cluster's draft company, its offering, its submission
and the cluster record itself, and expect a refusal with none of South's private data.
"""

import io

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, reverse

from clusters import permissions
from clusters.models import Cluster, Company, Offering
from surveys.models import Submission
from tests.clusters.factories import OfferingFactory
from tests.surveys.factories import (
    ClusterFactory,
    CompanyFactory,
    SubmissionFactory,
    complete_answers,
)

pytestmark = pytest.mark.django_db

PASSWORD = "Vision-Zero-Milan-2022!"
# South's private data: none of it may reach North's staff.
SOUTH_NAME = "South Private Drones Draft"
SOUTH_EMAIL = "south.private.contact@example.org"
SOUTH_VAT = "BG999888777"
SOUTH_RESPONDENT = "South Respondent Secret"
SOUTH_STAFF = "south-staff-person"
SOUTH_OFFERING = "South secret prototype"
MARKERS = (SOUTH_NAME, SOUTH_EMAIL, SOUTH_VAT, SOUTH_RESPONDENT, SOUTH_STAFF, SOUTH_OFFERING)

ROW_ADMIN_MODELS = (Company, Offering, Cluster, Submission)


def staff_user(username, group=None, clusters=()):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_staff=True
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    for cluster in clusters:
        cluster.staff.add(user)
    return user


@pytest.fixture
def world(db):
    north = ClusterFactory(acronym="NORTH", name="North demo cluster", slug="north-demo")
    south = ClusterFactory(acronym="SOUTH", name="South demo cluster", slug="south-demo")
    staff_user(SOUTH_STAFF, "Cluster staff", clusters=[south])
    south_company = CompanyFactory(
        name=SOUTH_NAME,
        slug="south-private-drones",
        status=Company.Status.DRAFT,
        vat_number=SOUTH_VAT,
        contact_email=SOUTH_EMAIL,
        clusters=[south],
    )
    south_company.save()  # a second history record to open
    OfferingFactory(company=south_company, name=SOUTH_OFFERING)
    north_company = CompanyFactory(name="North Sensors Demo", clusters=[north])
    # North's own submission claims South's VAT number (written differently, so the marker
    # is not the respondent's own text): South's company is a "possible duplicate".
    north_submission = SubmissionFactory(
        answers=complete_answers(
            name="North Respondent Demo", vat="bg 999.888-777", clusters=[north.slug]
        ),
        clusters=[north],
    )
    south_submission = SubmissionFactory(
        answers=complete_answers(name=SOUTH_RESPONDENT, email="resp@example.org"),
        clusters=[south],
    )
    return {
        "north": north,
        "south": south,
        "south_company": south_company,
        "north_company": north_company,
        "north_submission": north_submission,
        "south_submission": south_submission,
        "north_staff": staff_user("north-staff", "Cluster staff", clusters=[north]),
        "curator": staff_user("curator-user", "Curator"),
    }


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def text_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def assert_no_south_data(response, url):
    text = text_of(response)
    for marker in MARKERS:
        assert marker not in text, f"{marker!r} shown at {url}"


def _arguments(pattern):
    """The names of a URL pattern's arguments, in order (path() or re_path())."""
    route = pattern.pattern
    converters = getattr(route, "converters", None)
    if converters:
        return list(converters)
    regex = getattr(route, "regex", None)
    if regex is not None and regex.groups:
        return ["object_id", "history_id"][: regex.groups]
    return []


def admin_patterns():
    """(model, URL name, argument names) of every named URL of the row-bearing admins."""
    found = []
    for model in ROW_ADMIN_MODELS:
        model_admin = admin.site._registry[model]
        for pattern in model_admin.get_urls():
            if isinstance(pattern, URLPattern) and pattern.name:
                found.append((model, pattern.name, tuple(_arguments(pattern))))
    return found


ADMIN_PATTERNS = admin_patterns()
OBJECT_PATTERNS = [p for p in ADMIN_PATTERNS if p[2]]
LIST_PATTERNS = [p for p in ADMIN_PATTERNS if not p[2]]


def test_the_walk_covers_the_custom_pages():
    names = {name for _model, name, _args in ADMIN_PATTERNS}
    assert {
        "surveys_submission_review",
        "surveys_submission_approve_update",
        "clusters_company_simple_history",
        "clusters_company_import",
        "clusters_company_export",
        "clusters_cluster_change",
    } <= names


def south_urls(world, model, name, arguments):
    """Every URL of this pattern that points at South's rows (North's submission too,
    when the other argument is South's company)."""
    south_objects = {
        Company: world["south_company"],
        Offering: world["south_company"].offerings.get(),
        Cluster: world["south"],
        Submission: world["south_submission"],
    }
    values = {
        "object_id": south_objects[model].pk,
        "company_id": world["south_company"].pk,
        "history_id": world["south_company"].history.first().history_id,
    }
    urls = [reverse(f"admin:{name}", args=[values[a] for a in arguments])]
    if "company_id" in arguments:
        mixed = {**values, "object_id": world["north_submission"].pk}
        urls.append(reverse(f"admin:{name}", args=[mixed[a] for a in arguments]))
    return urls


@pytest.mark.parametrize(
    ("model", "name", "arguments"), OBJECT_PATTERNS, ids=[p[1] for p in OBJECT_PATTERNS]
)
def test_every_admin_page_of_another_clusters_row_is_refused(world, model, name, arguments):
    client = client_for(world["north_staff"])
    for url in south_urls(world, model, name, arguments):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert_no_south_data(response, url)


@pytest.mark.parametrize(
    ("model", "name", "arguments"), OBJECT_PATTERNS, ids=[p[1] for p in OBJECT_PATTERNS]
)
def test_posts_to_another_clusters_rows_change_nothing(world, model, name, arguments):
    client = client_for(world["north_staff"])
    company = world["south_company"]
    before = (company.version, set(company.clusters.all()), company.name)
    for url in south_urls(world, model, name, arguments):
        response = client.post(
            url,
            {
                "post": "yes",
                "action": "approve_new",
                "company_version": company.version,
                "apply_name": "on",
                "apply_clusters": "on",
                "apply_contact_email": "on",
                "name": "Taken over",
                "clusters": [world["north"].pk],
            },
        )
        assert response.status_code in (302, 403, 404), url
        assert_no_south_data(response, url)
    company = Company.objects.get(pk=company.pk)
    assert (company.version, set(company.clusters.all()), company.name) == before
    assert Cluster.objects.filter(pk=world["south"].pk).exists()
    assert world["south"].staff.filter(username=SOUTH_STAFF).exists()
    south_submission = Submission.objects.get(pk=world["south_submission"].pk)
    assert south_submission.status == Submission.Status.SUBMITTED


@pytest.mark.parametrize(
    ("model", "name", "arguments"), LIST_PATTERNS, ids=[p[1] for p in LIST_PATTERNS]
)
def test_lists_and_forms_hold_no_other_clusters_rows(world, model, name, arguments):
    client = client_for(world["north_staff"])
    url = reverse(f"admin:{name}")
    for query in ({}, {"q": "South"}):
        response = client.get(url, query)
        assert response.status_code < 500, url
        assert_no_south_data(response, url)


def test_autocompletes_hold_no_other_clusters_rows(world):
    client = client_for(world["north_staff"])
    for params in (
        {"app_label": "clusters", "model_name": "offering", "field_name": "company"},
        {"app_label": "clusters", "model_name": "company", "field_name": "clusters"},
    ):
        response = client.get(reverse("admin:autocomplete"), {**params, "term": "South"})
        assert_no_south_data(response, params)


def test_company_export_holds_only_their_clusters_companies(world):
    from clusters.admin import CompanyResource

    client = client_for(world["north_staff"])
    fields = {f"companyresource_{name}": "on" for name in CompanyResource.Meta.fields}
    response = client.post(
        reverse("admin:clusters_company_export"), {"format": "0", "resource": "0", **fields}
    )
    assert response.status_code == 200
    assert "North Sensors Demo" in text_of(response)
    assert_no_south_data(response, "export")


def test_bulk_actions_skip_another_clusters_companies(world):
    client = client_for(world["north_staff"])
    company = world["south_company"]
    client.post(
        reverse("admin:clusters_company_changelist"),
        {"action": "publish_selected", "_selected_action": [company.pk]},
    )
    company.refresh_from_db()
    assert company.status == Company.Status.DRAFT


# ---- The submission review -----------------------------------------------------------------


def test_approve_as_update_cannot_load_another_clusters_company(world):
    """The review of North's own submission, pointed at South's company by id."""
    client = client_for(world["north_staff"])
    company = world["south_company"]
    url = reverse(
        "admin:surveys_submission_approve_update",
        args=[world["north_submission"].pk, company.pk],
    )
    response = client.get(url)
    assert response.status_code == 404
    assert_no_south_data(response, url)
    response = client.post(
        url, {"company_version": company.version, "apply_clusters": "on", "apply_name": "on"}
    )
    assert response.status_code == 404
    company.refresh_from_db()
    assert list(company.clusters.all()) == [world["south"]]
    assert world["north_submission"].__class__.objects.get(
        pk=world["north_submission"].pk
    ).status == (Submission.Status.SUBMITTED)
    # A curator reaches it.
    assert client_for(world["curator"]).get(url).status_code == 200


def test_cluster_staff_update_their_own_clusters_company(world):
    client = client_for(world["north_staff"])
    company = world["north_company"]
    url = reverse(
        "admin:surveys_submission_approve_update",
        args=[world["north_submission"].pk, company.pk],
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"company_version": company.version, "apply_city": "on"})
    assert response.status_code == 302
    assert Submission.objects.get(pk=world["north_submission"].pk).company_id == company.pk


def test_review_lists_only_duplicates_the_reviewer_may_see(world):
    url = reverse("admin:surveys_submission_review", args=[world["north_submission"].pk])
    response = client_for(world["north_staff"]).get(url)
    assert response.status_code == 200
    shown = {c.pk for c in response.context["duplicates"]}
    assert world["south_company"].pk not in shown
    assert_no_south_data(response, url)
    # The curator sees South's company as a duplicate (same VAT number).
    curator_view = client_for(world["curator"]).get(url)
    assert world["south_company"].pk in {c.pk for c in curator_view.context["duplicates"]}


def test_review_of_an_update_to_another_clusters_company_hides_it(world):
    submission = world["north_submission"]
    submission.kind = Submission.Kind.UPDATE
    submission.company = world["south_company"]
    submission.save()
    url = reverse("admin:surveys_submission_review", args=[submission.pk])
    response = client_for(world["north_staff"]).get(url)
    assert response.status_code == 200
    assert response.context["matching"] is None and response.context["diff"] == []
    assert "a curator approves it" in text_of(response)
    assert_no_south_data(response, url)


# ---- The rule itself ---------------------------------------------------------------------


def test_the_rule_for_companies_and_submissions(world):
    north_staff, curator = world["north_staff"], world["curator"]
    shared = CompanyFactory(name="Shared Demo", clusters=[world["north"], world["south"]])
    visible = set(permissions.companies_visible_to(north_staff))
    assert visible == {world["north_company"], shared}
    assert permissions.can_view_company(north_staff, shared)
    assert not permissions.can_view_company(north_staff, world["south_company"])
    assert permissions.can_view_company(curator, world["south_company"])
    assert set(permissions.companies_visible_to(curator)) == set(Company.objects.all())
    submissions = permissions.rows_visible_to(north_staff, Submission.objects.all())
    assert list(submissions) == [world["north_submission"]]
    assert permissions.foreign_cluster_ids(north_staff, shared) == {world["south"].pk}
    nobody = staff_user("plain-staff")
    assert not permissions.companies_visible_to(nobody).exists()
    assert not permissions.is_cluster_staff(nobody)


def test_admin_import_is_refused_to_cluster_staff(world):
    client = client_for(world["north_staff"])
    upload = io.BytesIO(b"slug,name\nsouth-private-drones,Taken\n")
    upload.name = "companies.csv"
    response = client.post(
        reverse("admin:clusters_company_import"), {"import_file": upload, "format": "0"}
    )
    assert response.status_code == 403
    assert Company.objects.get(pk=world["south_company"].pk).name == SOUTH_NAME
