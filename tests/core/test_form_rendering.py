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
