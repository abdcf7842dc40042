"""`{% questionnaire_field %}`: the markup of the include it replaced, for every field of
every step, unbound and bound with errors, in two languages."""

import pytest
from django.template import Context, Template
from django.utils import translation

from surveys import selectors
from surveys.models import ExtraQuestion
from surveys.steps import ALL_STEPS, EXTRA
from surveys.views import _build_forms

from .factories import ExtraQuestionFactory

pytestmark = pytest.mark.django_db

# surveys/templates/surveys/includes/field.html, as it was.
REPLACED_INCLUDE = (
    "{% load i18n surveys_tags %}{% with wt=field.widget_type %}"
    "<div class=\"mb-3{% if wt == 'checkbox' %} form-check{% endif %}\">\n"
    "{% if wt == 'checkbox' %}{{ field }}\n"
    '  <label class="form-check-label" for="{{ field.id_for_label }}">'
    "{{ field.label }}{{ field|required_mark }}</label>\n"
    "{% elif wt == 'checkboxselectmultiple' or wt == 'radioselect' %}\n"
    '<fieldset id="{{ field.auto_id }}"{% if field.help_text %}'
    ' aria-describedby="{{ field.auto_id }}_helptext"{% endif %}>\n'
    '  <legend class="form-label fs-6 mb-1">{{ field.label }}{{ field|required_mark }}</legend>\n'
    '  {% for option in field %}<div class="form-check'
    '{% if inline %} form-check-inline{% endif %}">\n'
    '    {{ option.tag }}<label class="form-check-label" for="{{ option.id_for_label }}">'
    "{{ option.choice_label }}</label>\n"
    "  </div>{% endfor %}\n"
    "</fieldset>\n"
    '{% else %}<label class="form-label{% if hide_label %} visually-hidden{% endif %}"\n'
    '  for="{{ field.id_for_label }}">{{ field.label }}{{ field|required_mark }}</label>\n'
    "  {{ field }}\n"
    "{% endif %}\n"
    '{% if field.help_text %}<div class="form-text" id="{{ field.auto_id }}_helptext">'
    "{{ field.help_text }}</div>{% endif %}\n"
    "{% if show_errors and field.errors %}"
    '<div class="invalid-feedback d-block field-errors" id="{{ field.auto_id }}_errors">\n'
    '  {% for error in field.errors %}<p class="mb-0">{{ error }}</p>{% endfor %}</div>'
    "{% endif %}\n"
    "</div>{% endwith %}\n"
)
TAG = "{% load surveys_tags %}{% questionnaire_field field inline=inline hide_label=hide_label %}"
# Answers that fail validation on every step: errors under most fields.
BAD_DATA = {
    "respondent_email": "not an address",
    "name": "<b>x</b>" * 40,
    "founding_year": "year",
    "country": "XX",
    "export_share": "200",
    "b2b_interest": "perhaps",
    "obstacles": ["none-of-these"],
    "consent": "",
    "offerings-TOTAL_FORMS": "1",
    "offerings-INITIAL_FORMS": "0",
    "offerings-0-name": "",
    "offerings-0-kind": "nonsense",
    "targets-TOTAL_FORMS": "1",
    "targets-INITIAL_FORMS": "0",
    "targets-0-country": "??",
    "targets-0-priority": "9",
    "has_smart-parking": "on",  # ticked without a level
    "level_traffic-management": "guru",
}


def _fields(step, data, survey):
    choices = selectors.step_choices(step.needs)
    questions = selectors.extra_questions(survey) if step is EXTRA else ()
    form, formset = _build_forms(step, data, {}, choices, questions)
    form.is_valid()
    fields = list(form)
    if formset is not None:
        formset.is_valid()
        for row in [*formset, formset.empty_form]:
            fields.extend(row)
    return fields


@pytest.mark.parametrize("language", ["en", "el"])
@pytest.mark.parametrize("bound", [False, True])
@pytest.mark.parametrize("step", ALL_STEPS, ids=lambda step: step.key)
def test_the_tag_writes_the_markup_of_the_include_it_replaced(
    step, bound, language, survey, cluster, sector, taxonomy
):
    for kind in ExtraQuestion.Kind.values:
        ExtraQuestionFactory(survey=survey, kind=kind, choices="Yes & <no>\nMaybe", required=True)
    include, tag = Template(REPLACED_INCLUDE), Template(TAG)
    with translation.override(language):
        fields = _fields(step, BAD_DATA if bound else None, survey)
        assert fields
        errors_shown = 0
        for field in fields:
            for options in (
                {"show_errors": bound, "inline": False, "hide_label": False},
                {"show_errors": bound, "inline": True, "hide_label": True},
            ):
                context = {"field": field, **options}
                expected = include.render(Context(context))
                assert tag.render(Context(context)) == expected, field.name
                errors_shown += "field-errors" in expected
    if bound:
        assert errors_shown > 0
