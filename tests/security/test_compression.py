"""Text responses are compressed (Lighthouse "Enable text compression"), including pages
from the page cache, and forms on compressed pages still post (CSRF)."""

import gzip
import re

import pytest
from django.urls import reverse

from tests.events.factories import EventFactory, MaterialFactory

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip, deflate, br"}


def unzipped(response):
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    return gzip.decompress(response.content).decode()


@pytest.mark.parametrize("path", ["/", "/events/", "/directory/", "/events/feed.atom"])
def test_text_responses_are_gzipped_when_the_client_accepts_it(client, path):
    EventFactory()
    response = client.get(path, headers=GZIP)
    assert response.status_code == 200
    body = unzipped(response)
    assert len(response.content) < len(body.encode())
    plain = client.get(path)
    assert not plain.has_header("Content-Encoding")


def test_cached_page_is_compressed_too(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    event = EventFactory(title="Cached event")
    first = client.get(event.get_absolute_url(), headers=GZIP)
    again = client.get(event.get_absolute_url(), headers=GZIP)
    assert "Cached event" in unzipped(first)
    assert "Cached event" in unzipped(again)
    # Served plain to a client that does not accept gzip, from the same cache entry.
    assert "Cached event" in client.get(event.get_absolute_url()).content.decode()


def test_form_on_a_compressed_cached_page_still_posts(settings):
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 300
    material = MaterialFactory(file=None, on_request=True)
    Client().get(material.event.get_absolute_url())  # fills the page cache
    browser = Client(enforce_csrf_checks=True)
    page = unzipped(browser.get(material.event.get_absolute_url(), headers=GZIP))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post(
        reverse("events:request", args=[material.event.slug]),
        {
            "csrfmiddlewaretoken": token,
            "material": str(material.pk),
            "name": "Ada",
            "email": "ada@example.com",
            "consent": "on",
        },
        headers=GZIP,
    )
    assert response.status_code == 302


def test_compressed_pages_differ_in_length_against_breach(client):
    # Django's GZip adds random padding, so the length does not leak the page's secrets.
    material = MaterialFactory(file=None, on_request=True)
    lengths = {
        len(client.get(material.event.get_absolute_url(), headers=GZIP).content) for _ in range(8)
    }
    assert len(lengths) > 1


def test_padded_gzip_reads_as_the_content_whatever_its_padding():
    from core.middleware import gzip_padded

    content = b"<p>C2Future</p>" * 500
    outputs = {gzip_padded(content, max_random_bytes=100) for _ in range(20)}
    assert len({len(output) for output in outputs}) > 1  # padded by a random file name
    for output in outputs:
        assert output[3] & gzip.FNAME
        assert gzip.decompress(output) == content
    assert gzip.decompress(gzip_padded(content)) == content
