from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_without(context, name, value):
    """The current query string without one value of a repeatable parameter (and page)."""
    query = context["request"].GET.copy()
    query.setlist(name, [v for v in query.getlist(name) if v != value])
    query.pop("page", None)
    return query.urlencode()
