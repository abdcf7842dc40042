"""Long choice widgets rendered once per inputs (core.form_rendering.RenderedOnceMixin) and
choices made once per language (core.forms.ChoicesPerLanguage): the markup is always what
the plain widget renders for the same inputs."""

import copy

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeData
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from hypothesis import given, settings
from hypothesis import strategies as st

from core import form_rendering
from core.form_rendering import (
    FastSelectRenderer,
    RenderedOnceCheckboxSelectMultiple,
    RenderedOnceSelect,
    RenderedOnceSelectMultiple,
)
from core.forms import ChoicesPerLanguage

COUNTRIES = ChoicesPerLanguage(lambda: [("", _("Choose a country")), *countries])
CODES = [code for code, _name in countries]
PAIRS = [
    (RenderedOnceSelect, forms.Select),
    (RenderedOnceSelectMultiple, forms.SelectMultiple),
    (RenderedOnceCheckboxSelectMultiple, forms.CheckboxSelectMultiple),
]


@pytest.fixture(autouse=True)
def empty_memo():
    form_rendering._RENDERED_ONCE.clear()
    form_rendering._KEPT_OPTIONS.clear()
    yield
    form_rendering._RENDERED_ONCE.clear()
    form_rendering._KEPT_OPTIONS.clear()


def plain_and_memoised(memoised_class, plain_class, choices, name, value, attrs, renderer):
    memoised = memoised_class(choices=choices, attrs={"class": "form-select"})
    plain = plain_class(choices=choices, attrs={"class": "form-select"})
    markup = memoised.render(name, value, attrs=attrs, renderer=renderer)
    # Safe markup, as every widget renders: a template writes it as it is.
    assert isinstance(markup, SafeData)
    assert Template("{{ markup }}").render(Context({"markup": markup})) == markup
    return markup, plain.render(name, value, attrs=attrs, renderer=renderer)


@settings(max_examples=60, deadline=None)
@given(
    pair=st.sampled_from(PAIRS),
    language=st.sampled_from(["en", "it", "el", "bg"]),
    values=st.lists(st.sampled_from(["", "IT", "ES", "GR", "XX", *CODES[:5]]), max_size=3),
    required=st.booleans(),
    renderer=st.sampled_from([FastSelectRenderer(), DjangoTemplates()]),
)
def test_the_markup_is_the_plain_widgets_for_every_value_language_and_renderer(
    pair, language, values, required, renderer
):
    memoised_class, plain_class = pair
    value = values if plain_class is not forms.Select else (values[0] if values else None)
    attrs = {"id": "id_country", **({"required": True} if required else {})}
    with translation.override(language):
        for _twice in range(2):  # the first renders, the second is the kept markup
            memoised, plain = plain_and_memoised(
                memoised_class, plain_class, COUNTRIES, "country", value, attrs, renderer
            )
            assert memoised == plain


def test_a_different_value_list_or_language_is_never_given_another_ones_markup():
    widget = RenderedOnceSelect(choices=COUNTRIES)
    italy = widget.render("country", "IT")
    spain = widget.render("country", "ES")
    assert 'value="IT" selected' in italy and 'value="ES" selected' in spain
    assert widget.render("country", "IT") == italy
    with translation.override("it"):
        assert "Italia" in widget.render("country", "IT")
    assert "Italy" in widget.render("country", "IT")
    # Choices given as a list are keyed on their content: a renamed option shows at once.
    clusters = RenderedOnceCheckboxSelectMultiple(choices=[("a", "Alpha"), ("b", "Beta")])
    assert "Beta" in clusters.render("clusters", ["a"])
    clusters.choices = [("a", "Alpha"), ("b", "Beta renamed")]
    assert "Beta renamed" in clusters.render("clusters", ["a"])
    assert "Beta renamed" not in RenderedOnceCheckboxSelectMultiple(
        choices=[("a", "Alpha"), ("b", "Beta")]
    ).render("clusters", ["a"])


