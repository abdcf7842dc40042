"""Small questionnaire and review details: exclusive "None yet", scale labels, a website
without a scheme, readable review diffs, no "S.L.." in emails."""

import pytest

from clusters.models import CompanyCompetency
from core.text import before_full_stop
from surveys import selectors, services
from surveys.forms import CompanyStepForm, ExtraStepForm
from surveys.models import ExtraQuestion

from .factories import (
    ClusterFactory,
    CompanyFactory,
    ExtraQuestionFactory,
    SubmissionFactory,
    complete_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def events_question(survey):
    return ExtraQuestionFactory(
        survey=survey,
        text="Which events?",
        kind=ExtraQuestion.Kind.MULTIPLE_CHOICE,
        choices="Final event\nWebinar\nNone yet",
    )


def test_none_yet_cannot_be_ticked_with_an_event(events_question):
    key = events_question.key
    form = ExtraStepForm({key: ["Final event", "None yet"]}, questions=[events_question])
    assert not form.is_valid()
    assert form.errors[key] == ["“None yet” cannot be combined with other answers."]
    assert ExtraStepForm({key: ["None yet"]}, questions=[events_question]).is_valid()
    assert ExtraStepForm({key: ["Final event", "Webinar"]}, questions=[events_question]).is_valid()


def test_the_1_to_5_scale_has_labels(survey):
    question = ExtraQuestionFactory(
        survey=survey, text="How useful?", kind=ExtraQuestion.Kind.SCALE
    )
    html = str(ExtraStepForm(questions=[question])[question.key])
    assert "1 – very low" in html and "5 – very high" in html


def test_the_website_accepts_a_domain_without_a_scheme():
    form = CompanyStepForm()
    html = str(form["website"])
    assert 'type="url"' not in html  # browsers refuse "example.it" in a url box
    assert 'inputmode="url"' in html
    assert form.fields["website"].clean("example.it") == "https://example.it"


def test_review_diff_shows_names_and_levels_not_codes(taxonomy, cluster):
    company = CompanyFactory(name="Demo Mobility Srl")
    answers = complete_answers(clusters=[cluster.slug], competencies=["smart-parking"])
    submission = SubmissionFactory(answers=answers, clusters=[cluster])
    diff = {
        c.field: c for c in services.company_diff(submission, selectors.company_prefill(company))
    }
    competencies = " ".join(diff["competencies"].proposed)
    assert "smart-parking" not in competencies
    expert = str(dict(CompanyCompetency.Level.choices)["expert"])
    assert f": {expert}" in competencies and ": expert" not in competencies
    assert cluster.slug not in " ".join(diff["clusters"].proposed)
    markets = " ".join(diff["markets"].proposed)
    assert "Mexico" in markets and "MX" not in markets


def test_company_names_ending_in_a_dot_end_a_sentence_once():
    assert before_full_stop("Demo Air Quality S.L.") == "Demo Air Quality S.L"
    assert before_full_stop("Demo Srl") == "Demo Srl"
    assert before_full_stop("Demo d.o.o.") + "." == "Demo d.o.o."


def test_resume_email_has_no_double_full_stop(monkeypatch):
    sent = []
    monkeypatch.setattr(services, "queue_email", lambda subject, body, to: sent.append(body))
    submission = SubmissionFactory(
        company_name="Demo Air Quality S.L.", contact_email="ana@example.com"
    )
    services._email_resume_link(submission, "https://portal.example")
    assert sent and "S.L.." not in sent[0] and "Demo Air Quality S.L." in sent[0]


def test_cluster_labels_never_repeat_the_acronym():
    ClusterFactory(acronym="Green HoMe", name="Green HoMe – innovation hub", slug="gh")
    labels = selectors.label_lookups()["clusters"]
    assert labels["gh"] == "Green HoMe – innovation hub"
