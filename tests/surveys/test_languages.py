"""The questionnaire in every language: the respondent's language is stored, their emails
use it whoever triggers them, and their description keeps it in the directory."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from clusters.models import Company
from surveys import services, tasks
from surveys.models import Submission
from tests.clusters.factories import CompanyFactory

from .conftest import step_data
from .factories import SubmissionFactory, UserFactory, complete_answers

pytestmark = pytest.mark.django_db


def in_language(code, message):
    with translation.override(code):
        text = translation.gettext(message)
    assert text != message, f"{message!r} is not translated into {code}"
    return text


def step_url_in(code, step):
    with translation.override(code):
        return reverse("surveys:step", kwargs={"step_key": step})


@pytest.fixture
def curator(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="curator")
    user.groups.add(Group.objects.get(name="Curator"))
    return user


@pytest.fixture
def submission(cluster, sector, taxonomy):
    answers = complete_answers(clusters=[cluster.slug], sector=sector.slug)
    return SubmissionFactory(answers=answers, clusters=[cluster], language="it")


def test_the_language_answered_in_is_stored_and_follows_the_last_step(
    client, survey, cluster, taxonomy
):
    response = client.post(step_url_in("it", "company"), step_data("company"))
    assert response.status_code == 302
    assert response["Location"].startswith("/it/questionnaire/")
    draft = Submission.objects.get()
    assert draft.language == "it"
    # Back to step one after switching to Spanish: the emails from now on are in Spanish.
    response = client.post(step_url_in("es", "company"), step_data("company"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.language == "es"


def test_the_resume_link_email_is_in_the_respondents_language(
    client, survey, cluster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(step_url_in("bg", "company"), step_data("company"))
    (message,) = mail.outbox
    assert message.subject == in_language("bg", "Continue your C2Future questionnaire")


def test_the_confirmation_is_in_the_respondents_language_and_the_staff_notice_in_english(
    submission, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_submission_emails.call(submission.pk)
    to_respondent = next(m for m in mail.outbox if m.to == [submission.contact_email])
    to_staff = next(m for m in mail.outbox if m.to != [submission.contact_email])
    assert to_respondent.subject == in_language("it", "Your C2Future questionnaire was received")
    assert "Thank you for answering" not in to_respondent.body
    assert to_staff.subject.startswith("New questionnaire submission")


def test_a_rejection_sent_by_an_english_curator_is_in_the_respondents_language(
    submission, curator, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.reject(submission, curator, reason="Non è una PMI.", notify=True)
    (message,) = mail.outbox
    assert message.subject == in_language("it", "Your C2Future questionnaire")
    assert "Non è una PMI." in message.body
    assert "could not publish" not in message.body


def test_an_approved_description_keeps_the_language_it_was_written_in(submission, curator):
    company = services.approve_as_new(submission, curator)
    assert company.description_language == "it"


def test_an_update_changes_the_description_language_only_with_the_description(curator):
    company = CompanyFactory(description="Old words.", description_language="en")
    update = SubmissionFactory(
        kind=Submission.Kind.UPDATE, company=company, language="es", answers=complete_answers()
    )
    services.approve_as_update(
        update, company, curator, fields=["city"], expected_version=company.version
    )
    company.refresh_from_db()
    assert company.description_language == "en"

    again = SubmissionFactory(
        kind=Submission.Kind.UPDATE, company=company, language="es", answers=complete_answers()
    )
    services.approve_as_update(
        again, company, curator, fields=["description"], expected_version=company.version
    )
    company.refresh_from_db()
    assert company.description_language == "es"


def test_the_profile_says_which_language_the_description_is_in(client):
    company = CompanyFactory(
        description="Sensori per il parcheggio.",
        description_language="it",
        status=Company.Status.PUBLISHED,
    )
    html = client.get(f"/directory/{company.slug}/").content.decode()
    assert '<div class="page-body" lang="it">' in html
    assert "Written by the company in Italian." in html
    # In Italian the note is not needed; the language is still marked.
    html = client.get(f"/it/directory/{company.slug}/").content.decode()
    assert '<div class="page-body" lang="it">' in html
    assert "Written by the company in" not in html
