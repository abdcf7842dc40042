"""The questionnaire's steps, in order: which form each uses and what it needs."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import forms


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    form_class: type
    formset_class: type | None = None
    formset_prefix: str = ""
    needs: tuple = ()  # choice lists the form needs (see selectors.step_choices)
    required: bool = True


COMPANY = Step("company", _("Company"), forms.CompanyStepForm, needs=("clusters",))
OFFERINGS = Step(
    "offerings",
    _("Products and services"),
    forms.StepForm,
    formset_class=forms.OfferingFormSet,
    formset_prefix="offerings",
    needs=("sectors",),
)
COMPETENCIES = Step(
    "competencies", _("Competencies"), forms.CompetencyStepForm, needs=("competencies",)
)
INTERNATIONAL = Step(
    "international",
    _("International activity"),
    forms.InternationalStepForm,
    formset_class=forms.TargetMarketFormSet,
    formset_prefix="targets",
)
CONTACT = Step("contact", _("Contact and consent"), forms.ContactStepForm)
EXTRA = Step("extra", _("A few more questions"), forms.ExtraStepForm)

ALL_STEPS = (COMPANY, OFFERINGS, COMPETENCIES, INTERNATIONAL, CONTACT, EXTRA)
BY_KEY = {step.key: step for step in ALL_STEPS}
REVIEW = "review"


def steps_for(has_extra_questions):
    """The steps a respondent goes through (the extra step only when there are questions)."""
    return [step for step in ALL_STEPS if step is not EXTRA or has_extra_questions]


def neighbours(steps, key):
    """(previous step key or None, next step key or 'review') around `key`."""
    keys = [step.key for step in steps]
    index = keys.index(key)
    previous = keys[index - 1] if index > 0 else None
    following = keys[index + 1] if index + 1 < len(keys) else REVIEW
    return previous, following


def missing_steps(steps, answers):
    """Steps whose answers are not saved yet, in order."""
    return [step for step in steps if step.key not in answers]
