"""Search engines and sharing: canonical URLs and the one JSON-LD helper.

The head tags (canonical link, Open Graph, Twitter card, BreadcrumbList) are rendered by
core.templatetags.seo_tags from these helpers; robots.txt and the sitemaps belong to the
site shell (portal.seo, portal.sitemaps).
"""

import json

from django.apps import apps
from django.urls import Resolver404, resolve
from django.utils.http import urlencode
from django.utils.safestring import mark_safe


def _canonical_parameters():
    """URL name -> the query parameters that make it a different page.

    Each app declares its own on its AppConfig (`canonical_parameters`). Everything else
    (paging, sorting, a search query, a download format, tracking parameters) leaves the
    canonical URL at the page it varies: they never create duplicates for search engines.
    """
    declared = {}
    for config in apps.get_app_configs():
        declared.update(getattr(config, "canonical_parameters", {}))
    return declared


def canonical_url(request):
    """The absolute URL search engines should index for this request.

    The path as it is (its language prefix included: each language is its own page, linked
    by hreflang in the sitemap) and only the query parameters that select other content,
    each once, in a fixed order.
    """
    # Asked by the canonical link, hreflang and Open Graph tags of one page: computed once.
    cached = getattr(request, "_canonical_url", None)
    if cached is None:
        cached = request._canonical_url = _canonical_url(request)
    return cached


def _canonical_url(request):
    # The handler resolved this request already (error pages and tests may not have).
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return request.build_absolute_uri(request.path)
    kept = []
    for key in _canonical_parameters().get(match.view_name, ()):
        values = sorted({value for value in request.GET.getlist(key) if value})
        kept += [(key, value) for value in values]
    query = f"?{urlencode(kept)}" if kept else ""
    return request.build_absolute_uri(request.path) + query


# Inside <script> a "</script>" in a name must not end the element.
_JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    return json.dumps(data, ensure_ascii=False).translate(_JSON_LD_ESCAPES)


def breadcrumb_list(request, trail):
    """schema.org BreadcrumbList of (name, path) pairs; the last is the page itself."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def json_ld_safe(data):
    """json_ld() marked safe for a template: it can neither end the script nor inject."""
    return mark_safe(json_ld(data))  # noqa: S308 - escaped above
