"""The participant's dashboard and the meeting views: suggestions with their reasons,
requests in and out, who may answer what, what is shown of whom, rate limits, query budgets."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import Meeting, MeetingRequest
from tests.clusters.factories import ClusterFactory, CompanyFactory
from tests.matchmaking.factories import (
    MeetingFactory,
    MeetingRequestFactory,
    OrganisationFactory,
    ParticipantFactory,
    PendingParticipantFactory,
)
from tests.matchmaking.factories_meetings import competency, programme_with_slots

pytestmark = pytest.mark.django_db


def url(name, programme, **kwargs):
    return reverse(f"matchmaking:{name}", kwargs={"slug": programme.event.slug, **kwargs})


def signed_in(client, participant):
    client.force_login(participant.person.user)
    return client


BIM = "Building information modelling (BIM)"


@pytest.fixture
def competencies():
    names = ["Smart parking", "IoT platforms", BIM]
    return {name: competency(name) for name in names}


def test_anonymous_visitors_are_sent_to_sign_in(client):
    setup = programme_with_slots()
    response = client.get(url("dashboard", setup.programme))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_signed_in_stranger_is_sent_to_registration(client):
    setup = programme_with_slots()
    stranger = ParticipantFactory()  # of another programme
    response = signed_in(client, stranger).get(url("dashboard", setup.programme))
    assert response.status_code == 302
    assert response["Location"] == url("register", setup.programme)


def test_the_dashboard_suggests_a_match_and_says_why(client, competencies):
    setup = programme_with_slots()
    parking, iot, bim = (competencies[n] for n in ("Smart parking", "IoT platforms", BIM))
    viewer = ParticipantFactory(
        programme=setup.programme,
        looks_for=[parking, iot],
        offers=[bim],
        target_countries=["MX"],
        person__organisation__country="IT",
    )
    match = ParticipantFactory(
        programme=setup.programme,
        offers=[parking, iot],
        looks_for=[bim],
        person__organisation__country="MX",
        person__full_name="Lucía Match",
    )
    ParticipantFactory(programme=setup.programme, offers=[bim])  # nothing for the viewer
    page = signed_in(client, viewer).get(url("dashboard", setup.programme)).content.decode()
    assert "Lucía Match" in page
    assert (
        "They offer IoT platforms and Smart parking, which you look for; you offer Building "
        "information modelling (BIM), which they look for; Mexico is one of your target markets."
    ) in page
    assert url("request_meeting", setup.programme, participant_id=match.pk) in page
    # Contact details are never on the dashboard before a meeting.
    assert match.person.user.email not in page and match.person.phone not in page


def test_own_cluster_members_are_left_out_unless_asked(client, competencies):
    setup = programme_with_slots()
    cluster = ClusterFactory()
    parking, bim = competencies["Smart parking"], competencies[BIM]

    def member(**fields):
        company = CompanyFactory()
        company.clusters.add(cluster)
        organisation = OrganisationFactory(company=company)
        return ParticipantFactory(
            programme=setup.programme, person__organisation=organisation, **fields
        )

    viewer = member(looks_for=[parking], offers=[bim])
    mate = member(offers=[parking], looks_for=[bim], person__full_name="Cluster Mate")
    page = signed_in(client, viewer).get(url("dashboard", setup.programme)).content.decode()
    assert "Cluster Mate" not in page
    viewer.suggest_own_cluster = True
    viewer.save()
    page = client.get(url("dashboard", setup.programme)).content.decode()
    assert "Cluster Mate" in page and mate.pk


def test_declined_and_met_pairs_are_not_suggested_again(client, competencies):
    setup = programme_with_slots()
    parking, bim = competencies["Smart parking"], competencies[BIM]
    viewer = ParticipantFactory(programme=setup.programme, looks_for=[parking], offers=[bim])

    def candidate(name):
        return ParticipantFactory(
            programme=setup.programme,
            offers=[parking],
            looks_for=[bim],
            person__full_name=name,
        )

    declined, met, _fresh = candidate("Declined One"), candidate("Met One"), candidate("Fresh One")
    MeetingRequestFactory(sender=viewer, recipient=declined, status="declined")
    MeetingFactory(request__sender=met, request__recipient=viewer, slot=setup.slots[0])
    page = signed_in(client, viewer).get(url("dashboard", setup.programme)).content.decode()
    assert "Fresh One" in page
    suggested = page.split('id="suggested-title"')[1].split("</section>")[0]
    assert "Declined One" not in suggested and "Met One" not in suggested


def test_a_pending_participant_sees_the_wait_and_no_suggestions(client, competencies):
    setup = programme_with_slots()
    viewer = PendingParticipantFactory(programme=setup.programme, looks_for=[competencies[BIM]])
    ParticipantFactory(programme=setup.programme, offers=[competencies[BIM]])
    page = signed_in(client, viewer).get(url("dashboard", setup.programme)).content.decode()
    assert "checking your registration" in page
    assert "suggestion" not in page.split('id="suggested-title"')[1].split("</section>")[0]


def test_requests_in_and_out_are_listed(client):
    setup = programme_with_slots()
    viewer = ParticipantFactory(programme=setup.programme)
    incoming = MeetingRequestFactory(
        recipient=viewer,
        sender__programme=setup.programme,
        sender__person__full_name="Asks Me",
        message="Let us talk about parking.",
    )
    outgoing = MeetingRequestFactory(sender=viewer, recipient__person__full_name="I Asked")
    MeetingRequestFactory(
        sender=viewer,
        recipient__person__full_name="Too Late",
        expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    page = signed_in(client, viewer).get(url("dashboard", setup.programme)).content.decode()
    assert "Asks Me" in page and "Let us talk about parking." in page
    assert url("accept", setup.programme, request_id=incoming.pk) in page
    assert "I Asked" in page and url("cancel", setup.programme, request_id=outgoing.pk) in page
    closed = page.split('id="recent-title"')[1]
    assert "Too Late" in closed and "Expired" in closed


def test_requesting_a_meeting_through_the_form(client, django_capture_on_commit_callbacks):
    setup = programme_with_slots()
    viewer = ParticipantFactory(programme=setup.programme)
    other = ParticipantFactory(programme=setup.programme)
    signed_in(client, viewer)
    form = client.get(url("request_meeting", setup.programme, participant_id=other.pk))
    assert form.status_code == 200 and other.person.user.email not in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("request_meeting", setup.programme, participant_id=other.pk),
            {"message": "Hello there"},
        )
    assert response.status_code == 302
    assert response["Location"] == url("dashboard", setup.programme)
    assert MeetingRequest.objects.get().message == "Hello there"
    assert [m.to for m in mail.outbox] == [[other.person.user.email]]
    # A second request to the same person says why it is refused.
    again = client.post(
        url("request_meeting", setup.programme, participant_id=other.pk),
        {"message": "Again"},
        follow=True,
    )
    assert "already have a pending request" in again.content.decode()
    assert MeetingRequest.objects.count() == 1


def test_unvalidated_or_foreign_participants_cannot_be_asked(client):
    setup = programme_with_slots()
    viewer = ParticipantFactory(programme=setup.programme)
    pending = PendingParticipantFactory(programme=setup.programme)
    foreign = ParticipantFactory()
    signed_in(client, viewer)
    for target in (pending, foreign, viewer):
        target_url = url("request_meeting", setup.programme, participant_id=target.pk)
        assert client.get(target_url).status_code == 404
        assert client.post(target_url, {"message": "Hi"}).status_code == 404
    assert MeetingRequest.objects.count() == 0


def test_only_the_recipient_can_answer_a_request(client):
    setup = programme_with_slots()
    sender, recipient, stranger = (ParticipantFactory(programme=setup.programme) for _ in "abc")
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    slot = setup.slots[0]
    for who in (sender, stranger):
        signed_in(client, who)
        accept_url = url("accept", setup.programme, request_id=request.pk)
        assert client.get(accept_url).status_code == 404
        assert client.post(accept_url, {"choice": f"{slot.pk}:site"}).status_code == 404
        decline_url = url("decline", setup.programme, request_id=request.pk)
        assert client.post(decline_url, {"reason": "no"}).status_code == 404
    assert client.post(url("cancel", setup.programme, request_id=request.pk)).status_code == 404
    request.refresh_from_db()
    assert request.is_pending and not Meeting.objects.exists()


def test_accepting_through_the_page_lists_only_free_slots_in_the_viewer_s_zone(client):
    setup = programme_with_slots(slots=3, tables=0, online=True)
    sender = ParticipantFactory(programme=setup.programme)
    recipient = ParticipantFactory(
        programme=setup.programme, person__time_zone="America/Mexico_City"
    )
    busy, free_one, free_two = setup.slots
    MeetingFactory(request__sender=sender, request__recipient__programme=setup.programme, slot=busy)
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    signed_in(client, recipient)
    page = client.get(url("accept", setup.programme, request_id=request.pk)).content.decode()
    assert f'value="{busy.pk}:online"' not in page
    assert f'value="{free_one.pk}:online"' in page and f'value="{free_two.pk}:online"' in page
    mexico_time = free_one.start.astimezone(recipient.person.tzinfo).strftime("%H:%M")
    assert f"{mexico_time}–" in page and "America/Mexico_City" in page
    response = client.post(
        url("accept", setup.programme, request_id=request.pk),
        {"choice": f"{free_two.pk}:online", "video_link": "https://meet.example/room"},
    )
    assert response.status_code == 302 and response["Location"] == url("agenda", setup.programme)
    meeting = Meeting.objects.get(request=request)
    assert meeting.slot == free_two and meeting.video_link == "https://meet.example/room"
    # A forged choice of a busy slot is refused with the message, nothing booked.
    other_request = MeetingRequestFactory(sender__programme=setup.programme, recipient=recipient)
    refused = client.post(
        url("accept", setup.programme, request_id=other_request.pk),
        {"choice": f"{free_two.pk}:online"},
        follow=True,
    )
    assert "Select a valid choice" in refused.content.decode()
    assert not Meeting.objects.filter(request=other_request).exists()


def test_declining_through_the_page(client):
    setup = programme_with_slots()
    request = MeetingRequestFactory(sender=ParticipantFactory(programme=setup.programme))
    signed_in(client, request.recipient)
    response = client.post(
        url("decline", setup.programme, request_id=request.pk), {"reason": "Not our market."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "declined" and request.decline_reason == "Not our market."


def test_meeting_requests_are_rate_limited(client, settings):
    settings.RATELIMIT_ENABLE = True
    from matchmaking.views import meetings

    setup = programme_with_slots(request_cap=100)
    viewer = ParticipantFactory(programme=setup.programme)
    others = [ParticipantFactory(programme=setup.programme) for _ in range(21)]
    limit = int(meetings.REQUEST_RATE.split("/")[0])
    signed_in(client, viewer)
    statuses = [
        client.post(
            url("request_meeting", setup.programme, participant_id=other.pk), {"message": "Hi"}
        ).status_code
        for other in others[: limit + 1]
    ]
    assert statuses[:limit] == [302] * limit
    assert statuses[limit] == 429
    assert MeetingRequest.objects.count() == limit


# ---- Query budgets at two sizes ------------------------------------------------------------


def _populate(programme, size, competencies):
    parking, iot, bim = competencies.values()
    viewer = ParticipantFactory(programme=programme, looks_for=[parking, iot], offers=[bim])
    for index in range(size):
        other = ParticipantFactory(
            programme=programme, offers=[parking, iot], looks_for=[bim], target_countries=["IT"]
        )
        if index % 3 == 0:
            MeetingRequestFactory(sender=other, recipient=viewer)
        elif index % 3 == 1:
            MeetingRequestFactory(sender=viewer, recipient=other)
    return viewer


@pytest.mark.parametrize("size", [3, 30])
def test_dashboard_query_budget(client, competencies, size, django_assert_max_num_queries):
    setup = programme_with_slots(request_cap=100)
    viewer = _populate(setup.programme, size, competencies)
    signed_in(client, viewer)
    with django_assert_max_num_queries(20):
        response = client.get(url("dashboard", setup.programme))
    assert response.status_code == 200
    assert response.content.decode().count('class="card mb-3 suggestion"') == min(
        10, size - (size + 2) // 3 - (size + 1) // 3
    )


def test_availability_defaults_to_every_block_and_hides_unticked_ones(client):
    from matchmaking import booking
    from matchmaking.models import Unavailability
    from tests.matchmaking.factories import MeetingBlockFactory, SlotFactory

    setup = programme_with_slots(slots=1)
    morning = setup.slots[0].block
    afternoon = MeetingBlockFactory(
        programme=setup.programme,
        start_time=datetime.time(14, 0),
        end_time=datetime.time(15, 0),
    )
    later = SlotFactory(
        block=afternoon,
        programme=setup.programme,
        start=afternoon.local_bounds(setup.programme.tzinfo)[0],
    )
    viewer = ParticipantFactory(programme=setup.programme)
    signed_in(client, viewer)
    page = client.get(url("availability", setup.programme)).content.decode()
    assert page.count("checked") == 2  # every block by default
    response = client.post(url("availability", setup.programme), {"blocks": [str(morning.pk)]})
    assert response.status_code == 302
    assert list(Unavailability.objects.values_list("block_id", flat=True)) == [afternoon.pk]
    client.post(url("availability", setup.programme), {"blocks": [str(morning.pk)]})
    assert Unavailability.objects.count() == 1  # saving again changes nothing
    request = MeetingRequestFactory(sender__programme=setup.programme, recipient=viewer)
    assert [choice.slot for choice in booking.free_slots(request)] == [setup.slots[0]]
    client.post(
        url("availability", setup.programme), {"blocks": [str(morning.pk), str(afternoon.pk)]}
    )
    assert Unavailability.objects.count() == 0
    assert {choice.slot for choice in booking.free_slots(request)} == {setup.slots[0], later}
    # A block of another programme is not a valid choice.
    other = MeetingBlockFactory()
    client.post(url("availability", setup.programme), {"blocks": [str(other.pk)]})
    assert Unavailability.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"choice": "abc"},
        {"choice": "99999999999999999999:site"},
        {"choice": "1:teleport"},
        {"choice": ["1:site", "2:site"], "video_link": "javascript:alert(1)"},
        {"choice": "\x00"},
    ],
)
def test_hostile_slot_choices_are_form_errors_never_500(client, data):
    setup = programme_with_slots()
    request = MeetingRequestFactory(sender=ParticipantFactory(programme=setup.programme))
    signed_in(client, request.recipient)
    response = client.post(url("accept", setup.programme, request_id=request.pk), data)
    assert response.status_code == 200
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"message": "x" * 5000},
        {"message": "Hi", "opportunity": "99999999999999999999"},
        {"message": "Hi", "opportunity": "abc"},
        {"message": "\x00"},
    ],
)
def test_hostile_request_forms_are_form_errors_never_500(client, data):
    setup = programme_with_slots()
    viewer, other = (ParticipantFactory(programme=setup.programme) for _ in "ab")
    signed_in(client, viewer)
    target = url("request_meeting", setup.programme, participant_id=other.pk)
    assert client.post(target, data).status_code == 200
    assert client.get(target + "?opportunity=99999999999999999999").status_code == 200
    assert not MeetingRequest.objects.exists()


def test_hostile_decline_and_ids_are_handled(client):
    setup = programme_with_slots()
    request = MeetingRequestFactory(sender=ParticipantFactory(programme=setup.programme))
    signed_in(client, request.recipient)
    response = client.post(
        url("decline", setup.programme, request_id=request.pk), {"reason": "x" * 5000}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.is_pending
    huge = 99999999999999999999
    assert client.get(url("accept", setup.programme, request_id=huge)).status_code == 404
    assert client.get(url("reschedule", setup.programme, meeting_id=huge)).status_code == 404
    assert (
        client.get(url("request_meeting", setup.programme, participant_id=huge)).status_code == 404
    )


@pytest.mark.parametrize("value", ["²", "١٢", "\x00", "99999999999999999999999", "-1", "1e3"])
def test_a_hostile_opportunity_parameter_is_ignored(client, value):
    setup = programme_with_slots()
    viewer = ParticipantFactory(programme=setup.programme)
    other = ParticipantFactory(programme=setup.programme)
    signed_in(client, viewer)
    target = url("request_meeting", setup.programme, participant_id=other.pk)
    response = client.get(target, {"opportunity": value})
    assert response.status_code == 200
    assert "opportunity" not in response.context["form"].initial
