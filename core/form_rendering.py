"""The project's form renderer: Django's, with selects and inputs rendered in Python.

Django renders a select through one template for the select and one include per option
(plus one for each element's attributes): the questionnaire's and the admin's country
selects (250 options) and cluster selects (300 at scale) cost tens of milliseconds per
page. `FastSelectRenderer` writes exactly the markup of Django's `select.html` and
`select_option.html` in Python (inputs too, and each option of a checkbox or radio list
rendered on its own), and hands anything it does not recognise (a custom option template,
a label that is not text) to the templates as before. settings.FORM_RENDERER
names it; tests compare its output with the templates' for every kind of select.
"""

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.choices import BlankChoiceIterator, CallableChoiceIterator
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

from .forms import ChoicesPerLanguage

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _text(value):
    """`{{ value }}` of a text value; None when the template would format it otherwise
    (numbers and dates are localized by the template)."""
    if isinstance(value, (str, Promise)):
        return conditional_escape(value)
    return None


def _formatted(value):
    # `{{ value|stringformat:'s' }}`: "%s" % value, escaped unless it was safe already.
    text = "%s" % (value,)  # noqa: UP031 - the filter's own formatting, tuples included
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs):
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _options(optgroups):
    """The option (and optgroup) markup of select.html for `optgroups`, or None."""
    parts = []
    for group_name, group_choices, _index in optgroups:
        if group_name:
            label = _text(group_name)
            if label is None:
                return None
            parts.append(f'\n  <optgroup label="{label}">')
        for option in group_choices:
            label = _text(option["label"])
            if option.get("template_name") != OPTION_TEMPLATE or label is None:
                return None
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"'
                f"{_attrs(option['attrs'])}>{label}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    return "".join(parts)


def render_select(widget):
    """The markup of Django's select.html for a widget context, or None to use it."""
    name = _text(widget["name"])
    if name is None:
        return None
    options = _options(widget["optgroups"])
    if options is None:
        return None
    return f'<select name="{name}"{_attrs(widget["attrs"])}>{options}\n</select>'


# Widgets whose template is only `{% include "django/forms/widgets/input.html" %}`: the admin's
# action checkbox on each of a list's 100 rows, every text field of a form.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{kind}.html"
    for kind in ("text", "email", "url", "number", "password", "hidden", "checkbox", "search")
    + ("tel", "date", "datetime", "time", "color")
}


def render_input(widget):
    """The markup of Django's input.html (as included by those templates), or None."""
    kind, name = _text(widget["type"]), _text(widget["name"])
    if kind is None or name is None:
        return None
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


# The options of CheckboxSelectMultiple and RadioSelect: `{% include
# "django/forms/widgets/input_option.html" %}`, one include chain per option.
OPTION_INPUT_TEMPLATES = {
    "django/forms/widgets/checkbox_option.html",
    "django/forms/widgets/radio_option.html",
}


def render_input_option(widget):
    """The markup of Django's input_option.html (an input, wrapped in its label when the
    option asks for it: input.html's closing newline stays inside the label), or None."""
    tag = render_input(widget)
    if tag is None or not widget.get("wrap_label"):
        return tag
    label = _text(widget["label"])
    label_for = widget["attrs"].get("id")
    if label is None or (label_for and _text(label_for) is None):
        return None
    opening = f'<label for="{_text(label_for)}">' if label_for else "<label>"
    return f"{opening}{tag}\n {label}</label>"


# Django's error list templates write nothing for a field without errors (every field of
# an admin page renders its errors: a hundred template renders for nothing).
ERROR_LIST_TEMPLATES = {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}
LABEL_TEMPLATE = "django/forms/label.html"


def render_label(context):
    """The markup of Django's label.html (BoundField.label_tag's context), or None."""
    label = _text(context.get("label"))
    if label is None:
        return None
    if not context.get("use_tag"):
        return label
    tag = _text(context.get("tag"))
    if tag is None:
        return None
    return f"<{tag}{_attrs(context.get('attrs') or {})}>{label}</{tag}>"


# The admin's wrapper around a related field's widget (its add, change and view links): the
# same markup for every row but for the field's name and its widget. Rendered by the
# template once per language and context with stand-ins for those two, which are then put
# in; a context with a value that cannot be a key goes to the template.
RELATED_WRAPPER_TEMPLATE = "admin/widgets/related_widget_wrapper.html"
_NAME_STAND_IN = "c2f-related-wrapper-name-5f1d"
_WIDGET_STAND_IN = "<!--c2f-related-wrapper-widget-5f1d-->"
_KEPT_WRAPPERS: dict = {}


def _wrapper_key(context):
    parts = []
    for key, value in sorted(context.items()):
        if key in ("name", "rendered_widget"):
            continue
        if key == "model_has_limit_choices_to":
            value = bool(value)  # the template asks only whether there is one
        elif isinstance(value, Promise):
            value = str(value)
        if not isinstance(value, str | bool | int | type(None)):
            return None
        parts.append((key, value))
    return (get_language(), tuple(parts))


class FastSelectRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if "widget" in context:
            html = None
            if template_name == SELECT_TEMPLATE:
                html = render_select(context["widget"])
            elif template_name in INPUT_TEMPLATES:
                html = render_input(context["widget"])
            elif template_name in OPTION_INPUT_TEMPLATES:
                html = render_input_option(context["widget"])
            if html is not None:
                return html
        elif template_name in ERROR_LIST_TEMPLATES and not context.get("errors", True):
            return ""
        elif template_name == LABEL_TEMPLATE and request is None:
            html = render_label(context)
            if html is not None:
                return html
        elif template_name == RELATED_WRAPPER_TEMPLATE and request is None:
            html = self._render_related_wrapper(context)
            if html is not None:
                return html
        return super().render(template_name, context, request=request)

    def _render_related_wrapper(self, context):
        name, widget = context.get("name"), context.get("rendered_widget")
        key = _wrapper_key(context)
        if key is None or _text(name) is None or not isinstance(widget, SafeData):
            return None
        pieces = _KEPT_WRAPPERS.get(key)
        if pieces is None:
            stand_ins = {
                **context,
                "name": _NAME_STAND_IN,
                "rendered_widget": mark_safe(_WIDGET_STAND_IN),  # noqa: S308 - a constant
            }
            pieces = super().render(RELATED_WRAPPER_TEMPLATE, stand_ins).split(_WIDGET_STAND_IN)
            if len(pieces) != 2:
                return None
            _keep(_KEPT_WRAPPERS, key, pieces)
        before, after = (piece.replace(_NAME_STAND_IN, _text(name)) for piece in pieces)
        return f"{before}{widget}{after}"


def _choices_key(choices):
    """What a widget's choices are, as a hashable key, or None when they cannot be one.

    Choices from a function (country names, in the active language) are keyed on the
    function: it gives the same list for the same language. Other choices on their content.
    """
    if isinstance(choices, CallableChoiceIterator):
        return ("callable", choices.func)
    if isinstance(choices, ChoicesPerLanguage):
        return ("per-language", choices.func)
    if isinstance(choices, BlankChoiceIterator):
        # A model field's choices with its blank first (the admin's country selects): keyed
        # on both parts, not on 250 labels translated to be compared on every render.
        inner, blank = _choices_key(choices.choices), _choices_key(choices.blank_choice)
        return None if inner is None or blank is None else ("blank", inner, blank)
    key = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            nested = _choices_key(label)
            if nested is None:
                return None
            key.append((value, nested))
        elif isinstance(label, str | Promise):
            key.append((value, str(label)))
        else:
            return None
    return tuple(key)


class RenderedOnceMixin:
    """For choice widgets with long lists (250 countries, 300 clusters): the markup of a
    given name, value, attributes and choices in the active language is rendered once per
    process and kept (the last RENDERED_ONCE_SIZE of them).

    Building a select's options costs a dict per option (`optgroups`, `create_option`) on
    every form, for the same list and the same blank value. A widget renders what its
    inputs say, so the same inputs give the same markup: nothing is reused for a different
    value, attribute, choice, language, renderer or template.
    """

    def render(self, name, value, attrs=None, renderer=None):
        try:
            choices = _choices_key(self.choices)
            key = (
                type(self),
                self.template_name,
                self.option_template_name,
                get_language(),
                name,
                tuple(self.format_value(value)),
                tuple(sorted(self.build_attrs(self.attrs, attrs).items())),
                choices,
                type(renderer),
            )
            hash(key)
        except TypeError:
            choices = key = None
        if key is None or choices is None:
            return super().render(name, value, attrs=attrs, renderer=renderer)
        html = _RENDERED_ONCE.get(key)
        if html is None:
            html = self._render_select_from_kept_options(name, value, attrs, renderer, choices)
        if html is None:
            html = super().render(name, value, attrs=attrs, renderer=renderer)
        _keep(_RENDERED_ONCE, key, html)
        return html

    def _render_select_from_kept_options(self, name, value, attrs, renderer, choices):
        """A select's markup from its options' markup kept per choices and language (every
        row of an admin inline has its own name and value, the same 250 countries), with
        ` selected` where Django's optgroups would put it; None when that cannot be said."""
        renderer = renderer or get_default_renderer()
        if (
            not isinstance(self, forms.Select)
            or self.template_name != SELECT_TEMPLATE
            or self.option_template_name != OPTION_TEMPLATE
            or not isinstance(renderer, FastSelectRenderer)
            or _text(name) is None
        ):
            return None
        values = self.format_value(value)
        if not self.allow_multiple_selected and len(values) > 1:
            return None  # Django selects the first option matching any of them
        options_key = (choices, get_language())
        options = _KEPT_OPTIONS.get(options_key)
        if options is None:
            # No value matches []: the options as they are, none selected.
            options = _options(self.optgroups(name, [], None)) or ""
            _keep(_KEPT_OPTIONS, options_key, options)
        if not options:
            return None
        for chosen in values:
            unselected = f'\n  <option value="{escape(chosen)}">'
            options = options.replace(
                unselected,
                f'\n  <option value="{escape(chosen)}" selected>',
                -1 if self.allow_multiple_selected else 1,
            )
        built = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            built["multiple"] = True
        # Safe markup, as Widget.render returns: every value in it is escaped.
        return mark_safe(f'<select name="{_text(name)}"{_attrs(built)}>{options}\n</select>')  # noqa: S308


def _keep(kept, key, value):
    if key not in kept:
        if len(kept) >= RENDERED_ONCE_SIZE:
            kept.pop(next(iter(kept)))
        kept[key] = value


RENDERED_ONCE_SIZE = 64
_RENDERED_ONCE: dict = {}
_KEPT_OPTIONS: dict = {}


class RenderedOnceSelect(RenderedOnceMixin, forms.Select):
    pass


class RenderedOnceCheckboxSelectMultiple(RenderedOnceMixin, forms.CheckboxSelectMultiple):
    pass


class RenderedOnceSelectMultiple(RenderedOnceMixin, forms.SelectMultiple):
    pass
