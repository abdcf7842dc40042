"""robots.txt and the partnership's JSON-LD: what only the site shell knows about."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from core.page_cache import cache_public_page

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


def partnership(request, clusters, description):
    """schema.org Organization for the C2Future partnership and its member clusters."""
    try:
        home = reverse("portal:home")
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
