"""`{% select_options %}` writes the markup of the template loop it replaced."""

import re

from django.template import Context, Template
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

REPLACED_LOOP = Template(
    "{% for value, label in choices %}"
    '<option value="{{ value }}"{% if value|stringformat:"s" == chosen %} selected{% endif %}>'
    "{{ label }}</option>\n{% endfor %}"
)
WITH_THE_TAG = Template("{% load core_tags %}{% select_options choices chosen %}")

values = st.one_of(st.text(max_size=8), st.integers(-5, 3000), st.none())
choices = st.lists(st.tuples(values, st.text(max_size=12)), max_size=8)


def _normalised(html):
    return re.sub(r"\s+", " ", html).strip()


@given(choices=choices, chosen=st.one_of(st.text(max_size=4), st.sampled_from(["", "None", "1"])))
def test_the_options_are_those_of_the_loop(choices, chosen):
    context = {"choices": choices, "chosen": chosen}
    assert _normalised(WITH_THE_TAG.render(Context(context))) == _normalised(
        REPLACED_LOOP.render(Context(context))
    )


def test_labels_are_escaped_and_safe_labels_kept():
    context = Context({"choices": [("<x>", "<b>"), ("2", mark_safe("<i>ok</i>"))], "chosen": "2"})
    assert WITH_THE_TAG.render(context) == (
        '<option value="&lt;x&gt;">&lt;b&gt;</option>\n'
        '<option value="2" selected><i>ok</i></option>'
    )
