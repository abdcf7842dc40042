"""Registration: signed-in accounts, member SMEs prefilled from the directory, profiles kept
across events, the organisers' validation."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from matchmaking import services
from matchmaking.models import Organisation, Participant, Person
from tests.clusters.factories import CompanyFactory, CompetencyFactory, SectorFactory
from tests.matchmaking.factories import (
    AccountFactory,
    ParticipantFactory,
    PersonFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def _url(programme):
    return reverse("matchmaking:register", kwargs={"slug": programme.event.slug})


def _data(**changes):
    return {
        "name": "Fictional Movilidad SA",
        "kind": "company",
        "country": "MX",
        "city": "Monterrey",
        "website": "https://movilidad.example",
        "full_name": "Ana Pérez",
        "job_title": "CEO",
        "phone": "+52 81 0000 0000",
        "languages": ["es", "en"],
        "time_zone": "America/Monterrey",
        "preferred_language": "es",
        "looks_for_text": "Smart parking technology",
        "target_countries": ["IT"],
        **changes,
    }


def test_visitors_are_sent_to_sign_in(client):
    programme = ProgrammeFactory()
    response = client.get(_url(programme))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_company_from_a_target_country_registers_and_waits_for_validation(client):
    programme = ProgrammeFactory()
    competency = CompetencyFactory()
    user = AccountFactory()
    client.force_login(user)
    assert client.get(_url(programme)).status_code == 200
    response = client.post(_url(programme), _data(looks_for=[competency.pk]))
    assert response.status_code == 302
    participant = Participant.objects.get(person__user=user)
    assert participant.status == Participant.Status.PENDING
    assert participant.person.organisation.name == "Fictional Movilidad SA"
    assert participant.person.languages == ["es", "en"]
    assert list(participant.looks_for.all()) == [competency]
    assert [str(c) for c in participant.target_countries] == ["IT"]
    # Not yet on the public list.
    html = client.get(reverse("matchmaking:programme", args=[programme.event.slug])).content
    assert b"Fictional Movilidad SA" not in html


def test_organisation_details_are_required_without_a_directory_company(client):
    client.force_login(AccountFactory())
    programme = ProgrammeFactory()
    response = client.post(_url(programme), _data(name="", kind="", country=""))
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"name", "kind", "country"}
    assert not Participant.objects.exists()


def test_something_offered_or_looked_for_is_required(client):
    client.force_login(AccountFactory())
    response = client.post(_url(ProgrammeFactory()), _data(looks_for_text=""))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_a_member_sme_is_prefilled_from_its_published_directory_company(client):
    sector = SectorFactory()
    company = CompanyFactory(
        name="Sensori Urbani Srl", status="published", website="https://sensori.example"
    )
    company.sectors.set([sector])
    client.force_login(AccountFactory())
    programme = ProgrammeFactory()
    response = client.get(_url(programme), {"company": company.slug})
    initial = response.context["form"].initial
    assert initial["company"] == company.pk
    assert initial["name"] == "Sensori Urbani Srl"
    assert initial["sectors"] == [sector]


def test_a_member_sme_joins_the_organisation_of_its_directory_company(client):
    company = CompanyFactory(name="Sensori Urbani Srl", status="published", country="IT")
    programme = ProgrammeFactory()
    for _ in range(2):
        client.force_login(AccountFactory())
        data = _data(company=company.pk, name="", kind="", country="")
        assert client.post(_url(programme), data).status_code == 302
    organisation = Organisation.objects.get(company=company)
    assert organisation.kind == Organisation.Kind.MEMBER_SME
    assert organisation.name == "Sensori Urbani Srl"
    assert organisation.people.count() == 2


def test_two_people_of_one_member_sme_registering_at_once_share_the_organisation(client):
    from django.db import connection

    company = CompanyFactory(name="Sensori Urbani Srl", status="published", country="IT")
    programme = ProgrammeFactory()
    raced = []
    lookup = 'FROM "matchmaking_organisation" WHERE "matchmaking_organisation"."company_id"'

    def other_registrant_commits_first(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        # Right after our lookup missed, the colleague's registration creates it.
        if not raced and sql.startswith("SELECT") and lookup in sql:
            raced.append(Organisation.objects.create(company=company, name="Sensori", country="IT"))
        return result

    client.force_login(AccountFactory())
    with connection.execute_wrapper(other_registrant_commits_first):
        response = client.post(_url(programme), _data(company=company.pk, name="", kind=""))
    assert raced and response.status_code == 302
    assert Organisation.objects.filter(company=company).count() == 1
    assert Participant.objects.get(programme=programme).person.organisation == raced[0]


def test_unpublished_companies_cannot_be_claimed(client):
    company = CompanyFactory(status="draft")
    client.force_login(AccountFactory())
    response = client.post(_url(ProgrammeFactory()), _data(company=company.pk))
    assert response.status_code == 200
    assert "company" in response.context["form"].errors


def test_a_second_event_reuses_the_profile(client):
    previous = ParticipantFactory(offers_text="Parking sensors", target_countries=["CA"])
    person = previous.person
    client.force_login(person.user)
    programme = ProgrammeFactory()
    initial = client.get(_url(programme)).context["form"].initial
    assert initial["full_name"] == person.full_name
    assert initial["name"] == person.organisation.name
    assert initial["offers_text"] == "Parking sensors"
    assert initial["target_countries"] == ["CA"]
    client.post(_url(programme), _data(full_name="Renamed Person"))
    assert Person.objects.count() == 1
    person.refresh_from_db()
    assert person.full_name == "Renamed Person"
    assert person.participations.count() == 2
    assert Organisation.objects.count() == 1


def test_registering_again_updates_and_a_rejected_registration_goes_back_to_the_queue(client):
    participant = ParticipantFactory(
        status="rejected", rejection_reason="Incomplete", validated_at=None
    )
    client.force_login(participant.person.user)
    client.post(_url(participant.programme), _data(looks_for_text="Now complete"))
    participant.refresh_from_db()
    assert participant.status == Participant.Status.PENDING
    assert participant.rejection_reason == ""
    assert participant.looks_for_text == "Now complete"
    assert Participant.objects.count() == 1


def test_registration_outside_its_window_is_refused(client):
    programme = ProgrammeFactory(
        registration_opens=timezone.now() - datetime.timedelta(days=5),
        registration_closes=timezone.now() - datetime.timedelta(days=1),
    )
    client.force_login(AccountFactory())
    response = client.post(_url(programme), _data())
    assert response.status_code == 200
    assert b"Registration is not open" in response.content
    assert not Participant.objects.exists()


def test_hostile_input_never_fails(client):
    client.force_login(AccountFactory())
    programme = ProgrammeFactory()
    response = client.post(
        _url(programme),
        _data(languages=["xx"], time_zone="Mars/Olympus", company="abc", sectors=["x"]),
    )
    assert response.status_code == 200
    assert client.get(_url(programme), {"company": "x" * 1000}).status_code == 200


def test_validation_and_rejection_services(django_capture_on_commit_callbacks, mailoutbox):
    staff = AccountFactory(is_staff=True)
    pending = ParticipantFactory(status="pending", validated_at=None)
    pending.person.preferred_language = "es"
    pending.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.validate_participants([pending], by=staff) == 1
    assert mailoutbox[-1].to == [pending.person.user.email]
    assert pending.programme.event.slug in mailoutbox[-1].body
    pending.refresh_from_db()
    assert pending.is_validated and pending.validated_by == staff
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reject_participants([pending], reason="Not a B2B profile", by=staff) == 1
    assert "Not a B2B profile" in mailoutbox[-1].body
    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert pending.rejection_reason == "Not a B2B profile"
    assert services.reject_participants([pending], reason="again", by=staff) == 0


def test_generate_slots_fills_blocks_and_keeps_existing_slots():
    from tests.matchmaking.factories import MeetingBlockFactory

    programme = ProgrammeFactory(slot_minutes=25, table_count=2)
    MeetingBlockFactory(
        programme=programme, start_time=datetime.time(9), end_time=datetime.time(10)
    )
    assert services.generate_slots(programme) == 2  # 09:00 and 09:25; 09:50 would not fit
    assert services.generate_slots(programme) == 0
    slots = list(programme.slots.all())
    assert [timezone.localtime(slot.start, programme.tzinfo).time() for slot in slots] == [
        datetime.time(9),
        datetime.time(9, 25),
    ]
    assert list(programme.tables.values_list("number", flat=True)) == [1, 2]


def _local_slots(programme):
    return [
        (
            timezone.localtime(slot.start, programme.tzinfo).time(),
            timezone.localtime(slot.end, programme.tzinfo).time(),
        )
        for slot in programme.slots.order_by("start")
    ]


def test_a_new_slot_length_replaces_empty_slots_and_never_overlaps_a_booked_one():
    from tests.matchmaking.factories import MeetingBlockFactory, MeetingFactory

    programme = ProgrammeFactory(slot_minutes=20, table_count=1)
    MeetingBlockFactory(
        programme=programme, start_time=datetime.time(9), end_time=datetime.time(10)
    )
    services.generate_slots(programme)
    booked_slot = programme.slots.order_by("start")[1]  # 09:20–09:40
    MeetingFactory(request__programme=programme, programme=programme, slot=booked_slot)
    programme.slot_minutes = 30
    programme.save()
    services.generate_slots(programme)
    t = datetime.time
    # 09:00–09:30 and 09:30–10:00 would overlap the booked 09:20–09:40: not created.
    assert _local_slots(programme) == [(t(9, 20), t(9, 40))]
    assert programme.slots.filter(pk=booked_slot.pk).exists()


def test_overlapping_blocks_never_make_overlapping_slots():
    from tests.matchmaking.factories import MeetingBlockFactory

    programme = ProgrammeFactory(slot_minutes=20, table_count=1)
    MeetingBlockFactory(
        programme=programme, start_time=datetime.time(9), end_time=datetime.time(10)
    )
    # Saved without validation (e.g. before the check existed): 09:30–10:30.
    MeetingBlockFactory(
        programme=programme, start_time=datetime.time(9, 30), end_time=datetime.time(10, 30)
    )
    services.generate_slots(programme)
    slots = _local_slots(programme)
    for (_start, end), (next_start, _next_end) in zip(slots, slots[1:], strict=False):
        assert end <= next_start, slots
    t = datetime.time
    assert slots[:3] == [(t(9), t(9, 20)), (t(9, 20), t(9, 40)), (t(9, 40), t(10))]


def test_a_block_overlapping_another_of_the_same_day_is_refused():
    from django.core.exceptions import ValidationError

    from tests.matchmaking.factories import MeetingBlockFactory

    block = MeetingBlockFactory(start_time=datetime.time(9), end_time=datetime.time(10))
    overlapping = MeetingBlockFactory.build(
        programme=block.programme,
        date=block.date,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(11),
    )
    with pytest.raises(ValidationError):
        overlapping.full_clean()
    after = MeetingBlockFactory.build(
        programme=block.programme,
        date=block.date,
        start_time=datetime.time(10),
        end_time=datetime.time(11),
    )
    after.full_clean()  # touching is fine
    block.full_clean()  # a block does not overlap itself


def test_the_person_has_one_organisation():
    person = PersonFactory()
    assert person.organisation.people.get() == person


def test_directory_languages_become_codes():
    from matchmaking.forms import spoken_language_codes

    assert spoken_language_codes("English, Italian, es, Klingon, english") == ["en", "it", "es"]


def test_a_first_registration_starts_in_the_events_time_zone(client):
    client.force_login(AccountFactory())
    programme = ProgrammeFactory(event__time_zone="America/Mexico_City")
    initial = client.get(_url(programme)).context["form"].initial
    assert initial["time_zone"] == "America/Mexico_City"
    assert initial["preferred_language"] == "en"


def test_registration_posts_are_rate_limited_per_account(client):
    client.force_login(AccountFactory())
    url = _url(ProgrammeFactory())
    for _ in range(20):
        assert client.post(url, {"full_name": ""}).status_code == 200
    assert client.post(url, {"full_name": ""}).status_code == 429


@pytest.mark.parametrize("slug", ["\x00", "a\x00b", "x" * 221, "../x", "☃"])
def test_a_hostile_company_parameter_is_ignored(client, slug):
    programme = ProgrammeFactory()
    client.force_login(AccountFactory())
    response = client.get(_url(programme), {"company": slug})
    assert response.status_code == 200
    assert response.context["form"].initial.get("company") is None


@pytest.mark.parametrize(
    "change, goes_back",
    [
        ({}, False),
        ({"job_title": "CTO", "phone": "+52 81 1111 1111"}, False),
        ({"offers_text": "Now we sell parking fines"}, True),
        ({"name": "Another Company SA"}, True),
        ({"offers": "competency"}, True),
    ],
)
def test_a_validated_participant_who_changes_organisation_or_offers_is_reviewed_again(
    client, change, goes_back
):
    programme = ProgrammeFactory()
    competency = CompetencyFactory()
    client.force_login(AccountFactory())
    assert client.post(_url(programme), _data(offers_text="Parking sensors")).status_code == 302
    participant = Participant.objects.get(programme=programme)
    participant.status = Participant.Status.VALIDATED
    participant.validated_at = timezone.now()
    participant.save()
    if change.get("offers") == "competency":
        change = {"offers": [competency.pk]}
    data = _data(**{"offers_text": "Parking sensors", **change})
    assert client.post(_url(programme), data).status_code == 302
    participant.refresh_from_db()
    expected = Participant.Status.PENDING if goes_back else Participant.Status.VALIDATED
    assert participant.status == expected
    assert (participant.validated_at is None) == goes_back
