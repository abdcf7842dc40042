"""Campaigns and extra questions in the partners' languages; answers stay English."""

import pytest
from django.contrib.auth import get_user_model
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import translation

from surveys.answers import describe_answers
from surveys.forms import ExtraQuestionAdminForm, ExtraStepForm
from surveys.models import ExtraQuestion

from .factories import ExtraQuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

CHOICE_FIELDS = ["kind", "text_en", "choices_en", "choices_it", "choices_es", "survey"]


@pytest.fixture
def question(survey):
    question = ExtraQuestionFactory(
        survey=survey,
        text="How would you like to hear from us?",
        kind=ExtraQuestion.Kind.MULTIPLE_CHOICE,
        choices="Email\nPhone\nNone of these",
    )
    ExtraQuestion.objects.filter(pk=question.pk).update(
        text_it="Come preferisci essere contattato?",
        choices_it="E-mail\nTelefono\nNessuno di questi",
    )
    question.refresh_from_db()
    return question


def test_choices_are_stored_in_english_and_shown_in_the_active_language(question):
    assert question.choice_list == ["Email", "Phone", "None of these"]
    with translation.override("it"):
        assert question.choice_list == ["Email", "Phone", "None of these"]
        assert question.choice_pairs == [
            ("Email", "E-mail"),
            ("Phone", "Telefono"),
            ("None of these", "Nessuno di questi"),
        ]
        form = ExtraStepForm(questions=[question])
        assert list(form.fields[question.key].choices) == question.choice_pairs
        assert form.fields[question.key].label == "Come preferisci essere contattato?"
        # The respondent picks Italian labels; the answer stores the English lines.
        form = ExtraStepForm({question.key: ["Email", "Phone"]}, questions=[question])
        assert form.is_valid(), form.errors
        assert form.cleaned_data[question.key] == ["Email", "Phone"]
        exclusive = ExtraStepForm({question.key: ["Email", "None of these"]}, questions=[question])
        assert not exclusive.is_valid()
        assert "Nessuno di questi" in str(exclusive.errors)
    with translation.override("es"):  # not translated: English
        assert question.choice_pairs[0] == ("Email", "Email")


def test_the_review_shows_stored_answers_in_the_readers_language(question):
    answers = {"extra": {question.key: ["Email", "Phone"]}}
    with translation.override("it"):
        sections = describe_answers(answers, lookups=None, questions=[question])
    (_key, _title, rows) = next(section for section in sections if section[0] == "extra")
    assert rows == [("Come preferisci essere contattato?", "E-mail, Telefono")]
    with translation.override("en"):
        sections = describe_answers(answers, lookups=None, questions=[question])
    assert ("How would you like to hear from us?", "Email, Phone") in sections[-1][2]


def test_a_translation_with_another_number_of_lines_is_not_used(question):
    ExtraQuestion.objects.filter(pk=question.pk).update(choices_el="Ένα\nΔύο")
    question.refresh_from_db()
    with translation.override("el"):
        assert [label for _value, label in question.choice_pairs] == question.choice_list


def _admin_form(data):
    form_class = modelform_factory(ExtraQuestion, form=ExtraQuestionAdminForm, fields=CHOICE_FIELDS)
    return form_class(data)


def test_admin_form_requires_as_many_translated_lines_as_english_ones(survey):
    base = {
        "survey": survey.pk,
        "kind": ExtraQuestion.Kind.SINGLE_CHOICE,
        "text_en": "Pick one",
        "choices_en": "Alpha\nBeta\nGamma",
    }
    short = _admin_form({**base, "choices_it": "Alfa\nBeta", "choices_es": ""})
    assert not short.is_valid()
    assert list(short.errors) == ["choices_it"]
    assert "2 lines" in short.errors["choices_it"][0]
    assert "3" in short.errors["choices_it"][0]
    matching = _admin_form({**base, "choices_it": "Alfa\n\nBeta\nGamma\n", "choices_es": ""})
    assert matching.is_valid(), matching.errors  # blank lines do not count


def test_admin_survey_page_shows_question_languages_side_by_side(client, question):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    response = client.get(reverse("admin:surveys_survey_change", args=[question.survey_id]))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("title_en", "title_it", "intro_sr_latn"):
        assert f'name="{name}"' in html
    prefix = "extra_questions-0"
    for name in ("text_en", "text_it", "choices_it", "choices_bg", "help_text_el"):
        assert f'name="{prefix}-{name}"' in html
    # The question has an Italian text, not yet a Bulgarian one: marked as missing.
    assert "mt-missing" in html


def test_a_choice_translation_with_the_wrong_line_count_is_refused_in_the_admin(client, survey):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    url = reverse("admin:surveys_survey_change", args=[survey.pk])
    data = {
        "title_en": survey.title,
        "slug": survey.slug,
        "opens_at_0": "2024-01-01",
        "opens_at_1": "00:00:00",
        "extra_questions-TOTAL_FORMS": "1",
        "extra_questions-INITIAL_FORMS": "0",
        "extra_questions-MIN_NUM_FORMS": "0",
        "extra_questions-MAX_NUM_FORMS": "1000",
        "extra_questions-0-position": "0",
        "extra_questions-0-text_en": "Pick one",
        "extra_questions-0-kind": ExtraQuestion.Kind.SINGLE_CHOICE,
        "extra_questions-0-choices_en": "Alpha\nBeta\nGamma",
        "extra_questions-0-choices_bg": "Алфа\nБета",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "give one translated line per English line" in response.content.decode()
    assert not ExtraQuestion.objects.filter(survey=survey).exists()
    data["extra_questions-0-choices_bg"] = "Алфа\nБета\nГама"
    assert client.post(url, data).status_code == 302
    saved = ExtraQuestion.objects.get(survey=survey)
    assert saved.choice_list == ["Alpha", "Beta", "Gamma"]
    assert saved.choices_bg == "Алфа\nБета\nГама"


def test_survey_title_falls_back_to_english():
    survey = SurveyFactory(title="Skills mapping 2026")
    with translation.override("bg"):
        assert survey.title == "Skills mapping 2026"
