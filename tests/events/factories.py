import datetime
import zoneinfo

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from events.demo import placeholder_pdf
from events.models import Event, Material, MaterialRequest, Session, Speaker, Talk
from tests.clusters import factories as clusters_factories

ROME = zoneinfo.ZoneInfo("Europe/Rome")


class ClusterFactory(clusters_factories.ClusterFactory):
    # Material requests notify the organising cluster's contact address.
    contact_email = factory.Sequence(lambda n: f"cluster{n}@example.com")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    role = "Researcher"
    organisation = "Example Org"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.CONFERENCE
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "A test event."
    start = factory.LazyFunction(lambda: datetime.datetime(2022, 6, 29, 10, tzinfo=ROME))
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=8))
    time_zone = "Europe/Rome"
    venue_name = "Test venue"
    city = "Milan"
    country = "IT"
    status = Event.Status.PUBLISHED


class UpcomingEventFactory(EventFactory):
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    position = factory.Sequence(lambda n: n)


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk
        skip_postgeneration_save = True

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"Talk {n}")
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create and extracted:
            self.speakers.set(extracted)


PDF_BYTES = placeholder_pdf("Test document")


class MaterialFactory(factory.django.DjangoModelFactory):
    """A material with an uploaded PDF; pass external_url=... or on_request=True with
    file=None for the other sources."""

    class Meta:
        model = Material

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Material {n}")
    kind = Material.Kind.SLIDES
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="slides.pdf"))
    content_type = "application/pdf"
    file_size = len(PDF_BYTES)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("file") is None:
            kwargs["file"] = ""
            kwargs["content_type"] = ""
            kwargs["file_size"] = None
        return super()._create(model_class, *args, **kwargs)


class MaterialRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaterialRequest

    material = factory.SubFactory(MaterialFactory, file=None, on_request=True)
    name = "Ada Requester"
    email = "ada@example.com"
    organisation = "Example SME"
    purpose = "Research"
    consent = True


def material_request_data(for_material, **changes):
    """A valid POST of the "request this material" form."""
    return {
        "material": str(for_material.pk),
        "name": "Ada Requester",
        "email": "ada@example.com",
        "organisation": "Example SME",
        "purpose": "To prepare our market study.",
        "consent": "on",
        "website_url": "",
        **changes,
    }
