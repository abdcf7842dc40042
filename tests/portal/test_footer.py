"""The footer leads every visitor to the open data and the API documentation."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/directory/", "/events/"])
def test_footer_links_to_open_data_and_the_api_docs(client, url):
    page = client.get(url).content.decode()
    assert '<a href="/open-data/">Open data</a>' in page
    assert '<a href="/api/v1/docs/">JSON API</a>' in page
    assert client.get("/open-data/").status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200
