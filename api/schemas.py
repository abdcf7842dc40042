"""The JSON records of the API (pydantic, so the OpenAPI schema documents them) and the
functions that write them.

A company record is built from clusters.public_fields: every public field is in it,
written as its value (typed from the model field) or as `SPECIAL_FIELDS` says; importing
this module fails if a public relation has no entry there or an entry is not public. The
record reads the company through PublicCompany, which answers nothing private, and the
contact person only when the company consented.
"""

from datetime import datetime

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from ninja import Schema
from pydantic import Field, create_model

from clusters.models import Company as CompanyModel
from clusters.public_fields import PUBLIC_FIELD_NAMES, PublicCompany

# ---- Shared --------------------------------------------------------------------------------


class ErrorDetail(Schema):
    parameter: str = Field(description="The query parameter or path part at fault.")
    message: str


class ErrorBody(Schema):
    code: str = Field(description="Stable, machine-readable: not_found, invalid_parameter, …")
    message: str = Field(description="For people; may be translated.")
    details: list[ErrorDetail] = []


class Error(Schema):
    error: ErrorBody


class Ref(Schema):
    slug: str
    name: str


class ClusterRef(Ref):
    acronym: str


# ---- Taxonomy ------------------------------------------------------------------------------


class Sector(Schema):
    id: int
    slug: str
    name: str


class Competency(Schema):
    id: int
    slug: str
    name: str


class CompetencyArea(Schema):
    slug: str
    name: str
    competencies: list[Competency]


class Taxonomy(Schema):
    areas: list[CompetencyArea]


# ---- Clusters ------------------------------------------------------------------------------


class Cluster(Schema):
    id: int
    slug: str
    name: str
    acronym: str
    country: str
    region: str
    city: str
    latitude: float | None
    longitude: float | None
    website: str
    description: str
    focus: str
    is_partner: bool
    is_coordinator: bool
    sectors: list[Ref]
    member_count: int = Field(description="Published member companies.")
    url: str = Field(description="The cluster's page on the portal.")
    companies_url: str = Field(description="Its published members in this API.")


def _float(value):
    return float(value) if value is not None else None


def _file_url(request, field):
    return request.build_absolute_uri(field.url) if field else None


def cluster_record(request, cluster):
    return {
        "id": cluster.pk,
        "slug": cluster.slug,
        "name": cluster.name,
        "acronym": cluster.acronym,
        "country": cluster.country.code or "",
        "region": cluster.region,
        "city": cluster.city,
        "latitude": _float(cluster.latitude),
        "longitude": _float(cluster.longitude),
        "website": cluster.website,
        "description": cluster.description,
        "focus": cluster.focus,
        "is_partner": cluster.is_partner,
        "is_coordinator": cluster.is_coordinator,
        "sectors": [{"slug": s.slug, "name": s.name} for s in cluster.sectors.all()],
        "member_count": cluster.member_count,
        "url": request.build_absolute_uri(cluster.get_absolute_url()),
        "companies_url": request.build_absolute_uri(f"/api/v1/companies?cluster={cluster.slug}"),
    }


# ---- Companies -----------------------------------------------------------------------------


class CompanyCompetency(Schema):
    slug: str
    name: str
    area: str
    level: str = Field(description="basic, advanced or expert.")


class Offering(Schema):
    kind: str = Field(description="product, service or solution.")
    name: str
    description: str
    sector: str | None = Field(description="The sector's slug.")


class Market(Schema):
    country: str = Field(description="ISO 3166 code.")
    kind: str = Field(description="current (exports there today) or target.")
    priority: int | None


class Contact(Schema):
    name: str
    role: str
    email: str
    phone: str


def _competencies(request, company):
    return [
        {
            "slug": link.competency.slug,
            "name": link.competency.name,
            "area": link.competency.area.name,
            "level": link.level,
        }
        for link in company.competency_links.all()
    ]


# How the API writes the public company fields (clusters.public_fields) that need more
# than their value: (type, description, how to read it from a PublicCompany). A relation
# listed twice there ("competencies" and its through rows "competency_links") is written
# once. Every other public field is written as its value, typed from the model field.
SPECIAL_FIELDS = {
    "id": (int, "", lambda r, c: c.pk),
    "country": (str, "ISO 3166 code, or empty.", lambda r, c: c.country.code or ""),
    "latitude": (float | None, "", lambda r, c: _float(c.latitude)),
    "longitude": (float | None, "", lambda r, c: _float(c.longitude)),
    "logo": (str | None, "URL of the logo image.", lambda r, c: _file_url(r, c.logo)),
    "size": (str, "micro, small, medium, large or empty.", lambda r, c: c.size),
    "sectors": (
        list[Ref],
        "",
        lambda r, c: [{"slug": s.slug, "name": s.name} for s in c.sectors.all()],
    ),
    "clusters": (
        list[ClusterRef],
        "",
        lambda r, c: [
            {"slug": cl.slug, "name": cl.name, "acronym": cl.acronym} for cl in c.clusters.all()
        ],
    ),
    "offerings": (
        list[Offering],
        "Products, services and solutions.",
        lambda r, c: [
            {
                "kind": o.kind,
                "name": o.name,
                "description": o.description,
                "sector": o.sector.slug if o.sector else None,
            }
            for o in c.offerings.all()
        ],
    ),
    "competencies": (list[CompanyCompetency], "", _competencies),
    "markets": (
        list[Market],
        "",
        lambda r, c: [
            {"country": m.country.code, "kind": m.kind, "priority": m.priority}
            for m in c.markets.all()
        ],
    ),
    "certifications": (str, "Comma-separated.", lambda r, c: c.certifications),
    "languages": (str, "Working languages, comma-separated.", lambda r, c: c.languages),
    "is_demo": (bool, "Fictional company of the demo data.", lambda r, c: c.is_demo),
}
WRITTEN_AS = {"competency_links": "competencies"}

