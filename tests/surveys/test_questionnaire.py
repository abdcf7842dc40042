import pytest
from django.core import mail
from django.urls import reverse

from surveys.models import Submission
from surveys.views import SESSION_KEY

from .conftest import step_url
from .factories import SurveyFactory

pytestmark = pytest.mark.django_db


def test_intro_explains_purpose_privacy_and_starts(client, survey):
    response = client.get(reverse("surveys:intro"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "about 10 minutes" in content
    assert "Privacy notice" in content
    assert "What gets published and what stays private" in content
    assert step_url("company") in content


def test_intro_without_any_survey_says_it_is_not_open(client, db):
    response = client.get(reverse("surveys:intro"))
    assert response.status_code == 200
    assert b"not open at the moment" in response.content
    assert step_url("company").encode() not in response.content


def test_closed_survey_says_so_and_steps_redirect(client, db):
    from django.utils import timezone

    SurveyFactory(
        title="Spring campaign",
        opens_at=timezone.now() - timezone.timedelta(days=30),
        closes_at=timezone.now() - timezone.timedelta(days=1),
    )
    response = client.get(reverse("surveys:intro"))
    assert b"The questionnaire is closed" in response.content
    response = client.get(step_url("company"))
    assert response.status_code == 302
    assert response.url == reverse("surveys:intro")


def test_full_journey_keeps_answers_and_submits_once(
    client, survey, taxonomy, cluster, sector, fill_steps, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fill_steps("company")
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.IN_PROGRESS
    assert client.session[SESSION_KEY] == submission.pk
    assert list(submission.clusters.all()) == [cluster]
    # The resume link went out by email right after step 1.
    assert len(mail.outbox) == 1
    assert "/questionnaire/resume/" in mail.outbox[0].body

    fill_steps("offerings", "competencies", "international")
    # Back/Next keep answers: the company step shows what was saved.
    response = client.get(step_url("company"))
    assert b"Demo Mobility Srl" in response.content
    fill_steps("contact")
    submission.refresh_from_db()
    assert submission.current_step == "review"
    assert submission.answers["competencies"]["items"] == [
        {"competency": "smart-parking", "level": "expert"}
    ]
    assert submission.answers["international"]["targets"] == [
        {"country": "MX", "priority": 1},
        {"country": "US", "priority": 2},
    ]

    review = client.get(reverse("surveys:review"))
    assert review.status_code == 200
    assert b"Traffic counter" in review.content
    assert b"Smart parking" in review.content

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("surveys:review"), {"website_url": ""})
        second = client.post(reverse("surveys:review"), {"website_url": ""})
    assert first.url == second.url == reverse("surveys:done")
    assert Submission.objects.count() == 1
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.submitted_at is not None
    done = client.get(reverse("surveys:done"))
    assert b"Demo Mobility Srl" in done.content
    # One confirmation (with a copy of the answers) and one notice to the cluster.
    confirmation, notice = mail.outbox[1:]
    assert confirmation.to == ["anna@example.com"]
    assert "Traffic counter" in confirmation.body
    assert "Smart parking: Expert" in confirmation.body
    assert notice.to == [cluster.contact_email]
    assert "Demo Mobility Srl" in notice.subject
