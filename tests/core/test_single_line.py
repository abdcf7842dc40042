"""One-line fields (names, emails, subjects) never carry line breaks or control
characters: they would break the emails that quote them (and CSV rows)."""

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from core.forms import SingleLineMixin
from core.validators import has_control_characters, single_line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Omega\r\nMobility", "Omega Mobility"),
        ("Omega\nBcc: x@evil.test", "Omega Bcc: x@evil.test"),
        ("\tOmega\x0b\x1b[31m ", "Omega [31m"),
        ("Omega\u2028Srl\x85", "Omega Srl"),
        ("Città – Größe 東京", "Città – Größe 東京"),
        ("", ""),
        (None, None),
    ],
)
def test_single_line(value, expected):
    assert single_line(value) == expected


@given(st.text())
def test_single_line_never_leaves_a_control_character(value):
    assert not has_control_characters(single_line(value))


class ContactForm(SingleLineMixin, forms.Form):
    name = forms.CharField()
    email = forms.EmailField()
    message = forms.CharField(widget=forms.Textarea)


def test_form_keeps_one_line_fields_on_one_line_but_not_textareas():
    form = ContactForm(
        {"name": "Ada\r\nLovelace", "email": "ada@example.com", "message": "Hi\nthere"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "message": "Hi\nthere",
    }


def test_email_with_an_injected_header_is_refused():
    form = ContactForm({"name": "Ada", "email": "ada@example.com\nBcc: x@evil.test"})
    assert "email" in form.errors


def test_null_character_is_still_refused_with_djangos_message():
    form = ContactForm({"name": "Ada\x00", "email": "ada@example.com", "message": "x"})
    assert "name" in form.errors


def test_other_form_instances_are_not_affected():
    ContactForm({"name": "a"})
    plain = forms.CharField()
    assert plain.clean("a\nb") == "a\nb"
    assert ContactForm.base_fields["name"].clean("a\nb") == "a\nb"


@pytest.mark.django_db
def test_admin_forms_clean_company_and_event_names(admin_client):
    from clusters.admin import CompanyAdminForm
    from events.forms import EventAdminForm, SpeakerAdminForm
    from surveys.forms import ContactStepForm

    for form_class in (CompanyAdminForm, EventAdminForm, SpeakerAdminForm, ContactStepForm):
        assert issubclass(form_class, SingleLineMixin), form_class
    form = SpeakerAdminForm({"name": "Ada\r\nLovelace", "slug": "ada"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Ada Lovelace"


PROJECT_APPS = {"core", "clusters", "surveys", "events", "opendata", "api", "matchmaking", "portal"}


def test_every_admin_page_and_inline_of_the_project_keeps_one_line_fields():
    from django.contrib import admin

    missing = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for owner in (model_admin, *(inline(model, admin.site) for inline in model_admin.inlines)):
            if not issubclass(owner.form, SingleLineMixin):
                missing.append(type(owner).__name__)
    assert missing == []


@pytest.mark.django_db
def test_a_short_text_answer_to_a_campaign_question_stays_on_one_line():
    from surveys.forms import ExtraStepForm
    from surveys.models import ExtraQuestion
    from tests.surveys.factories import SurveyFactory

    survey = SurveyFactory()
    question = ExtraQuestion.objects.create(
        survey=survey, text="Your city partner?", kind=ExtraQuestion.Kind.SHORT_TEXT, position=1
    )
    form = ExtraStepForm({question.key: "Line one\r\nBcc: x@example.com"}, questions=[question])
    assert form.is_valid(), form.errors
    assert form.cleaned_data[question.key] == "Line one Bcc: x@example.com"
