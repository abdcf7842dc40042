"""Demo: the C2World B2B week (18–22 October 2021, online) with fictional participants.

Member SMEs of the six clusters (the directory's demo companies) and clearly fictional
organisations from the four target countries, their opportunities, requests and meetings,
all marked is_demo (accounts: unusable passwords, @example.com addresses). Loaded after the
events and clusters demos; idempotent: once the programme exists nothing is added again.
"""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from clusters.models import Cluster, Company, Competency, Sector
from events.models import Event

from . import services
from .models import (
    Meeting,
    MeetingBlock,
    MeetingRequest,
    MeetingSeat,
    Opportunity,
    Organisation,
    Participant,
    Person,
    Programme,
    Slot,
)

EVENT_SLUG = "c2world-webinar-2021"
ROME = zoneinfo.ZoneInfo("Europe/Rome")
WEEK = [datetime.date(2021, 10, day) for day in range(18, 23)]
MEMBERS_PER_CLUSTER = 2

CLUSTER_LANGUAGES = {"BG": "bg", "ES": "es", "RS": "sr", "IT": "it", "GR": "el"}

# (name, kind, country, city, languages, time zone, offers text, looks-for text, sector slug)
INTERNATIONAL = [
    (
        "Demo Movilidad Inteligente S.A. de C.V. (fictional)",
        Organisation.Kind.COMPANY,
        "MX",
        "Monterrey",
        ["es", "en"],
        "America/Monterrey",
        "Fleet operations in Nuevo León; local distribution and installation teams.",
        "Smart parking sensors and IoT platforms to distribute in Mexico.",
        "mobility",
    ),
    (
        "Demo Cámara de Comercio Bogotá Norte (fictional chamber)",
        Organisation.Kind.CHAMBER,
        "CO",
        "Bogotá",
        ["es"],
        "America/Bogota",
        "Introductions to Colombian municipalities and trade missions.",
        "European SMEs in energy efficiency and green building for a trade mission.",
        "utilities-energy",
    ),
    (
        "Demo Andes Energía Urbana S.A.S. (fictional)",
        Organisation.Kind.COMPANY,
        "CO",
        "Medellín",
        ["es", "en"],
        "America/Bogota",
        "Street-lighting projects with Colombian cities.",
        "LED retrofit and energy monitoring technology partners.",
        "utilities-energy",
    ),
    (
        "Demo Great Lakes Transit Labs Inc. (fictional)",
        Organisation.Kind.COMPANY,
        "CA",
        "Toronto",
        ["en", "fr"],
        "America/Toronto",
        "Mobility data platform used by Canadian transit agencies.",
        "Partners in mobility-as-a-service and ticketing for a European pilot.",
        "mobility",
    ),
    (
        "Demo Québec Bâtiment Durable (fictional institution)",
        Organisation.Kind.INSTITUTION,
        "CA",
        "Montréal",
        ["fr", "en"],
        "America/Toronto",
        "Applied research on sustainable buildings; pilot sites.",
        "Green building materials and home automation SMEs.",
        "construction-building",
    ),
    (
        "Demo Bay Area Curbside Analytics LLC (fictional)",
        Organisation.Kind.COMPANY,
        "US",
        "San Jose",
        ["en", "es"],
        "America/Los_Angeles",
        "Curbside and parking analytics for Californian cities.",
        "Hardware partners for parking sensors and EV charging.",
        "mobility",
    ),
    (
        "Demo Lone Star Water Systems Corp. (fictional)",
        Organisation.Kind.COMPANY,
        "US",
        "Austin",
        ["en"],
        "America/Chicago",
        "Water utilities in Texas as customers.",
        "Environmental monitoring and water treatment technology.",
        "environment",
    ),
    (
        "Demo Puebla Digital Hub A.C. (fictional)",
        Organisation.Kind.OTHER,
        "MX",
        "Puebla",
        ["es"],
        "America/Mexico_City",
        "Co-working and soft landing for European ICT SMEs in Mexico.",
        "ICT SMEs looking for a base in Mexico.",
        "ict",
    ),
]

OPPORTUNITY_TITLES = {
    Opportunity.Kind.OFFER: "{short}: {competency} for partners in {countries}",
    Opportunity.Kind.REQUEST: "Looking for {competency} partners",
    Opportunity.Kind.PARTNERSHIP: "Joint pilot with a city in {countries}",
}