def test_what_is_kept_is_bounded():
    widget = RenderedOnceSelect(choices=COUNTRIES)
    for code in CODES[: form_rendering.RENDERED_ONCE_SIZE + 20]:
        widget.render("country", code)
    assert len(form_rendering._RENDERED_ONCE) == form_rendering.RENDERED_ONCE_SIZE
    # The oldest went first: the latest value is still kept, and renders the same.
    assert widget.render("country", CODES[5]) == forms.Select(choices=COUNTRIES).render(
        "country", CODES[5]
    )


def test_choices_per_language_are_sorted_in_that_language_and_shared_by_copies():
    field = forms.ChoiceField(choices=COUNTRIES)
    copied = copy.deepcopy(field)
    assert copied.choices is field.choices
    with translation.override("de"):
        german = [name for code, name in field.choices if code]
    with translation.override("it"):
        italian = [name for code, name in field.choices if code]
        assert copied.clean("DE") == "DE"
        with pytest.raises(forms.ValidationError):
            copied.clean("XX")
    assert "Deutschland" in german and "Germania" in italian
    assert italian == sorted(italian, key=lambda name: name.casefold()) or italian != german
    assert [str(label) for _code, label in field.choices][0] == "Choose a country"


def test_every_form_shares_the_kept_markup():
    from surveys.forms import CompanyStepForm

    first = str(CompanyStepForm(choices={})["country"])
    kept = len(form_rendering._RENDERED_ONCE)
    # The copies a form makes of its fields and widgets share the choices: no new entry.
    assert str(CompanyStepForm(choices={})["country"]) == first
    assert len(form_rendering._RENDERED_ONCE) == kept == 1
    field = CompanyStepForm.base_fields["country"]
    assert copy.copy(field.widget).choices is copy.deepcopy(field).choices is field.choices


def test_rows_with_their_own_names_and_values_share_the_kept_options():
    """An admin inline's rows: one options markup, each row's own name, id and choice."""
    renderer = FastSelectRenderer()
    for number, code in enumerate(["IT", "ES", "", "XX", "IT"]):
        name, attrs = f"markets-{number}-country", {"id": f"id_markets-{number}-country"}
        for memoised_class, plain_class in PAIRS[:2]:
            value = code if plain_class is forms.Select else [code, "GR"]
            memoised, plain = plain_and_memoised(
                memoised_class, plain_class, COUNTRIES, name, value, attrs, renderer
            )
            assert memoised == plain
    assert len(form_rendering._KEPT_OPTIONS) == 1  # one list of countries, in English
    # A single select given two values: Django selects the first option matching either.
    memoised, plain = plain_and_memoised(
        RenderedOnceSelect, forms.Select, COUNTRIES, "country", ["ES", "AT"], {}, renderer
    )
    assert memoised == plain and memoised.count(" selected") == 1


@pytest.mark.django_db
def test_a_model_fields_choices_with_their_blank_are_keyed_without_reading_every_label():
    """The admin's country selects take the model field's choices, the blank option first
    (Django's BlankChoiceIterator): keyed on the field's choices and the blank, so a row
    neither compares 250 translated labels nor gets another field's markup."""
    from clusters.admin import CompanyAdminForm, CompanyMarketForm

    company_country = CompanyAdminForm().fields["country"].widget
    from clusters.models import CompanyMarket

    market_form = forms.modelform_factory(CompanyMarket, form=CompanyMarketForm, fields=["country"])
    market_country = market_form.base_fields["country"].widget
    key = form_rendering._choices_key(company_country.choices)
    assert key is not None and key[0] == "blank"
    assert form_rendering._choices_key(CompanyAdminForm().fields["country"].widget.choices) == key
    plain = forms.Select(choices=company_country.choices)
    for language in ("en", "it", "el"):
        with translation.override(language):
            for code in ("", "IT", "XX"):
                name = "markets-0-country"
                assert market_country.render(name, code) == plain.render(name, code)
                assert company_country.render("country", code) == plain.render("country", code)
    # Another blank label is another key.
    other = forms.Select(choices=company_country.choices).choices
    other.blank_choice = [("", "Any country")]
    assert form_rendering._choices_key(other) != key
