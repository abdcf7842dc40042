"""Head tags for search engines and sharing (see core.seo)."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join

from .. import seo
from ..languages import pages_in_languages

register = template.Library()


def _request(context):
    return context.get("request")


@register.simple_tag(takes_context=True)
def canonical_href(context):
    request = _request(context)
    return seo.canonical_url(request) if request is not None else ""


@register.simple_tag(takes_context=True)
def canonical_link(context):
    href = canonical_href(context)
    return format_html('<link rel="canonical" href="{}">', href) if href else ""


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """This page's canonical URL in every language, and x-default (the unprefixed English).

    Nothing for a page that is the same in every language (an error page, say)."""
    request = _request(context)
    if request is None:
        return ""
    canonical = urlsplit(seo.canonical_url(request))
    path = f"{canonical.path}?{canonical.query}" if canonical.query else canonical.path
    versions = pages_in_languages(path)
    if len(set(versions.values())) == 1:
        return ""
    versions["x-default"] = versions[settings.LANGUAGE_CODE]
    return format_html_join(
        "\n  ",
        '<link rel="alternate" hreflang="{}" href="{}">',
        ((code, request.build_absolute_uri(url)) for code, url in versions.items()),
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` (a URL path or a media file's URL) as an absolute URL."""
    request = _request(context)
    if not path:
        return ""
    return request.build_absolute_uri(path) if request is not None else path


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    return absolute_url(context, static(path))


@register.simple_tag(takes_context=True)
def breadcrumbs_jsonld(context, *trail):
    """A BreadcrumbList script from (name, path) pairs and the current page's name last."""
    request = _request(context)
    if request is None:
        return ""
    pairs = list(zip(trail[0:-1:2], trail[1:-1:2], strict=True))
    pairs.append((trail[-1], request.path))
    data = seo.breadcrumb_list(request, pairs)
    return format_html('<script type="application/ld+json">{}</script>', seo.json_ld_safe(data))


@register.filter
def file_url(field_file):
    """The URL of an uploaded file, or "" when there is none (never an error)."""
    return field_file.url if field_file else ""