# Plain columns: the JSON type of each kind of model field.
_VALUE_TYPES = (
    (models.BooleanField, bool),
    (models.DateTimeField, datetime),
    (models.IntegerField, int),  # and the small, big and positive ones
    (models.CharField, str),  # and slugs, URLs and emails
    (models.TextField, str),
)


def _value_field(name):
    try:
        field = CompanyModel._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    kind = next(
        (kind for base, kind in _VALUE_TYPES if isinstance(field, base)),
        None,
    )
    if field is None or kind is None or field.is_relation:
        raise ImproperlyConfigured(
            f"api.schemas: public company field {name!r} needs an entry in SPECIAL_FIELDS "
            "(how the API writes it)."
        )
    return (kind | None if field.null else kind, "", lambda r, c: getattr(c, name))


def company_fields(public_names):
    """{field: (type, description, reader)} of the public fields, in the model's order."""
    stale = set(SPECIAL_FIELDS) - set(public_names)
    if stale:
        raise ImproperlyConfigured(
            f"api.schemas.SPECIAL_FIELDS lists fields that are not public: {sorted(stale)}"
        )
    model_order = [f.name for f in CompanyModel._meta.get_fields()]
    ordered = sorted(
        (name for name in public_names if name not in WRITTEN_AS),
        key=lambda name: (model_order.index(name) if name in model_order else -1, name),
    )
    return {name: SPECIAL_FIELDS.get(name) or _value_field(name) for name in ordered}


COMPANY_FIELDS = company_fields(PUBLIC_FIELD_NAMES)

Company = create_model(
    "Company",
    __base__=Schema,
    **{
        name: (kind, Field(description=description) if description else ...)
        for name, (kind, description, _read) in COMPANY_FIELDS.items()
    },
    contact=(
        Contact | None,
        Field(description="The contact person, only when the company agreed to publish it."),
    ),
    url=(str, Field(description="The company's profile on the portal.")),
)


def company_record(request, company):
    public = PublicCompany(company)
    record = {name: read(request, public) for name, (_k, _d, read) in COMPANY_FIELDS.items()}
    record["contact"] = (
        {
            "name": public.contact_name,
            "role": public.contact_role,
            "email": public.contact_email,
            "phone": public.contact_phone,
        }
        if public.has_public_contact
        else None
    )
    record["url"] = request.build_absolute_uri(public.get_absolute_url())
    return record


class CompanyPage(Schema):
    results: list[Company]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    next: str | None = Field(description="The URL of the next page.")


class ClusterList(Schema):
    results: list[Cluster]


class SectorList(Schema):
    results: list[Sector]


# ---- Events --------------------------------------------------------------------------------


class Event(Schema):
    id: int
    slug: str
    title: str
    kind: str = Field(description="conference, webinar, b2b or workshop.")
    summary: str
    description: str
    start: datetime
    end: datetime
    time_zone: str
    is_online: bool
    venue_name: str
    venue_address: str
    city: str
    country: str
    latitude: float | None
    longitude: float | None
    language: str
    organiser: ClusterRef | None
    partner_clusters: list[ClusterRef]
    registration_url: str
    recording_url: str
    slides_url: str
    cover_image: str | None
    url: str
    updated_at: datetime


class SpeakerRef(Schema):
    slug: str
    name: str


class Talk(Schema):
    id: int
    title: str
    abstract: str
    start: datetime | None
    end: datetime | None
    is_placeholder: bool
    speakers: list[SpeakerRef]


class Session(Schema):
    id: int
    title: str
    start: datetime | None
    end: datetime | None
    talks: list[Talk]


class Material(Schema):
    id: int
    title: str
    kind: str = Field(description="programme, slides, recording or other.")
    session_id: int | None
    talk_id: int | None
    content_type: str
    file_size: int | None = Field(description="Bytes, for an uploaded file.")
    download_url: str | None = Field(description="The file, when one was uploaded.")
    external_url: str
    on_request: bool = Field(description="Sent by the secretariat on request.")


class MaterialItem(Material):
    event: str = Field(description="The event's slug.")


class MaterialPage(Schema):
    results: list[MaterialItem]
    next_cursor: str | None
    next: str | None


