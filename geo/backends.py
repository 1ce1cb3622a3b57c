"""The one small interface every geocoding backend implements, and the online (Nominatim) backend.

Rows of ``cities.csv`` are geocoded *within their own country*: many partner names are short and ambiguous
("Bali" is also a town in Cameroon), so a backend is always asked ``lookup(name, country_code)`` and must never
return a place in another country. Backends return ``None`` for "no such place" and raise :class:`GeocodeError`
for "the service could not answer", so that the caller can tell an unresolvable row from a network outage.

The offline backend lives in :mod:`geo.gazetteer`; it is the default because it needs no network at all.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from geopy import exc as geopy_exc
from geopy.extra.rate_limiter import RateLimiter

DEFAULT_USER_AGENT = "c2c-atlas/0.1 (+https://github.com/; offline-first MOE City-to-City dashboard)"

# geopy's RateLimiter logs every retry at WARNING level *with the traceback*. Without any handler configured,
# Python's last-resort handler would print that traceback to the user's terminal; a NullHandler prevents that
# while still letting an application that configures logging see the records.
logging.getLogger("geopy").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class GeoResult:
    """One geocoded place. ``source`` is what goes into the ``geo_source`` column."""

    lat: float
    lon: float
    country_code: str  # ISO 3166-1 alpha-2, upper case
    source: str  # "geonames" | "nominatim"
    matched_name: str
    population: int | None = None
    feature: str | None = None  # e.g. "populated place", "boundary/administrative"


@runtime_checkable
class Geocoder(Protocol):
    """What the CLI needs from a backend.

    ``name`` is the value written to ``geo_source``. ``lookup`` returns ``None`` when the place is unknown *in that
    country* and raises :class:`GeocodeError` when the backend itself failed.
    """

    name: str

    def lookup(self, query: str, country_code: str) -> GeoResult | None: ...


# Kinds of GeocodeError. Only QUERY is about one row; the others mean the service is unusable right now, so a
# batch run should stop, keep what it has, and be resumed later.
TIMEOUT = "timeout"
RATE_LIMITED = "rate_limited"
UNAVAILABLE = "unavailable"
REFUSED = "refused"
SERVICE = "service"
QUERY = "query"


class GeocodeError(Exception):
    """A backend could not answer. ``reason`` is a one-line, user-readable explanation (never a traceback)."""

    def __init__(self, reason: str, kind: str = SERVICE, query: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.query = query

    @property
    def aborts_run(self) -> bool:
        """True when retrying other rows now is pointless (outage, rate limit); False for a bad single query."""
        return self.kind != QUERY


def normalise_country_code(country_code: str) -> str:
    """Upper-case, stripped ISO alpha-2 code; raises ValueError for anything else so no lookup runs unconstrained."""
    code = (country_code or "").strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise ValueError(f"country code must be two letters (ISO 3166-1 alpha-2), got {country_code!r}")
    return code


class _InjectableRateLimiter(RateLimiter):
    """geopy's RateLimiter with its clock and sleep swappable, so tests can check the pacing without waiting.

    ``_clock`` and ``_sleep`` are the hooks geopy itself overrides in its own tests (pinned geopy 2.5).
    """

    def __init__(self, func: Callable[..., Any], *, clock: Callable[[], float], sleep: Callable[[float], None],
                 **kwargs: Any):
        super().__init__(func, **kwargs)
        self._injected_clock = clock
        self._injected_sleep = sleep

    def _clock(self) -> float:
        return self._injected_clock()

    def _sleep(self, seconds: float) -> None:
        self._injected_sleep(seconds)


class NominatimGeocoder:
    """OpenStreetMap Nominatim through geopy, restricted to one country per query and paced for the public server.

    The public server's usage policy asks for at most one request per second and an identifying user agent; both
    are enforced here (``min_delay_seconds`` below 1 is refused). Results are requested with address details and
    rejected unless their ``country_code`` matches, because ``countrycodes`` alone has been seen to leak border
    results. Pass ``geocoder`` to inject any object with geopy's ``geocode(query, **kwargs)`` signature (tests use
    a fake; a self-hosted Nominatim can be passed as ``geopy.geocoders.Nominatim(domain=...)``).
    """

    name = "nominatim"

    def __init__(
        self,
        geocoder: Any | None = None,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout: float = 10.0,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        error_wait_seconds: float = 5.0,
        language: str = "en",
        candidates: int = 5,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if min_delay_seconds < 1.0:
            raise ValueError("Nominatim's usage policy allows at most one request per second (min_delay_seconds >= 1)")
        if error_wait_seconds < min_delay_seconds:
            raise ValueError("error_wait_seconds must be at least min_delay_seconds")
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if geocoder is None:
            from geopy.geocoders import Nominatim  # deferred: constructing it is cheap, but keep import cost lazy

            geocoder = Nominatim(user_agent=user_agent, timeout=timeout)
        self._geocoder = geocoder
        self.timeout = timeout
        self.language = language
        self.candidates = candidates
        self.max_retries = max_retries
        self._geocode = _InjectableRateLimiter(
            self._geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
            clock=clock,
            sleep=sleep,
        )

    def lookup(self, query: str, country_code: str) -> GeoResult | None:
        """Best in-country result for ``query``, ``None`` if there is none, GeocodeError if Nominatim failed."""
        code = normalise_country_code(country_code)
        query = query.strip()
        if not query:
            return None
        try:
            answer = self._geocode(
                query,
                exactly_one=False,
                limit=self.candidates,
                addressdetails=True,
                country_codes=[code.lower()],
                language=self.language,
                timeout=self.timeout,
            )
        except geopy_exc.GeopyError as exc:
            raise self._translate(exc, query) from None
        except OSError as exc:  # a raw socket/SSL error that slipped past geopy's adapter
            raise GeocodeError(f"cannot reach Nominatim: {exc}", UNAVAILABLE, query) from None
        for location in _as_list(answer):
            result = self._to_result(location, code)
            if result is not None:
                return result
        return None

    def _to_result(self, location: Any, code: str) -> GeoResult | None:
        raw = getattr(location, "raw", None)
        if not isinstance(raw, dict):
            return None
        address = raw.get("address")
        found_code = address.get("country_code") if isinstance(address, dict) else None
        if not isinstance(found_code, str) or found_code.upper() != code:
            return None  # wrong or unverifiable country: rejected, never written to the file
        try:
            lat, lon = float(location.latitude), float(location.longitude)
        except (AttributeError, TypeError, ValueError):
            return None
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            return None
        name = str(getattr(location, "address", None) or raw.get("display_name") or "")
        kind = "/".join(str(raw[key]) for key in ("class", "type") if raw.get(key)) or None
        return GeoResult(lat=lat, lon=lon, country_code=code, source=self.name, matched_name=name, feature=kind)

    def _translate(self, exc: geopy_exc.GeopyError, query: str) -> GeocodeError:
        """Turn a geopy exception into one readable sentence and a kind the caller can act on."""
        tries = f" (after {self.max_retries + 1} tries)" if self.max_retries else ""
        detail = str(exc).strip()
        if isinstance(exc, geopy_exc.GeocoderRateLimited):
            wait = f"; the server asks to wait {exc.retry_after:g} s" if exc.retry_after else ""
            return GeocodeError(f"Nominatim is rate-limiting us (HTTP 429 Too Many Requests){tries}{wait}; "
                                "rerun later to resume", RATE_LIMITED, query)
        if isinstance(exc, geopy_exc.GeocoderQuotaExceeded):
            return GeocodeError(f"Nominatim quota exceeded{tries}: {detail}", RATE_LIMITED, query)
        if isinstance(exc, geopy_exc.GeocoderTimedOut):
            # geopy also maps HTTP 503/504 to GeocoderTimedOut.
            return GeocodeError(f"Nominatim did not answer in time (timeout {self.timeout:g} s, or HTTP 503/504)"
                                f"{tries}", TIMEOUT, query)
        if isinstance(exc, geopy_exc.GeocoderUnavailable):
            return GeocodeError(f"cannot reach Nominatim (network down or service unavailable){tries}: {detail}",
                                UNAVAILABLE, query)
        if isinstance(exc, (geopy_exc.GeocoderAuthenticationFailure, geopy_exc.GeocoderInsufficientPrivileges)):
            return GeocodeError(f"Nominatim refused access (HTTP 401/403; check the user agent): {detail}",
                                REFUSED, query)
        if isinstance(exc, geopy_exc.GeocoderQueryError):
            return GeocodeError(f"Nominatim rejected the query {query!r}: {detail}", QUERY, query)
        if isinstance(exc, geopy_exc.GeocoderParseError):
            return GeocodeError(f"Nominatim sent an unreadable answer{tries}: {detail}", SERVICE, query)
        return GeocodeError(f"Nominatim service error{tries}: {detail or type(exc).__name__}", SERVICE, query)


def _as_list(answer: Any) -> list[Any]:
    """geopy returns None, one Location, or a list of Locations depending on ``exactly_one``; accept all three."""
    if answer is None:
        return []
    if isinstance(answer, (list, tuple)):
        return list(answer)
    return [answer]
