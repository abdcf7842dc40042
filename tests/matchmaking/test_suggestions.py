"""Suggested meetings: the reciprocal score, its exclusions and the words that explain it."""

import pytest

from matchmaking.suggestions import (
    Profile,
    harmonic_mean,
    human_list,
    rank,
    score_pair,
)

PARKING, IOT, CHARGING, BIM, WATER = 1, 2, 3, 4, 5
NAMES = {
    PARKING: "Smart parking",
    IOT: "IoT platforms",
    CHARGING: "Charging stations",
    BIM: "BIM",
    WATER: "Water metering",
}
MOBILITY, ENERGY = 10, 11
SECTORS = {MOBILITY: "Mobility", ENERGY: "Energy"}
COUNTRIES = {"MX": "Mexico", "IT": "Italy", "US": "United States of America", "CA": "Canada"}


def profile(key, **fields):
    defaults = {"organisation": f"org-{key}"}
    defaults.update(fields)
    for name in ("clusters", "offers", "looks_for", "sectors", "target_countries"):
        defaults[name] = frozenset(defaults.get(name, ()))
    return Profile(key=key, **defaults)


def named(viewer, candidate):
    return score_pair(
        viewer,
        candidate,
        competency_names=NAMES,
        sector_names=SECTORS,
        country_names=COUNTRIES,
    )


def test_harmonic_mean_is_zero_when_one_side_is():
    assert harmonic_mean(1.0, 0.0) == 0.0
    assert harmonic_mean(0.5, 0.5) == 0.5
    assert harmonic_mean(1.0, 0.25) == pytest.approx(0.4)


def test_mutual_match_outranks_a_one_sided_one():
    viewer = profile(1, offers={BIM}, looks_for={PARKING, IOT})
    # Offers all the viewer looks for, and wants what the viewer offers.
    mutual = profile(2, offers={PARKING, IOT}, looks_for={BIM})
    # Offers all the viewer looks for, wants nothing the viewer has.
    one_sided = profile(3, offers={PARKING, IOT}, looks_for={WATER})
    mutual_score = named(viewer, mutual)
    one_sided_score = named(viewer, one_sided)
    assert mutual_score.wanted == 1.0 and mutual_score.returned == 1.0
    assert one_sided_score.wanted == 1.0 and one_sided_score.returned == 0.0
    assert one_sided_score.score == 0.0
    assert mutual_score.score == pytest.approx(0.7)
    ranked = rank(viewer, [one_sided, mutual], competency_names=NAMES)
    assert [s.candidate for s in ranked] == [2]


def test_partial_reciprocity_is_combined_by_harmonic_mean():
    viewer = profile(1, offers={BIM, WATER}, looks_for={PARKING, IOT, CHARGING, WATER})
    candidate = profile(2, offers={PARKING}, looks_for={BIM})
    suggestion = named(viewer, candidate)
    assert suggestion.wanted == 0.25 and suggestion.returned == 1.0
    assert suggestion.score == pytest.approx(0.7 * 0.4)


def test_target_market_and_sector_overlap_add_to_the_score():
    viewer = profile(
        1,
        country="IT",
        offers={BIM},
        looks_for={PARKING},
        sectors={MOBILITY},
        target_countries={"MX"},
    )
    base = profile(2, country="US", offers={PARKING}, looks_for={BIM})
    in_market = profile(3, country="MX", offers={PARKING}, looks_for={BIM})
    both_ways = profile(
        4,
        country="MX",
        offers={PARKING},
        looks_for={BIM},
        target_countries={"IT"},
        sectors={MOBILITY},
    )
    scores = [named(viewer, other).score for other in (base, in_market, both_ways)]
    assert scores == sorted(scores) and len(set(scores)) == 3
    assert scores[1] == pytest.approx(0.7 + 0.2 * 0.5)
    assert scores[2] == pytest.approx(1.0)


def test_the_reason_says_what_they_offer_and_the_target_market():
    viewer = profile(1, looks_for={PARKING, IOT, WATER}, offers={BIM}, target_countries={"MX"})
    candidate = profile(2, country="MX", offers={PARKING, IOT, CHARGING}, looks_for={BIM})
    suggestion = named(viewer, candidate)
    assert suggestion.why == (
        "They offer IoT platforms and Smart parking, which you look for; "
        "you offer BIM, which they look for; Mexico is one of your target markets"
    )
    assert suggestion.they_offer == ("IoT platforms", "Smart parking")
    assert suggestion.market == "Mexico"


def test_the_reason_names_shared_sectors_and_their_interest_in_our_country():
    viewer = profile(1, country="IT", sectors={MOBILITY, ENERGY})
    candidate = profile(2, country="CA", sectors={MOBILITY, ENERGY}, target_countries={"IT"})
    suggestion = named(viewer, candidate)
    assert suggestion.why == (
        "Your country, Italy, is one of their target markets; you both work in Energy and Mobility"
    )


def test_long_lists_are_cut_and_counted():
    assert human_list([]) == ""
    assert human_list(["A"]) == "A"
    assert human_list(["A", "B"]) == "A and B"
    assert human_list(["A", "B", "C"]) == "A, B and C"
    assert human_list(["A", "B", "C", "D", "E"]) == "A, B, C and 2 more"