def material_item_record(request, material):
    record = _material_record(request, material.event, material)
    record["event"] = material.event.slug
    return record


class EventDetail(Event):
    sessions: list[Session]
    materials: list[Material]


class EventPage(Schema):
    results: list[Event]
    next_cursor: str | None
    next: str | None


def _cluster_ref(cluster):
    return {"slug": cluster.slug, "name": cluster.name, "acronym": cluster.acronym}


def event_record(request, event):
    return {
        "id": event.pk,
        "slug": event.slug,
        "title": event.title,
        "kind": event.kind,
        "summary": event.summary,
        "description": event.description,
        "start": event.start,
        "end": event.end,
        "time_zone": event.time_zone,
        "is_online": event.is_online,
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "city": event.city,
        "country": event.country.code or "",
        "latitude": _float(event.latitude),
        "longitude": _float(event.longitude),
        "language": event.language,
        "organiser": _cluster_ref(event.organiser) if event.organiser else None,
        "partner_clusters": [_cluster_ref(c) for c in event.partner_clusters.all()],
        "registration_url": event.registration_url,
        "recording_url": event.recording_url,
        "slides_url": event.slides_url,
        "cover_image": _file_url(request, event.cover_image),
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "updated_at": event.updated_at,
    }


def _talk_record(talk):
    return {
        "id": talk.pk,
        "title": talk.title,
        "abstract": talk.abstract,
        "start": talk.start,
        "end": talk.end,
        "is_placeholder": talk.is_placeholder,
        "speakers": [{"slug": s.slug, "name": s.name} for s in talk.speakers.all()],
    }


def _material_record(request, event, material):
    download = None
    if material.is_file:
        # The archive's own download view (it counts downloads), for this published event.
        material.event = event
        download = request.build_absolute_uri(material.get_download_url())
    return {
        "id": material.pk,
        "title": material.title,
        "kind": material.kind,
        "session_id": material.session_id,
        "talk_id": material.talk_id,
        "content_type": material.content_type,
        "file_size": material.file_size,
        "download_url": download,
        "external_url": material.external_url,
        "on_request": material.on_request,
    }


def event_detail_record(request, event):
    record = event_record(request, event)
    record["sessions"] = [
        {
            "id": session.pk,
            "title": session.title,
            "start": session.start,
            "end": session.end,
            "talks": [_talk_record(talk) for talk in session.talks.all()],
        }
        for session in event.sessions.all()
    ]
    record["materials"] = [_material_record(request, event, m) for m in event.materials.all()]
    return record


class Speaker(Schema):
    slug: str
    name: str
    role: str
    organisation: str
    country: str
    bio: str
    photo: str | None
    url: str


class SpeakerTalk(Schema):
    id: int
    title: str
    event: str = Field(description="The event's slug.")


class SpeakerDetail(Speaker):
    talks: list[SpeakerTalk]


class SpeakerPage(Schema):
    results: list[Speaker]
    next_cursor: str | None
    next: str | None


def speaker_record(request, speaker):
    return {
        "slug": speaker.slug,
        "name": speaker.name,
        "role": speaker.role,
        "organisation": speaker.organisation,
        "country": speaker.country.code or "",
        "bio": speaker.bio,
        "photo": _file_url(request, speaker.photo),
        "url": request.build_absolute_uri(speaker.get_absolute_url()),
    }


def speaker_detail_record(request, speaker):
    record = speaker_record(request, speaker)
    record["talks"] = [
        {"id": talk.pk, "title": talk.title, "event": talk.session.event.slug}
        for talk in speaker.public_talks
    ]
    return record


# ---- One search -------------------------------------------------------------------------


class SearchHit(Schema):
    title: str
    url: str = Field(description="The result's page (or the file or link of a material).")
    context: str = Field(description="Where it belongs: a city, an event, speakers…")
    badges: list[str] = Field(description="slides, recording, on request; clusters, country.")


class SearchGroup(Schema):
    kind: str = Field(description="companies, events, sessions, talks, speakers or materials.")
    label: str
    total: int = Field(description="Every match of this kind; `results` holds the first ones.")
    results: list[SearchHit]


class SearchResults(Schema):
    query: str = Field(description="The query as searched (trimmed, at most 200 characters).")
    total: int
    suggestion: str = Field(description="A corrected spelling when nothing matched, or empty.")
    groups: list[SearchGroup]


def search_record(request, search):
    return {
        "query": search.query,
        "total": search.total,
        "suggestion": search.suggestion,
        "groups": [
            {
                "kind": group.kind,
                "label": str(group.label),
                "total": group.total,
                "results": [
                    {
                        "title": hit.title,
                        "url": request.build_absolute_uri(hit.url),
                        "context": hit.context,
                        "badges": [str(badge) for badge in hit.badges],
                    }
                    for hit in group.results
                ],
            }
            for group in search.groups
        ],
    }


class Index(Schema):
    version: str
    openapi: str
    docs: str
    resources: dict[str, str]
