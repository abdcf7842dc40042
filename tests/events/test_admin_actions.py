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


def offered_actions(page):
    form = page.context["action_form"]  # None when no action is offered at all
    return set() if form is None else {name for name, _label in form.fields["action"].choices}


@pytest.fixture
def viewer_client(client, django_user_model):
    """Staff who may only look at events and material requests (no change or add)."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", "viewer@example.com", "pw")
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events",
            codename__in=["view_event", "view_materialrequest"],
        )
    )
    client.force_login(user)
    return client


def test_view_only_staff_are_offered_no_actions_that_change_events(viewer_client):
    draft = EventFactory(status=Event.Status.DRAFT)
    page = viewer_client.get(CHANGELIST)
    assert page.status_code == 200
    actions = offered_actions(page)
    assert not actions & {"publish", "unpublish", "duplicate_events"}
    viewer_client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})
    viewer_client.post(CHANGELIST, {"action": "duplicate_events", "_selected_action": [draft.pk]})
    assert Event.objects.get(pk=draft.pk).status == Event.Status.DRAFT
    assert Event.objects.count() == 1


def test_view_only_staff_cannot_mark_material_requests(viewer_client):
    from events.models import MaterialRequest

    from .factories import MaterialRequestFactory

    material_request = MaterialRequestFactory()
    changelist = reverse("admin:events_materialrequest_changelist")
    page = viewer_client.get(changelist)
    assert page.status_code == 200
    actions = offered_actions(page)
    assert not actions & {"mark_sent", "mark_declined"}
    viewer_client.post(
        changelist, {"action": "mark_sent", "_selected_action": [material_request.pk]}
    )
    material_request.refresh_from_db()
    assert material_request.status == MaterialRequest.Status.NEW
