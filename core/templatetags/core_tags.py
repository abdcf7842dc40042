import html

from django import template
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..languages import weekday_date_format

register = template.Library()


@register.filter
def paragraphs(text):
    """Plain editable text to HTML: blank lines split paragraphs, '- ' lines are lists."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    html = []
    for block in filter(None, blocks):
        lines = block.split("\n")
        if all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines))
            html.append(format_html("<ul>{}</ul>", items))
        else:
            html.append(format_html("<p>{}</p>", block))
    return format_html_join("", "{}", ((part,) for part in html))


@register.filter(expects_localtime=True)
def weekday_date(value, with_time=False):
    """The date led by its weekday, as the active language writes it; `|weekday_date:True`
    adds the time."""
    if not value:
        return ""
    return formats.date_format(value, weekday_date_format(with_time=bool(with_time)))


@register.simple_tag
def select_options(choices, chosen):
    """`<option>`s of (value, label) choices, those whose value is the string `chosen`
    selected. Written here, not looped in a template, and escaped as Django does
    (`conditional_escape`) without its per-call overhead: a filter offers hundreds of
    them (tests/core/test_select_options.py compares the markup with the loop it replaced).
    """
    options = []
    for value, label in choices:
        selected = " selected" if str(value) == chosen else ""
        options.append(f'<option value="{_escaped(value)}"{selected}>{_escaped(label)}</option>')
    return mark_safe("\n".join(options))  # noqa: S308 - every part is escaped above


def _escaped(value):
    # What conditional_escape returns: safe strings as they are, the rest html.escape()d.
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
