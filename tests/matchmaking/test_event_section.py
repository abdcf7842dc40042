"""The event page's link to its B2B programme: shown at once when a programme is added,
gone at once when it is removed, and read from the cache past the page cache."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.events.factories import EventFactory
from tests.matchmaking.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_the_programme_link_follows_the_programme(
    django_assert_max_num_queries, past_the_page_cache
):
    event = EventFactory(title="B2B week", slug="b2b-week", kind="b2b")
    link = reverse("matchmaking:programme", kwargs={"slug": event.slug})
    url = event.get_absolute_url()
    assert link not in Client().get(url).content.decode()
    programme = ProgrammeFactory(event=event)
    assert link in Client().get(url).content.decode()  # the page cache retired too
    past_the_page_cache().get(url)
    with django_assert_max_num_queries(1):  # the session lookup; the link is cached
        assert link in past_the_page_cache().get(url).content.decode()
    programme.delete()
    assert link not in past_the_page_cache().get(url).content.decode()
    assert link not in Client().get(url).content.decode()
