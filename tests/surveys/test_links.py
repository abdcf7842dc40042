"""Resume and "update my profile" links: where they point, who can open them, and that
opening one never multiplies drafts or silently replaces the visitor's own."""

import pytest
from django.core import mail
from django.urls import reverse

from .conftest import step_data, step_url
from .factories import CompanyFactory

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
