"""One search across the portal (/search/ and the API's /search): reads only.

Companies are found by the directory's own search (clusters.selectors: the same ranking,
the same vocabulary-based correction of misspellings) and shown through PublicCompany.
Events, sessions, talks, speakers and materials of published events are found by a ranked
full-text query plus trigram similarity of their titles on PostgreSQL (typos in a title
still match; accents folded by the directory's text search configuration), and by icontains
on every word elsewhere (SQLite, the quick start); translated fields in every language.

Every group is capped at PER_KIND results and counted, so a search costs a fixed number
of queries whatever the data.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Exists, F, FloatField, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Greatest
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clusters import selectors as directory
from clusters.public_fields import public_views
from core.caching import PAGES
from core.validators import single_line
from events.models import Material, Session, Speaker, Talk
from events.selectors import published_events

from .caches import SEARCH_RESULTS

PER_KIND = 10
MAX_QUERY_LENGTH = 200

KINDS = (
    ("companies", _("Companies")),
    ("events", _("Events")),
    ("sessions", _("Sessions")),
    ("talks", _("Talks")),
    ("speakers", _("Speakers")),
    ("materials", _("Materials")),
)


@dataclass
class Hit:
    """One result as every output shows it: a title, a link, where it belongs, badges."""

    title: str
    url: str
    context: str = ""
    badges: list = field(default_factory=list)


@dataclass
class Group:
    kind: str
    label: str
    results: list
    total: int


@dataclass
class SiteSearch:
    query: str
    groups: list = field(default_factory=list)
    suggestion: str = ""

    @property
    def total(self):
        return sum(group.total for group in self.groups)

    def group(self, kind):
        return next(group for group in self.groups if group.kind == kind)

    @property
    def suggestion_url(self):
        """The search page for the suggestion: only `q`, as the page reads nothing else."""
        return "?" + urlencode({"q": self.suggestion})


def clean_query(text):
    """The visitor's text as searched: no control characters (NUL above all: PostgreSQL
    refuses it in a string), trimmed, bounded."""
    return " ".join(single_line(text or "").split())[:MAX_QUERY_LENGTH]


def _words(text):
    # Words of three letters or more must each match; a query of only short words or
    # abbreviations is matched as typed (not "or" inside every other title).
    words, _optional = directory.split_query(text)
    return words or [text]


def _columns(queryset, field):
    # Every language's column of a translated field (title_en … title_sr_latn), else the
    # field: a visitor finds an event by its title in any language, whatever the page's.
    return directory.translated_columns(queryset.model, field)


def _matching(queryset, text, prepared, fields, title):
    """`queryset` filtered to `text` and annotated with `relevance` (higher is better)."""
    if connection.vendor == "postgresql":
        query = prepared.query if prepared else SearchQuery(text, config=directory.SEARCH_CONFIG)
        weights = "ABCD"
        vector = None
        for position, name in enumerate(fields):
            for column in _columns(queryset, name):
                part = SearchVector(
                    column, weight=weights[min(position, 3)], config=directory.SEARCH_CONFIG
                )
                vector = part if vector is None else vector + part
        titles = _columns(queryset, title)
        similar_title = Q()
        for column in titles:
            similar_title |= Q(**{f"{column}__trigram_word_similar": text})
        similarities = [TrigramWordSimilarity(text, column) for column in titles]
        similarity = similarities[0] if len(similarities) == 1 else Greatest(*similarities)
        return (
            queryset.annotate(document=vector)
            .filter(Q(document=query) | similar_title)
            .annotate(relevance=SearchRank(F("document"), query) + similarity)
        )
    condition = Q()
    for word in _words(text):
        any_field = Q()
        for name in fields:
            for column in _columns(queryset, name):
                any_field |= Q(**{f"{column}__icontains": word})
        condition &= any_field
    return queryset.filter(condition).annotate(relevance=Value(0.0, output_field=FloatField()))


def _ranked(queryset, text, prepared, fields, title, order):
    """(how many match, the first PER_KIND of them, best first)."""
    matches = _matching(queryset, text, prepared, fields, title)
    return matches.count(), list(matches.order_by("-relevance", *order)[:PER_KIND])


def _companies(text, prepared):
    queryset = directory.search(directory.published_companies(), prepared)
    total = queryset.count()
    ids = list(
        directory.order_companies(queryset, directory.SORT_RELEVANCE, True).values_list(
            "pk", flat=True
        )[:PER_KIND]
    )
    return total, public_views(directory.cards_in_order(ids))


def _events(text, prepared):
    materials = Material.objects.filter(event=OuterRef("pk"))
    queryset = published_events().annotate(
        has_slides=Exists(materials.filter(kind=Material.Kind.SLIDES).exclude(file="")),
        has_recording=Exists(materials.filter(kind=Material.Kind.RECORDING)),
        has_on_request=Exists(materials.filter(on_request=True)),
    )
    return _ranked(
        queryset, text, prepared, ("title", "summary", "description", "city"), "title", ["-start"]
    )


def _sessions(text, prepared):
    queryset = Session.objects.filter(event__in=published_events()).select_related("event")
    return _ranked(queryset, text, prepared, ("title",), "title", ["-event__start"])


def _talks(text, prepared):
    queryset = (
        Talk.objects.filter(session__event__in=published_events())
        .select_related("session__event")
        .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.only("pk", "name")))
    )
    return _ranked(
        queryset, text, prepared, ("title", "abstract"), "title", ["-session__event__start"]
    )


def _speakers(text, prepared):
    speaking = Talk.objects.filter(speakers=OuterRef("pk"), session__event__in=published_events())
    queryset = Speaker.objects.filter(Exists(speaking))
    return _ranked(
        queryset, text, prepared, ("name", "organisation", "role", "bio"), "name", ["name"]
    )


def _materials(text, prepared):
    queryset = Material.objects.filter(event__in=published_events()).select_related("event")
    return _ranked(queryset, text, prepared, ("title",), "title", ["-event__start"])


FINDERS = {
    "companies": _companies,
    "events": _events,
    "sessions": _sessions,
    "talks": _talks,
    "speakers": _speakers,
    "materials": _materials,
}


def suggestion_for(text):
    """The query with each misspelt word replaced by its closest vocabulary word, or ""."""
    words, _optional = directory.split_query(text)
    alternatives = directory.spelling_alternatives(words)
    corrected = text
    for word, similar in alternatives.items():
        if similar:
            corrected = re.sub(rf"\b{re.escape(word)}\b", similar[0], corrected, flags=re.I)
    return corrected if corrected.lower() != text.lower() else ""


def site_search(text):
    """Every kind's first PER_KIND matches and its total, for a cleaned query (cached until
    the next write to public data)."""
    text = clean_query(text)
    if not text:
        return SiteSearch(query=text)
    # Cached: a common word matches a third of 100k companies and thousands of talks
    # (about a second of SQL), and the page and the API ask for the same words again.
    return SEARCH_RESULTS.get_or_set(
        PAGES.generation(),
        get_language(),
        hashlib.sha256(text.encode()).hexdigest(),
        compute=lambda: _search(text),
    )


def _search(text):
    result = SiteSearch(query=text)
    prepared = directory.prepare_search(text)
    for kind, label in KINDS:
        total, found = FINDERS[kind](text, prepared)
        hits = [_in_plain_text(HITS[kind](item)) for item in found]
        result.groups.append(Group(kind=kind, label=str(label), results=hits, total=total))
    if not result.total:
        result.suggestion = suggestion_for(text)
    return result


def _in_plain_text(hit):
    # Lazy translations (badges, country names) become text: the results are cached per
    # language, and unpickling a lazy string creates a class, 0.4 ms each.
    hit.context = str(hit.context)
    hit.badges = [str(badge) for badge in hit.badges]
    return hit


def material_badges(material):
    badges = []
    if material.kind == Material.Kind.SLIDES and not material.on_request:
        badges.append(_("slides"))
    if material.kind == Material.Kind.RECORDING:
        badges.append(_("recording"))
    if material.on_request:
        badges.append(_("on request"))
    return badges


def event_badges(event):
    badges = []
    if event.has_slides or event.slides_url:
        badges.append(_("slides"))
    if event.has_recording or event.recording_url:
        badges.append(_("recording"))
    if event.has_on_request:
        badges.append(_("on request"))
    return badges


def company_badges(company):
    """The company's cluster acronyms and its country (public fields, prefetched)."""
    badges = [cluster.acronym or cluster.name for cluster in company.clusters.all()]
    if company.country:
        badges.append(company.country.name)
    return badges


