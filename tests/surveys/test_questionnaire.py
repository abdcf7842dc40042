import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from surveys import services, tokens
from surveys.models import ExtraQuestion, Submission
from surveys.views import SESSION_KEY

from .conftest import ALL_STEPS, step_data, step_url
from .factories import (
    CompanyFactory,
    ExtraQuestionFactory,
    SubmissionFactory,
    SurveyFactory,
    UserFactory,
)

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


def test_later_steps_need_a_draft(client, survey):
    response = client.get(step_url("offerings"))
    assert response.status_code == 302
    assert response.url == step_url("company")


def test_unknown_step_is_404(client, survey):
    assert client.get(step_url("no-such-step")).status_code == 404
    # The extra step exists only when the campaign has extra questions.
    assert client.get(step_url("extra")).status_code == 404


def test_step_one_field_errors_and_nothing_saved(client, survey, cluster):
    data = step_data("company", name="", country="XX", founding_year="3000")
    response = client.post(step_url("company"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"name", "country", "founding_year"}
    assert b"Please correct the answers marked below." in response.content
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("description", "x" * 5000, "at most 2000 characters"),
        ("name", "Evil\x00Corp", "Null characters are not allowed"),
        ("city", "Milan\x00", "Null characters are not allowed"),
    ],
)
def test_over_long_text_and_nul_bytes_are_refused(client, survey, cluster, field, value, message):
    response = client.post(step_url("company"), step_data("company", **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Submission.objects.exists()


def test_html_in_answers_is_stored_as_text_and_shown_escaped(
    client, survey, cluster, sector, fill_steps
):
    script = "<script>alert('x')</script>"
    response = client.post(step_url("company"), step_data("company", name=script))
    assert response.status_code == 302
    assert Submission.objects.get().answers["company"]["name"] == script
    fill_steps("offerings", "competencies", "international", "contact")
    content = client.get(reverse("surveys:review")).content.decode()
    assert script not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content


def test_honeypot_refuses_bots(client, survey, cluster):
    response = client.post(step_url("company"), step_data("company", website_url="http://spam"))
    assert response.status_code == 200
    assert b"looks automated" in response.content
    assert not Submission.objects.exists()
    assert b'<div class="honeypot" aria-hidden="true">' in client.get(step_url("company")).content


def test_add_another_offering_works_without_javascript(client, survey, cluster, sector, fill_steps):
    fill_steps("company")
    data = step_data("offerings", add_row="offerings")
    response = client.post(step_url("offerings"), data)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == 2
    assert b'name="offerings-1-name"' in response.content
    # Adding a row saves nothing and shows no errors for the new empty row.
    assert "offerings" not in Submission.objects.get().answers
    assert b"field-errors" not in response.content


def test_offerings_need_at_least_one_and_removed_rows_are_dropped(
    client, survey, cluster, sector, fill_steps
):
    fill_steps("company")
    empty = step_data(
        "offerings", **{"offerings-0-kind": "", "offerings-0-name": "", "offerings-0-sector": ""}
    )
    response = client.post(step_url("offerings"), empty)
    assert response.status_code == 200
    assert "offerings" not in Submission.objects.get().answers

    data = step_data(
        "offerings",
        **{
            "offerings-TOTAL_FORMS": "2",
            "offerings-1-kind": "service",
            "offerings-1-name": "Consulting",
            "offerings-1-DELETE": "on",
        },
    )
    assert client.post(step_url("offerings"), data).status_code == 302
    names = [item["name"] for item in Submission.objects.get().answers["offerings"]]
    assert names == ["Traffic counter"]


def test_competency_needs_a_level_when_ticked(client, survey, cluster, taxonomy, fill_steps):
    fill_steps("company")
    data = step_data("competencies", **{"level_smart-parking": ""})
    response = client.post(step_url("competencies"), data)
    assert response.status_code == 200
    assert "level_smart-parking" in response.context["form"].errors
    content = response.content.decode()
    # Grouped by area, one fieldset per area.
    assert "<legend" in content and "Mobility" in content


def test_target_markets_refuse_duplicates(client, survey, cluster, sector, fill_steps):
    fill_steps("company", "offerings", "competencies")
    data = step_data("international", **{"targets-1-country": "MX"})
    response = client.post(step_url("international"), data)
    assert response.status_code == 200
    assert "in the list twice" in response.content.decode()


def test_back_saves_valid_answers_and_goes_to_previous_step(
    client, survey, cluster, sector, fill_steps
):
    fill_steps("company", "offerings")
    data = step_data("competencies", back="1")
    response = client.post(step_url("competencies"), data)
    assert response.url == step_url("offerings")
    assert "competencies" in Submission.objects.get().answers
    # Invalid answers and Back: nothing saved, a warning, still goes back.
    data = step_data("international", back="1", export_share="nonsense")
    response = client.post(step_url("international"), data)
    assert response.url == step_url("competencies")
    assert "international" not in Submission.objects.get().answers


def test_submit_with_missing_steps_goes_to_the_first_missing_one(
    client, survey, cluster, sector, fill_steps
):
    fill_steps("company", "offerings")
    review = client.get(reverse("surveys:review"))
    assert review.status_code == 200
    assert b"Some steps are not complete yet" in review.content
    response = client.post(reverse("surveys:review"), {"website_url": ""})
    assert response.url == step_url("competencies")
    assert Submission.objects.get().status == Submission.Status.IN_PROGRESS


def test_submit_honeypot_blocks_submission(client, survey, cluster, sector, taxonomy, fill_steps):
    fill_steps(*ALL_STEPS)
    response = client.post(reverse("surveys:review"), {"website_url": "spam"})
    assert response.status_code == 200
    assert Submission.objects.get().status == Submission.Status.IN_PROGRESS


def test_a_mail_failure_never_loses_a_submission(
    client, survey, cluster, sector, taxonomy, fill_steps, django_capture_on_commit_callbacks
):
    fill_steps(*ALL_STEPS)
    with (
        mock.patch("core.tasks.EmailMessage.send", side_effect=OSError("smtp down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("surveys:review"), {"website_url": ""})
    assert response.status_code == 302
    assert response.url == reverse("surveys:done")
    assert Submission.objects.get().status == Submission.Status.SUBMITTED
    assert client.get(reverse("surveys:done")).status_code == 200


def test_notification_goes_to_cluster_staff_or_the_secretariat(
    client,
    survey,
    cluster,
    sector,
    taxonomy,
    fill_steps,
    django_capture_on_commit_callbacks,
    settings,
):
    staff = UserFactory(email="staff@example.com")
    cluster.staff.add(staff)
    fill_steps(*ALL_STEPS)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:review"), {"website_url": ""})
    notice = mail.outbox[-1]
    assert sorted(notice.to) == sorted([cluster.contact_email, "staff@example.com"])
    assert notice.reply_to == ["anna@example.com"]

    from surveys.tasks import notification_recipients

    lonely = SubmissionFactory()
    assert notification_recipients(lonely) == [settings.SECRETARIAT_EMAIL]


def test_start_and_submit_are_rate_limited_per_ip(client, survey, cluster):
    for _attempt in range(20):
        client.cookies.clear()  # a new visitor each time, same IP
        assert client.post(step_url("company"), step_data("company")).status_code == 302
    client.cookies.clear()
    response = client.post(step_url("company"), step_data("company"))
    assert response.status_code == 429
    assert b"Too many requests" in response.content
    assert Submission.objects.count() == 20


def test_submit_is_rate_limited_per_ip(client, survey):
    for _attempt in range(20):
        client.post(reverse("surveys:review"))
    assert client.post(reverse("surveys:review")).status_code == 429


# ---- Extra questions ---------------------------------------------------------------------


@pytest.fixture
def extra_questions(survey):
    kind = ExtraQuestion.Kind
    return [
        ExtraQuestionFactory(survey=survey, text="Your motto?", kind=kind.SHORT_TEXT, position=1),
        ExtraQuestionFactory(survey=survey, text="Your story?", kind=kind.LONG_TEXT, position=2),
        ExtraQuestionFactory(
            survey=survey,
            text="Best channel?",
            kind=kind.SINGLE_CHOICE,
            choices="Email\nPhone",
            required=True,
            position=3,
        ),
        ExtraQuestionFactory(
            survey=survey,
            text="Events?",
            kind=kind.MULTIPLE_CHOICE,
            choices="Webinars\nB2B weeks",
            position=4,
        ),
        ExtraQuestionFactory(
            survey=survey, text="How useful?", kind=kind.SCALE, required=True, position=5
        ),
    ]


def extra_data(questions, **overrides):
    motto, story, channel, events, scale = questions
    data = {
        motto.key: "Move smart",
        story.key: "Founded in Milan.",
        channel.key: "Email",
        events.key: ["Webinars", "B2B weeks"],
        scale.key: "4",
    }
    data.update(overrides)
    return data


def test_extra_questions_are_a_final_step_before_review(
    client, survey, cluster, sector, taxonomy, extra_questions, fill_steps
):
    response = fill_steps(*ALL_STEPS)
    assert response.url == step_url("extra")
    page = client.get(step_url("extra"))
    assert page.status_code == 200
    for question in extra_questions:
        assert question.text in page.content.decode()
    scale = extra_questions[-1]
    bad = client.post(step_url("extra"), extra_data(extra_questions, **{scale.key: "9"}))
    assert bad.status_code == 200
    assert scale.key in bad.context["form"].errors
    fill_steps("extra", extra=extra_data(extra_questions))
    answers = Submission.objects.get().answers["extra"]
    assert answers[scale.key] == 4
    assert answers[extra_questions[3].key] == ["Webinars", "B2B weeks"]
    review = client.get(reverse("surveys:review")).content.decode()
    assert "Move smart" in review and "Webinars, B2B weeks" in review
    assert "Some steps are not complete yet" not in review


# ---- Resume links ------------------------------------------------------------------------


def test_resume_link_continues_on_another_device(client, survey, cluster, sector, fill_steps):
    fill_steps("company", "offerings")
    submission = Submission.objects.get()
    link = services.resume_url(submission, "http://testserver/")
    other_device = Client()
    response = other_device.get(link)
    assert response.status_code == 302
    assert response.url == step_url("competencies")
    page = other_device.get(step_url("offerings"))
    assert b"Traffic counter" in page.content
    assert other_device.session[SESSION_KEY] == submission.pk


def test_tampered_resume_link_gets_a_clear_400_page(client, survey, cluster, fill_steps):
    fill_steps("company")
    link = services.resume_url(Submission.objects.get(), "")
    response = Client().get(link[:-3] + "abc/" if link.endswith("/") else link + "x")
    assert response.status_code == 400
    assert b"This link is not valid" in response.content
    assert Client().get(reverse("surveys:resume", args=["garbage"])).status_code == 400
    assert Client().get(reverse("surveys:resume", args=["\x00" * 10])).status_code in (400, 404)


def test_expired_resume_link_gets_a_clear_410_page(client, survey, cluster, fill_steps):
    fill_steps("company")
    link = services.resume_url(Submission.objects.get(), "")
    later = time.time() + 31 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = Client().get(link)
    assert response.status_code == 410
    assert b"This link has expired" in response.content


def test_resume_link_of_a_deleted_or_submitted_draft(client, survey, cluster, fill_steps):
    fill_steps("company")
    submission = Submission.objects.get()
    link = services.resume_url(submission, "")
    Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.SUBMITTED)
    response = Client().get(link)
    assert response.url == reverse("surveys:done")
    submission.delete()
    response = Client().get(link)
    assert response.status_code == 410
    assert b"no longer exists" in response.content


# ---- "Update my profile" -------------------------------------------------------------------


def test_update_link_goes_only_to_the_address_on_record(
    client, survey, django_capture_on_commit_callbacks
):
    company = CompanyFactory(name="Demo Parking Spa", contact_email="owner@example.com")
    url = reverse("surveys:request_update", args=[company.slug])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"website_url": "", "email": "attacker@example.com"}, follow=True
        )
    assert response.status_code == 200
    assert b"owner@example.com" not in response.content
    assert [message.to for message in mail.outbox] == [["owner@example.com"]]
    assert "/questionnaire/update-profile/" in mail.outbox[0].body


def test_update_link_without_address_on_record_says_the_same(client, survey):
    company = CompanyFactory(contact_email="", public_email="")
    url = reverse("surveys:request_update", args=[company.slug])
    response = client.post(url, {"website_url": ""}, follow=True)
    assert b"If this company has an email address on record" in response.content
    assert mail.outbox == []


def test_update_request_is_404_for_unknown_or_unpublished_companies(client, survey):
    draft = CompanyFactory(status="draft")
    assert client.get(reverse("surveys:request_update", args=[draft.slug])).status_code == 404
    assert client.get(reverse("surveys:request_update", args=["nope"])).status_code == 404


def test_update_request_is_rate_limited(client, survey):
    company = CompanyFactory()
    url = reverse("surveys:request_update", args=[company.slug])
    for _attempt in range(5):
        assert client.post(url, {"website_url": ""}).status_code == 302
    assert client.post(url, {"website_url": ""}).status_code == 429


def test_update_link_opens_a_prefilled_draft_and_never_changes_the_company(
    client, survey, cluster, sector, taxonomy, fill_steps, django_capture_on_commit_callbacks
):
    company = CompanyFactory(name="Demo Parking Spa", city="Turin", contact_email="o@example.com")
    company.clusters.add(cluster)
    company.offerings.create(kind="service", name="Parking app", sector=sector)
    link = reverse("surveys:open_update", args=[tokens.update_value(company)])
    response = client.get(link)
    assert response.url == step_url("company")
    draft = Submission.objects.get()
    assert draft.kind == Submission.Kind.UPDATE and draft.company == company
    page = client.get(step_url("company")).content.decode()
    assert "Demo Parking Spa" in page and "Turin" in page and "o@example.com" in page
    assert "Parking app" in client.get(step_url("offerings")).content.decode()
    # Opening the link again keeps the same draft.
    client.get(link)
    assert Submission.objects.count() == 1

    client.post(step_url("company"), step_data("company", name="Demo Parking Spa", city="Milan"))
    fill_steps("offerings", "competencies", "international", "contact")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:review"), {"website_url": ""})
    draft.refresh_from_db()
    assert draft.status == Submission.Status.SUBMITTED
    company.refresh_from_db()
    assert company.city == "Turin"  # only a curator's approval changes the profile


def test_bad_update_links(client, survey):
    assert client.get(reverse("surveys:open_update", args=["nope"])).status_code == 400
    company = CompanyFactory()
    value = tokens.update_value(company)
    company.status = "archived"
    company.save()
    assert client.get(reverse("surveys:open_update", args=[value])).status_code == 410


def test_a_draft_cannot_be_submitted_after_the_campaign_closes(
    client, survey, cluster, sector, taxonomy, fill_steps
):
    from django.utils import timezone

    fill_steps(*ALL_STEPS)
    survey.closes_at = timezone.now()
    survey.save()
    response = client.post(reverse("surveys:review"), {"website_url": ""})
    assert response.url == reverse("surveys:intro")
    assert Submission.objects.get().status == Submission.Status.IN_PROGRESS
    assert client.get(step_url("company")).url == reverse("surveys:intro")
