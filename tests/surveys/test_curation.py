"""Approval, rejection, spam, duplicates, privacy requests: the services and the admin."""

import json
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clusters.models import Company, CompanyMarket, Offering
from surveys import selectors, services
from surveys.models import Submission

from .factories import (
    ClusterFactory,
    CompanyFactory,
    SubmissionFactory,
    UserFactory,
    complete_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(cluster, sector, taxonomy):
    answers = complete_answers(
        clusters=[cluster.slug], sector=sector.slug, competencies=["smart-parking"]
    )
    return SubmissionFactory(answers=answers, clusters=[cluster])


@pytest.fixture
def curator(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="curator")
    user.groups.add(Group.objects.get(name="Curator"))
    return user


def test_curator_group_has_the_questionnaire_permissions(curator):
    assert curator.has_perm("surveys.change_submission")
    assert curator.has_perm("surveys.add_extraquestion")


def test_approve_as_new_writes_company_offerings_competencies_markets(submission, curator, cluster):
    company = services.approve_as_new(submission, curator)
    assert company.status == Company.Status.PUBLISHED and company.published_at
    assert company.name == "Demo Mobility Srl" and company.vat_number == "IT12345678901"
    assert list(company.clusters.all()) == [cluster]
    assert [o.name for o in company.offerings.all()] == ["Traffic counter"]
    assert [(c.competency.slug, c.level) for c in company.competency_links.all()] == [
        ("smart-parking", "expert")
    ]
    markets = {(str(m.country), m.kind, m.priority) for m in company.markets.all()}
    assert markets == {("ES", "current", None), ("MX", "target", 1), ("US", "target", 2)}
    assert company.sectors.count() == 1
    assert company.public_email == ""  # no consent to publish the contact person
    company.refresh_from_db()
    assert "Traffic counter" in company.search_document  # the directory's search data
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED
    assert submission.company == company and submission.reviewed_by == curator
    assert submission.reviewed_at is not None


def test_approval_without_consent_to_publish_keeps_a_draft(submission, curator):
    submission.answers["contact"]["consent_publish_profile"] = False
    submission.save()
    assert services.approve_as_new(submission, curator).status == Company.Status.DRAFT


def test_failing_approval_rolls_everything_back(submission, curator):
    with (
        mock.patch.object(CompanyMarket.objects, "bulk_create", side_effect=RuntimeError("db")),
        pytest.raises(RuntimeError),
    ):
        services.approve_as_new(submission, curator)
    assert not Company.objects.exists()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.company is None


def test_approval_happens_once(submission, curator):
    services.approve_as_new(submission, curator)
    with pytest.raises(services.ApprovalError):
        services.approve_as_new(submission, curator)
    assert Company.objects.count() == 1


def test_approval_refuses_a_known_vat_number(submission, curator):
    CompanyFactory(vat_number="it12345678901")
    with pytest.raises(services.ApprovalError, match="update of that company"):
        services.approve_as_new(submission, curator)
    assert Company.objects.count() == 1


def test_approve_as_update_applies_only_the_confirmed_fields(submission, curator, sector):
    company = CompanyFactory(name="Old Name Srl", city="Turin", vat_number="IT12345678901")
    company.offerings.create(kind="service", name="Old service")
    company = selectors.company_prefill(company)
    diff = {change.field for change in services.company_diff(submission, company)}
    assert {"name", "city", "offerings", "markets"} <= diff
    services.approve_as_update(
        submission, company, curator, fields=["city", "offerings"], expected_version=company.version
    )
    company.refresh_from_db()
    assert company.city == "Milan"
    assert company.name == "Old Name Srl"  # not confirmed, kept
    # The new offering is added; the one on record stays (its removal was not ticked).
    assert sorted(o.name for o in company.offerings.all()) == ["Old service", "Traffic counter"]
    assert not company.markets.exists()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED and submission.company == company


def test_approve_as_update_removes_rows_only_when_the_removal_is_ticked(
    submission, curator, sector
):
    company = CompanyFactory(vat_number="IT12345678901")
    company.offerings.create(kind="service", name="Old service")
    company.offerings.create(kind="service", name="Kept service")
    company = selectors.company_prefill(company)
    removals = [c for c in services.company_diff(submission, company) if c.removal]
    by_item = {change.current: change.field for change in removals}
    assert set(by_item) == {"Service: Old service (-)", "Service: Kept service (-)"}
    services.approve_as_update(
        submission,
        company,
        curator,
        fields=["offerings", by_item["Service: Old service (-)"]],
        expected_version=company.version,
    )
    names = Offering.objects.filter(company=company).values_list("name", flat=True)
    assert sorted(names) == ["Kept service", "Traffic counter"]


def test_approve_as_update_refuses_a_stale_diff(submission, curator):
    company = CompanyFactory()
    version = company.version
    company.city = "Changed meanwhile"
    company.save()
    with pytest.raises(services.ApprovalError, match="changed meanwhile"):
        services.approve_as_update(
            submission, company, curator, fields=["city"], expected_version=version
        )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED


def test_reject_with_reason_optionally_emails(
    submission, curator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(submission, curator, reason="Not a member SME.", notify=True)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REJECTED
    assert submission.review_note == "Not a member SME."
    assert mail.outbox[0].to == ["anna@example.com"]
    assert "Not a member SME." in mail.outbox[0].body

    other = SubmissionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(other, curator, reason="Duplicate.", notify=False)
    assert len(mail.outbox) == 1


def test_mark_spam_from_draft_or_submitted_only(submission, curator):
    services.mark_spam(submission, curator)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SPAM
    with pytest.raises(services.ApprovalError):
        services.mark_spam(submission, curator)


def test_possible_duplicates_by_vat_domain_and_name(submission):
    by_vat = CompanyFactory(name="Zeta", vat_number="IT 12345678901")
    by_domain = CompanyFactory(name="Other", website="https://www.demo-mobility.example.com/en")
    by_name = CompanyFactory(name="Demo Mobility S.r.l.")
    CompanyFactory(name="Unrelated Cleaning Co", website="https://clean.example.org")
    found = {c.name: c.duplicate_reasons for c in selectors.possible_duplicates(submission)}
    assert found == {
        by_vat.name: ["vat"],
        by_domain.name: ["domain"],
        by_name.name: ["name"],
    }


def test_possible_duplicates_are_the_nearest_names_when_many_are_similar(submission):
    # The submission's company is "Demo Mobility Srl": many names share most of its words.
    for number in range(12):
        CompanyFactory(name=f"Demo Mobility Services Group {number:02d}")
    nearest = CompanyFactory(name="Zeta Demo Mobility Srl")  # last by name, nearest by words
    found = [c.name for c in selectors.possible_duplicates(submission, limit=3)]
    assert len(found) == 3
    assert nearest.name in found


def test_possible_duplicates_stay_within_the_companies_given(submission):
    own, other = ClusterFactory(slug="own-cluster"), ClusterFactory(slug="other-cluster")
    inside = CompanyFactory(name="Demo Mobility Srl Milano")
    inside.clusters.add(own)
    CompanyFactory(name="Demo Mobility Srl").clusters.add(other)
    visible = Company.objects.filter(clusters=own)
    found = [c.name for c in selectors.possible_duplicates(submission, companies=visible)]
    assert found == [inside.name]


def test_erase_respondent_anonymises_contact_but_keeps_counts(submission):
    other = SubmissionFactory(answers=complete_answers(email="someone@example.com"))
    assert services.erase_respondent(["anna@example.com"]) == 1
    submission.refresh_from_db()
    assert submission.contact_email == ""
    assert submission.answers["contact"]["contact_email"] == ""
    assert submission.answers["contact"]["contact_name"] == ""
    assert submission.answers["company"]["respondent_email"] == ""
    assert submission.answers["company"]["name"] == "Demo Mobility Srl"
    assert submission.erased_at is not None
    assert Submission.objects.count() == 2
    other.refresh_from_db()
    assert other.contact_email == "someone@example.com"


def test_respondent_export_has_every_submission_and_company(submission):
    CompanyFactory(name="Known", contact_email="anna@example.com")
    data = services.respondent_export(["anna@example.com"])
    assert [s["id"] for s in data["submissions"]] == [submission.pk]
    assert data["submissions"][0]["answers"]["contact"]["contact_name"] == "Anna Demo"
    assert [c["name"] for c in data["companies"]] == ["Known"]
    json.dumps(data)


def test_purge_stale_drafts_command(db):
    stale = SubmissionFactory(status=Submission.Status.IN_PROGRESS, submitted_at=None)
    fresh = SubmissionFactory(status=Submission.Status.IN_PROGRESS, submitted_at=None)
    old_submitted = SubmissionFactory()
    long_ago = timezone.now() - timezone.timedelta(days=31)
    Submission.objects.filter(pk__in=[stale.pk, old_submitted.pk]).update(updated_at=long_ago)
    call_command("purge_stale_drafts", verbosity=0)
    assert set(Submission.objects.values_list("pk", flat=True)) == {fresh.pk, old_submitted.pk}


# ---- Admin ------------------------------------------------------------------------------


@pytest.fixture
def cluster_staff(cluster):
    user = UserFactory(username="cluster-staff")
    cluster.staff.add(user)
    return user


def test_curator_sees_every_submission(client, curator, submission):
    other = SubmissionFactory(answers=complete_answers(name="Elsewhere Ltd"))
    client.force_login(curator)
    response = client.get(reverse("admin:surveys_submission_changelist"))
    assert response.status_code == 200
    assert b"Demo Mobility Srl" in response.content and b"Elsewhere Ltd" in response.content
    review = client.get(reverse("admin:surveys_submission_review", args=[other.pk]))
    assert review.status_code == 200


def test_cluster_staff_see_only_submissions_naming_their_cluster(client, cluster_staff, submission):
    other_cluster = ClusterFactory()
    other = SubmissionFactory(
        answers=complete_answers(name="Elsewhere Ltd"), clusters=[other_cluster]
    )
    client.force_login(cluster_staff)
    response = client.get(reverse("admin:surveys_submission_changelist"))
    assert response.status_code == 200
    assert b"Demo Mobility Srl" in response.content
    assert b"Elsewhere Ltd" not in response.content
    # ... and not by URL either.
    assert (
        client.get(reverse("admin:surveys_submission_review", args=[other.pk])).status_code == 404
    )
    change = client.get(reverse("admin:surveys_submission_change", args=[other.pk]))
    assert client.get(change.url).status_code == 404
    url = reverse("admin:surveys_submission_approve_update", args=[other.pk, 1])
    assert client.get(url).status_code == 404
    response = client.post(
        reverse("admin:surveys_submission_review", args=[other.pk]), {"action": "approve_new"}
    )
    assert response.status_code == 404
    assert not Company.objects.exists()
    # Their own cluster's submission opens.
    own = client.get(reverse("admin:surveys_submission_review", args=[submission.pk]))
    assert own.status_code == 200


def test_staff_without_cluster_or_permission_cannot_open_the_queue(client, submission):
    client.force_login(UserFactory(username="plain-staff"))
    assert client.get(reverse("admin:surveys_submission_changelist")).status_code == 403


def test_review_page_shows_answers_and_duplicates(client, curator, submission):
    CompanyFactory(name="Demo Mobility S.r.l.")
    client.force_login(curator)
    response = client.get(reverse("admin:surveys_submission_review", args=[submission.pk]))
    content = response.content.decode()
    assert "Traffic counter" in content and "Smart parking" in content
    assert "Possible duplicates" in content and "Demo Mobility S.r.l." in content


def test_review_page_of_an_update_shows_the_side_by_side_diff(client, curator, submission):
    company = CompanyFactory(name="Demo Mobility Srl", city="Turin")
    submission.kind = Submission.Kind.UPDATE
    submission.company = company
    submission.save()
    client.force_login(curator)
    content = client.get(
        reverse("admin:surveys_submission_review", args=[submission.pk])
    ).content.decode()
    assert "On record" in content and "Turin" in content and "Milan" in content


def test_admin_approve_as_new(client, curator, submission):
    client.force_login(curator)
    url = reverse("admin:surveys_submission_review", args=[submission.pk])
    response = client.post(url, {"action": "approve_new"}, follow=True)
    assert response.status_code == 200
    assert Company.objects.get().name == "Demo Mobility Srl"
    assert b"Approved" in response.content


def test_admin_approve_as_update_with_confirmed_diff(client, curator, submission):
    company = CompanyFactory(name="Demo Mobility Srl", city="Turin", vat_number="IT12345678901")
    client.force_login(curator)
    url = reverse("admin:surveys_submission_approve_update", args=[submission.pk, company.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="apply_city"' in page.content
    response = client.post(url, {"company_version": company.version, "apply_city": "on"})
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.city == "Milan"
    assert company.offerings.count() == 0  # offerings were not confirmed


def test_admin_reject_needs_a_reason(client, curator, submission):
    client.force_login(curator)
    url = reverse("admin:surveys_submission_review", args=[submission.pk])
    client.post(url, {"action": "reject", "reason": ""})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    client.post(url, {"action": "reject", "reason": "Out of scope"})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REJECTED


def test_admin_spam_and_privacy_actions(client, curator, submission):
    client.force_login(curator)
    url = reverse("admin:surveys_submission_changelist")
    response = client.post(
        url, {"action": "export_respondent_data", "_selected_action": [submission.pk]}
    )
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["submissions"][0]["id"] == submission.pk
    client.post(url, {"action": "erase_respondent_data", "_selected_action": [submission.pk]})
    submission.refresh_from_db()
    assert submission.erased_at is not None and submission.contact_email == ""
    client.post(url, {"action": "mark_as_spam", "_selected_action": [submission.pk]})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SPAM


def test_cluster_staff_cannot_use_the_privacy_actions(client, cluster_staff, submission):
    client.force_login(cluster_staff)
    response = client.get(reverse("admin:surveys_submission_changelist"))
    assert b"erase_respondent_data" not in response.content
    assert b"mark_as_spam" in response.content


def test_demo_content_is_idempotent(demo_content):
    from django.core.management import call_command

    from surveys.selectors import current_survey

    survey = current_survey()
    assert survey is not None and survey.extra_questions.count() == 2
    counts = (Submission.objects.count(), survey.extra_questions.count())
    assert counts[0] == 3
    call_command("load_demo", verbosity=0)
    assert (Submission.objects.count(), survey.extra_questions.count()) == counts
    assert all(
        name.startswith("Demo ")
        for name in Submission.objects.values_list("company_name", flat=True)
    )


def test_choice_questions_need_choices(survey):
    from django.core.exceptions import ValidationError

    from surveys.models import ExtraQuestion

    question = ExtraQuestion(survey=survey, text="Pick", kind=ExtraQuestion.Kind.SINGLE_CHOICE)
    with pytest.raises(ValidationError):
        question.full_clean()
    question.choices = "A\nB"
    question.full_clean()
    text = ExtraQuestion(survey=survey, text="Say", kind=ExtraQuestion.Kind.SHORT_TEXT, choices="A")
    with pytest.raises(ValidationError):
        text.full_clean()
