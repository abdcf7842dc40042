"""The C2World B2B week demo: fictional, marked demo, consistent, idempotent."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from matchmaking.models import (
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Opportunity,
    Organisation,
    Participant,
    Programme,
)

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_c2world_week(demo_content, client):
    programme = Programme.objects.get(event__slug="c2world-webinar-2021")
    assert programme.slots.count() == 5 * 2 * 9  # five days, two 3-hour blocks of 20 minutes
    participants = Participant.objects.filter(programme=programme)
    assert participants.filter(status="validated").count() >= 12
    assert participants.filter(status="pending").count() == 1
    assert all(participant.is_demo for participant in participants)
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {"member", "company", "chamber", "institution"} <= kinds
    countries = {str(o.country) for o in Organisation.objects.exclude(kind="member")}
    assert countries == {"US", "CA", "MX", "CO"}
    assert all("(fictional" in o.name for o in Organisation.objects.exclude(kind="member"))
    assert all(o.company.is_demo for o in Organisation.objects.filter(kind="member"))
    assert Opportunity.objects.count() == participants.count()
    meetings = Meeting.objects.filter(programme=programme)
    assert meetings.count() >= 6 and all(m.is_demo and m.video_link for m in meetings)
    assert MeetingSeat.objects.filter(meeting__in=meetings).count() == 2 * meetings.count()
    assert set(MeetingRequest.objects.values_list("status", flat=True)) == {
        "accepted",
        "declined",
        "expired",
    }
    for user_email in participants.values_list("person__user__email", flat=True):
        assert user_email.endswith("@example.com")
    for name in ("matchmaking:programme", "matchmaking:opportunities"):
        assert client.get(reverse(name, args=[programme.event.slug])).status_code == 200


def test_the_demo_is_idempotent(demo_content):
    counts = (Participant.objects.count(), Meeting.objects.count(), Opportunity.objects.count())
    call_command("load_demo", verbosity=0)
    assert counts == (
        Participant.objects.count(),
        Meeting.objects.count(),
        Opportunity.objects.count(),
    )


def test_every_demo_row_of_every_matchmaking_model_is_marked_demo(demo_content):
    from django.apps import apps

    marked = []
    for model in apps.get_app_config("matchmaking").get_models():
        if not any(field.name == "is_demo" for field in model._meta.get_fields()):
            continue
        marked.append(model.__name__)
        # The demo is all there is in the test database: every row is a demo row.
        assert model.objects.exists(), model
        assert not model.objects.filter(is_demo=False).exists(), model
    assert "Opportunity" in marked and "Meeting" in marked
