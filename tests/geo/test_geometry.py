"""Great-circle arcs for the Pacific-centred map."""

from __future__ import annotations

import math

import pytest

from geo.geometry import (
    PACIFIC_CENTRE_LON,
    great_circle_points,
    haversine_km,
    to_display_lon,
)

TOYAMA = (36.70, 137.21)
RENCA = (-33.40, -70.73)
KOROR = (7.34, 134.47)
KITAKYUSHU = (33.88, 130.88)
BUSAN = (35.18, 129.08)
TOKYO = (35.68, 139.69)
LONDON = (51.51, -0.13)
DISPLAY_LOW, DISPLAY_HIGH = PACIFIC_CENTRE_LON - 180, PACIFIC_CENTRE_LON + 180


def steps(points: list[tuple[float, float]]) -> list[float]:
    return [abs(b[1] - a[1]) for a, b in zip(points, points[1:])]


def path_length_km(points: list[tuple[float, float]]) -> float:
    return sum(haversine_km(a[0], a[1], b[0], b[1]) for a, b in zip(points, points[1:]))


def test_display_lon_wraps_into_the_pacific_centred_range():
    assert to_display_lon(-70.73) == pytest.approx(289.27)
    assert to_display_lon(137.21) == pytest.approx(137.21)
    assert to_display_lon(-0.13) == pytest.approx(-0.13)
    assert to_display_lon(DISPLAY_HIGH) == pytest.approx(DISPLAY_LOW)  # half-open range
    for lon in range(-540, 541, 7):
        assert DISPLAY_LOW <= to_display_lon(lon) < DISPLAY_HIGH


def test_toyama_to_renca_crosses_the_pacific_eastwards_without_jumps():
    points = great_circle_points(*TOYAMA, *RENCA)
    lons = [lon for _, lon in points]
    assert points[0] == TOYAMA
    assert points[-1] == (RENCA[0], pytest.approx(289.27))
    assert all(137 <= lon <= 290 for lon in lons)
    assert all(b > a for a, b in zip(lons, lons[1:])), "eastwards: longitudes increase monotonically"
    assert max(steps(points)) < 180
    assert 30 <= len(points) <= 60


def test_arc_length_matches_haversine():
    for a, b in [(TOYAMA, RENCA), (TOKYO, LONDON), (TOKYO, KOROR), (KITAKYUSHU, BUSAN)]:
        expected = haversine_km(*a, *b)
        points = great_circle_points(*a, *b, round_to=None)
        # A densified great circle is the geodesic itself, so its length equals the direct distance.
        assert path_length_km(points) == pytest.approx(expected, rel=1e-6)
        for lat, lon in points:
            assert -90 <= lat <= 90 and math.isfinite(lon)


def test_haversine_known_distances():
    assert haversine_km(*TOYAMA, *RENCA) == pytest.approx(17450, rel=0.01)
    assert haversine_km(*KITAKYUSHU, *BUSAN) == pytest.approx(210, rel=0.05)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)
    assert haversine_km(*TOKYO, *TOKYO) == 0


def test_japan_to_palau_stays_near_japan_longitudes():
    points = great_circle_points(*TOKYO, *KOROR)
    assert points[0] == TOKYO and points[-1] == KOROR
    assert all(130 < lon < 140 for _, lon in points)
    assert max(steps(points)) < 180


def test_japan_to_europe_goes_west_and_ends_inside_the_display_range():
    points = great_circle_points(*TOKYO, *LONDON)
    lons = [lon for _, lon in points]
    assert all(b < a for a, b in zip(lons, lons[1:])), "westwards over Siberia"
    assert lons[-1] == pytest.approx(-0.13)
    assert all(DISPLAY_LOW <= lon < DISPLAY_HIGH for lon in lons)
    assert max(lat for lat, _ in points) > 60  # the great circle bows north


def test_point_counts_stay_modest():
    assert len(great_circle_points(*KITAKYUSHU, *BUSAN)) == 2
    assert len(great_circle_points(*TOKYO, *BUSAN)) <= 5
    assert len(great_circle_points(0, 0, 0.5, 179.9)) <= 64
    assert len(great_circle_points(*TOYAMA, *RENCA, max_segment_km=50)) == 64
    assert len(great_circle_points(*TOYAMA, *RENCA, max_segment_km=50, max_points=10)) == 10
    assert len(great_circle_points(*TOYAMA, *RENCA, max_segment_km=20000)) == 2


def test_rounding_keeps_json_small():
    points = great_circle_points(*TOYAMA, *RENCA, round_to=2)
    assert all(round(lat, 2) == lat and round(lon, 2) == lon for lat, lon in points)
    raw = great_circle_points(*TOYAMA, *RENCA, round_to=None)
    assert any(round(lat, 3) != lat for lat, _ in raw)


@pytest.mark.parametrize("a, b", [
    ((35.0, 139.0), (35.0, 139.0)),  # identical
    ((0.0, 0.0), (0.0, 180.0)),  # exactly antipodal
    ((10.0, 20.0), (-10.0, -160.0)),  # antipodal, off the equator
    ((90.0, 0.0), (-90.0, 0.0)),  # pole to pole
    ((35.0, 139.0), (-35.0, -41.0 + 1e-9)),  # antipodal-ish
    ((89.9999, 10.0), (89.9999, -170.0)),  # across the pole
])
def test_degenerate_arcs_have_no_nan(a, b):
    points = great_circle_points(*a, *b, round_to=None)
    assert len(points) >= 2
    assert all(math.isfinite(lat) and math.isfinite(lon) for lat, lon in points)
    assert points[0] == (a[0], to_display_lon(a[1]))
    assert points[-1][0] == b[0]
    assert to_display_lon(points[-1][1]) == pytest.approx(to_display_lon(b[1]))
    assert max(steps(points)) <= 180


def test_antimeridian_crossing_westwards_is_continuous():
    # Fiji (east of 180) to Tahiti: a short hop that straddles nothing on a Pacific map.
    points = great_circle_points(-18.14, 178.44, -17.53, -149.57)
    assert points[0][1] == pytest.approx(178.44)
    assert points[-1][1] == pytest.approx(210.43)
    assert max(steps(points)) < 20


@pytest.mark.parametrize("kwargs", [
    {"lat1": 91.0}, {"lat2": -90.5}, {"lon1": math.nan}, {"lon2": math.inf}, {"max_segment_km": 0},
    {"max_points": 1},
])
def test_invalid_input_is_rejected(kwargs):
    args = {"lat1": 35.0, "lon1": 139.0, "lat2": 1.3, "lon2": 103.8, **kwargs}
    with pytest.raises(ValueError):
        great_circle_points(**args)
