from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import Http404, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import seo as core_seo
from core.cache import cache_state
from core.languages import page_in_language
from core.page_cache import cache_public_page

from . import caches, selectors, seo


def _counter_tiles(counters):
    """(value, label, link) of each of the home page's counters, in display order."""
    tiles = (
        ("partner_clusters", _("partner clusters"), "clusters:list"),
        ("published_companies", _("SMEs in the directory"), "clusters:directory"),
        ("published_events", _("events"), "events:list"),
    )
    return [(counters[key], label, reverse(url_name)) for key, label, url_name in tiles]


@require_safe
@cache_public_page
def home(request):
    description = {
        "name": _("Clusters for the City of the Future"),
        "text": _(
            "A European strategic partnership of six business clusters helping smart-city "
            "SMEs go international."
        ),
    }
    partnership = seo.partnership(request, selectors.partner_clusters(), description)
    page = selectors.site_page("home")
    counters = selectors.home_counters()
    # The lead shortened for the meta and social descriptions ("" without one).
    lead_summary = Truncator(page.lead).words(30, truncate=" …") if page and page.lead else ""
    return render(
        request,
        "portal/home.html",
        {
            "page": page,
            "lead_summary": lead_summary,
            "social_description": lead_summary or description["text"],
            "counters": counters,
            "counter_tiles": _counter_tiles(counters),
            "latest_event_cards": _latest_event_cards(),
            "partnership_jsonld": core_seo.json_ld_safe(partnership),
        },
    )


def _latest_event_cards():
    """The cards of the latest events, rendered once per language until an event or a
    cluster changes ("" without events): three card templates were a fifth of the home
    page past the page cache (issue #17)."""
    return caches.CONTENT.get_or_set(
        "latest_event_cards",
        translation.get_language(),
        # The events list's card loop, as the events list renders it.
        compute=lambda: render_to_string(
            "events/includes/event_cards.html", {"events": selectors.latest_events()}
        ),
    )


@require_safe
@cache_public_page
def about(request):
    return render(
        request,
        "portal/about.html",
        {
            "page": selectors.site_page("about"),
            "clusters": selectors.partner_clusters(),
        },
    )


@never_cache
@require_safe
def healthz(request):
    """503 without the database; 200 "degraded" without the cache, which only costs speed.

    A load balancer should not take every app server out because the shared cache is down.
    """
    cache = cache_state()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "error", "database": "unreachable", "cache": cache}, status=503
        )
    status = "ok" if cache == "ok" else "degraded"
    return JsonResponse({"status": status, "database": "ok", "cache": cache})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the failure may be in a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())


def rate_limited(request, exception=None):
    return render(
        request,
        "429.html",
        {
            "message": _(
                "Too many requests from your connection. Please wait a few "
                "minutes and try again; nothing you entered has been lost."
            )
        },
        status=429,
    )


@require_safe
@never_cache
def switch_language(request, code):
    """The header's language links: remember the choice (a cookie, as Django's set_language
    does) and go to the page the visitor was on, in that language."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("portal:home")
    response = HttpResponseRedirect(page_in_language(target, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
