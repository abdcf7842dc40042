"""Search engines and sharing: robots.txt, canonical URLs and JSON-LD helpers.

The sitemaps are in core.sitemaps; the head tags (canonical link, Open Graph, Twitter card,
BreadcrumbList) are rendered by core.templatetags.seo_tags from these helpers.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from .page_cache import cache_public_page

# The query parameters that make a page a different page, by URL name. Everything else
# (paging, sorting, a search query, a download format, tracking parameters) leaves the
# canonical URL at the page it varies: they never create duplicates for search engines.
CANONICAL_PARAMETERS = {
    "clusters:directory": (
        "sector",
        "cluster",
        "competency",
        "country",
        "target_market",
        "size",
    ),
    "events:list": ("year", "kind", "place", "cluster"),
    "clusters:skills_map": ("by",),
}

# URL names (in every language) search engines are asked to leave alone: the admin, the
# questionnaire's private steps and the staff results.
PRIVATE_URL_NAMES = (
    "admin:index",
    "surveys:review",
    "surveys:done",
    "surveys:dashboard",
)
# Paths with an argument: their common prefix is disallowed.
PRIVATE_URL_PREFIXES = (
    ("surveys:step", {"step_key": "x"}),
    ("surveys:resume", {"value": "x"}),
    ("surveys:request_update", {"slug": "x"}),
    ("surveys:open_update", {"value": "x"}),
)


def _prefix(name, kwargs):
    path = reverse(name, kwargs=kwargs)
    return path[: path.rstrip("/").rfind("/") + 1]


def disallowed_paths():
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [reverse(name) for name in PRIVATE_URL_NAMES]
            paths += [_prefix(name, kwargs) for name, kwargs in PRIVATE_URL_PREFIXES]
    return list(dict.fromkeys(paths))


@require_safe
@cache_public_page
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallowed_paths()]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def canonical_url(request):
    """The absolute URL search engines should index for this request.

    The path as it is (its language prefix included: each language is its own page, linked
    by hreflang in the sitemap) and only the query parameters that select other content,
    each once, in a fixed order.
    """
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return request.build_absolute_uri(request.path)
    kept = []
    for key in CANONICAL_PARAMETERS.get(match.view_name, ()):
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


def partnership(request, clusters, description):
    """schema.org Organization for the C2Future partnership and its member clusters."""
    try:
        home = reverse("core:home")
    except NoReverseMatch:  # pragma: no cover - the URLconf always has a home page
        home = "/"
    members = []
    for cluster in clusters:
        member = {
            "@type": "Organization",
            "name": cluster.name,
            "url": request.build_absolute_uri(cluster.get_absolute_url()),
        }
        if cluster.acronym:
            member["alternateName"] = cluster.acronym
        if cluster.website:
            member["sameAs"] = [cluster.website]
        members.append(member)
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "C2Future",
        "alternateName": str(description["name"]),
        "description": str(description["text"]),
        "url": request.build_absolute_uri(home),
        "member": members,
    }


def json_ld_safe(data):
    """json_ld() marked safe for a template: it can neither end the script nor inject."""
    return mark_safe(json_ld(data))  # noqa: S308 - escaped above
