"""Resume and "update my profile" links: where they point, who can open them, and that
opening one never multiplies drafts or silently replaces the visitor's own."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys import services, tokens
from surveys.models import Submission
from surveys.views import SESSION_KEY

from .conftest import step_data, step_url
from .factories import (
    ClusterFactory,
    CompanyFactory,
    SubmissionFactory,
    SurveyFactory,
    complete_answers,
)

pytestmark = pytest.mark.django_db

SITE_URL = "https://portal.c2future.example"
FORGED_HOST = "attacker.example"


@pytest.fixture
def forged_host_allowed(settings):
    # ALLOWED_HOSTS lets the forged Host through, as a catch-all proxy config would.
    settings.ALLOWED_HOSTS = ["testserver", FORGED_HOST]
    settings.SITE_URL = SITE_URL


def test_the_resume_link_mailed_after_step_one_uses_site_url_not_the_host_header(
    client, survey, cluster, forged_host_allowed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url("company"), step_data("company"), HTTP_HOST=FORGED_HOST)
    assert response.status_code == 302
    [email] = mail.outbox
    assert f"{SITE_URL}/questionnaire/resume/" in email.body
    assert FORGED_HOST not in email.body
    # The link shown at the bottom of each step is the same one.
    page = client.get(step_url("offerings"), HTTP_HOST=FORGED_HOST).content.decode()
    assert f"{SITE_URL}/questionnaire/resume/" in page
    assert f"{FORGED_HOST}/questionnaire/resume/" not in page


def test_the_update_link_mailed_to_a_company_uses_site_url_not_the_host_header(
    client, survey, forged_host_allowed, django_capture_on_commit_callbacks
):
    company = CompanyFactory(contact_email="owner@example.com")
    url = reverse("surveys:request_update", args=[company.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"website_url": ""}, HTTP_HOST=FORGED_HOST)
    [email] = mail.outbox
    assert f"{SITE_URL}/questionnaire/update-profile/" in email.body
    assert FORGED_HOST not in email.body


# ---- Update links die with the contact they were sent to -----------------------------------


def update_link(company):
    return reverse("surveys:open_update", args=[tokens.update_value(company)])


def test_an_update_link_dies_when_the_company_contact_changes(client, survey):
    company = CompanyFactory(contact_email="old-owner@example.com")
    link = update_link(company)
    company.contact_email = "new-private@example.com"
    company.save()
    response = client.get(link)
    assert response.status_code == 410
    page = response.content.decode()
    assert "This link is no longer valid" in page
    assert reverse("surveys:request_update", args=[company.slug]) in page
    assert "new-private@example.com" not in page
    assert not Submission.objects.exists()
    # A link sent to the address now on record works.
    assert client.get(update_link(company)).url == step_url("company")
    assert Submission.objects.get().company == company


def test_an_update_link_survives_edits_that_leave_the_contact_alone(client, survey):
    company = CompanyFactory(contact_email="owner@example.com")
    link = update_link(company)
    company.description = "Edited by a curator."
    company.save()
    assert client.get(link).url == step_url("company")


# ---- Opening a link: idempotent, asks before replacing, rotates the session -------------


def test_opening_an_update_link_again_anywhere_reuses_its_draft(client, survey):
    company = CompanyFactory()
    link = update_link(company)
    for browser in (client, client, Client(), Client()):
        assert browser.get(link).url == step_url("company")
    draft = Submission.objects.get()
    assert draft.kind == Submission.Kind.UPDATE and draft.company == company
    # Another link sent to the same contact opens the same draft too.
    assert Client().get(update_link(company)).status_code == 302
    assert Submission.objects.count() == 1


def test_an_update_link_asks_before_leaving_the_visitors_own_draft(
    client, survey, cluster, fill_steps
):
    fill_steps("company")
    own = Submission.objects.get()
    company = CompanyFactory(name="Demo Parking Spa")
    link = update_link(company)
    response = client.get(link)
    assert response.status_code == 200
    page = response.content.decode()
    assert "You already have answers in progress" in page
    assert "Demo Mobility Srl" in page and "Demo Parking Spa" in page
    # The signed value ends in a timestamp (seconds): compare what comes before it, so
    # a render and a check in different seconds still match.
    assert services.resume_url(own, settings.SITE_URL).rsplit(":", 2)[0] + ":" in page
    assert client.session[SESSION_KEY] == own.pk
    assert Submission.objects.count() == 1  # nothing created by looking

    response = client.post(link, {"switch": "yes"})
    assert response.url == step_url("company")
    update = Submission.objects.get(kind=Submission.Kind.UPDATE)
    assert client.session[SESSION_KEY] == update.pk
    own.refresh_from_db()
    assert own.is_draft  # still there, and its resume link still opens it
    other_device = Client()
    other_device.get(services.resume_url(own, ""))
    assert other_device.session[SESSION_KEY] == own.pk


def test_a_resume_link_asks_before_leaving_the_visitors_own_draft(
    client, survey, cluster, fill_steps
):
    other = SubmissionFactory(
        survey=survey,
        status=Submission.Status.IN_PROGRESS,
        current_step="offerings",
        answers=complete_answers(name="Other Draft Srl"),
    )
    link = services.resume_url(other, "")
    fill_steps("company")
    own = Submission.objects.exclude(pk=other.pk).get()
    response = client.get(link)
    assert response.status_code == 200
    assert "Other Draft Srl" in response.content.decode()
    assert client.session[SESSION_KEY] == own.pk
    assert client.post(link, {"switch": "yes"}).url == step_url("offerings")
    assert client.session[SESSION_KEY] == other.pk
    assert Submission.objects.filter(pk=own.pk, status=Submission.Status.IN_PROGRESS).exists()


def test_attaching_a_draft_from_a_link_rotates_the_session_key(client, survey, cluster):
    other = SubmissionFactory(survey=survey, status=Submission.Status.IN_PROGRESS)
    client.get(reverse("surveys:intro"))
    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    client.get(services.resume_url(other, ""))
    assert client.session.session_key != before
    assert client.session[SESSION_KEY] == other.pk
    assert client.session["seen"] is True  # the rest of the session is kept
    company = CompanyFactory()
    before = client.session.session_key
    client.post(update_link(company), {"switch": "yes"})
    assert client.session.session_key != before
    assert client.session[SESSION_KEY] == Submission.objects.get(kind="update").pk


# ---- One browser, one draft ------------------------------------------------------------------

PARALLEL_POSTS = 20


def _post_step_one_in_parallel(cookies):
    """PARALLEL_POSTS first-step posts at once, each on its own thread and connection."""
    barrier = threading.Barrier(PARALLEL_POSTS)
    statuses = []

    def post():
        browser = Client()
        for name, value in cookies.items():
            browser.cookies[name] = value
        try:
            barrier.wait(timeout=30)
            statuses.append(browser.post(step_url("company"), step_data("company")).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(PARALLEL_POSTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


@pytest.fixture
def open_questionnaire(transactional_db):
    SurveyFactory()
    ClusterFactory(acronym="DEMO", slug="demo-partner")


@pytest.mark.django_db(transaction=True)
def test_parallel_first_posts_of_a_new_visitor_make_one_draft_and_one_email(
    open_questionnaire,
):
    # A visitor without a session yet: every post carries the same CSRF cookie.
    statuses = _post_step_one_in_parallel({"csrftoken": "a" * 32})
    assert statuses == [302] * PARALLEL_POSTS
    assert Submission.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_first_posts_in_one_session_make_one_draft_and_one_email(
    open_questionnaire,
):
    session = SessionStore()
    session["visited"] = True
    session.create()
    statuses = _post_step_one_in_parallel({"sessionid": session.session_key})
    assert statuses == [302] * PARALLEL_POSTS
    assert Submission.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_later_visitor_in_the_same_browser_never_gets_the_earlier_draft(client, survey, cluster):
    # The CSRF cookie outlives sessions: after the window of a double click, a first post
    # from a new session starts its own draft.
    client.cookies["csrftoken"] = "b" * 32
    client.post(step_url("company"), step_data("company", name="First Visitor Srl"))
    earlier = Submission.objects.get()
    Submission.objects.filter(pk=earlier.pk).update(
        created_at=timezone.now() - services.PARALLEL_POST_WINDOW - timedelta(minutes=1)
    )
    later = Client()
    later.cookies["csrftoken"] = "b" * 32
    assert later.post(step_url("company"), step_data("company")).status_code == 302
    assert Submission.objects.count() == 2
    assert later.session[SESSION_KEY] != earlier.pk
    earlier.refresh_from_db()
    assert earlier.company_name == "First Visitor Srl"


def test_link_pages_keep_their_query_budget(
    client, survey, cluster, fill_steps, django_assert_max_num_queries
):
    fill_steps("company")
    company = CompanyFactory()
    company.clusters.add(cluster)
    with django_assert_max_num_queries(10):
        assert client.get(update_link(company)).status_code == 200  # asks first
    # Creating the prefilled draft (company and its four relations) and a new session key.
    with django_assert_max_num_queries(25):
        assert client.post(update_link(company), {"switch": "yes"}).status_code == 302
    with django_assert_max_num_queries(10):
        assert client.get(update_link(company)).status_code == 302  # same draft again
    own = Submission.objects.get(kind=Submission.Kind.NEW)
    with django_assert_max_num_queries(10):
        assert client.get(services.resume_url(own, "")).status_code == 200
    # A new session key costs a few queries of its own (create, delete the old, save).
    with django_assert_max_num_queries(15):
        assert client.post(services.resume_url(own, ""), {"switch": "yes"}).status_code == 302
