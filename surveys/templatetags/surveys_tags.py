from django import template
from django.utils.html import format_html
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
