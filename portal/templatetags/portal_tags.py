"""The site shell's tags: the header's main navigation and language switcher."""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

register = template.Library()

# (URL name, label, active only on that exact path): the header's links, in order.
MAIN_NAV = (
    ("portal:home", _("Home"), True),
    ("portal:about", _("About"), False),
    ("clusters:list", _("Clusters"), False),
    ("clusters:directory", _("Directory"), False),
    ("clusters:skills_map", _("Skills map"), False),
    ("events:list", _("Events"), False),
    ("surveys:intro", _("Questionnaire"), False),
)

ACTIVE_ITEM = (
    '<li class="nav-item"><a class="nav-link active" aria-current="page" href="{}">{}</a></li>'
)
ITEM = '<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>'
NAV_INDENT = "\n          "


@lru_cache(maxsize=64)
def _nav_urls(language, urlconf, script_prefix):
    # The URLs depend on the language prefix, the URLconf and the script prefix only.
    return tuple(reverse(name) for name, _label, _exact in MAIN_NAV)


@receiver(setting_changed)
def _clear_nav_urls(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _nav_urls.cache_clear()


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The header's `<li>` items, the current section's marked. Written here, not as one
    include per item: the header is on every page (tests/portal compare the markup with
    the include it replaced)."""
    path = context["request"].path
    urls = _nav_urls(get_language(), get_urlconf(), get_script_prefix())
    items = []
    for (_name, label, exact), url in zip(MAIN_NAV, urls, strict=True):
        active = path == url if exact else url in path
        items.append(format_html(ACTIVE_ITEM if active else ITEM, url, label))
    # Each item is escaped by format_html.
    return mark_safe(NAV_INDENT.join(items))  # noqa: S308


SWITCHER = (
    '<details class="language-switcher ms-lg-3 mt-2 mt-lg-0">\n'
    '  <summary class="btn btn-sm btn-outline-secondary" aria-label="{}">\n'
    '    <span lang="{}">{}</span>\n'
    "  </summary>\n"
    '  <ul class="language-switcher-menu list-unstyled">\n'
    "    {}\n"
    "  </ul>\n"
    "</details>"
)
CURRENT = ' aria-current="true"'


@register.simple_tag(takes_context=True)
def language_switcher(context):
    """The page in each language, the current one as the button; the links go through
    portal.views.switch_language, which remembers the choice. Written here rather than as
    an include with two loops: it is on every page (tests/portal compare the markup)."""
    versions = context["language_versions"]
    current = next(version for version in versions if version.current)
    # The markup format_html_join would write, with the same escaping, in one pass.
    items = "\n    ".join(
        f'<li><a href="{escape(version.switch_url)}" hreflang="{escape(version.code)}" '
        f'lang="{escape(version.code)}"{CURRENT if version.current else ""}>'
        f"{escape(capfirst(version.name))}</a></li>"
        for version in versions
    )
    label = gettext("Language: %(language)s. Choose another language") % {"language": current.name}
    items = mark_safe(items)  # noqa: S308 - every value in it is escaped above
    return format_html(SWITCHER, label, current.code, capfirst(current.name), items)
