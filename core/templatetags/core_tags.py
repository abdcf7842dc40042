import html

from django import template
from django.template.base import render_value_in_context
from django.template.defaulttags import querystring
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

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


PAGINATION = (
    '\n<nav aria-label="{label}" class="mt-4">\n  <ul class="pagination flex-wrap">\n    '
    "{previous}"
    '\n    <li class="page-item active" aria-current="page"><span class="page-link">\n'
    "      {current}\n    </span></li>\n    "
    "{following}"
    "\n  </ul>\n</nav>"
)
PAGE_LINK = (
    '\n    <li class="page-item"><a class="page-link" href="{href}"\n'
    '      rel="{rel}">{text}</a></li>\n    '
)


@register.simple_tag(takes_context=True)
def pagination(context):
    """Previous, "Page n of m" and next for the context's `page_obj`, links keeping the rest
    of the query: the markup of the include it replaced, on every list page (tests/core
    compare it with the include)."""
    page_obj = context.get("page_obj")
    # Not `bool(page_obj)`: that counts its object list, which a view may hand over lazily.
    if not hasattr(page_obj, "has_other_pages") or not page_obj.has_other_pages():
        return "\n"

    def link(number, rel, text):
        href = _escaped(querystring(context, page=number))
        return PAGE_LINK.format(href=href, rel=rel, text=_escaped(text))

    current = gettext("Page %(number)s of %(total)s") % {
        "number": render_value_in_context(page_obj.number, context),
        "total": render_value_in_context(page_obj.paginator.num_pages, context),
    }
    html = PAGINATION.format(
        label=_escaped(gettext("Pagination")),
        previous=link(page_obj.previous_page_number(), "prev", gettext("Previous"))
        if page_obj.has_previous()
        else "",
        current=current,
        following=link(page_obj.next_page_number(), "next", gettext("Next"))
        if page_obj.has_next()
        else "",
    )
    # Every value is escaped above; the translated sentence is the template's own text.
    return mark_safe(html + "\n")  # noqa: S308
