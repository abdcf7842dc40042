"""core.form_rendering: selects rendered in Python are exactly Django's template output."""

import pytest
from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.widgets import CountrySelectWidget

from core import form_rendering
from core.form_rendering import FastSelectRenderer

CHOICES = [
    ("", "---------"),
    ("a", "Alpha & <Omega>"),
    (_("Group"), [("b", _("Lazy label")), ("c", mark_safe("<b>safe</b>"))]),
    (3, 'Three "quoted"'),
    ("d", "Dé"),
]


def both(widget, name, value, attrs=None):
    fast = widget.render(name, value, attrs=attrs, renderer=FastSelectRenderer())
    slow = widget.render(name, value, attrs=attrs, renderer=DjangoTemplates())
    return fast, slow


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(choices=CHOICES), "a"),
        (forms.Select(choices=CHOICES), 3),
        (forms.Select(choices=CHOICES, attrs={"class": "form-select", "disabled": True}), None),
        (forms.Select(choices=CHOICES, attrs={"data-x": "<x>", "hidden": False}), "b"),
        (forms.SelectMultiple(choices=CHOICES), ["a", "c", 3]),
        (forms.NullBooleanSelect(), True),
        (forms.Select(choices=countries), "IT"),
        (forms.SelectMultiple(choices=countries), ["IT", "ES"]),
        (CountrySelectWidget(), "BG"),
        (FilteredSelectMultiple("Clusters", is_stacked=False, choices=CHOICES), ["a"]),
        (forms.Select(choices=[]), None),
    ],
)
def test_same_markup_as_djangos_templates(widget, value):
    fast, slow = both(widget, "field<name>", value, attrs={"id": "id_field", "required": True})
    assert fast == slow


def test_python_rendering_is_used_for_plain_selects(monkeypatch):
    calls = []
    original = form_rendering.render_select
    monkeypatch.setattr(
        form_rendering, "render_select", lambda widget: calls.append(1) or original(widget)
    )
    forms.Select(choices=countries).render("country", "IT", renderer=FastSelectRenderer())
    assert calls == [1]


def test_labels_the_template_would_localize_go_to_the_template():
    widget = forms.Select(choices=[(1, 1000), (2, 2000.5)])
    assert form_rendering.render_select(widget.get_context("n", 1, None)["widget"]) is None
    fast, slow = both(widget, "n", 1)
    assert fast == slow


def test_the_project_uses_it(settings):
    assert settings.FORM_RENDERER == "core.form_rendering.FastSelectRenderer"


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.TextInput(), "plain"),
        (forms.TextInput(attrs={"class": "form-control", "required": True}), 'A & "B" <c>'),
        (forms.TextInput(attrs={"hidden": False, "data-x": mark_safe("<x>")}), None),
        (forms.EmailInput(), "info@example.eu"),
        (forms.URLInput(), "https://example.eu/?a=1&b=2"),
        (forms.NumberInput(attrs={"min": 0, "step": 1}), 12),
        (forms.PasswordInput(), "secret"),
        (forms.HiddenInput(), mark_safe("<safe>")),
        (forms.CheckboxInput(), True),
        (forms.CheckboxInput(), False),
        (forms.CheckboxInput(attrs={"class": "action-select"}), "42"),
        (forms.DateInput(), "2026-12-02"),
        (forms.TimeInput(), "10:00"),
        (forms.SearchInput() if hasattr(forms, "SearchInput") else forms.TextInput(), "q"),
        (forms.TextInput(), _("Lazy label")),
    ],
)
def test_inputs_have_the_same_markup_as_djangos_templates(widget, value):
    fast, slow = both(widget, "field", value, attrs={"id": "id_field"})
    assert fast == slow


def test_the_admins_action_checkbox_is_rendered_in_python(monkeypatch):
    # The change list's row checkbox (ModelAdmin.action_checkbox) with the project's renderer.
    def refuse(*args, **kwargs):
        raise AssertionError("rendered through the templates")

    monkeypatch.setattr(DjangoTemplates, "render", refuse)
    checkbox = forms.CheckboxInput({"class": "action-select"}, lambda value: False)
    html = checkbox.render("_selected_action", "7")
    assert html == '<input type="checkbox" name="_selected_action" value="7" class="action-select">'


@pytest.mark.parametrize(
    "widget",
    [
        forms.CheckboxSelectMultiple(choices=CHOICES[1:]),
        forms.RadioSelect(choices=CHOICES[1:]),
        forms.RadioSelect(choices=[(1, "One"), (2, _("Lazy label"))], attrs={"class": "r"}),
    ],
)
@pytest.mark.parametrize("wrap_label", [False, True])
@pytest.mark.parametrize("with_id", [True, False])
def test_each_option_of_a_choice_list_has_the_templates_markup(widget, wrap_label, with_id):
    class ChoiceForm(forms.Form):
        field = forms.ChoiceField(choices=widget.choices, widget=widget)

    auto_id = "id_%s" if with_id else False
    fast_form = ChoiceForm({"field": "b"}, auto_id=auto_id, renderer=FastSelectRenderer())
    slow_form = ChoiceForm({"field": "b"}, auto_id=auto_id, renderer=DjangoTemplates())
    fast = [option.tag(wrap_label=wrap_label) for option in fast_form["field"]]
    slow = [option.tag(wrap_label=wrap_label) for option in slow_form["field"]]
    assert fast == slow
    assert len(fast) >= 2 and all("<input" in tag for tag in fast)


def test_choice_list_options_are_rendered_in_python(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("rendered through the templates")

    form_field = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    bound = forms.Form().__class__(renderer=FastSelectRenderer())
    bound.fields["pick"] = form_field
    monkeypatch.setattr(DjangoTemplates, "render", refuse)
    assert [option.tag() for option in bound["pick"]] == [
        '<input type="checkbox" name="pick" value="a" id="id_pick_0">',
        '<input type="checkbox" name="pick" value="b" id="id_pick_1">',
    ]


class LabelledForm(forms.Form):
    required_css_class = "required"
    plain = forms.CharField(label="Name & <role>")
    optional = forms.CharField(label=_("Lazy label"), required=False)
    safe = forms.CharField(label=mark_safe("<em>Safe</em> label"))
    question = forms.CharField(label="Ready?")
    choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    number = forms.IntegerField(label="")


@pytest.mark.parametrize("auto_id", ["id_%s", "", "field-%s"])
@pytest.mark.parametrize("label_suffix", [None, "", " →"])
@pytest.mark.parametrize("data", [None, {"plain": "", "number": "x"}])
def test_labels_and_error_lists_have_the_templates_markup(auto_id, label_suffix, data):
    def render(renderer):
        form = LabelledForm(data, auto_id=auto_id, label_suffix=label_suffix, renderer=renderer)
        parts = []
        for field in form:
            parts += [field.label_tag(), field.legend_tag(), str(field.errors)]
            parts.append(field.label_tag(attrs={"class": "x<y", "hidden": True, "no": False}))
            parts.append(field.label_tag(contents="Other & text", tag="span"))
        parts += [str(form.non_field_errors()), form.as_div(), form.as_p()]
        return parts

    fast, slow = render(FastSelectRenderer()), render(DjangoTemplates())
    assert fast == slow
    if data:
        assert any('class="errorlist"' in part for part in fast)


def test_empty_error_lists_and_labels_are_written_in_python(monkeypatch):
    def refuse(self, template_name, context, request=None):
        raise AssertionError(f"rendered by a template: {template_name}")

    form = LabelledForm(renderer=FastSelectRenderer())
    monkeypatch.setattr(DjangoTemplates, "render", refuse)
    assert str(form["plain"].errors) == ""
    assert (
        form["plain"].label_tag()
        == '<label for="id_plain" class="required">Name &amp; &lt;role&gt;:</label>'
    )
