"""Spherical geometry for drawing the network on a Pacific-centred map."""

from __future__ import annotations

import math

# The map is centred on Japan so that lines to Chile and Palau cross the Pacific instead of the whole world.
# Every longitude shown on the map lies in [PACIFIC_CENTRE_LON - 180, PACIFIC_CENTRE_LON + 180).
PACIFIC_CENTRE_LON = 139.7


def to_display_lon(lon: float, centre: float = PACIFIC_CENTRE_LON) -> float:
    """Wrap a WGS84 longitude into the map's display range [centre - 180, centre + 180)."""
    low = centre - 180.0
    return (lon - low) % 360.0 + low


# IUGG mean Earth radius. A sphere is plenty for drawing lines and sanity checks (the error is below 0.5 %).
EARTH_RADIUS_KM = 6371.0088

# A map may draw thousands of arcs, so each arc must stay small: ~400 km per segment keeps a trans-Pacific arc
# visibly curved with ~45 points, while a Kitakyushu-Busan line needs only a couple.
DEFAULT_MAX_SEGMENT_KM = 400.0
DEFAULT_MAX_POINTS = 64
DEFAULT_ROUND_TO = 3  # 3 decimals is ~100 m: invisible at country zoom, and it keeps the map's JSON small.

_Vector = tuple[float, float, float]


def _check_coordinate(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"coordinates must be finite numbers, got ({lat}, {lon})")
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"latitude must be between -90 and 90, got {lat}")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two WGS84 points (spherical Earth)."""
    _check_coordinate(lat1, lon1)
    _check_coordinate(lat2, lon2)
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    # Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
    return 2.0 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, h))))


def _to_vector(lat: float, lon: float) -> _Vector:
    phi, lmb = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lmb), math.cos(phi) * math.sin(lmb), math.sin(phi))


def _to_lat_lon(v: _Vector) -> tuple[float, float]:
    x, y, z = v
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _dot(a: _Vector, b: _Vector) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: _Vector, b: _Vector) -> _Vector:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _norm(v: _Vector) -> float:
    return math.sqrt(_dot(v, v))


def _scale(v: _Vector, k: float) -> _Vector:
    return (v[0] * k, v[1] * k, v[2] * k)


def _arc_basis(a: _Vector, b: _Vector) -> tuple[_Vector, float]:
    """Return (u, angle): u is the unit tangent at ``a`` pointing along the great circle towards ``b``.

    Points on the arc are then cos(t)·a + sin(t)·u for t in [0, angle], which, unlike the textbook slerp formula
    with its division by sin(angle), stays well defined for nearly identical and nearly antipodal points.
    """
    cos_angle = _dot(a, b)
    perpendicular = (b[0] - cos_angle * a[0], b[1] - cos_angle * a[1], b[2] - cos_angle * a[2])
    sin_angle = _norm(perpendicular)
    angle = math.atan2(sin_angle, cos_angle)
    if sin_angle > 1e-12:
        return _scale(perpendicular, 1.0 / sin_angle), angle
    # Identical or exactly antipodal: every great circle through a works (for antipodes, all are equally short).
    # Prefer the meridian (north/south), which is a deterministic and unsurprising choice; at a pole, use lon 0.
    helper: _Vector = (0.0, 0.0, 1.0) if math.hypot(a[0], a[1]) > 1e-9 else (1.0, 0.0, 0.0)
    east = _cross(helper, a)
    tangent = _cross(a, east)
    return _scale(tangent, 1.0 / _norm(tangent)), angle


def _unwrap(previous: float, lon: float) -> float:
    """Shift ``lon`` by a multiple of 360 so that it is within 180 degrees of ``previous``."""
    return previous + ((lon - previous + 180.0) % 360.0 - 180.0)


def great_circle_points(
    lat1: float,
    lon1: float,
    lat2: float,
    lon2: float,
    max_segment_km: float = DEFAULT_MAX_SEGMENT_KM,
    *,
    max_points: int = DEFAULT_MAX_POINTS,
    round_to: int | None = DEFAULT_ROUND_TO,
    centre: float = PACIFIC_CENTRE_LON,
) -> list[tuple[float, float]]:
    """Densify the shortest great-circle arc between two points into a list of (lat, lon) for a polyline.

    Longitudes are *unwrapped*: the first one is ``to_display_lon(lon1)`` and every following one is within 180°
    of its predecessor, so the line never jumps across the map when it crosses the antimeridian. A Toyama-Renca
    arc therefore runs from ~137 east to ~289 (= -70.7 + 360) across the Pacific, and Leaflet draws it as one
    continuous line on the Pacific-centred map. Endpoints are reproduced exactly (up to ``round_to``).

    The number of points is ``ceil(length / max_segment_km) + 1``, clamped to ``[2, max_points]``.
    ``round_to=None`` disables rounding.
    """
    _check_coordinate(lat1, lon1)
    _check_coordinate(lat2, lon2)
    if not (max_segment_km > 0 and math.isfinite(max_segment_km)):
        raise ValueError(f"max_segment_km must be a positive number, got {max_segment_km}")
    if max_points < 2:
        raise ValueError(f"max_points must be at least 2, got {max_points}")

    a, b = _to_vector(lat1, lon1), _to_vector(lat2, lon2)
    u, angle = _arc_basis(a, b)
    length_km = angle * EARTH_RADIUS_KM
    segments = max(1, min(max_points - 1, math.ceil(length_km / max_segment_km)))

    points: list[tuple[float, float]] = [(float(lat1), to_display_lon(float(lon1), centre))]
    previous_lon = points[0][1]
    for i in range(1, segments):
        t = angle * i / segments
        cos_t, sin_t = math.cos(t), math.sin(t)
        lat, lon = _to_lat_lon((cos_t * a[0] + sin_t * u[0], cos_t * a[1] + sin_t * u[1], cos_t * a[2] + sin_t * u[2]))
        previous_lon = _unwrap(previous_lon, lon)
        points.append((lat, previous_lon))
    points.append((float(lat2), _unwrap(previous_lon, float(lon2))))

    if round_to is None:
        return points
    return [(round(lat, round_to), round(lon, round_to)) for lat, lon in points]
