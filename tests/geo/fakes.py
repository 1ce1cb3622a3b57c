"""Test doubles for the geocoding backends: nothing here touches the network or really sleeps."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.backends import GeoResult

CITIES_HEADER = ["id", "side", "name_ja", "name_en", "aliases", "country_code", "kind", "lat", "lon",
                 "geo_source", "geo_note"]


def cities_csv(rows: Sequence[Mapping[str, str]], header: Sequence[str] = CITIES_HEADER) -> str:
    """CSV text in the cities.csv layout; unspecified cells are blank."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in header})
    return buffer.getvalue()


def write_cities(data_dir: Path, rows: Sequence[Mapping[str, str]], encoding: str = "utf-8") -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "cities.csv"
    path.write_bytes(cities_csv(rows).encode(encoding))
    return path


class FakeClock:
    """A clock whose ``sleep`` advances time instantly, so RateLimiter pacing can be asserted without waiting."""

    def __init__(self, start: float = 1000.0):
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass
class FakeLocation:
    """Duck-typed geopy.Location: latitude, longitude, address and raw (with addressdetails)."""

    latitude: float
    longitude: float
    address: str
    raw: dict[str, Any]


def location(lat: float, lon: float, country_code: str | None, name: str = "Somewhere",
             osm_class: str = "place", osm_type: str = "city") -> FakeLocation:
    raw: dict[str, Any] = {"lat": str(lat), "lon": str(lon), "display_name": name, "class": osm_class,
                           "type": osm_type}
    if country_code is not None:
        raw["address"] = {"country_code": country_code.lower(), "city": name}
    return FakeLocation(lat, lon, name, raw)


@dataclass
class FakeGeopy:
    """Geopy-compatible geocoder: ``geocode(query, **kwargs)`` replays scripted outcomes.

    ``script`` maps a query to a list of outcomes consumed one per call (the last one repeats); an outcome is a
    return value (None, a location or a list) or an exception instance to raise. Unknown queries return None.
    ``clock`` (optional) timestamps each call so tests can check the pacing.
    """

    script: dict[str, list[Any]] = field(default_factory=dict)
    clock: Callable[[], float] | None = None
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    call_times: list[float] = field(default_factory=list)

    def geocode(self, query: str, **kwargs: Any) -> Any:
        self.calls.append((query, kwargs))
        if self.clock is not None:
            self.call_times.append(self.clock())
        outcomes = self.script.get(query)
        if not outcomes:
            return None
        outcome = outcomes.pop(0) if len(outcomes) > 1 else outcomes[0]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


def geo_result(lat: float, lon: float, country_code: str, name: str = "Somewhere", source: str = "geonames",
               population: int | None = 100000) -> GeoResult:
    return GeoResult(lat=lat, lon=lon, country_code=country_code, source=source, matched_name=name,
                     population=population, feature="populated place")


class ScriptedGeocoder:
    """Implements the Geocoder protocol from a table ``{(query, country_code): result}``.

    ``fail_on_call`` = (n, exception): the n-th lookup (1-based) raises instead of answering, e.g. a
    KeyboardInterrupt to simulate Ctrl-C mid-run. ``on_call`` runs before each lookup (to edit the file meanwhile).
    """

    def __init__(self, answers: Mapping[tuple[str, str], GeoResult | None] | None = None, *, name: str = "geonames",
                 fail_on_call: tuple[int, BaseException] | None = None,
                 on_call: Callable[[int, str, str], None] | None = None):
        self.name = name
        self.answers = dict(answers or {})
        self.fail_on_call = fail_on_call
        self.on_call = on_call
        self.calls: list[tuple[str, str]] = []

    def lookup(self, query: str, country_code: str) -> GeoResult | None:
        self.calls.append((query, country_code))
        if self.on_call is not None:
            self.on_call(len(self.calls), query, country_code)
        if self.fail_on_call is not None and len(self.calls) == self.fail_on_call[0]:
            raise self.fail_on_call[1]
        return self.answers.get((query, country_code))
