"""The open-data files: which columns, read how, and their data dictionary.

The directory's columns are derived from clusters.public_fields: each column names the
public field it shows (checked by `require_public` at import), and the data dictionary is
built by walking PUBLIC_COMPANY_FIELDS, so a field added to the public list shows up there
with its label (and a test fails until it has a column). The consented contact person is
left out: it is personal data published on the profile, not for bulk reuse. Translated
taxonomy and event texts are published in English whatever the language of the page the
file is downloaded from (core.content_translations.english).
"""

from django.utils.translation import gettext_lazy as _

from clusters.public_fields import (
    PUBLIC_COMPANY_FIELDS,
    PUBLIC_RECORD_FIELDS,
    PublicCompany,
    require_public,
)
from core.content_translations import english

LICENCE = {
    "name": "CC BY 4.0",
    "title": _("Creative Commons Attribution 4.0 International"),
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


class Column:
    def __init__(self, name, field, description, read, kind="text"):
        self.name = name
        self.field = field
        self.description = description
        self.read = read
        self.kind = kind


def _absolute(request, path):
    return request.build_absolute_uri(path) if path else ""


def _markets(company, kind):
    return [m.country.code for m in company.markets.all() if m.kind == kind]


def _competencies(company):
    return [
        f"{english(link.competency, 'name')} ({link.level})"
        for link in company.competency_links.all()
    ]


def _iso(value):
    return value.isoformat() if value else None


DIRECTORY_COLUMNS = [
    Column("name", "name", _("The company's name."), lambda c, r: c.name),
    Column(
        "profile_url",
        "slug",
        _("Its profile on the portal."),
        lambda c, r: _absolute(r, c.get_absolute_url()),
        "url",
    ),
    Column("country", "country", _("ISO 3166 country code."), lambda c, r: c.country.code or ""),
    Column("city", "city", _("City."), lambda c, r: c.city),
    Column(
        "latitude",
        "latitude",
        _("Latitude (WGS 84), where it is on the map."),
        lambda c, r: float(c.latitude) if c.latitude is not None else None,
        "number",
    ),
    Column(
        "longitude",
        "longitude",
        _("Longitude (WGS 84)."),
        lambda c, r: float(c.longitude) if c.longitude is not None else None,
        "number",
    ),
    Column("website", "website", _("Website."), lambda c, r: c.website, "url"),
    Column("public_email", "public_email", _("Public email address."), lambda c, r: c.public_email),
    Column("public_phone", "public_phone", _("Public phone number."), lambda c, r: c.public_phone),
    Column(
        "logo_url",
        "logo",
        _("Address of the logo image."),
        lambda c, r: _absolute(r, c.logo.url if c.logo else ""),
        "url",
    ),
    Column("description", "description", _("What the company does."), lambda c, r: c.description),
    Column(
        "size",
        "size",
        _("Size band: micro, small, medium or large."),
        lambda c, r: c.size,
    ),
    Column(
        "founding_year",
        "founding_year",
        _("Year founded."),
        lambda c, r: c.founding_year,
        "number",
    ),
    Column(
        "sectors",
        "sectors",
        _("Sectors (a list)."),
        lambda c, r: [english(s, "name") for s in c.sectors.all()],
        "list",
    ),
    Column(
        "clusters",
        "clusters",
        _("Clusters it is a member of (a list)."),
        lambda c, r: [cl.acronym or cl.name for cl in c.clusters.all()],
        "list",
    ),
    Column(
        "offerings",
        "offerings",
        _("Products and services (a list)."),
        lambda c, r: [o.name for o in c.offerings.all()],
        "list",
    ),
    Column(
        "competencies",
        "competency_links",
        _("Competencies with their level: basic, advanced or expert (a list)."),
        lambda c, r: _competencies(c),
        "list",
    ),
    Column(
        "current_markets",
        "markets",
        _("Countries it sells to now (ISO codes, a list)."),
        lambda c, r: _markets(c, "current"),
        "list",
    ),
    Column(
        "target_markets",
        "markets",
        _("Countries it wants to reach (ISO codes, a list)."),
        lambda c, r: _markets(c, "target"),
        "list",
    ),
    Column("certifications", "certifications", _("Certifications."), lambda c, r: c.certifications),
    Column("languages", "languages", _("Working languages."), lambda c, r: c.languages),
    Column(
        "updated_at",
        "updated_at",
        _("When the profile last changed (ISO 8601)."),
        lambda c, r: _iso(c.updated_at),
        "date-time",
    ),
    Column(
        "is_demo",
        "is_demo",
        _("True for fictional demonstration data."),
        lambda c, r: c.is_demo,
        "boolean",
    ),
]
require_public(*(column.field for column in DIRECTORY_COLUMNS))


def _event_clusters(event):
    return [cluster.acronym or cluster.name for cluster in event.partner_clusters.all()]


EVENT_COLUMNS = [
    Column("title", None, _("Title."), lambda e, r: english(e, "title")),
    Column(
        "url",
        None,
        _("Its page on the portal."),
        lambda e, r: _absolute(r, e.get_absolute_url()),
        "url",
    ),
    Column("kind", None, _("conference, webinar, b2b or workshop."), lambda e, r: e.kind),
    Column("summary", None, _("Summary."), lambda e, r: english(e, "summary")),
    Column(
        "start",
        None,
        _("Start, with the UTC offset of its time zone (ISO 8601)."),
        lambda e, r: _iso(e.local_start),
        "date-time",
    ),
    Column(
        "end",
        None,
        _("End (ISO 8601)."),
        lambda e, r: _iso(e.local_end),
        "date-time",
    ),
    Column("time_zone", None, _("IANA time zone."), lambda e, r: e.time_zone),
    Column("online", None, _("True for an online event."), lambda e, r: e.is_online, "boolean"),
    Column("venue", None, _("Venue."), lambda e, r: e.venue_name),
    Column("city", None, _("City."), lambda e, r: e.city),
    Column("country", None, _("ISO 3166 country code."), lambda e, r: e.country.code or ""),
    Column(
        "organiser",
        None,
        _("Organising cluster."),
        lambda e, r: (e.organiser.acronym or e.organiser.name) if e.organiser else "",
    ),
    Column(
        "partner_clusters",
        None,
        _("Partner clusters (a list)."),
        lambda e, r: _event_clusters(e),
        "list",
    ),
    Column("language", None, _("Language code."), lambda e, r: e.language),
    Column(
        "registration_url",
        None,
        _("Registration link."),
        lambda e, r: e.registration_url,
        "url",
    ),
    Column("recording_url", None, _("Recording link."), lambda e, r: e.recording_url, "url"),
    Column(
        "updated_at",
        None,
        _("When the event last changed (ISO 8601)."),
        lambda e, r: _iso(e.updated_at),
        "date-time",
    ),
]

_RECORD_LABEL = _("record keeping")


def directory_dictionary():
    """[(public-field label, [columns])] in the order of the public-field list."""
    groups = []
    for label, names in PUBLIC_COMPANY_FIELDS:
        columns = [column for column in DIRECTORY_COLUMNS if column.field in names]
        groups.append((label, columns))
    records = [c for c in DIRECTORY_COLUMNS if c.field in PUBLIC_RECORD_FIELDS]
    groups.append((_RECORD_LABEL, records))
    return groups


def directory_row(company, request):
    public = PublicCompany(company)
    return {column.name: column.read(public, request) for column in DIRECTORY_COLUMNS}


def event_row(event, request):
    return {column.name: column.read(event, request) for column in EVENT_COLUMNS}


DATASETS = {
    "directory": {
        "title": _("SME directory"),
        "columns": DIRECTORY_COLUMNS,
        "row": directory_row,
    },
    "events": {
        "title": _("Events archive"),
        "columns": EVENT_COLUMNS,
        "row": event_row,
    },
}
