import datetime
import zoneinfo

from django.core.management import call_command

from core.validators import detect_document_type
from events.demo import placeholder_pdf
from events.models import Event, Material, Session, Speaker, Talk

ROME = zoneinfo.ZoneInfo("Europe/Rome")


def test_demo_creates_the_three_events_of_the_brief(demo_content):
    events = {event.slug: event for event in Event.objects.all()}
    assert sorted(events) == [
        "c2future-final-event",
        "c2world-webinar-2021",
        "strategic-internationalization-to-mexico",
    ]
    assert all(event.status == Event.Status.PUBLISHED for event in events.values())

    final = events["c2future-final-event"]
    assert final.local_start == datetime.datetime(2022, 6, 29, 10, tzinfo=ROME)
    assert final.local_end == datetime.datetime(2022, 6, 29, 18, tzinfo=ROME)
    assert (final.venue_name, final.city, final.country.code) == ("Magna Pars hotel", "Milan", "IT")
    assert final.organiser.slug == "clm"
    assert [s.title for s in final.sessions.all()] == ["Morning session", "Afternoon session"]
    assert all(talk.is_placeholder for talk in Talk.objects.filter(session__event=final))
    kinds = sorted(final.materials.values_list("kind", flat=True))
    assert kinds == ["programme", "recording", "slides", "slides"]

    c2world = events["c2world-webinar-2021"]
    assert c2world.local_start == datetime.datetime(2021, 10, 21, 11, tzinfo=ROME)
    assert c2world.is_online
    assert c2world.slides_url.startswith("https://worldmanufacturing.org/")
    assert c2world.materials.get(title="Consortium presentation").on_request

    mexico = events["strategic-internationalization-to-mexico"]
    assert mexico.local_start == datetime.datetime(2021, 10, 14, 16, tzinfo=ROME)
    speaker = Speaker.objects.get()
    assert speaker.name == "Dr. Sergio Augusto Chan Peniche"
    assert "IMDUT" in speaker.organisation and "2018" in speaker.bio
    assert mexico.materials.get().on_request


def test_demo_files_are_valid_pdfs_that_say_they_are_placeholders(demo_content):
    files = Material.objects.exclude(file="")
    assert files.count() == 2
    for material in files:
        with material.file.open("rb") as handle:
            content = handle.read()
            assert detect_document_type(handle) == "pdf"
        assert b"DEMO PLACEHOLDER" in content
        assert material.file_size == len(content)
        assert material.content_type == "application/pdf"


def test_placeholder_pdf_is_structurally_valid():
    content = placeholder_pdf("Title (with parentheses)", ["Line é"])
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    # The cross-reference table points at each object.
    xref_at = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert content[xref_at:].startswith(b"xref")
    offsets = [int(line.split()[0]) for line in content[xref_at:].split(b"\n")[3:8] if line.strip()]
    for number, offset in enumerate(offsets, start=1):
        assert content[offset:].startswith(f"{number} 0 obj".encode())
    assert b"Title \\(with parentheses\\)" in content


def test_demo_is_idempotent(demo_content):
    counts = [model.objects.count() for model in (Event, Session, Talk, Speaker, Material)]
    call_command("load_demo", verbosity=0)
    assert [model.objects.count() for model in (Event, Session, Talk, Speaker, Material)] == counts


def test_demo_pages_render(client, demo_content):
    for event in Event.objects.all():
        assert client.get(event.get_absolute_url()).status_code == 200
    page = client.get("/events/c2future-final-event/").content.decode()
    assert "Placeholder: details not published" in page
    assert "Programme (Annex 1)" in page
    assert client.get("/speakers/sergio-augusto-chan-peniche/").status_code == 200


def test_home_lists_the_demo_events(client, demo_content):
    response = client.get("/")
    assert response.context["counters"]["published_events"] == 3
    assert "C2Future Final Event" in response.content.decode()
