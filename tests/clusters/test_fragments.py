"""{% cache_or_previous %}: after a write the previous rendering is served at once and the
current one is rendered in the background; the page cache never keeps such a page."""

import gzip

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from clusters.templatetags import fragment_tags
from core import middleware, page_cache

from .factories import UserFactory, full_company

DIRECTORY = reverse("clusters:directory")
SKILLS_MAP = reverse("clusters:skills_map")


@pytest.fixture
def background(settings, monkeypatch):
    """Background refreshes switched on, each one run when the test says."""
    settings.FRAGMENTS_REFRESH_IN_BACKGROUND = True
    pending = []
    monkeypatch.setattr(fragment_tags, "start_refresh", pending.append)
    return pending


def cluster_count_label(content):
    return content.decode().split('for="f-cluster-t-dti"')[1][:80]


def test_facet_panel_after_a_write_is_the_previous_one_until_the_refresh(client, world, background):
    full_company(clusters=[world["dti"]])
    assert "(1)" in cluster_count_label(client.get(DIRECTORY).content)
    assert background == []  # nothing earlier to serve: rendered on the request

    full_company(clusters=[world["dti"]])  # a write: a new data generation
    stale = client.get(DIRECTORY)
    assert "(1)" in cluster_count_label(stale.content)  # served at once, previous counts
    assert len(background) == 1
    # Not kept by the page cache: the next visitor does not get it for minutes.
    assert client.get(DIRECTORY).content == stale.content
    assert len(background) == 1  # one refresh per fragment at a time

    background.pop()()  # the background rendering runs
    assert "(2)" in cluster_count_label(client.get(DIRECTORY).content)
    assert background == []


def test_skills_matrix_after_a_write_is_refreshed_in_the_background(client, world, background):
    full_company(clusters=[world["dti"]], competencies=[world["ev"]])
    first = client.get(SKILLS_MAP).content
    full_company(clusters=[world["dti"]], competencies=[world["ev"]])
    assert client.get(SKILLS_MAP).content == first
    assert len(background) == 1
    background.pop()()
    assert client.get(SKILLS_MAP).content != first


def test_a_stale_page_is_not_stored_in_the_page_cache(client, world, background, settings):
    settings.PAGE_CACHE_SECONDS = 300
    full_company(clusters=[world["dti"]])
    client.get(DIRECTORY)
    full_company(clusters=[world["dti"]])
    caches["pages"].clear()
    client.get(DIRECTORY)  # served the previous panel
    background.pop()()
    assert "(2)" in cluster_count_label(client.get(DIRECTORY).content)


def test_a_failing_background_rendering_is_logged_and_retried(client, world, background, caplog):
    full_company(clusters=[world["dti"]])
    client.get(DIRECTORY)
    full_company(clusters=[world["dti"]])
    client.get(DIRECTORY)
    refresh = background.pop()
    original = fragment_tags.CacheOrPreviousNode._render_and_store

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    fragment_tags.CacheOrPreviousNode._render_and_store = broken
    try:
        refresh()
    finally:
        fragment_tags.CacheOrPreviousNode._render_and_store = original
    assert "in the background failed" in caplog.text
    client.get(DIRECTORY)
    assert len(background) == 1  # the next request starts another refresh


def test_background_refreshes_run_one_at_a_time_in_one_thread():
    import threading
    import time

    runs, done = [], threading.Event()

    def refresh(number):
        def run():
            runs.append(("start", number, threading.current_thread().name))
            time.sleep(0.05)
            runs.append(("end", number, threading.current_thread().name))
            if number == 2:
                done.set()

        return run

    for number in range(3):
        fragment_tags.start_refresh(refresh(number))
    assert done.wait(5)
    assert [(event, number) for event, number, _thread in runs] == [
        ("start", 0),
        ("end", 0),
        ("start", 1),
        ("end", 1),
        ("start", 2),
        ("end", 2),
    ]
    assert {thread for _event, _number, thread in runs} == {"fragment-refresh"}


@pytest.mark.django_db(transaction=True)
def test_a_background_refresh_queries_without_parallel_workers():
    import threading

    from django.db import connection, connections

    seen, done = [], threading.Event()

    def run():
        try:
            fragment_tags._one_core_for_this_thread()
            with connections["default"].cursor() as cursor:
                cursor.execute("SHOW max_parallel_workers_per_gather")
                seen.append(cursor.fetchone()[0])
        finally:
            connections.close_all()
            done.set()

    fragment_tags.start_refresh(run)
    assert done.wait(5)
    assert seen == ["0"]
    with connection.cursor() as cursor:  # the requests' own connection keeps its workers
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] != "0"


@pytest.fixture
def fragments_compressed(world, monkeypatch):
    """A directory of 30 companies with its fragments cached; returns the directory's URL
    and a function that records, for `module`'s `gzip_around`, the fragments of each page
    it compresses."""
    for number in range(30):
        full_company(name=f"Company {number:02}", sectors=[world["mobility"]])
    url = reverse("clusters:directory")
    Client().get(url, {"warm": "1"})  # the fragments are cached
    compress = page_cache.gzip_around

    def record(module):
        recorded = []

        def gzip_around(content, fragments, **kwargs):
            recorded.append(fragments)
            return compress(content, fragments, **kwargs)

        monkeypatch.setattr(module, "gzip_around", gzip_around)
        return recorded

    return url, record


def test_the_directory_is_stored_around_its_fragments_and_reads_as_the_page(
    fragments_compressed, settings
):
    """The facet panel and result cards are kept compressed (core.compression): the stored
    page is made of their pieces, and reads as the page rendered afresh."""
    url, record = fragments_compressed
    compressed_around = record(page_cache)
    storing = Client(HTTP_ACCEPT_ENCODING="gzip").get(url)
    [fragments] = compressed_around
    assert len(fragments) == 2  # the facets and the cards, both from the fragment cache
    assert "compressed_fragments" not in storing.wsgi_request.__dict__
    assert all(fragment.deflated in storing.content for fragment in fragments)
    settings.PAGE_CACHE_SECONDS = 0
    assert gzip.decompress(storing.content) == Client().get(url).content


def test_a_signed_in_visitor_s_directory_is_compressed_around_its_fragments(fragments_compressed):
    """Past the page cache (a session), the compression middleware compresses the page
    around the same fragments, with its random padding, and the bytes read as the page."""
    url, record = fragments_compressed
    compressed_around = record(middleware)
    visitor = Client(HTTP_ACCEPT_ENCODING="gzip")
    visitor.force_login(UserFactory())
    sent = [visitor.get(url) for _ in range(4)]
    assert [len(fragments) for fragments in compressed_around] == [2, 2, 2, 2]
    assert len({len(response.content) for response in sent}) > 1  # padded per response
    plain = visitor.get(url, headers={"accept-encoding": "identity"}).content
    assert all(gzip.decompress(response.content) == plain for response in sent)
    assert all("compressed_fragments" not in r.wsgi_request.__dict__ for r in sent)
