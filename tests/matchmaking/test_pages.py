"""The public pages: programme (with its participant list), profiles, the marketplace."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import Opportunity, Organisation
from tests.clusters.factories import CompetencyFactory, SectorFactory
from tests.matchmaking.factories import (
    MeetingBlockFactory,
    MeetingFactory,
    MeetingRequestFactory,
    OpportunityFactory,
    ParticipantFactory,
    PendingParticipantFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def _programme_url(programme, name="matchmaking:programme"):
    return reverse(name, kwargs={"slug": programme.event.slug})


def test_the_public_paths_are_kept():
    assert reverse("matchmaking:programme", kwargs={"slug": "c2world"}) == "/events/c2world/b2b/"
    assert (
        reverse("matchmaking:register", kwargs={"slug": "c2world"})
        == "/events/c2world/b2b/register/"
    )
    assert (
        reverse("matchmaking:opportunities", kwargs={"slug": "c2world"})
        == "/events/c2world/b2b/opportunities/"
    )


def test_the_programme_page_shows_days_blocks_and_validated_participants_only(client):
    programme = ProgrammeFactory()
    MeetingBlockFactory(programme=programme)
    shown = ParticipantFactory(programme=programme, person__organisation__name="Visible SME")
    PendingParticipantFactory(programme=programme, person__organisation__name="Hidden Pending")
    response = client.get(_programme_url(programme))
    html = response.content.decode()
    assert response.status_code == 200
    assert "09:00–10:00" in html
    assert "Visible SME" in html
    assert shown.get_absolute_url() in html
    assert "Hidden Pending" not in html
    # Contacts never appear on the list.
    assert shown.person.user.email not in html
    assert shown.person.phone not in html


def test_a_private_list_is_hidden_from_visitors(client):
    programme = ProgrammeFactory(participant_list_public=False)
    ParticipantFactory(programme=programme, person__organisation__name="Quiet SME")
    html = client.get(_programme_url(programme)).content.decode()
    assert "Quiet SME" not in html
    assert "visible to validated participants only" in html


def test_a_private_list_is_shown_to_validated_participants(client):
    programme = ProgrammeFactory(participant_list_public=False)
    ParticipantFactory(programme=programme, person__organisation__name="Quiet SME")
    viewer = ParticipantFactory(programme=programme)
    client.force_login(viewer.person.user)
    assert "Quiet SME" in client.get(_programme_url(programme)).content.decode()


def test_a_draft_events_programme_is_not_found(client):
    programme = ProgrammeFactory(event__status="draft")
    assert client.get(_programme_url(programme)).status_code == 404


def test_the_event_page_links_to_its_programme(client):
    programme = ProgrammeFactory()
    response = client.get(programme.event.get_absolute_url())
    assert _programme_url(programme) in response.content.decode()


def test_an_event_without_programme_has_no_b2b_link(client):
    other = ProgrammeFactory()
    event = ProgrammeFactory().event
    other.delete()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "/b2b/" in html  # its own
    event.b2b_programme.delete()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "/b2b/" not in html


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_an_unvalidated_profile_is_not_found(client, status):
    participant = ParticipantFactory(status=status, validated_at=None)
    assert client.get(participant.get_absolute_url()).status_code == 404
    other = ParticipantFactory(programme=participant.programme)
    client.force_login(other.person.user)
    assert client.get(participant.get_absolute_url()).status_code == 404


def test_participants_read_their_own_pending_profile(client):
    participant = PendingParticipantFactory()
    client.force_login(participant.person.user)
    response = client.get(participant.get_absolute_url())
    assert response.status_code == 200
    assert "Waiting for validation" in response.content.decode()


def test_a_profile_of_another_programme_is_not_found(client):
    participant = ParticipantFactory()
    url = reverse(
        "matchmaking:participant",
        kwargs={"slug": ProgrammeFactory().event.slug, "participant_id": participant.pk},
    )
    assert client.get(url).status_code == 404


def test_contacts_are_hidden_until_a_meeting_is_accepted(client):
    request = MeetingRequestFactory()
    viewer, other = request.sender, request.recipient
    client.force_login(viewer.person.user)
    html = client.get(other.get_absolute_url()).content.decode()
    assert other.person.user.email not in html
    assert other.person.phone not in html
    assert "shown once a meeting is accepted" in html


def test_contacts_show_once_the_meeting_is_accepted(client):
    meeting = MeetingFactory()
    viewer, other = meeting.request.recipient, meeting.request.sender
    client.force_login(viewer.person.user)
    html = client.get(other.get_absolute_url()).content.decode()
    assert other.person.user.email in html
    assert other.person.phone in html


def test_a_cancelled_meeting_hides_the_contacts_again(client):
    meeting = MeetingFactory(status="cancelled")
    client.force_login(meeting.request.sender.person.user)
    html = client.get(meeting.request.recipient.get_absolute_url()).content.decode()
    assert meeting.request.recipient.person.user.email not in html


def test_the_marketplace_lists_opportunities_of_validated_participants(client):
    programme = ProgrammeFactory()
    shown = OpportunityFactory(participant__programme=programme, title="Smart parking sensors")
    OpportunityFactory(
        participant=PendingParticipantFactory(programme=programme), title="Not yet validated"
    )
    OpportunityFactory(title="Another programme")
    html = client.get(_programme_url(programme, "matchmaking:opportunities")).content.decode()
    assert "Smart parking sensors" in html
    assert shown.participant.get_absolute_url() in html
    assert "Not yet validated" not in html
    assert "Another programme" not in html


def test_a_private_list_keeps_the_marketplace_s_posters_from_those_who_may_not_see_it(client):
    programme = ProgrammeFactory(participant_list_public=False)
    opportunity = OpportunityFactory(
        participant__programme=programme,
        participant__person__organisation__name="Quiet Poster SME",
        title="Smart parking sensors",
    )
    url = _programme_url(programme, "matchmaking:opportunities")
    profile = opportunity.participant.get_absolute_url()
    pending = PendingParticipantFactory(programme=programme)
    for viewer in (None, pending.person.user):
        if viewer is not None:
            client.force_login(viewer)
        html = client.get(url).content.decode()
        assert "Smart parking sensors" in html
        assert "Quiet Poster SME" not in html and profile not in html
        assert client.get(profile).status_code == 404
    # A validated participant may read the list: the name links to the profile.
    client.force_login(ParticipantFactory(programme=programme).person.user)
    html = client.get(url).content.decode()
    assert "Quiet Poster SME" in html and profile in html
    assert client.get(profile).status_code == 200


def test_the_marketplace_filters(client):
    programme = ProgrammeFactory()
    iot = CompetencyFactory(name="IoT test platforms")
    mobility = SectorFactory(name="Test mobility")
    parking = OpportunityFactory(
        participant__programme=programme,
        title="Parking IoT",
        kind=Opportunity.Kind.OFFER,
        countries=["MX"],
        competencies=[iot],
        sectors=[mobility],
    )
    chamber = OpportunityFactory(
        participant__programme=programme,
        participant__person__organisation__kind=Organisation.Kind.CHAMBER,
        participant__person__organisation__country="CA",
        title="Trade mission to Canada",
        kind=Opportunity.Kind.PARTNERSHIP,
        countries=[],
    )
    url = _programme_url(programme, "matchmaking:opportunities")

    def titles(**params):
        page = client.get(url, params).context["page_obj"]
        return {opportunity.title for opportunity in page.object_list}

    assert titles() == {parking.title, chamber.title}
    assert titles(q="trade mission") == {chamber.title}
    assert titles(kind="offer") == {parking.title}
    assert titles(country="CA") == {chamber.title}
    assert titles(country="MX") == {parking.title}
    assert titles(sector=mobility.slug) == {parking.title}
    assert titles(competency=iot.slug) == {parking.title}
    assert titles(organisation_kind="chamber") == {chamber.title}
    # Unknown values filter nothing out and never fail.
    assert client.get(url, {"sector": "nope", "kind": "x" * 500}).status_code == 200
    # One bad parameter does not throw away the fields that validate.
    assert titles(q="trade mission", sector="nope") == {chamber.title}
    assert titles(kind="offer", country="XX", q="\x00") == {parking.title}
    assert titles(sector=mobility.slug, competency="nope", organisation_kind="x") == {parking.title}


def test_the_marketplace_is_paginated(client):
    programme = ProgrammeFactory()
    participant = ParticipantFactory(programme=programme)
    for _ in range(25):
        OpportunityFactory(participant=participant)
    url = _programme_url(programme, "matchmaking:opportunities")
    assert len(client.get(url).context["page_obj"].object_list) == 20
    assert len(client.get(url, {"page": 2}).context["page_obj"].object_list) == 5
    assert client.get(url, {"page": "x"}).status_code == 200


def test_validated_participants_post_opportunities(client):
    participant = ParticipantFactory()
    client.force_login(participant.person.user)
    url = _programme_url(participant.programme, "matchmaking:opportunity_create")
    response = client.post(
        url, {"kind": "request", "title": "Looking for a distributor", "description": "In Mexico"}
    )
    assert response.status_code == 302
    assert participant.opportunities.get().title == "Looking for a distributor"
    assert client.post(url, {"kind": "offer", "title": "x" * 161}).status_code == 200
    assert participant.opportunities.count() == 1


def test_pending_participants_and_visitors_cannot_post_opportunities(client):
    participant = PendingParticipantFactory()
    url = _programme_url(participant.programme, "matchmaking:opportunity_create")
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(participant.person.user)
    assert client.post(url, {"kind": "offer", "title": "Early"}).status_code == 404
    assert not participant.opportunities.exists()


@pytest.mark.parametrize("size", [3, 30])
def test_public_pages_query_budget(client, django_assert_max_num_queries, size):
    programme = ProgrammeFactory()
    MeetingBlockFactory(programme=programme)
    competencies = [CompetencyFactory() for _ in range(3)]
    for _ in range(size):
        participant = ParticipantFactory(
            programme=programme, offers=competencies[:2], looks_for=competencies[1:]
        )
        OpportunityFactory(
            participant=participant, competencies=competencies, sectors=[SectorFactory()]
        )
    viewer = ParticipantFactory(programme=programme)
    some = participant
    for signed_in in (False, True):
        if signed_in:
            client.force_login(viewer.person.user)
        with django_assert_max_num_queries(12):
            assert client.get(_programme_url(programme)).status_code == 200
        with django_assert_max_num_queries(12):
            url = _programme_url(programme, "matchmaking:opportunities")
            assert client.get(url, {"q": "Opportunity"}).status_code == 200
        with django_assert_max_num_queries(14):
            assert client.get(some.get_absolute_url()).status_code == 200


def test_registration_window(client):
    programme = ProgrammeFactory(
        registration_opens=timezone.now() + datetime.timedelta(days=1),
        registration_closes=timezone.now() + datetime.timedelta(days=2),
    )
    html = client.get(_programme_url(programme)).content.decode()
    assert _programme_url(programme, "matchmaking:register") not in html
