"""Suggested meetings: who a participant should meet, and why, in plain words.

The score is reciprocal. For a viewer A and a candidate B:

- ``wanted``: the share of what A looks for that B offers (competencies of the taxonomy), or,
  when higher, the TF-IDF cosine similarity of A's "what we look for" text and B's "what we
  offer" text (``TextIndex``, plain Python over the programme's own texts);
- ``returned``: the same the other way round;
- the two are combined by their harmonic mean, which is 0 when either side is 0 and stays low
  when one side is much weaker: a one-sided match ("B has what A wants, A has nothing for B")
  ranks far below a meeting both sides want;
- target-market fit: B's country is one of A's target markets (and A's one of B's);
- sector overlap: the Jaccard share of the sectors they work in.

The scoring and the explanation work on plain data (``Profile``), so they are tested without a
database; ``suggest_for`` builds those profiles from the participants of one programme.
Nothing here downloads or trains a model: the text weights come from the programme's texts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from clusters.models import Company

from .models import Meeting, MeetingRequest, Organisation, Participant

# Weights of the three parts; they add up to 1, so a score is between 0 and 1.
RECIPROCAL_WEIGHT = 0.7
MARKET_WEIGHT = 0.2
SECTOR_WEIGHT = 0.1
DEFAULT_LIMIT = 10
# Competency names named in one reason; more are counted ("and 3 more").
NAMED_IN_REASON = 3


@dataclass(frozen=True)
class Profile:
    """What the score needs to know of a participant; keys are ids, labels their names."""

    key: int
    organisation: object
    clusters: frozenset = frozenset()
    country: str = ""
    offers: frozenset = frozenset()
    looks_for: frozenset = frozenset()
    sectors: frozenset = frozenset()
    target_countries: frozenset = frozenset()
    # The free text, as TF-IDF weights ({word: weight}, unit length; see ``TextIndex``).
    offers_text: Mapping = field(default_factory=dict)
    looks_for_text: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    candidate: int
    score: float
    wanted: float
    returned: float
    reasons: tuple[str, ...] = field(default=())
    # What the reasons are built from (for templates that want to mark them up).
    they_offer: tuple = ()
    you_offer: tuple = ()
    market: str = ""
    shared_sectors: tuple = ()

    @property
    def why(self) -> str:
        """The reasons as one sentence: "They offer …, which you look for; …"."""
        if not self.reasons:
            return ""
        text = "; ".join(self.reasons)
        return text[0].upper() + text[1:]


# Words that say nothing about a business (English, Italian, Spanish).
_STOP_WORDS_TEXT = (
    "and are for from have our the their this that with who will what your you all any can "
    "new one also into more such per via una uno con del della delle dei che nel nella gli "
    "los las para por una que como sus nuestro nuestra company companies partner partners "
    "looking look offer offers solutions services products"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Below this cosine similarity two texts are not said to match.
TEXT_THRESHOLD = 0.15
_WORD = re.compile(r"[^\W\d_]{3,}")


def words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.casefold()) if word not in STOP_WORDS]


class TextIndex:
    """TF-IDF over the free texts of one programme, in plain Python: a word the whole
    programme uses weighs little, a rare shared word a lot. No model, nothing downloaded."""

    def __init__(self, texts: Iterable[str]):
        documents = [set(words(text)) for text in texts if text]
        self.count = len(documents)
        self.frequency: dict[str, int] = {}
        for document in documents:
            for word in document:
                self.frequency[word] = self.frequency.get(word, 0) + 1

    def vector(self, text: str) -> dict[str, float]:
        counts: dict[str, int] = {}
        for word in words(text or ""):
            counts[word] = counts.get(word, 0) + 1
        weights = {
            word: count * (math.log((1 + self.count) / (1 + self.frequency.get(word, 0))) + 1)
            for word, count in counts.items()
        }
        length = math.sqrt(sum(weight * weight for weight in weights.values()))
        return {word: weight / length for word, weight in weights.items()} if length else {}


def cosine(first: Mapping, second: Mapping) -> float:
    """Of two unit-length vectors: the sum over their shared words."""
    if len(second) < len(first):
        first, second = second, first
    return sum(weight * second[word] for word, weight in first.items() if word in second)


def shared_words(first: Mapping, second: Mapping, *, named: int = NAMED_IN_REASON) -> tuple:
    """The shared words that weigh most in both texts."""
    common = [(first[word] * second[word], word) for word in first if word in second]
    return tuple(word for _weight, word in sorted(common, reverse=True)[:named])


def harmonic_mean(first: float, second: float) -> float:
    if first <= 0 or second <= 0:
        return 0.0
    return 2 * first * second / (first + second)


def coverage(wanted: frozenset, offered: frozenset) -> float:
    """The share of what is wanted that is offered (0 when nothing is wanted)."""
    if not wanted:
        return 0.0
    return len(wanted & offered) / len(wanted)


def jaccard(first: frozenset, second: frozenset) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def human_list(names: Iterable[str], *, named: int = NAMED_IN_REASON) -> str:
    """ "A", "A and B", "A, B and C", "A, B, C and 2 more", in the active language."""
    names = list(names)
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) > named:
        rest = len(names) - named
        more = ngettext("%(count)d more", "%(count)d more", rest) % {"count": rest}
        return _("%(items)s and %(last)s") % {"items": ", ".join(names[:named]), "last": more}
    return _("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}


def _sorted_labels(keys: Iterable, labels: Mapping) -> tuple[str, ...]:
    return tuple(sorted((str(labels.get(key, key)) for key in keys), key=str.casefold))


def score_pair(
    viewer: Profile,
    candidate: Profile,
    *,
    competency_names: Mapping | None = None,
    sector_names: Mapping | None = None,
    country_names: Mapping | None = None,
) -> Suggestion:
    """How well viewer and candidate fit, and the reasons in the viewer's words."""
    competency_names = competency_names or {}
    sector_names = sector_names or {}
    country_names = country_names or {}
    # Each direction: the taxonomy's coverage, or the free texts' similarity when higher.
    text_wanted = cosine(viewer.looks_for_text, candidate.offers_text)
    text_returned = cosine(candidate.looks_for_text, viewer.offers_text)
    text_wanted = text_wanted if text_wanted >= TEXT_THRESHOLD else 0.0
    text_returned = text_returned if text_returned >= TEXT_THRESHOLD else 0.0
    wanted = max(coverage(viewer.looks_for, candidate.offers), text_wanted)
    returned = max(coverage(candidate.looks_for, viewer.offers), text_returned)
    reciprocal = harmonic_mean(wanted, returned)
    market_fit = 0.0
    if candidate.country and candidate.country in viewer.target_countries:
        market_fit += 0.5
    if viewer.country and viewer.country in candidate.target_countries:
        market_fit += 0.5
    sector_share = jaccard(viewer.sectors, candidate.sectors)
    score = (
        RECIPROCAL_WEIGHT * reciprocal + MARKET_WEIGHT * market_fit + SECTOR_WEIGHT * sector_share
    )

    they_offer = _sorted_labels(viewer.looks_for & candidate.offers, competency_names)
    you_offer = _sorted_labels(candidate.looks_for & viewer.offers, competency_names)
    shared = _sorted_labels(viewer.sectors & candidate.sectors, sector_names)
    market = ""
    reasons = []
    if they_offer:
        reasons.append(
            _("they offer %(items)s, which you look for") % {"items": human_list(they_offer)}
        )
    if you_offer:
        reasons.append(
            _("you offer %(items)s, which they look for") % {"items": human_list(you_offer)}
        )
    if text_wanted and not they_offer:
        reasons.append(
            _("what they offer matches what you look for (%(words)s)")
            % {"words": ", ".join(shared_words(viewer.looks_for_text, candidate.offers_text))}
        )
    if text_returned and not you_offer:
        reasons.append(
            _("what you offer matches what they look for (%(words)s)")
            % {"words": ", ".join(shared_words(candidate.looks_for_text, viewer.offers_text))}
        )
    if candidate.country and candidate.country in viewer.target_countries:
        market = str(country_names.get(candidate.country, candidate.country))
        reasons.append(_("%(country)s is one of your target markets") % {"country": market})
    if viewer.country and viewer.country in candidate.target_countries:
        home = str(country_names.get(viewer.country, viewer.country))
        reasons.append(
            _("your country, %(country)s, is one of their target markets") % {"country": home}
        )
    if shared:
        reasons.append(
            ngettext(
                "you both work in %(items)s",
                "you both work in %(items)s",
                len(shared),
            )
            % {"items": human_list(shared)}
        )
    return Suggestion(
        candidate=candidate.key,
        score=round(score, 4),
        wanted=round(wanted, 4),
        returned=round(returned, 4),
        reasons=tuple(reasons),
        they_offer=they_offer,
        you_offer=you_offer,
        market=market,
        shared_sectors=shared,
    )


