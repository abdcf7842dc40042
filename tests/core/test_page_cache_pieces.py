"""A cached page with forms is stored compressed around its CSRF tokens and put together
per visitor (core.page_cache): what a visitor gets reads, with gzip's own checks and with
the gzip program, as the page with that visitor's token."""

import gzip
import shutil
import subprocess
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.compression import crc32_extended, gzip_pieces
from core.page_cache import _pieces, _texts_around_tokens

FORM = b'<input type="hidden" name="csrfmiddlewaretoken" value="%s">'
html = st.binary(max_size=3000).map(lambda data: data.replace(b"csrfmiddlewaretoken", b"x"))


def stored(content):
    """What the page cache keeps of a page with forms."""
    return _pieces(_texts_around_tokens(content))


def page(texts, token):
    return (FORM % token).join(texts)


@settings(max_examples=80, deadline=None)
@given(
    texts=st.lists(html, min_size=1, max_size=4),
    stored_token=st.binary(min_size=1, max_size=64).filter(lambda t: b'"' not in t),
    token=st.text(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=64, max_size=64
    ).map(str.encode),
    padding=st.integers(0, 99),
)
def test_the_pieces_with_a_token_are_the_page_with_that_token(texts, stored_token, token, padding):
    pieces = stored(page(texts, stored_token))
    assert len(pieces) == len(texts)
    sent = gzip_pieces(pieces, token, padding=padding)
    # gzip.decompress checks the CRC-32 and the length in the trailer.
    assert gzip.decompress(sent) == page(texts, token)


@settings(max_examples=200, deadline=None)
@given(
    first=st.binary(max_size=500), second=st.binary(max_size=70000), seed=st.integers(0, 2**32 - 1)
)
def test_a_crc_is_extended_over_a_piece_without_reading_it(first, second, seed):
    start = zlib.crc32(first, seed)
    assert crc32_extended(start, zlib.crc32(second), len(second)) == zlib.crc32(second, start)


def test_the_gzip_program_reads_a_page_with_three_forms():
    texts = [b"<html><body>" + b"text " * 5000, b"<p>between</p>" * 300, b"", b"</body></html>"]
    sent = gzip_pieces(stored(page(texts, b"stored")), b"T" * 64, padding=17)
    program = shutil.which("gzip")
    assert program, "the gzip program (Debian's gzip package) is needed"
    result = subprocess.run(  # noqa: S603 - a fixed program and arguments
        [program, "-dc"], input=sent, capture_output=True, check=True
    )
    assert result.stdout == page(texts, b"T" * 64)
    # And the other way round: a test of the archive's integrity passes.
    checked = subprocess.run([program, "-t"], input=sent, capture_output=True)  # noqa: S603
    assert checked.returncode == 0


@pytest.mark.parametrize("length", [0, 1, 65535, 65536, 10**6])
def test_long_and_empty_pieces(length):
    text = bytes(range(256)) * (length // 256 + 1)
    texts = [text[:length], b"end"]
    sent = gzip_pieces(stored(page(texts, b"old")), b"N" * 64)
    assert gzip.decompress(sent) == page(texts, b"N" * 64)
