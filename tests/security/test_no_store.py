"""Pages and files with personal data are sent with `Cache-Control: no-store, private`.

Audited: every staff-only response (the results dashboard and its exports, every admin
page a curator opens, including the custom review pages and the admin's file exports) and
every response showing a visitor's own draft or typed data (the questionnaire's intro with
a draft, its steps, review, confirmation and links, a refused material request).
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import URLPattern, reverse

from surveys import services, tokens
from tests.events.factories import EventFactory, MaterialFactory, material_request_data
from tests.surveys.conftest import step_data, step_url
from tests.surveys.factories import (
    ClusterFactory,
    CompanyFactory,
    SectorFactory,
    SubmissionFactory,
    SurveyFactory,
    complete_answers,
)

pytestmark = pytest.mark.django_db


def assert_no_store(response, where):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= directives, (where, response.get("Cache-Control"))


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user("no-store-curator", "c@example.org", "x" * 20)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Curator"))
    return user


@pytest.fixture
def data(db):
    cluster = ClusterFactory(acronym="DEMO", name="Demo partner cluster", slug="demo-partner")
    SectorFactory(name="Mobility", slug="mobility")
    company = CompanyFactory(name="No Store Demo", clusters=[cluster])
    submission = SubmissionFactory(
        answers=complete_answers(clusters=[cluster.slug]), clusters=[cluster]
    )
    return {"cluster": cluster, "company": company, "submission": submission}


# ---- Staff pages and files ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["surveys:dashboard", "surveys:export_csv", "surveys:export_xlsx"])
def test_results_pages_and_files_are_not_stored(client, curator, data, name):
    client.force_login(curator)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_no_store(response, name)


def test_results_login_redirect_is_not_stored_either(client):
    response = client.get(reverse("surveys:dashboard"))
    assert response.status_code == 302
    assert_no_store(response, "login redirect")


def _admin_urls(data):
    """Every GET-able admin URL of every registered model admin, for one of its rows."""
    rows = {"company": data["company"], "submission": data["submission"]}
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        for pattern in model_admin.get_urls():
            if not (isinstance(pattern, URLPattern) and pattern.name):
                continue
            converters = list(getattr(pattern.pattern, "converters", {}) or {})
            if not converters:
                if getattr(pattern.pattern, "regex", None) is not None and (
                    pattern.pattern.regex.groups
                ):
                    continue  # history records: opened below
                urls.append(reverse(f"admin:{pattern.name}"))
                continue
            row = rows.get(model._meta.model_name) or model.objects.first()
            if row is None:
                continue
            values = {"object_id": row.pk, "id": row.pk, "company_id": data["company"].pk}
            urls.append(reverse(f"admin:{pattern.name}", args=[values[c] for c in converters]))
    company = data["company"]
    urls.append(
        reverse(
            "admin:clusters_company_simple_history",
            args=[company.pk, company.history.first().history_id],
        )
    )
    return urls


def test_every_admin_page_is_not_stored(client, data, django_user_model):
    superuser = django_user_model.objects.create_superuser("no-store-root", "r@example.org", "x")
    client.force_login(superuser)
    urls = _admin_urls(data)
    assert reverse("admin:surveys_submission_review", args=[data["submission"].pk]) in urls
    checked = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code in (403, 404):
            continue  # the generic error page: nothing about anyone on it
        assert_no_store(response, url)
        checked += 1
    assert checked > 40


def test_admin_exports_are_not_stored(client, curator, data):
    from clusters.admin import CompanyResource

    client.force_login(curator)
    fields = {f"companyresource_{name}": "on" for name in CompanyResource.Meta.fields}
    response = client.post(
        reverse("admin:clusters_company_export"), {"format": "0", "resource": "0", **fields}
    )
    assert response.status_code == 200 and b"No Store Demo" in response.content
    assert_no_store(response, "company export")
    response = client.post(
        reverse("admin:surveys_submission_changelist"),
        {"action": "export_respondent_data", "_selected_action": [data["submission"].pk]},
    )
    assert response["Content-Type"] == "application/json"
    assert_no_store(response, "respondent export")


# ---- The visitor's own draft -------------------------------------------------------------


def test_the_intro_showing_a_draft_is_not_stored(client, data):
    SurveyFactory()
    assert client.post(step_url("company"), step_data("company")).status_code == 302
    response = client.get(reverse("surveys:intro"))
    assert "Demo Mobility Srl" in response.content.decode()  # the draft's company
    assert_no_store(response, "intro with a draft")


def test_every_draft_page_is_not_stored(client, data):
    SurveyFactory()
    response = client.post(step_url("company"), step_data("company"))
    assert_no_store(response, "saved step")
    for url in (
        step_url("company"),
        step_url("offerings"),
        reverse("surveys:review"),
        reverse("surveys:done"),
    ):
        assert_no_store(client.get(url), url)
    draft, _created = services.start_submission(
        survey=SurveyFactory(),
        company_answers=complete_answers()["company"],
        cluster_ids=[data["cluster"].pk],
        site_url="http://testserver/",
    )
    resume = reverse("surveys:resume", kwargs={"value": tokens.resume_value(draft)})
    assert_no_store(client.get(resume), "resume link")
    company = data["company"]
    update = reverse("surveys:open_update", kwargs={"value": tokens.update_value(company)})
    assert_no_store(client.get(update), "update link")
    request_update = reverse("surveys:request_update", kwargs={"slug": company.slug})
    assert_no_store(client.get(request_update), "request an update link")


def test_a_refused_material_request_is_not_stored(client):
    event = EventFactory(title="No Store Event", slug="no-store-event")
    material = MaterialFactory(event=event, title="Slides", file=None, on_request=True)
    response = client.post(
        reverse("events:request", args=[event.slug]),
        material_request_data(material, consent=""),
    )
    assert response.status_code == 200  # the event page again, with the form's errors
    assert "errorlist" in response.content.decode() or "is-invalid" in response.content.decode()
    assert "ada@example.com" in response.content.decode()  # the visitor's typed address
    assert_no_store(response, "refused material request")
