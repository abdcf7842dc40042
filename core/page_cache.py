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
page is compressed around the fragments it shows: the request that stores a page compresses
only what is not in them.
"""

import functools
import gzip
import hashlib
import re
import secrets
import struct
import zlib
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString

from .caching import PAGES
from .middleware import COMPRESSIBLE_TYPES, GZIP_LEVEL

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


# A page with forms is stored as the compressed text between its CSRF tokens: each piece a
# run of deflate blocks ended by a full flush (byte-aligned, referring to nothing before
# it), so a visitor's token goes between them as an uncompressed ("stored") block and the
# page is sent without compressing it again. gzip's trailer needs the CRC-32 of the whole
# text: each piece's CRC and length are kept, and CRC-32's linearity extends a CRC over a
# piece without reading it (as zlib's crc32_combine does).
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\xff"
FINAL_EMPTY_BLOCK = b"\x03\x00"


def _deflated_piece(text):
    return _flushed(_compressor(), text)


def _stored_block(data):
    # A non-final stored block: header bits 000 padded to a byte, LEN, NLEN, the bytes.
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


def _apply(matrix, vector):
    """A GF(2) 32x32 matrix (its 32 columns as ints) times a 32-bit vector."""
    result = 0
    bit = 0
    while vector:
        if vector & 1:
            result ^= matrix[bit]
        vector >>= 1
        bit += 1
    return result


@functools.cache
def _zero_shifts():
    """[M^(2^k)]: what appending 2^k zero bytes does to a CRC-32 register, k < 32."""
    one_byte = [zlib.crc32(b"\x00", 1 << bit) ^ zlib.crc32(b"\x00", 0) for bit in range(32)]
    shifts = [one_byte]
    for _power in range(31):
        previous = shifts[-1]
        shifts.append([_apply(previous, column) for column in previous])
    return shifts


def _crc32_extended(crc, piece_crc, piece_length):
    """crc32(piece, crc) from crc32(piece) and len(piece): the CRC of text + piece."""
    shifts = _zero_shifts()
    power = 0
    while piece_length:
        if piece_length & 1:
            crc = _apply(shifts[power], crc)
        piece_length >>= 1
        power += 1
    return crc ^ piece_crc


def _gzip_with_tokens(pieces, token, *, padding=0):
    """The stored pieces with `token` between them, in gzip's format (a file name of
    `padding` bytes in the header, as Django's middleware pads against BREACH)."""
    if padding:
        header = bytearray(GZIP_HEADER)
        header[3] = gzip.FNAME
        parts = [bytes(header) + b"a" * padding + b"\x00"]
    else:
        parts = [GZIP_HEADER]
    crc = size = 0
    for number, (deflated, piece_crc, piece_length) in enumerate(pieces):
        if number:
            parts.append(_stored_block(token))
            crc = zlib.crc32(token, crc)
            size += len(token)
        parts.append(deflated)
        crc = _crc32_extended(crc, piece_crc, piece_length)
        size += piece_length
    parts.append(FINAL_EMPTY_BLOCK)
    parts.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(parts)


# ---- Fragments kept compressed ----------------------------------------------------------
# Most of a large page is its cached fragments (the directory's facet options and result
# cards: 130 of its 140 KB). A fragment cache keeps a fragment's text with its compressed
# piece (as between CSRF tokens), and the page tells the page cache which fragments it
# shows: the page is compressed around them, and only the rest of it is compressed on the
# request that stores it.
FRAGMENT_MIN_LENGTH = 2048


# The fragment is looked for in the page by its first bytes, then compared whole.
FRAGMENT_PREFIX_LENGTH = 64


class CompressedFragment(SafeString):
    """A rendered fragment (safe HTML) that also carries `deflated`, its UTF-8 bytes
    compressed as a piece (pickled with it into the fragment cache)."""


def compressed_fragment(text: str) -> str:
    """`text` as the fragment caches keep it: with its compressed piece when it is long."""
    if len(text) < FRAGMENT_MIN_LENGTH or isinstance(text, CompressedFragment):
        return text
    fragment = CompressedFragment(text)
    fragment.deflated = _deflated_piece(text.encode())
    return fragment


def note_fragment(context, value):
    """For fragment tags: `value` (what the tag renders) is part of this request's page,
    noted while the page cache is about to store it (cache_public_page)."""
    if isinstance(value, CompressedFragment):
        request = context.get("request")
        noted = request.__dict__.get("compressed_fragments") if request is not None else None
        if noted is not None:
            noted.append(value)
    return value


def _deflated_around(text, fragments, compressor):
    """`text` compressed as full-flushed pieces, each of the `fragments` (in page order)
    that it contains put in as its stored piece; those are removed from `fragments`.

    One compressor for the rest of the text: a full flush ends its output on a byte and
    forgets what came before, so a fragment's piece can go between two of its flushes.
    """
    parts, start, unused = [], 0, []
    view = memoryview(text)
    for fragment in fragments:
        encoded = fragment.encode()
        at = _position(text, encoded, start)
        if at < 0:
            unused.append(fragment)
            continue
        if at > start:
            parts.append(_flushed(compressor, view[start:at]))
        parts.append(fragment.deflated)
        start = at + len(encoded)
    fragments[:] = unused
    if start < len(text) or not parts:
        parts.append(_flushed(compressor, view[start:]))
    return b"".join(parts)


def _flushed(compressor, data):
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


def _compressor():
    return zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)


def _position(text, encoded, start):
    """Where `encoded` is in `text` from `start` on, or -1. bytes.find is slow for a long
    needle (a tenth of a millisecond for 100 KB); the first bytes are found quickly, and
    the rest compared where they are."""
    prefix = encoded[:FRAGMENT_PREFIX_LENGTH]
    at = text.find(prefix, start)
    while at >= 0 and not text.startswith(encoded, at):
        at = text.find(prefix, at + 1)
    return at


def _gzip(content, fragments):
    """The page in gzip's format, compressed around its known fragments."""
    deflated = _deflated_around(content, list(fragments), _compressor())
    trailer = struct.pack("<II", zlib.crc32(content), len(content) & 0xFFFFFFFF)
    return GZIP_HEADER + deflated + FINAL_EMPTY_BLOCK + trailer


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
    fragments, compressor = list(fragments), _compressor()
    return [
        (_deflated_around(text, fragments, compressor), zlib.crc32(text), len(text))
        for text in texts
    ]


def _from_cache(request, entry):
    if entry["csrf"]:
        token = get_token(request).encode()  # also sets the visitor's CSRF cookie
        content = _gzip_with_tokens(
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
        entry["content"] = _gzip(content, fragments)
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
        # The fragments the page shows, for the page to be compressed around them; not
        # kept on the request past this: requests are freed by the cycle collector, late,
        # and their fragments with them (tens of MB of a worker's memory).
        request.compressed_fragments = []
        try:
            response = view(request, *args, **kwargs)
            entry = _cache_entry(request, response, request.compressed_fragments)
        finally:
            del request.compressed_fragments
        if entry is None:
            return response
        _page_cache().set(key, entry, timeout)
        if _sends_stored_bytes(request, entry):
            # Just compressed to be stored: this visitor gets those bytes, as every later
            # one does, instead of a second compression by the middleware.
            return _from_cache(request, entry)
        return response

    return wrapper
