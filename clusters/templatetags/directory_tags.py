from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def query_without(context, name, value):
    """The current query string without one value of a repeatable parameter (and page)."""
    query = context["request"].GET.copy()
    query.setlist(name, [v for v in query.getlist(name) if v != value])
    query.pop("page", None)
    return query.urlencode()


@register.simple_tag
def directory_url(**filters):
    """The directory filtered by these values ("?cluster=clm"), for links from profiles."""
    return f"{reverse('clusters:directory')}?{urlencode(filters)}"
