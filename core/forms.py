from django import forms
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .validators import single_line


def _single_line_field(field):
    """Wrap a field's to_python so its value comes out on one line (see single_line)."""
    parse = field.to_python

    def to_python(value):
        value = parse(value)
        # NUL is left for Django's own validator to refuse, with its message.
        if isinstance(value, str) and "\x00" not in value:
            return single_line(value)
        return value

    field.to_python = to_python


class SharedChoicesMixin:
    """For choice fields: the copies a form makes of the field share its list of choices.

    Django deep-copies every field's choices for each form instance; for long lists (the
    250 countries with lazily translated names, 300 clusters) that costs milliseconds per
    request. The choices are replaced, never changed in place, so one list serves all.
    """

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


class ChoicesPerLanguage(BaseChoiceIterator):
    """Choices that depend only on the active language (country names sorted in it), made
    and normalised once per language and shared by every copy of the field.

    A function given as a field's choices is called, and its 250 items normalised, each
    time the choices are read: a select reads them twice per render.
    """

    def __init__(self, func):
        self.func = func
        self._by_language = {}

    def __iter__(self):
        language = get_language()
        choices = self._by_language.get(language)
        if choices is None:
            choices = self._by_language[language] = tuple(normalize_choices(self.func()))
        return iter(choices)

    def __copy__(self):
        return self  # never changed in place: each form's field and widget share it

    def __deepcopy__(self, memo):
        return self


class FixedChoices(BaseChoiceIterator):
    """Choices already in Django's normalised form ((value, label) pairs, or (group label,
    [pairs])), shared as they are by every copy of the field and its widget.

    Django normalises a list of choices each time a field is made, and django-filter's
    choice fields each time they are iterated: 300 clusters walked several times per
    request. A choice iterator is left alone by both.
    """

    def __init__(self, choices):
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def __copy__(self):
        return self  # never changed in place

    def __deepcopy__(self, memo):
        return self


class SingleLineMixin:
    """Every text field of the form that is not a textarea (names, emails, subjects...)
    is kept on one line: line breaks, tabs and other control characters become a space.

    For forms and model forms alike (put it first among the bases); fields are copied
    per form instance, so wrapping them here changes nothing elsewhere.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_on_one_line()

    def keep_on_one_line(self):
        """Wrap the one-line text fields; forms that add fields later call it again."""
        for field in self.fields.values():
            if (
                isinstance(field, forms.CharField)
                and not isinstance(field.widget, forms.Textarea | forms.PasswordInput)
                and not getattr(field, "_single_line", False)
            ):
                _single_line_field(field)
                field._single_line = True


class SingleLineModelForm(SingleLineMixin, forms.ModelForm):
    """The default form of every admin page and inline without a form of its own."""


class HoneypotMixin(SingleLineMixin, forms.Form):
    """A field people never see (hidden by CSS, skipped by screen readers); bots fill it.

    Public forms: their one-line fields are also kept on one line (SingleLineMixin)."""

    website_url = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website_url(self):
        if self.cleaned_data.get("website_url"):
            raise forms.ValidationError(_("Your submission looks automated; please try again."))
        return ""