def test_own_organisation_and_own_cluster_are_excluded_by_default():
    viewer = profile(1, organisation="acme", clusters={7}, looks_for={PARKING}, offers={BIM})
    colleague = profile(2, organisation="acme", offers={PARKING}, looks_for={BIM})
    cluster_mate = profile(3, clusters={7, 8}, offers={PARKING}, looks_for={BIM})
    stranger = profile(4, clusters={9}, offers={PARKING}, looks_for={BIM})
    candidates = [viewer, colleague, cluster_mate, stranger]
    assert [s.candidate for s in rank(viewer, candidates)] == [4]
    with_cluster = rank(viewer, candidates, include_own_cluster=True)
    assert sorted(s.candidate for s in with_cluster) == [3, 4]


def test_excluded_pairs_are_not_suggested_again():
    viewer = profile(1, looks_for={PARKING}, offers={BIM})
    declined = profile(2, offers={PARKING}, looks_for={BIM})
    met = profile(3, offers={PARKING}, looks_for={BIM})
    fresh = profile(4, offers={PARKING}, looks_for={BIM})
    ranked = rank(viewer, [declined, met, fresh], excluded=frozenset({2, 3}))
    assert [s.candidate for s in ranked] == [4]


def test_a_candidate_without_any_reason_is_not_suggested():
    viewer = profile(1, looks_for={PARKING}, offers={BIM}, country="IT")
    unrelated = profile(2, offers={WATER}, looks_for={CHARGING}, country="US")
    assert rank(viewer, [unrelated]) == []


def test_ranking_is_best_first_stable_and_limited():
    viewer = profile(1, looks_for={PARKING, IOT}, offers={BIM})
    candidates = [
        profile(key, offers={PARKING, IOT} if key % 2 else {PARKING}, looks_for={BIM})
        for key in range(2, 12)
    ]
    ranked = rank(viewer, candidates, limit=4)
    assert [s.candidate for s in ranked] == [3, 5, 7, 9]
    assert rank(viewer, candidates, limit=4) == ranked


# ---- Free text (TF-IDF) -------------------------------------------------------------------


def test_free_text_similarity_counts_when_the_taxonomy_says_nothing():
    from matchmaking.suggestions import TextIndex

    texts = {
        "viewer_looks": "Distributors of parking sensors in Mexico",
        "viewer_offers": "Water metering software",
        "match_offers": "We make parking sensors and distribute them",
        "match_looks": "Software for water metering",
        "other_offers": "Catering and event management",
        "other_looks": "Venues in Milan",
    }
    index = TextIndex(texts.values())
    viewer = profile(
        1,
        looks_for_text=index.vector(texts["viewer_looks"]),
        offers_text=index.vector(texts["viewer_offers"]),
    )
    match = profile(
        2,
        offers_text=index.vector(texts["match_offers"]),
        looks_for_text=index.vector(texts["match_looks"]),
    )
    other = profile(
        3,
        offers_text=index.vector(texts["other_offers"]),
        looks_for_text=index.vector(texts["other_looks"]),
    )
    ranked = rank(viewer, [other, match])
    assert [s.candidate for s in ranked] == [2]
    [suggestion] = ranked
    assert suggestion.wanted > 0.15 and suggestion.returned > 0.15
    assert suggestion.why.startswith("What they offer matches what you look for (")
    assert "parking" in suggestion.why and "sensors" in suggestion.why
    assert "what you offer matches what they look for (" in suggestion.why
    assert "metering" in suggestion.why


def test_text_never_lowers_a_taxonomy_match_and_common_words_weigh_little():
    from matchmaking.suggestions import TextIndex, cosine

    index = TextIndex(["smart city smart", "smart city", "smart parking"])
    assert index.vector("") == {}
    # A word every text uses weighs less than a rare one.
    vector = index.vector("smart parking")
    assert vector["parking"] > vector["smart"]
    assert cosine(vector, vector) == pytest.approx(1.0)
    viewer = profile(
        1, looks_for={PARKING}, offers={BIM}, looks_for_text=index.vector("smart city")
    )
    candidate = profile(
        2, offers={PARKING}, looks_for={BIM}, offers_text=index.vector("smart parking")
    )
    assert named(viewer, candidate).wanted == 1.0


@pytest.mark.django_db
def test_the_same_two_people_who_met_at_another_programme_are_not_suggested_again():
    from matchmaking.models import Meeting
    from matchmaking.suggestions import excluded_pairs
    from tests.matchmaking.factories import (
        MeetingFactory,
        MeetingRequestFactory,
        ParticipantFactory,
        ProgrammeFactory,
        SlotFactory,
    )

    earlier = ProgrammeFactory()
    ana, ben, cleo = (ParticipantFactory(programme=earlier) for _ in range(3))
    first = SlotFactory(block__programme=earlier)
    MeetingFactory(
        request=MeetingRequestFactory(sender=ana, recipient=ben, status="accepted"), slot=first
    )
    cancelled = MeetingFactory(
        request=MeetingRequestFactory(sender=cleo, recipient=ana, status="accepted"),
        status=Meeting.Status.CANCELLED,
        slot=SlotFactory(block=first.block),
    )
    assert cancelled.status == Meeting.Status.CANCELLED
    now = ProgrammeFactory()
    ana_now, ben_now, cleo_now = (
        ParticipantFactory(programme=now, person=someone.person) for someone in (ana, ben, cleo)
    )
    assert excluded_pairs(ana_now) == {ben_now.pk}
    assert excluded_pairs(ben_now) == {ana_now.pk}
    # A cancelled meeting is no meeting: cleo and ana may still be suggested.
    assert excluded_pairs(cleo_now) == frozenset()
