import re
import secrets

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .compression import gzip_around, noted_fragments, noting_fragments
from .languages import page_in_language


class SecurityHeadersMiddleware:
    """Adds the headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PreferredLanguageMiddleware:
    """Unprefixed pages are English; a visitor who chose another language in the header
    (the language cookie) or, on a first visit, whose browser prefers one we offer
    (Accept-Language) is redirected to that language's page. Chosen English stays English.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not translation.get_language_from_path(
            request.path_info
        ):
            # Django's order: the cookie, then Accept-Language, then LANGUAGE_CODE.
            preferred = translation.get_language_from_request(request)
            if preferred != settings.LANGUAGE_CODE:
                path = request.get_full_path()
                target = page_in_language(path, preferred)
                if target != path:  # an i18n page (not the API, health or static files)
                    response = HttpResponseRedirect(target)
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Answers 413 to a request whose Content-Length is over the limit, unread.

    Django would otherwise stream a huge multipart body to a temporary file before any
    form sees it. Limits: settings.REQUEST_BODY_LIMIT, or ADMIN_REQUEST_BODY_LIMIT under the
    admin (in every language). Bodies without a Content-Length are never read by Django.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
        self.admin_path = re.compile(rf"^/(?:(?:{languages})/)?admin/")

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body for a malformed length either
        admin = self.admin_path.match(request.path_info)
        limit = settings.ADMIN_REQUEST_BODY_LIMIT if admin else settings.REQUEST_BODY_LIMIT
        if length > limit:
            return request_too_large(request, limit)
        return self.get_response(request)


def request_too_large(request, limit):
    return render(
        request,
        "413.html",
        {
            "message": _(
                "What you sent is larger than this page accepts (%(limit)s). Nothing was "
                "saved: go back, make it smaller and send it again."
            )
            % {"limit": filesizeformat(limit)}
        },
        status=413,
    )


# Text worth compressing; documents, images and archives are compressed already (or are
# downloads whose length and ranges must stay as they are).
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/javascript",
    "image/svg+xml",
)


def gzip_padded(content: bytes, *, fragments=(), max_random_bytes: int = 0) -> bytes:
    """`content` in gzip's format (at core.compression.GZIP_LEVEL, around the cached
    `fragments` it shows), with a file name of 0 to max_random_bytes - 1 random bytes, as
    Django's `compress_string` pads it against BREACH."""
    padding = secrets.randbelow(max_random_bytes) if max_random_bytes else None
    return gzip_around(content, fragments, padding=padding)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (random padding against BREACH) for text responses only,
    at GZIP_LEVEL, around the cached fragments the page shows (core.compression)."""

    def process_request(self, request):
        noting_fragments(request)

    def process_response(self, request, response):
        fragments = noted_fragments(request)
        content_type = response.get("Content-Type", "").lower()
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        if (
            response.streaming
            or len(response.content) < 200
            or response.has_header("Content-Encoding")
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = gzip_padded(
            response.content, fragments=fragments, max_random_bytes=self.max_random_bytes
        )
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        # A strong ETag becomes weak (RFC 9110, 8.8.1), as Django's middleware does.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response
