"""Long cached fragments are kept with their compressed piece, and a page is compressed
around the fragments it shows (core.page_cache): what is sent reads, with gzip's own checks,
as the page itself, whatever the fragments and wherever they are."""

import gzip
import zlib

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from core.compression import (
    FRAGMENT_MIN_LENGTH,
    FRAGMENT_PREFIX_LENGTH,
    CompressedFragment,
    compressed_fragment,
    gzip_around,
    gzip_pieces,
)
from core.page_cache import _pieces, _texts_around_tokens

FORM = '<input type="hidden" name="csrfmiddlewaretoken" value="%s">'
words = st.text("abc <>/é·ΑΒ\n", max_size=300)


def long_fragment(text):
    """A fragment of at least FRAGMENT_MIN_LENGTH characters that starts like `text`."""
    fragment = compressed_fragment((text + "x" * FRAGMENT_MIN_LENGTH)[: FRAGMENT_MIN_LENGTH + 50])
    assert isinstance(fragment, CompressedFragment)
    return fragment


@settings(max_examples=120, deadline=None)
@given(
    parts=st.lists(st.one_of(words, st.integers(0, 3)), max_size=8),
    starts=st.lists(words, min_size=4, max_size=4),
    noted=st.lists(st.integers(0, 3), max_size=5),
)
def test_a_page_compressed_around_its_fragments_is_the_page(parts, starts, noted):
    # Fragments that share their first bytes, shown in any order, several times or not at
    # all, and noted whether the page shows them or not.
    shared = "p" * FRAGMENT_PREFIX_LENGTH
    fragments = [long_fragment(shared + start) for start in starts]
    page = "".join(fragments[part] if isinstance(part, int) else part for part in parts)
    content = page.encode()
    sent = gzip_around(content, [fragments[number] for number in noted])
    assert gzip.decompress(sent) == content  # checks the CRC-32 and length too


def test_the_stored_page_reuses_the_fragment_piece():
    fragment = long_fragment("<ol>" + "<li>card</li>" * 300)
    content = f"<html><body>{fragment}</body></html>".encode()
    sent = gzip_around(content, [fragment])
    assert fragment.deflated in sent
    assert gzip.decompress(sent) == content
    # A fragment that is not on the page changes nothing.
    other = long_fragment("<ul>" + "<li>other</li>" * 300)
    assert gzip.decompress(gzip_around(content, [other])) == content


@settings(max_examples=60, deadline=None)
@given(before=words, between=words, after=words, token=st.text("abcdef0123456789", min_size=64))
def test_pages_with_forms_reuse_fragments_between_their_tokens(before, between, after, token):
    fragment = long_fragment("<fieldset>" + between)
    page = before + FORM % "stored" + str(fragment) + after + FORM % "stored" + str(fragment)
    pieces = _pieces(_texts_around_tokens(page.encode()), [fragment, fragment])
    sent = gzip_pieces(pieces, token.encode())
    assert gzip.decompress(sent).decode() == page.replace("stored", token)


def test_short_fragments_stay_plain_text_and_long_ones_are_cached_with_their_piece():
    assert type(compressed_fragment("short")) is str
    fragment = long_fragment("é" * 10)
    cache.set("test-fragment", fragment)  # pickled by the cache
    copy = cache.get("test-fragment")
    assert copy == fragment and isinstance(copy, CompressedFragment)
    # A piece ends with a full flush, not the final block: it reads as the text so far.
    assert zlib.decompressobj(-zlib.MAX_WBITS).decompress(copy.deflated) == copy.encode()


@pytest.mark.django_db
def test_the_cache_tag_keeps_django_s_keys_and_output():
    source = "{%% load %s %%}{%% cache 60 sample key %%}{{ text }}{%% endcache %%}"
    text = "row, " * 600
    request = RequestFactory().get("/")
    request.compressed_fragments = []  # as cache_public_page does while it stores a page
    cache.clear()
    ours = Template(source % "compressed_cache").render(Context({"text": text, "request": request}))
    assert ours == text
    assert [len(fragment) for fragment in request.compressed_fragments] == [len(text)]
    # Django's own tag reads what ours stored, under the same key, as the same text.
    assert Template(source % "cache").render(Context({"text": "changed"})) == text


@pytest.mark.django_db
def test_fragments_are_noted_only_while_a_page_is_stored_and_not_kept_after():
    """With nobody to compress the page (neither the page cache storing it nor the
    compression middleware), nothing is noted: noted fragments would live on the request
    until the cycle collector frees it."""
    text = "row, " * 600
    template = Template("{% load compressed_cache %}{% cache 60 kept %}{{ text }}{% endcache %}")
    request = RequestFactory().get("/")
    template.render(Context({"text": text, "request": request}))
    assert "compressed_fragments" not in request.__dict__


def test_the_gzip_program_reads_a_padded_page_compressed_around_fragments():
    import shutil
    import subprocess

    cards = long_fragment("<ol>" + "<li>card</li>" * 400)
    facets = long_fragment("<fieldset>" + "<input>" * 400)
    content = f"<html>{facets}<main>{cards}</main>{facets}</html>".encode()
    sent = gzip_around(content, [facets, cards, facets], padding=17)
    program = shutil.which("gzip")
    assert program, "the gzip program (Debian's gzip package) is needed"
    result = subprocess.run(  # noqa: S603 - a fixed program and arguments
        [program, "-dc"], input=sent, capture_output=True, check=True
    )
    assert result.stdout == content
    assert subprocess.run([program, "-t"], input=sent).returncode == 0  # noqa: S603
