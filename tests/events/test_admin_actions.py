import pytest
from django.urls import reverse

from events.models import Event

from .factories import EventFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:events_event_changelist")


def test_publish_and_unpublish_actions_say_what_they_did(admin_client):
    drafts = EventFactory.create_batch(2, status=Event.Status.DRAFT)
    ids = [event.pk for event in drafts]
    response = admin_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": ids}, follow=True
    )
    assert "2 events published." in response.content.decode()
    assert Event.objects.filter(pk__in=ids, status=Event.Status.PUBLISHED).count() == 2

    response = admin_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": ids[:1]}, follow=True
    )
    assert "1 event unpublished." in response.content.decode()
    assert Event.objects.get(pk=ids[0]).status == Event.Status.DRAFT

    # Already published: nothing changes, and the message says so.
    response = admin_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": ids[1:]}, follow=True
    )
    assert "0 events published." in response.content.decode()
