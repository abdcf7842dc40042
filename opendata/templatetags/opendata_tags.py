"""The embed code a cluster copies into its website, built here rather than by hand in the
template (the widget's address carries the cluster as a query parameter)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def widget_url(context, url_name, cluster):
    """The absolute address of a widget (opendata:embed_directory or _events) for a cluster."""
    path = reverse(url_name) + "?" + urlencode({"cluster": cluster.slug})
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def embed_code(context, url_name, cluster, title):
    """The <iframe> code of a widget, escaped to be shown (and copied) in a textarea."""
    return format_html(
        '&lt;iframe src="{}" title="{}" width="100%" height="480" loading="lazy"&gt;'
        "&lt;/iframe&gt;",
        widget_url(context, url_name, cluster),
        title,
    )


@register.simple_tag
def city_and_country(place):
    """ "Turin, Italy", or whichever of the two is known."""
    return ", ".join(part for part in (place.city, place.country.name) if part)


@register.simple_tag(takes_context=True)
def absolute_link(context, obj):
    """An object's page on the portal as an absolute address (widgets open it in a new tab)."""
    return context["request"].build_absolute_uri(obj.get_absolute_url())
