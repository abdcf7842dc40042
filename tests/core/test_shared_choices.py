"""core.forms.SharedChoicesMixin: form copies share a choice field's list, safely."""

from django import forms

from core.forms import SharedChoicesMixin


class SharedChoiceField(SharedChoicesMixin, forms.ChoiceField):
    pass


class ColourForm(forms.Form):
    colour = SharedChoiceField(choices=[("red", "Red"), ("blue", "Blue")])


def test_copies_share_the_choices_list_instead_of_copying_it():
    first, second = ColourForm(), ColourForm()
    assert first.fields["colour"] is not second.fields["colour"]
    assert first.fields["colour"]._choices is ColourForm.base_fields["colour"]._choices
    assert first.fields["colour"].widget is not second.fields["colour"].widget


def test_replacing_one_forms_choices_leaves_the_others_alone():
    first = ColourForm()
    first.fields["colour"].choices = [("green", "Green")]
    second = ColourForm({"colour": "blue"})
    assert list(second.fields["colour"].choices) == [("red", "Red"), ("blue", "Blue")]
    assert second.is_valid()
    assert not ColourForm({"colour": "green"}).is_valid()
    assert 'value="green"' in str(first["colour"]) and 'value="green"' not in str(second["colour"])
