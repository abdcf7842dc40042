"""`{% once_per_language %}`: a piece of the page shell rendered once per process and language.

    {% once_per_language %}<link rel="icon" href="{% static 'img/favicon.svg' %}">
    …{% endonce_per_language %}

The shell's static parts (stylesheet and feed links, the header's brand and search form,
the footer) are the same on every page of a language: their text depends only on the
language, the settings and the URLconf. Rendering them for each request was a third of a
millisecond of every page past the page cache (issue #17). The first rendering per
language, URLconf, script prefix and autoescaping is kept in the process and served as is.

Only for markup that reads nothing of the request or the page: no `{% block %}`, no
variable but settings from a context processor, no `{% url … as name %}` used outside.
The kept renderings are forgotten when a setting changes (tests).
"""

import itertools

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Bounded: a few pieces times six languages; a development server re-parsing templates
# makes new pieces, so the store is emptied rather than left to grow.
MAX_KEPT = 256
_kept: dict[tuple, str] = {}
# Each parsed piece's own number, never reused (a re-parsed template gets new ones).
_places = itertools.count()


@receiver(setting_changed)
def _forget(**kwargs):
    _kept.clear()


class OncePerLanguageNode(template.Node):
    def __init__(self, nodelist, place):
        self.nodelist = nodelist
        self.place = place

    def render(self, context):
        key = (self.place, get_language(), get_urlconf(), get_script_prefix(), context.autoescape)
        html = _kept.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if len(_kept) >= MAX_KEPT:
                _kept.clear()
            _kept[key] = html
        # The nodelist's own rendering, escaped as it was the first time.
        return mark_safe(html)  # noqa: S308


@register.tag("once_per_language")
def do_once_per_language(parser, token):
    nodelist = parser.parse(("endonce_per_language",))
    parser.delete_first_token()
    for node in nodelist.get_nodes_by_type(template.loader_tags.BlockNode):
        raise template.TemplateSyntaxError(
            f"{{% once_per_language %}} cannot hold {{% block {node.name} %}}: "
            "blocks differ per page."
        )
    return OncePerLanguageNode(nodelist, next(_places))
