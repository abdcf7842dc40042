from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def show_value(value):
    """A stored value for people: lists joined, booleans as yes/no, empty as a dash."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value) or "—"
    if value in (None, ""):
        return "—"
    return str(value)


@register.filter
def required_mark(bound_field):
    """The "(required)" mark after the label of a required field (questionnaire forms)."""
    if not bound_field.field.required:
        return ""
    return format_html(' <span class="text-danger">({})</span>', _("required"))


CHOICE_LISTS = {"checkboxselectmultiple", "radioselect"}


@register.simple_tag(takes_context=True)
def questionnaire_field(context, field, *, inline=False, hide_label=False):
    """A questionnaire field with its label, help text and (when the page shows errors) its
    errors: the markup of the include it replaced, written in Python because a step renders
    up to a dozen fields and the include cost 0.35 ms each (tests/surveys compare the markup
    with the include for every field of every step)."""
    kind = field.widget_type
    auto_id = conditional_escape(field.auto_id)
    label_for = conditional_escape(field.id_for_label)
    label = f"{conditional_escape(field.label)}{required_mark(field)}"
    help_text = field.help_text
    parts = ['<div class="mb-3 form-check">\n' if kind == "checkbox" else '<div class="mb-3">\n']
    if kind == "checkbox":
        parts.append(
            f'{field}\n  <label class="form-check-label" for="{label_for}">{label}</label>\n'
        )
    elif kind in CHOICE_LISTS:
        described = f' aria-describedby="{auto_id}_helptext"' if help_text else ""
        option_class = "form-check form-check-inline" if inline else "form-check"
        parts.append(
            f'\n<fieldset id="{auto_id}"{described}>\n'
            f'  <legend class="form-label fs-6 mb-1">{label}</legend>\n  '
        )
        parts.extend(
            f'<div class="{option_class}">\n    {option.tag()}<label class="form-check-label" '
            f'for="{conditional_escape(option.id_for_label)}">'
            f"{conditional_escape(option.choice_label)}</label>\n  </div>"
            for option in field
        )
        parts.append("\n</fieldset>\n")
    else:
        label_class = "form-label visually-hidden" if hide_label else "form-label"
        parts.append(
            f'<label class="{label_class}"\n  for="{label_for}">{label}</label>\n  {field}\n'
        )
    parts.append("\n")
    if help_text:
        parts.append(
            f'<div class="form-text" id="{auto_id}_helptext">{conditional_escape(help_text)}</div>'
        )
    parts.append("\n")
    if context.get("show_errors") and field.errors:
        errors = "".join(f'<p class="mb-0">{conditional_escape(text)}</p>' for text in field.errors)
        parts.append(
            f'<div class="invalid-feedback d-block field-errors" id="{auto_id}_errors">\n  '
            f"{errors}</div>"
        )
    parts.append("\n</div>\n")
    # Every value above is escaped (conditional_escape) or already safe markup (widgets).
    return mark_safe("".join(parts))  # noqa: S308
