"""Pages in gzip's format put together from pieces compressed ahead of time.

A piece is a run of deflate blocks ended by a full flush: it ends on a byte and refers to
nothing before it, so pieces can be joined in any order, with other bytes between them
as uncompressed ("stored") blocks, into one valid deflate stream. The page cache
(core.page_cache) stores a page with forms as the pieces between its CSRF tokens; long
cached fragments carry their own piece (`compressed_fragment`), so a page that shows them
is compressed around them (`gzip_around`), by the page cache and by
core.middleware.TextGZipMiddleware alike.
"""

import functools
import gzip
import struct
import zlib

from django.utils.safestring import SafeString

# Pages past the page cache are compressed on every request: level 1 (nginx's default
# gzip_comp_level) takes a third of the time of zlib's default 6 for 10-20% more bytes.
GZIP_LEVEL = 1


# A page with forms is stored as the compressed text between its CSRF tokens: each piece a
# run of deflate blocks ended by a full flush (byte-aligned, referring to nothing before
# it), so a visitor's token goes between them as an uncompressed ("stored") block and the
# page is sent without compressing it again. gzip's trailer needs the CRC-32 of the whole
# text: each piece's CRC and length are kept, and CRC-32's linearity extends a CRC over a
# piece without reading it (as zlib's crc32_combine does).
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\xff"
FINAL_EMPTY_BLOCK = b"\x03\x00"


def deflated_piece(text):
    return flushed(new_compressor(), text)


def stored_block(data):
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


def crc32_extended(crc, piece_crc, piece_length):
    """crc32(piece, crc) from crc32(piece) and len(piece): the CRC of text + piece."""
    shifts = _zero_shifts()
    power = 0
    while piece_length:
        if piece_length & 1:
            crc = _apply(shifts[power], crc)
        piece_length >>= 1
        power += 1
    return crc ^ piece_crc


def gzip_pieces(pieces, token, *, padding=None):
    """The stored pieces with `token` between them, in gzip's format (a file name of
    `padding` bytes in the header, as Django's middleware pads against BREACH)."""
    parts = []
    crc = size = 0
    for number, (deflated, piece_crc, piece_length) in enumerate(pieces):
        if number:
            parts.append(stored_block(token))
            crc = zlib.crc32(token, crc)
            size += len(token)
        parts.append(deflated)
        crc = crc32_extended(crc, piece_crc, piece_length)
        size += piece_length
    return _gzip_file(b"".join(parts), crc, size, padding)


# ---- Fragments kept compressed ----------------------------------------------------------
# Most of a large page is its cached fragments (the directory's facet options and result
# cards: 130 of its 140 KB). A fragment cache keeps a fragment's text with its compressed
# piece (as between CSRF tokens), and the fragment tags note on the request which fragments
# the page shows: the page is compressed around them, and only the rest of it is compressed.
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
    fragment.deflated = deflated_piece(text.encode())
    return fragment


def note_fragment(context, value):
    """For fragment tags: `value` (what the tag renders) is part of this request's page,
    noted while someone is to compress the page (`noting_fragments`)."""
    if isinstance(value, CompressedFragment):
        request = context.get("request")
        noted = request.__dict__.get(NOTED) if request is not None else None
        if noted is not None:
            noted.append(value)
    return value


# The request attribute that lists the fragments noted so far.
NOTED = "compressed_fragments"


def noting_fragments(request) -> bool:
    """From now on the request's fragments are noted; False if they already were (whoever
    started it takes them back with `noted_fragments`)."""
    if NOTED in request.__dict__:
        return False
    request.__dict__[NOTED] = []
    return True


def noted_fragments(request) -> list:
    """The fragments noted on the request, no longer kept on it: a request is freed by the
    cycle collector, late, and 100 KB fragments held by requests come to tens of MB."""
    return request.__dict__.pop(NOTED, None) or []


def deflated_around(text, fragments, compressor):
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
            parts.append(flushed(compressor, view[start:at]))
        parts.append(fragment.deflated)
        start = at + len(encoded)
    fragments[:] = unused
    if start < len(text) or not parts:
        parts.append(flushed(compressor, view[start:]))
    return b"".join(parts)


def flushed(compressor, data):
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


def new_compressor():
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


def gzip_header(padding=None):
    """gzip's header; with `padding` (0 included), a file name of that many bytes, as
    Django's `compress_string` pads against BREACH."""
    if padding is None:
        return GZIP_HEADER
    header = bytearray(GZIP_HEADER)
    header[3] = gzip.FNAME
    return bytes(header) + b"a" * padding + b"\x00"


def gzip_around(content, fragments=(), *, padding=None):
    """The page in gzip's format, compressed around the known fragments it shows."""
    deflated = deflated_around(content, list(fragments), new_compressor())
    return _gzip_file(deflated, zlib.crc32(content), len(content), padding)


def _gzip_file(deflated, crc, size, padding):
    """Full-flushed deflate pieces as a gzip file: header, the pieces, the final block,
    and the trailer (the text's CRC-32 and length)."""
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return gzip_header(padding) + deflated + FINAL_EMPTY_BLOCK + trailer
