import pytest
from django.core.files.base import ContentFile

from events.models import Event
from tests.clusters.conftest import world  # noqa: F401 - the taxonomy and clusters
from tests.clusters.factories import CompanyFactory, full_company
from tests.events.factories import (
    EventFactory,
    MaterialFactory,
    SessionFactory,
    SpeakerFactory,
    TalkFactory,
)

API = "/api/v1"


@pytest.fixture
def api_world(world):  # noqa: F811 - the fixture imported above
    """The clusters `world`, two published companies, a draft, and a published event
    with a programme and materials beside a draft event."""
    ev = full_company(
        name="Charging Grid Srl",
        slug="charging-grid",
        clusters=[world["clm"]],
        sectors=[world["mobility"]],
        competencies=[world["ev"]],
        targets=["US"],
        vat_number="IT-SECRET-VAT",
        contact_name="Private Person",
        contact_email="private@example.com",
        consent_publish_contact=False,
    )
    iot = full_company(
        name="Sensor Works",
        slug="sensor-works",
        clusters=[world["dti"]],
        sectors=[world["ict"]],
        competencies=[world["iot"]],
        targets=["CO"],
        country="BG",
        contact_name="Public Person",
        contact_email="public@example.com",
        consent_publish_contact=True,
    )
    draft = CompanyFactory(name="Draft Charging Co", slug="draft-charging", status="draft")
    event = EventFactory(title="Smart city forum", slug="smart-city-forum", organiser=world["clm"])
    session = SessionFactory(event=event, title="Opening")
    speaker = SpeakerFactory(name="Ada Speaker", slug="ada-speaker")
    talk = TalkFactory(session=session, title="Keynote", speakers=[speaker])
    material = MaterialFactory(event=event, session=session, title="Keynote slides")
    draft_event = EventFactory(title="Secret plan", slug="secret-plan", status=Event.Status.DRAFT)
    hidden_speaker = SpeakerFactory(name="Hidden Speaker", slug="hidden-speaker")
    TalkFactory(session=SessionFactory(event=draft_event), speakers=[hidden_speaker])
    MaterialFactory(event=draft_event, title="Draft slides", file=ContentFile(b"%PDF", "d.pdf"))
    return {
        **world,
        "ev_company": ev,
        "iot_company": iot,
        "draft": draft,
        "event": event,
        "talk": talk,
        "speaker": speaker,
        "material": material,
        "draft_event": draft_event,
    }
