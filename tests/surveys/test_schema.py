"""Issue #13 item 6: the steps own their answer schema (steps.py); the review rows, the
export columns, the approval, the prefill and the anonymisation follow it."""

import pytest

from clusters.models import Company
from surveys import exports, services, steps
from surveys.answers import describe_answers
from surveys.models import Submission, Survey

from .factories import CompanyFactory, SubmissionFactory, complete_answers

LOOKUPS = {"clusters": {}, "sectors": {}, "competencies": {}}


def declared(step):
    return step.answers_class.answer_fields()


def test_the_export_has_one_column_per_declared_answer_and_no_other_answer_column():
    answer_columns = exports.BASE_COLUMNS[len(exports.SUBMISSION_COLUMNS) :]
    assert answer_columns == [field.column for _step, field in steps.ANSWER_FIELDS]
    assert len(set(exports.BASE_COLUMNS)) == len(exports.BASE_COLUMNS)
    assert [step.key for step in steps.SCHEMA_STEPS] == [
        "company",
        "offerings",
        "competencies",
        "international",
        "contact",
    ]


def test_every_declared_answer_is_a_review_row_under_its_label():
    answers = complete_answers(competencies=["smart-parking"])
    sections = {key: rows for key, _title, rows in describe_answers(answers, LOOKUPS)}
    assert list(sections) == [step.key for step in steps.SCHEMA_STEPS]
    for step in (steps.COMPANY, steps.INTERNATIONAL, steps.CONTACT):
        labels = [label for label, _text in sections[step.key]]
        assert labels == [str(field.label) for field in declared(step)]
    # Repeatable answers are one row per item: the offering, the ticked competency.
    assert sections["offerings"] == [("Item 1", "Product: Traffic counter – Counts vehicles.")]
    assert sections["competencies"] == [("smart-parking", "Expert"), ("Other competencies", "")]


def test_the_exported_row_of_a_complete_submission():
    submission = Submission(
        pk=7, survey=Survey(title="Mapping"), answers=complete_answers(clusters=["clm"])
    )
    row = dict(zip(exports.BASE_COLUMNS, exports.flatten(submission, []), strict=True))
    assert row == {
        "id": 7,
        "survey": "Mapping",
        "status": "in_progress",
        "kind": "new",
        "started": "",
        "submitted": "",
        "reviewed": "",
        "reviewed_by": "",
        "company_id": "",
        "respondent_email": "anna@example.com",
        "name": "Demo Mobility Srl",
        "vat_number": "IT12345678901",
        "website": "https://demo-mobility.example.com",
        "country": "IT (Italy)",
        "city": "Milan",
        "founding_year": 2012,
        "size": "small",
        "turnover": "2-10m",
        "clusters": "clm",
        "description": "Fictional demo SME: traffic sensors.",
        "offerings": "product: Traffic counter [] Counts vehicles.",
        "competencies": "",
        "competencies_other": "",
        "current_markets": "ES",
        "export_share": "10-25",
        "target_markets": "MX=1; US=2",
        "b2b_interest": "yes",
        "obstacles": "financing; language",
        "obstacles_other": "",
        "existing_contacts": "",
        "support_wanted": "Partner search",
        "contact_name": "Anna Demo",
        "contact_role": "CEO",
        "contact_email": "anna@example.com",
        "contact_phone": "'+39 02 0000000",
        "consent_publish_profile": "yes",
        "consent_publish_contact": "no",
        "consent_contact_by_partners": "yes",
        "privacy_acknowledged": "yes",
    }


def test_a_step_not_saved_exports_empty_cells():
    submission = Submission(pk=8, survey=Survey(title="Mapping"), answers={})
    row = dict(zip(exports.BASE_COLUMNS, exports.flatten(submission, []), strict=True))
    assert {row[field.column] for _step, field in steps.ANSWER_FIELDS} == {""}


def test_the_proposed_fields_are_company_fields():
    company_fields = {field.name for field in Company._meta.get_fields()}
    assert set(services.COMPANY_FIELDS) <= company_fields
    assert "turnover" not in services.COMPANY_FIELDS  # asked, but not on a company
    assert services.proposed_values({})["founding_year"] is None
    assert services.proposed_values({})["consent_publish_contact"] is False


@pytest.mark.django_db
def test_the_prefill_holds_only_declared_answers():
    prefill = services.answers_from_company(CompanyFactory())
    assert set(prefill) == {step.key for step in steps.SCHEMA_STEPS}
    for step in steps.SCHEMA_STEPS:
        names = {field.name for field in declared(step) if field.from_company}
        if step is steps.OFFERINGS:
            assert isinstance(prefill[step.key], list)
        else:
            assert set(prefill[step.key]) == names


@pytest.mark.django_db
def test_erasure_blanks_exactly_the_answers_declared_personal():
    submission = SubmissionFactory()
    services.erase_respondent(["anna@example.com"])
    submission.refresh_from_db()
    before = complete_answers()
    for step, field in steps.ANSWER_FIELDS:
        if step is steps.OFFERINGS:
            continue
        value = submission.answers[step.key][field.name]
        if field.personal:
            assert value == "", field.name
        else:
            assert value == before[step.key][field.name], field.name
    assert set(steps.PERSONAL_KEYS) == {
        "respondent_email",
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
    }
