"""A visit to an Italian page must not leave Italian active for the next test."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_1_visit_an_italian_page(client):
    assert client.get("/it/about/").status_code == 200


def test_2_next_test_reverses_english_urls():
    assert reverse("portal:about") == "/about/"