def _account(slug):
    User = get_user_model()
    email = f"demo-b2b-{slug}@example.com"
    user, created = User.objects.get_or_create(
        username=f"demo-b2b-{slug}"[:150], defaults={"email": email}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _programme(event):
    programme = Programme.objects.create(
        event=event,
        introduction=(
            "One-to-one online B2B meetings all week during World Manufacturing Week 2021: "
            "SMEs of the six C2Future clusters met companies, chambers and institutions from "
            "Canada, Colombia, Mexico and the USA. (Demo: the participants below are "
            "fictional.)"
        ),
        registration_opens=datetime.datetime(2021, 9, 20, 9, tzinfo=ROME),
        registration_closes=datetime.datetime(2021, 10, 15, 18, tzinfo=ROME),
        slot_minutes=20,
        table_count=0,
        on_site=False,
        online=True,
        request_cap=10,
        request_expiry_days=4,
        participant_list_public=True,
    )
    for day in WEEK:
        # Mornings in Italy are early mornings in the Americas: one block in the afternoon.
        MeetingBlock.objects.create(
            programme=programme, date=day, start_time=datetime.time(9), end_time=datetime.time(12)
        )
        MeetingBlock.objects.create(
            programme=programme,
            date=day,
            start_time=datetime.time(15),
            end_time=datetime.time(18),
        )
    services.generate_slots(programme)
    return programme


def _participant(programme, *, organisation, slug, full_name, languages, time_zone, **fields):
    offers = fields.pop("offers", [])
    looks_for = fields.pop("looks_for", [])
    person, _ = Person.objects.get_or_create(
        user=_account(slug),
        defaults={
            "organisation": organisation,
            "full_name": full_name,
            "job_title": "Business development (demo)",
            "phone": "+00 000 000 000 (demo)",
            "languages": languages,
            "time_zone": time_zone,
            "is_demo": True,
        },
    )
    participant = Participant.objects.create(
        programme=programme,
        person=person,
        status=fields.pop("status", Participant.Status.VALIDATED),
        validated_at=programme.registration_closes,
        is_demo=True,
        **fields,
    )
    participant.offers.set(offers)
    participant.looks_for.set(looks_for)
    return participant


def _members(programme, competencies):
    participants = []
    for cluster in Cluster.objects.filter(is_partner=True).order_by("slug"):
        companies = (
            Company.objects.published()
            .filter(is_demo=True, clusters=cluster)
            .prefetch_related("competencies", "markets")
            .order_by("slug")[:MEMBERS_PER_CLUSTER]
        )
        for company in companies:
            if Participant.objects.filter(
                programme=programme, person__organisation__company=company
            ).exists():
                continue  # a company in two clusters takes part once
            organisation = services.organisation_from_company(company)
            offered = list(company.competencies.all())
            wanted = [c for c in competencies if c not in offered][len(participants) % 5 :: 7][:3]
            targets = [str(m.country) for m in company.markets.all() if m.kind == "target"]
            participants.append(
                _participant(
                    programme,
                    organisation=organisation,
                    slug=company.slug,
                    full_name=f"Demo Contact of {company.name}",
                    languages=sorted({"en", CLUSTER_LANGUAGES.get(str(company.country), "en")}),
                    time_zone="Europe/Rome",
                    offers=offered,
                    looks_for=wanted,
                    offers_text="; ".join(o.name for o in company.offerings.all()),
                    looks_for_text="Distributors and pilot customers in the target countries.",
                    target_countries=[t for t in targets if t in {"US", "CA", "MX", "CO"}]
                    or ["MX"],
                )
            )
    return participants


def _international(programme, competencies_by_sector):
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    participants = []
    for index, spec in enumerate(INTERNATIONAL):
        name, kind, country, city, languages, time_zone, offers, looks_for, sector = spec
        organisation = Organisation.objects.create(
            name=name,
            kind=kind,
            country=country,
            city=city,
            website=f"https://{slugify(name)[:40]}.example.com/",
            description=f"{name} is fictional demo data for the C2Future portal.",
            is_demo=True,
        )
        if sector in sectors:
            organisation.sectors.set([sectors[sector]])
        wanted = competencies_by_sector.get(sector, [])[:3]
        participants.append(
            _participant(
                programme,
                organisation=organisation,
                slug=slugify(name)[:60],
                full_name=f"Demo Delegate {index + 1}",
                languages=languages,
                time_zone=time_zone,
                looks_for=wanted,
                offers_text=offers,
                looks_for_text=looks_for,
                target_countries=["IT", "ES"],
                # The last one waits in the organisers' validation queue.
                status=Participant.Status.PENDING
                if index == len(INTERNATIONAL) - 1
                else Participant.Status.VALIDATED,
            )
        )
    return participants


def _opportunities(participants):
    kinds = list(Opportunity.Kind)
    for index, participant in enumerate(participants):
        kind = kinds[index % len(kinds)]
        offered = list(participant.offers.all()[:2])
        wanted = list(participant.looks_for.all()[:2])
        if kind == Opportunity.Kind.OFFER and not offered:
            kind = Opportunity.Kind.REQUEST  # organisations that told no competency they offer
        competencies = offered if kind == Opportunity.Kind.OFFER else wanted or offered
        countries = [country.code for country in participant.target_countries][:2]
        organisation = participant.person.organisation
        title = OPPORTUNITY_TITLES[kind].format(
            short=organisation.name.removeprefix("Demo ").split(" (")[0][:60],
            competency=competencies[0].name if competencies else "smart-city",
            countries=" and ".join(c.name for c in participant.target_countries[:2]) or "Europe",
        )
        opportunity = Opportunity.objects.create(
            participant=participant,
            kind=kind,
            title=title[:160],
            description=participant.offers_text
            if kind == Opportunity.Kind.OFFER
            else participant.looks_for_text,
            countries=countries,
            is_demo=True,
        )
        opportunity.competencies.set(competencies)
        opportunity.sectors.set(organisation.sectors.all())


def _requests_and_meetings(programme, members, international):
    """Accepted meetings through the week, a declined and an expired request."""
    slots = list(Slot.objects.filter(programme=programme).order_by("start"))
    validated = [p for p in international if p.status == Participant.Status.VALIDATED]
    created = programme.registration_closes
    slot_index = 0
    for index, guest in enumerate(validated):
        for member in members[index :: len(validated)][:2]:
            request = MeetingRequest.objects.create(
                programme=programme,
                sender=guest if index % 2 else member,
                recipient=member if index % 2 else guest,
                message="We would like to meet during the C2World week (demo).",
                status=MeetingRequest.Status.ACCEPTED,
                expires_at=created + datetime.timedelta(days=programme.request_expiry_days),
                answered_at=created + datetime.timedelta(days=1),
                is_demo=True,
            )
            slot = slots[slot_index % len(slots)]
            slot_index += 7  # spread over the week
            meeting = Meeting.objects.create(
                request=request,
                programme=programme,
                slot=slot,
                video_link=f"https://meet.example.com/c2world-demo-{request.pk}",
                is_demo=True,
            )
            MeetingSeat.objects.bulk_create(
                [
                    MeetingSeat(meeting=meeting, participant=side, slot=slot)
                    for side in (request.sender, request.recipient)
                ]
            )
    if len(validated) >= 2 and len(members) >= 2:
        MeetingRequest.objects.create(
            programme=programme,
            sender=validated[0],
            recipient=members[-1],
            message="Could we talk about distribution? (demo)",
            status=MeetingRequest.Status.DECLINED,
            decline_reason="Our agenda for the week is full (demo).",
            expires_at=created + datetime.timedelta(days=programme.request_expiry_days),
            answered_at=created,
            is_demo=True,
        )
        MeetingRequest.objects.create(
            programme=programme,
            sender=members[-2],
            recipient=validated[-1],
            message="We are looking for partners in your market (demo).",
            # Left unanswered: it expired (it no longer blocks anyone's slots).
            status=MeetingRequest.Status.EXPIRED,
            expires_at=created + datetime.timedelta(days=programme.request_expiry_days),
            is_demo=True,
        )


def load():
    event = Event.objects.filter(slug=EVENT_SLUG).first()
    if event is None or Programme.objects.filter(event=event).exists():
        return
    programme = _programme(event)
    competencies = list(Competency.objects.select_related("area").order_by("slug"))
    by_sector = {}
    for company in Company.objects.filter(is_demo=True).prefetch_related("sectors", "competencies"):
        for sector in company.sectors.all():
            by_sector.setdefault(sector.slug, [])
            by_sector[sector.slug] += [
                c for c in company.competencies.all() if c not in by_sector[sector.slug]
            ]
    members = _members(programme, competencies)
    international = _international(programme, by_sector)
    _opportunities(members + international)
    _requests_and_meetings(programme, members, international)
