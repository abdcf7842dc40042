"""Tags of the company admin's templates."""

from django import template
from django.utils.encoding import iri_to_uri
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def filter_choice_items(choices):
    """The items of Django's admin/filter.html loop, written in one pass: the cluster filter
    lists 300 clusters at scale, a template loop of 300 iterations on every list page.
    Each value escaped as the template escapes it (tests compare the two)."""
    items = []
    for choice in choices:
        selected = ' class="selected"' if choice["selected"] else ""
        href = conditional_escape(iri_to_uri(choice["query_string"]))
        items.append(
            f'\n    <li{selected}>\n    <a href="{href}">'
            f"{conditional_escape(choice['display'])}</a></li>\n  "
        )
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped
