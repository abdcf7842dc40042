"""`{% cache %}` as Django's, with long fragments kept compressed too (core.compression).

    {% load compressed_cache %}
    {% cache 600 directory-results fragments_version results_cache_key LANGUAGE_CODE %}
    ...
    {% endcache %}

Same arguments, keys and output as `{% load cache %}`; a fragment of 2 KB or more is stored
with its compressed piece, and the page it is on is then compressed around it when the page
cache stores it, instead of compressing those bytes again on every first visit.
"""

from django import template
from django.templatetags.cache import CacheNode, do_cache

from ..compression import compressed_fragment, note_fragment

register = template.Library()


class _CompressedNodeList:
    """What CacheNode renders and stores on a miss: the fragment with its piece."""

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return compressed_fragment(self.nodelist.render(context))

    def __iter__(self):
        return iter(self.nodelist)

    def get_nodes_by_type(self, nodetype):
        return self.nodelist.get_nodes_by_type(nodetype)


class CompressedCacheNode(CacheNode):
    def __init__(self, nodelist, *args):
        super().__init__(_CompressedNodeList(nodelist), *args)

    def render(self, context):
        return note_fragment(context, super().render(context))


@register.tag("cache")
def do_compressed_cache(parser, token):
    node = do_cache(parser, token)
    return CompressedCacheNode(
        node.nodelist, node.expire_time_var, node.fragment_name, node.vary_on, node.cache_name
    )