def material_url(material):
    if material.file:
        return material.get_download_url()
    if material.external_url:
        return material.external_url
    return f"{material.event.get_absolute_url()}?material={material.pk}#request"


def _company_hit(company):
    return Hit(company.name, company.get_absolute_url(), company.city, company_badges(company))


def _event_hit(event):
    context = event.start.date().isoformat()
    if event.city:
        context = f"{context} · {event.city}"
    return Hit(event.title, event.get_absolute_url(), context, event_badges(event))


def _session_hit(session):
    return Hit(session.title, session.event.get_absolute_url(), session.event.title)


def _talk_hit(talk):
    event = talk.session.event
    speakers = ", ".join(speaker.name for speaker in talk.speakers.all())
    context = f"{event.title} · {speakers}" if speakers else event.title
    return Hit(talk.title, event.get_absolute_url(), context)


def _speaker_hit(speaker):
    context = " · ".join(part for part in (speaker.role, speaker.organisation) if part)
    badges = [speaker.country.name] if speaker.country else []
    return Hit(speaker.name, speaker.get_absolute_url(), context, badges)


def _material_hit(material):
    return Hit(
        material.title, material_url(material), material.event.title, material_badges(material)
    )


HITS = {
    "companies": _company_hit,
    "events": _event_hit,
    "sessions": _session_hit,
    "talks": _talk_hit,
    "speakers": _speaker_hit,
    "materials": _material_hit,
}
