"""Query budgets of the meeting pages at two sizes: the count does not grow with the number
of slots, meetings and participants of the programme."""

import pytest
from django.urls import reverse

from matchmaking.models import Meeting, MeetingRequest
from tests.matchmaking.factories import (
    AccountFactory,
    MeetingFactory,
    MeetingRequestFactory,
    ParticipantFactory,
)
from tests.matchmaking.factories_meetings import programme_with_slots

pytestmark = pytest.mark.django_db

SIZES = [2, 12]
ACCEPT_GET, RESCHEDULE_GET, REQUEST_GET, AVAILABILITY_GET, REGISTER_GET = 10, 11, 10, 6, 9
# POSTs include the emails (queued at once in tests) and the rate limit's bookkeeping.
ACCEPT_POST, RESCHEDULE_POST, REQUEST_POST, REGISTER_POST = 24, 33, 19, 18


def url(name, programme, **kwargs):
    return reverse(f"matchmaking:{name}", kwargs={"slug": programme.event.slug, **kwargs})


def busy_programme(size):
    """A programme with size + 2 slots; the viewer already meets `size` people, and `size`
    requests wait for them."""
    setup = programme_with_slots(slots=size + 2, tables=2, request_cap=100)
    viewer = ParticipantFactory(programme=setup.programme)
    for slot in setup.slots[:size]:
        MeetingFactory(
            request__sender=viewer,
            request__recipient__programme=setup.programme,
            slot=slot,
            table=setup.tables[0],
        )
    for _ in range(size):
        MeetingRequestFactory(
            sender=ParticipantFactory(programme=setup.programme), recipient=viewer
        )
    return setup, viewer


@pytest.mark.parametrize("size", SIZES)
def test_accept_budget(client, size, django_assert_max_num_queries):
    setup, viewer = busy_programme(size)
    request = MeetingRequest.objects.filter(recipient=viewer).first()
    client.force_login(viewer.person.user)
    target = url("accept", setup.programme, request_id=request.pk)
    with django_assert_max_num_queries(ACCEPT_GET):
        assert client.get(target).status_code == 200
    free = setup.slots[size]
    with django_assert_max_num_queries(ACCEPT_POST):
        response = client.post(target, {"choice": f"{free.pk}:site"})
    assert response.status_code == 302
    assert Meeting.objects.get(request=request).slot == free


@pytest.mark.parametrize("size", SIZES)
def test_reschedule_budget_and_post_through_the_view(client, size, django_assert_max_num_queries):
    setup, viewer = busy_programme(size)
    meeting = Meeting.objects.filter(request__sender=viewer).order_by("slot__start").first()
    client.force_login(viewer.person.user)
    target = url("reschedule", setup.programme, meeting_id=meeting.pk)
    with django_assert_max_num_queries(RESCHEDULE_GET):
        page = client.get(target)
    assert page.status_code == 200
    free = setup.slots[size + 1]
    with django_assert_max_num_queries(RESCHEDULE_POST):
        response = client.post(target, {"choice": f"{free.pk}:site"})
    assert response.status_code == 302
    assert response["Location"] == url("agenda", setup.programme)
    meeting.refresh_from_db()
    assert meeting.slot == free and meeting.sequence == 1
    assert set(meeting.seats.values_list("slot", flat=True)) == {free.pk}


@pytest.mark.parametrize("size", SIZES)
def test_request_page_budget(client, size, django_assert_max_num_queries):
    setup, viewer = busy_programme(size)
    other = ParticipantFactory(programme=setup.programme)
    client.force_login(viewer.person.user)
    target = url("request_meeting", setup.programme, participant_id=other.pk)
    with django_assert_max_num_queries(REQUEST_GET):
        assert client.get(target).status_code == 200
    with django_assert_max_num_queries(REQUEST_POST):
        assert client.post(target, {"message": "Hello"}).status_code == 302
    assert MeetingRequest.objects.filter(sender=viewer, recipient=other).exists()


@pytest.mark.parametrize("size", SIZES)
def test_availability_budget(client, size, django_assert_max_num_queries):
    setup, viewer = busy_programme(size)
    client.force_login(viewer.person.user)
    with django_assert_max_num_queries(AVAILABILITY_GET):
        assert client.get(url("availability", setup.programme)).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_register_budget(client, size, django_assert_max_num_queries):
    from tests.matchmaking.test_registration import _data

    setup, _viewer = busy_programme(size)
    client.force_login(AccountFactory())
    target = url("register", setup.programme)
    with django_assert_max_num_queries(REGISTER_GET):
        assert client.get(target).status_code == 200
    with django_assert_max_num_queries(REGISTER_POST):
        assert client.post(target, _data()).status_code == 302
