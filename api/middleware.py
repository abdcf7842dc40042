"""What every response under /api/ gets, in one place (settings.MIDDLEWARE):

- only GET, HEAD and OPTIONS (the CORS preflight, answered by django-cors-headers); any
  other method is a JSON 405;
- a rate limit per client (django-ratelimit's counters, the `ratelimit` cache): past
  API_RATE_LIMIT a JSON 429 with Retry-After, the seconds until the window ends;
- conditional GET: the ETag and Last-Modified of a data response come from the public
  data's generation (core.page_cache, replaced by every write) and the URL, so a client's
  If-None-Match / If-Modified-Since is answered 304 before the view runs or queries (and
  renewed every PAGE_CACHE_SECONDS, see _validators);
- Cache-Control: public, max-age=API_CACHE_SECONDS on data responses;
- Django's own 404, 405 and 500 pages (an unknown URL, a wrong method, a bug) as JSON
  errors.
"""

import hashlib
import time

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from core.caching import PAGES
from core.client_ip import rate_limit_address

from .errors import error_response

PREFIX = "/api/"
DOCS_PATHS = ("/api/v1/docs/",)
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")


def _generation():
    return PAGES.generation()


def _validators(request, generation):
    """(ETag, Last-Modified timestamp) of a data URL under this generation.

    Also renewed every PAGE_CACHE_SECONDS, like the page cache: with a per-process cache
    (local memory) another worker's write does not replace this worker's generation, and
    this bounds how long it could answer 304 for data that changed.
    """
    modified = generation // 1_000_000_000
    window = settings.PAGE_CACHE_SECONDS
    if window > 0:
        modified = max(modified, int(time.time()) // window * window)
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{generation}|{modified}|{url}".encode()).hexdigest()[:40]
    return f'"{digest}"', modified


def _client(group, request):
    # The address as core.client_ip reads it (behind trusted proxies); hashed in the key.
    return rate_limit_address(request)


def _rate_limited(request):
    usage = get_usage(
        request,
        group="api",
        key=_client,
        rate=settings.API_RATE_LIMIT,
        method=ALLOWED_METHODS,
        increment=True,
    )
    if not usage or not usage["should_limit"]:
        return None
    response = error_response(
        429,
        "rate_limited",
        _("Too many requests from your address: wait %(seconds)s seconds and try again.")
        % {"seconds": max(1, usage["time_left"])},
    )
    response["Retry-After"] = str(max(1, usage["time_left"]))
    return response


class PublicApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method not in ALLOWED_METHODS:
            response = error_response(
                405, "method_not_allowed", _("This API is read-only: use GET.")
            )
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        limited = _rate_limited(request)
        if limited is not None:
            return limited
        is_head = request.method == "HEAD"
        if is_head:
            request.method = "GET"  # the same response without its body
        conditional = request.method == "GET" and request.path_info not in DOCS_PATHS
        etag = last_modified = None
        if conditional:
            # Read before the view runs: a write meanwhile gives a newer generation to the
            # next request, never an old validator on new data.
            etag, last_modified = _validators(request, _generation())
            not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if not_modified is not None and not_modified.status_code == 304:
                return self._cacheable(not_modified, etag, last_modified)
            if not_modified is not None:  # If-Match / If-Unmodified-Since not met
                return error_response(
                    412,
                    "precondition_failed",
                    _("The data changed since the version you asked for."),
                )
        response = self.get_response(request)
        response = self._as_json_error(response)
        if conditional and response.status_code == 200:
            self._cacheable(response, etag, last_modified)
        if is_head:
            request.method = "HEAD"
            if not response.streaming:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        return response

    @staticmethod
    def _cacheable(response, etag, last_modified):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return response

    @staticmethod
    def _as_json_error(response):
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        if response.status_code == 404:
            return error_response(404, "not_found", _("Nothing here: check the address."))
        if response.status_code == 405:
            allowed = error_response(405, "method_not_allowed", _("This API is read-only."))
            allowed["Allow"] = response.get("Allow", "GET")
            return allowed
        if response.status_code == 500:  # a bug: logged and mailed as usual, JSON for clients
            return error_response(
                500, "server_error", _("Something went wrong on our side. Please try later.")
            )
        return response