def rank(
    viewer: Profile,
    candidates: Iterable[Profile],
    *,
    excluded: frozenset = frozenset(),
    include_own_cluster: bool = False,
    limit: int = DEFAULT_LIMIT,
    competency_names: Mapping | None = None,
    sector_names: Mapping | None = None,
    country_names: Mapping | None = None,
) -> list[Suggestion]:
    """The best candidates for viewer, best first, each with its reasons.

    Never the viewer, nor anyone of the viewer's organisation, nor the keys in ``excluded``
    (declined or already met pairs); by default not the members of the viewer's own clusters
    either (they meet at home). A candidate with no reason at all is not suggested."""
    suggestions = []
    for candidate in candidates:
        if candidate.key == viewer.key or candidate.key in excluded:
            continue
        if candidate.organisation == viewer.organisation:
            continue
        if not include_own_cluster and viewer.clusters & candidate.clusters:
            continue
        suggestion = score_pair(
            viewer,
            candidate,
            competency_names=competency_names,
            sector_names=sector_names,
            country_names=country_names,
        )
        if suggestion.score > 0 and suggestion.reasons:
            suggestions.append(suggestion)
    # Best first; ties by the reciprocal parts, then a stable order by key.
    suggestions.sort(key=lambda s: (-s.score, -min(s.wanted, s.returned), s.candidate))
    return suggestions[:limit]


