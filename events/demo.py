"""Demo content for the events archive: the three events named in
../shared/brief/facts.md, with their real facts only. Files whose originals are not
available are small generated PDFs that say they are demo placeholders; agenda items
whose details are unknown are flagged as placeholders. Idempotent (keyed by slug)."""

import datetime
import zoneinfo

from django.core.files.base import ContentFile

from clusters.models import Cluster

from .models import Event, Material, Session, Speaker, Talk

ROME = zoneinfo.ZoneInfo("Europe/Rome")
PDF_CONTENT_TYPE = "application/pdf"


def placeholder_pdf(title, lines=()):
    """A small, valid one-page PDF whose text says it is a demo placeholder."""

    def escape(text):
        text = text.encode("latin-1", "replace").decode("latin-1")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text_lines = [title, "", "DEMO PLACEHOLDER - not the original document.", *lines]
    operations = ["BT", "/F1 14 Tf", "72 760 Td", "18 TL"]
    for line in text_lines:
        operations.append(f"({escape(line)}) Tj T*")
    operations.append("ET")
    stream = "\n".join(operations).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(output)
    output += f"xref\n0 {len(objects) + 1}\n".encode()
    output += b"0000000000 65535 f \n"
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(output)


def _at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ROME)


def _event(slug, **fields):
    event, _ = Event.objects.get_or_create(slug=slug, defaults=fields)
    return event


def _session(event, title, position):
    session, _ = Session.objects.get_or_create(
        event=event, title=title, defaults={"position": position}
    )
    return session


def _talk(session, title, position, speakers=(), **fields):
    talk, created = Talk.objects.get_or_create(
        session=session, title=title, defaults={"position": position, **fields}
    )
    if created and speakers:
        talk.speakers.set(speakers)
    return talk


def _material(event, title, kind, position, *, pdf_lines=None, **fields):
    if Material.objects.filter(event=event, title=title).exists():
        return
    material = Material(event=event, title=title, kind=kind, position=position, **fields)
    if pdf_lines is not None:
        content = placeholder_pdf(f"{title} - {event.title}", pdf_lines)
        material.file.save(f"{event.slug}-{kind}-{position}.pdf", ContentFile(content), save=False)
        material.content_type = PDF_CONTENT_TYPE
        material.file_size = len(content)
    material.save()


def _final_event(clm):
    event = _event(
        "c2future-final-event",
        kind=Event.Kind.CONFERENCE,
        title="C2Future Final Event",
        summary=(
            "The closing conference of C2Future, in English, on the internationalisation of "
            "SMEs toward California, Colombia and Mexico."
        ),
        description=(
            "Institutional speakers and SMEs presented best practices of "
            "internationalisation toward California, Colombia and Mexico.\n\n"
            "Over a hundred participants took part in the conference, organised by the "
            "Lombardy Mobility Cluster, the project coordinator."
        ),
        start=_at(2022, 6, 29, 10),
        end=_at(2022, 6, 29, 18),
        time_zone="Europe/Rome",
        venue_name="Magna Pars hotel",
        city="Milan",
        country="IT",
        organiser=clm,
        language="en",
        status=Event.Status.PUBLISHED,
    )
    morning = _session(event, "Morning session", 1)
    afternoon = _session(event, "Afternoon session", 2)
    _talk(
        morning,
        "Institutional speakers and SME best practices (demo placeholder: "
        "the detailed agenda is in the programme)",
        1,
        is_placeholder=True,
    )
    _talk(
        afternoon,
        "Internationalisation toward California, Colombia and Mexico (demo placeholder: "
        "the detailed agenda is in the programme)",
        1,
        is_placeholder=True,
    )
    note = ["The original document is held by the C2Future secretariat."]
    _material(event, "Programme (Annex 1)", Material.Kind.PROGRAMME, 1, pdf_lines=note)
    _material(
        event,
        "Morning session presentations (Annex 2)",
        Material.Kind.SLIDES,
        2,
        session=morning,
        pdf_lines=note,
    )
    _material(
        event,
        "Afternoon session presentations (Annex 3)",
        Material.Kind.SLIDES,
        3,
        session=afternoon,
        on_request=True,
    )
    _material(
        event,
        "Recording of the morning and afternoon sessions",
        Material.Kind.RECORDING,
        4,
        on_request=True,
    )
    return event


def _c2world_webinar():
    event = _event(
        "c2world-webinar-2021",
        kind=Event.Kind.WEBINAR,
        title=(
            "C2Future C2World: How Small and Medium Enterprises Can Address Internationalization"
        ),
        summary=(
            "A webinar within World Manufacturing Week 2021, with B2B meetings through the "
            "week of 18–22 October 2021."
        ),
        description=(
            "The third of the project's online events, held within World Manufacturing Week "
            "2021 (World Manufacturing Forum, Cernobbio, Lake Como), with B2B meetings "
            "through the week of 18–22 October 2021.\n\n"
            "Target countries discussed: Canada, Colombia, Mexico and the USA. Speakers came "
            "from chambers of commerce and companies; companies from the 6 clusters in "
            "Italy, Spain, Bulgaria, Serbia and Greece took part.\n\n"
            "Held in English and recorded for streaming."
        ),
        # Announced as "11:00 CET": Italian local time, which on 21 October is CEST.
        start=_at(2021, 10, 21, 11),
        end=_at(2021, 10, 21, 11),
        time_zone="Europe/Rome",
        is_online=True,
        language="en",
        slides_url=(
            "https://worldmanufacturing.org/activities/world-manufacturing-week-2021/presentations/"
        ),
        status=Event.Status.PUBLISHED,
    )
    if not event.partner_clusters.exists():
        event.partner_clusters.set(Cluster.objects.filter(is_partner=True))
    _material(
        event,
        "Presentations (World Manufacturing Forum website)",
        Material.Kind.SLIDES,
        1,
        external_url=event.slides_url,
    )
    _material(event, "Consortium presentation", Material.Kind.SLIDES, 2, on_request=True)
    return event


def _mexico_webinar():
    event = _event(
        "strategic-internationalization-to-mexico",
        kind=Event.Kind.WEBINAR,
        title="Strategic Internationalization to Mexico",
        summary=(
            "A webinar on mobility in Mexico, offered through the Consulate of Mexico in Italy."
        ),
        description=(
            "A webinar offered through the Consulate of Mexico in Italy on mobility in Mexico."
        ),
        start=_at(2021, 10, 14, 16),
        end=_at(2021, 10, 14, 16),
        time_zone="Europe/Rome",
        is_online=True,
        language="en",
        status=Event.Status.PUBLISHED,
    )
    speaker, _ = Speaker.objects.get_or_create(
        slug="sergio-augusto-chan-peniche",
        defaults={
            "name": "Dr. Sergio Augusto Chan Peniche",
            "role": "Deputy Director of Mobility",
            "organisation": (
                "Institute of Mobility and Territorial Urban Development (IMDUT), "
                "Yucatán State Government"
            ),
            "country": "MX",
            "bio": (
                "Deputy Director of Mobility at the Institute of Mobility and Territorial "
                "Urban Development (IMDUT) of the Yucatán State Government. Since 2018 he has "
                "been a technical consultant on municipal, metropolitan and territorial "
                "mobility projects for the Mexican government."
            ),
        },
    )
    session = _session(event, "Webinar", 1)
    _talk(session, "Mobility in Mexico", 1, speakers=[speaker])
    _material(event, "Slides", Material.Kind.SLIDES, 1, on_request=True)
    return event


def load():
    clm = Cluster.objects.filter(slug="clm").first()
    _final_event(clm)
    _c2world_webinar()
    _mexico_webinar()
