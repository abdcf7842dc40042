"""Whole-page cache of the public pages for visitors without a session.

A public page is the same for every visitor who is not signed in and has no draft, no
messages and no session: such a request is answered from the cache without running the
view, its queries or its templates. Cached pages are keyed on the scheme, host and full
path (the language prefix is part of it) under the `PAGES` namespace (core.caching), which
every write to a model an app declares public retires (and `retire_public_data()` after
bulk writes), so a publish, an approval or an event change shows at once. PAGE_CACHE_SECONDS
bounds what changes with time alone (an event moving from "upcoming" to "past").

The CSRF token of a page's forms belongs to one visitor: the page is stored without it and
each hit gets the visitor's own token (and cookie), so cached forms still post.

Pages are stored gzip-compressed. A page without a form holds no secret, so a visitor whose
browser accepts gzip gets the stored bytes as they are: a hit never compresses 50-150 KB
of HTML again, and the visitor whose request stored it gets the same bytes: a page is
compressed once (core.middleware.TextGZipMiddleware does it, with its padding, for the rest).
A page with forms is stored compressed around its tokens, and each visitor's token is put
in between without compressing the page again. Long cached fragments (`{% load
compressed_cache %}`, `{% cache_or_previous %}`) carry their own compressed piece, and a
page is compressed around the fragments it shows (core.compression): the request that
stores a page compresses only what is not in them.
"""

import hashlib
import re
import secrets
import zlib
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers

from .caching import PAGES
from .compression import (
    deflated_around,
    gzip_around,
    gzip_pieces,
    new_compressor,
    noted_fragments,
    noting_fragments,
)
from .middleware import COMPRESSIBLE_TYPES

# In every CSRF input (a quick test before the regular expression).
CSRF_NAME = b'name="csrfmiddlewaretoken"'
# Exactly what Django's {% csrf_token %} renders; a visitor's text is escaped and can
# never produce this markup.
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')


def _page_cache():
    # Its own cache alias (settings.CACHES["pages"]): see settings, PAGE_CACHE_URL.
    return caches[PAGES.alias]


def _is_anonymous_without_state(request):
    # No session cookie means no signed-in user, no draft and no session messages.
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


# What zlib needs to read the gzip format.
GZIP_WBITS = 16 + zlib.MAX_WBITS
# Shorter pages are sent as they are (as Django's GZipMiddleware does).
MIN_COMPRESSED_LENGTH = 200


def _page_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGES.key("v4", hashlib.sha256(url.encode()).hexdigest())


def _sends_stored_bytes(request, entry):
    return (
        entry["gzip"]
        and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) is not None
    )


def _texts_around_tokens(content):
    """The page's text before, between and after the values of its CSRF tokens."""
    if CSRF_NAME not in content:  # a quick look first: most pages have no form
        return [content]
    texts, start = [], 0
    for match in CSRF_INPUT.finditer(content):
        texts.append(content[start : match.end(1)])
        start = match.start(2)
    texts.append(content[start:])
    return texts


def _pieces(texts, fragments=()):
    """Those texts compressed (around the page's known fragments), as stored:
    [(deflated, crc, length)]."""
    fragments, compressor = list(fragments), new_compressor()
    return [
        (deflated_around(text, fragments, compressor), zlib.crc32(text), len(text))
        for text in texts
    ]


def _from_cache(request, entry):
    if entry["csrf"]:
        token = get_token(request).encode()  # also sets the visitor's CSRF cookie
        content = gzip_pieces(
            entry["pieces"], token, padding=secrets.randbelow(GZipMiddleware.max_random_bytes)
        )
    else:
        content = entry["content"]
    if _sends_stored_bytes(request, entry):
        response = HttpResponse(content)
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(content))
    else:
        response = HttpResponse(zlib.decompress(content, GZIP_WBITS))
    for header, value in entry["headers"]:
        response.headers[header] = value
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _cache_entry(request, response, fragments=()):
    """What to store of a fresh response, or None when it is not the same for everyone."""
    if (
        request.method != "GET"
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or getattr(getattr(request, "session", None), "modified", False)
        or getattr(getattr(request, "_messages", None), "added_new", False)
        # A fragment of the previous data generation, while the current one is rendered
        # in the background: fine for this visitor, not for the next five minutes.
        or getattr(request, "serves_previous_fragment", False)
    ):
        return None
    content = response.content
    texts = _texts_around_tokens(content)
    forms = len(texts) - 1
    if not forms and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return None  # the token went somewhere other than a form: it stays per visitor
    # Compressed: HTML shrinks 7-10 times, so many more pages fit in the cache's memory
    # (and cross the network to Redis); gzip's format, so a hit can send it as it is. At
    # level 1, on the storing request's path: 10% more bytes than level 6 in half the time.
    content_type = response.get("Content-Type", "").lower()
    entry = {
        "csrf": bool(forms),
        "gzip": content_type.startswith(COMPRESSIBLE_TYPES)
        and len(content) >= MIN_COMPRESSED_LENGTH,
        "headers": list(response.headers.items()),
    }
    if forms:
        entry["pieces"] = _pieces(texts, fragments)
    else:
        entry["content"] = gzip_around(content, fragments)
    return entry


def cache_public_page(view):
    """Serve the view's 200 responses from the page cache to visitors without a session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        timeout = settings.PAGE_CACHE_SECONDS
        if (
            timeout <= 0
            or request.method not in ("GET", "HEAD")
            or not _is_anonymous_without_state(request)
        ):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        entry = _page_cache().get(key)
        if entry is not None:
            return _from_cache(request, entry)
        # The fragments the page shows, to compress it around them (core.compression);
        # taken back here unless the compression middleware started noting them.
        noting = noting_fragments(request)
        try:
            response = view(request, *args, **kwargs)
            entry = _cache_entry(request, response, request.compressed_fragments)
        finally:
            if noting:
                noted_fragments(request)
        if entry is None:
            return response
        _page_cache().set(key, entry, timeout)
        if _sends_stored_bytes(request, entry):
            # Just compressed to be stored: this visitor gets those bytes, as every later
            # one does, instead of a second compression by the middleware.
            return _from_cache(request, entry)
        return response

    return wrapper