# ---- From the database ----------------------------------------------------------------------


def _grouped(rows) -> dict:
    grouped: dict = {}
    for owner, key in rows:
        grouped.setdefault(owner, set()).add(key)
    return {owner: frozenset(keys) for owner, keys in grouped.items()}


def _country_codes(value) -> frozenset:
    """A multiple CountryField read by values_list: "MX,US" (or a list of codes)."""
    if isinstance(value, str):
        value = value.split(",")
    return frozenset(str(code).strip() for code in value or () if str(code).strip())


def excluded_pairs(participant) -> frozenset:
    """Participants not to suggest again: a request of the pair is pending, accepted (met
    or meeting) or declined, whoever sent it."""
    rows = MeetingRequest.objects.filter(
        Q(sender=participant) | Q(recipient=participant),
        status__in=[
            MeetingRequest.Status.PENDING,
            MeetingRequest.Status.ACCEPTED,
            MeetingRequest.Status.DECLINED,
        ],
    ).values_list("sender_id", "recipient_id")
    return frozenset(key for pair in rows for key in pair if key != participant.pk) | met_before(
        participant
    )


def met_before(participant) -> frozenset:
    """Participants of the programme whose person already has a meeting with the
    participant's person at another programme (the same two people know each other)."""
    meetings = Meeting.objects.filter(status=Meeting.Status.SCHEDULED).exclude(
        programme_id=participant.programme_id
    )
    person = participant.person_id
    asked = meetings.filter(request__sender__person_id=person)
    asked_by = meetings.filter(request__recipient__person_id=person)
    return frozenset(
        Participant.objects.filter(programme_id=participant.programme_id)
        .filter(
            Q(person_id__in=asked.values("request__recipient__person_id"))
            | Q(person_id__in=asked_by.values("request__sender__person_id"))
        )
        .exclude(pk=participant.pk)
        .values_list("pk", flat=True)
    )


def programme_profiles(programme) -> tuple[dict, dict, dict]:
    """Profiles of the programme's validated participants, and the competency and sector
    names: six queries whatever the number of participants."""
    validated = Participant.objects.validated().filter(programme=programme)
    rows = list(
        validated.values_list(
            "pk",
            "person__organisation_id",
            "person__organisation__country",
            "person__organisation__company_id",
            "target_countries",
            "offers_text",
            "looks_for_text",
        )
    )
    index = TextIndex(text for row in rows for text in row[5:7])
    competency_names = {}
    offers, looks_for = {}, {}
    for relation, store in (("offers", offers), ("looks_for", looks_for)):
        through = getattr(Participant, relation).through
        for owner, key, name in through.objects.filter(participant__in=validated).values_list(
            "participant_id", "competency_id", "competency__name"
        ):
            store.setdefault(owner, set()).add(key)
            competency_names[key] = name
    organisations = {row[1] for row in rows}
    sector_names = {}
    sectors = {}
    for owner, key, name in Organisation.sectors.through.objects.filter(
        organisation_id__in=organisations
    ).values_list("organisation_id", "sector_id", "sector__name"):
        sectors.setdefault(owner, set()).add(key)
        sector_names[key] = name
    clusters = _grouped(
        Company.clusters.through.objects.filter(
            company_id__in={row[3] for row in rows if row[3]}
        ).values_list("company_id", "cluster_id")
    )
    profiles = {}
    for key, organisation, country, company, targets, offers_text, looks_for_text in rows:
        profiles[key] = Profile(
            key=key,
            organisation=organisation,
            clusters=clusters.get(company, frozenset()),
            country=str(country or ""),
            offers=frozenset(offers.get(key, ())),
            looks_for=frozenset(looks_for.get(key, ())),
            sectors=frozenset(sectors.get(organisation, ())),
            target_countries=_country_codes(targets),
            offers_text=index.vector(offers_text),
            looks_for_text=index.vector(looks_for_text),
        )
    return profiles, competency_names, sector_names


def suggest_for(participant, *, limit: int = DEFAULT_LIMIT) -> list[tuple[object, Suggestion]]:
    """The participant's suggested meetings as (participant, suggestion), best first.

    Nine queries whatever the size of the programme: the profiles, the pairs to leave out (two)
    and the suggested participants with their person and organisation."""
    profiles, competency_names, sector_names = programme_profiles(participant.programme)
    viewer = profiles.get(participant.pk)
    if viewer is None:  # not validated: nobody is suggested
        return []
    suggestions = rank(
        viewer,
        profiles.values(),
        excluded=excluded_pairs(participant),
        include_own_cluster=participant.suggest_own_cluster,
        limit=limit,
        competency_names=competency_names,
        sector_names=sector_names,
        country_names=dict(countries),
    )
    found = Participant.objects.select_related("person__organisation").in_bulk(
        [suggestion.candidate for suggestion in suggestions]
    )
    return [(found[s.candidate], s) for s in suggestions if s.candidate in found]
