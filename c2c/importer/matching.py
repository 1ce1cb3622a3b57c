"""Matching an adoption list's names to the dataset's places and countries, and finding new partner places in the
offline gazetteer (Nominatim too with --online), within the stated country only."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from c2c.core.dataset import Dataset
from geo.backends import GeocodeError, Geocoder, GeoResult, NominatimGeocoder
from geo.gazetteer import OfflineGazetteer, normalise_name

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# Administrative words a name may carry or not: 富山市 = 富山, Quang Ninh Province = Quang Ninh.
JA_SUFFIXES = ("特別州", "管区", "地域", "市", "省", "州", "県", "府", "都", "区", "郡")
EN_SUFFIXES = ("metropolitan administration", "special capital region", "city", "province", "prefecture", "state",
               "region", "regency", "municipality", "capital")
EN_PREFIXES = ("city of ", "municipality of ")


def name_keys(name: str) -> set[str]:
    """Comparable forms of a place name: NFKC, case-folded, without spaces, with and without its suffix."""
    key = normalise_name(name).replace(" ", "")
    if not key:
        return set()
    keys = {key}
    spaced = normalise_name(name)
    for prefix in EN_PREFIXES:
        if spaced.startswith(prefix):
            keys.add(spaced[len(prefix):].replace(" ", ""))
    for suffix in EN_SUFFIXES:
        if spaced.endswith(" " + suffix):
            keys.add(spaced[: -len(suffix)].replace(" ", ""))
    for suffix in JA_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            keys.add(key[: -len(suffix)])
    return {k for k in keys if k}


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class NewPlace:
    id: str
    name_ja: str
    name_en: str
    country_code: str
    lat: float
    lon: float
    geo_source: str
    how: str


class Matcher:
    """Names of the dataset's places and countries, keyed for matching."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.place_keys: dict[str, set[str]] = {}
        for place_id, row in dataset.cities.iterrows():
            keys: set[str] = set()
            for name in [row["name_ja"], row["name_en"], *row["aliases_list"]]:
                keys |= name_keys(str(name))
            self.place_keys[str(place_id)] = keys
        self.country_names: dict[str, str] = {}
        for code, row in dataset.countries.iterrows():
            for name in (code, row["name_ja"], row["name_en"]):
                self.country_names[normalise_name(str(name)).replace(" ", "")] = str(code)

    def country(self, text: str) -> str | None:
        return self.country_names.get(normalise_name(text).replace(" ", ""))

    def places(self, text: str, side: str, country: str | None) -> list[str]:
        keys = name_keys(text)
        cities = self.dataset.cities
        return [pid for pid, pkeys in self.place_keys.items()
                if keys & pkeys and cities.at[pid, "side"] == side
                and (country is None or cities.at[pid, "country_code"] == country)]

    def label(self, place_id: str) -> str:
        row = self.dataset.cities.loc[place_id]
        return f"{place_id} ({row['name_ja']} / {row['name_en']}, {row['country_code']})"


def _geonames_elsewhere(text: str, country: str) -> list[str]:
    """Countries (other than ``country``) where GeoNames has a place of that name: for the error message only."""
    from geo.gazetteer import DEFAULT_MIN_POPULATION, _load

    keys = name_keys(text)
    found = set()
    for code, cities in _load(DEFAULT_MIN_POPULATION)[0].items():
        if code == country:
            continue
        for city in cities:
            names = [city.get("name", ""), *city.get("alternatenames", ())]
            if any(name_keys(str(n)) & keys for n in names if n):
                found.add(code)
                break
    return sorted(found)


def default_geocoders(online: bool) -> list[Geocoder]:
    return [OfflineGazetteer(), NominatimGeocoder()] if online else [OfflineGazetteer()]

def geocode_place(name: str, country: str, geocoders: list[Geocoder], taken: set[str], label: str,
                  line: int) -> tuple[NewPlace | None, str]:
    """A new partner place found in ``country`` by the gazetteer (then Nominatim if given), or an error."""
    for geocoder in geocoders:
        if isinstance(geocoder, OfflineGazetteer):
            found = geocoder.candidates(name, country)
            if len(found) > 1:
                listed = "; ".join(f"{c['name']} ({float(c['latitude']):.4f}, {float(c['longitude']):.4f}, "
                                   f"pop {c.get('population') or '?'})" for c in found[:5])
                return None, (f"{name!r} is not in cities.csv and the gazetteer has {len(found)} places of that name "
                              f"in {country}: {listed}; add the right one to cities.csv yourself")
            result = geocoder.lookup(name, country) if found else None
        else:
            try:
                result = geocoder.lookup(name, country)
            except GeocodeError as exc:
                return None, f"{name!r}: the online geocoder failed ({exc})"
        if result is not None and result.country_code == country:
            return _new_place(name, country, result, taken, label, line), ""
    elsewhere = _geonames_elsewhere(name, country)
    hint = f" (the gazetteer knows a place of that name in: {', '.join(elsewhere)})" if elsewhere else ""
    return None, (f"{name!r} is not in cities.csv and the gazetteer cannot find it in {country}{hint}; "
                  f"add it to cities.csv with coordinates, or try --online")


def _new_place(name: str, country: str, result: GeoResult, taken: set[str], label: str, line: int) -> NewPlace:
    name_en = name if not JAPANESE.search(name) else result.matched_name
    place_id = _unique_id(f"{country.lower()}-{_slug(result.matched_name) or _slug(name_en) or 'place'}", taken)
    how = (f"{'GeoNames' if result.source == 'geonames' else 'Nominatim'}: {result.matched_name}"
           + (f", pop {result.population}" if result.population else "")
           + f"; added by c2c import from {label} row {line}")
    return NewPlace(place_id, name, name_en, country, round(result.lat, 5), round(result.lon, 5), result.source, how)
