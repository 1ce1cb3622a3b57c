"""The TopoJSON decoder, the Pacific-centred basemap and the vendored files' manifest."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest

from c2c.map.basemap import bounds, load_basemap
from geo.geometry import PACIFIC_CENTRE_LON
from scripts import topojson_basemap as basemap
from scripts.topojson_basemap import build_basemap, interior_borders, pacific_centred, topology_to_geojson
from tests.conftest import REPO_ROOT

STATIC = REPO_ROOT / "static"
MANIFEST = STATIC / "vendor" / "MANIFEST.json"


def topology(resolution: str) -> dict:
    return json.loads((STATIC / "vendor" / "world-atlas" / f"countries-{resolution}.json").read_text("utf-8"))


def polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiPolygon"
    return geometry["coordinates"]


def rings(geometry: dict):
    for polygon in polygons(geometry):
        yield from polygon


def by_name(collection: dict, name: str) -> dict:
    [feature] = [f for f in collection["features"] if f["properties"]["name"] == name]
    return feature


# ---------------------------------------------------------------------------------------------------- decoder


SMALL = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [100, -10]},
    "objects": {
        "things": {
            "type": "GeometryCollection",
            "geometries": [
                # two squares sharing arc 0 (the second walks it backwards: ~0 == -1)
                {"type": "Polygon", "arcs": [[0, 1]], "id": "A", "properties": {"name": "a"}},
                {"type": "MultiPolygon", "arcs": [[[~0, 2]], [[3]]], "id": "B"},
                {"type": "Point", "coordinates": [4, 8]},
                {"type": "LineString", "arcs": [0]},
                {"type": None},
            ],
        }
    },
    "arcs": [
        [[2, 0], [0, 4]],  # (2,0) -> (2,4)
        [[2, 4], [-2, 0], [0, -4], [2, 0]],  # (2,4) -> (0,4) -> (0,0) -> (2,0)
        [[2, 0], [2, 0], [0, 4], [-2, 0]],  # (2,0) -> (4,0) -> (4,4) -> (2,4)
        [[6, 6], [1, 0], [0, 1], [-1, -1]],  # a triangle, closed
    ],
}


def q(x: float, y: float) -> list[float]:
    return [x * 0.5 + 100, y * 0.25 - 10]


def test_decoder_quantized_delta_arcs_negative_indices_and_types():
    fc = topology_to_geojson(SMALL, "things")
    assert fc["type"] == "FeatureCollection"
    a, b, point, line, empty = fc["features"]
    assert a["id"] == "A" and a["properties"] == {"name": "a"}
    assert a["geometry"] == {"type": "Polygon", "coordinates": [[q(2, 0), q(2, 4), q(0, 4), q(0, 0), q(2, 0)]]}
    assert b["properties"] == {}
    assert b["geometry"]["type"] == "MultiPolygon"
    assert b["geometry"]["coordinates"][0] == [[q(2, 4), q(2, 0), q(4, 0), q(4, 4), q(2, 4)]]
    assert b["geometry"]["coordinates"][1] == [[q(6, 6), q(7, 6), q(7, 7), q(6, 6)]]
    assert point["geometry"] == {"type": "Point", "coordinates": q(4, 8)}  # points are not delta-encoded
    assert line["geometry"] == {"type": "LineString", "coordinates": [q(2, 0), q(2, 4)]}
    assert empty["geometry"] is None


def test_decoder_unquantized_topology():
    topo = {
        "type": "Topology",
        "objects": {"x": {"type": "Polygon", "arcs": [[0]], "properties": {"name": "x"}}},
        "arcs": [[[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 0.5]]],
    }
    feature = topology_to_geojson(topo, "x")
    assert feature["type"] == "Feature"
    assert feature["geometry"]["coordinates"] == [[[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 0.5]]]


def test_interior_borders_are_the_arcs_shared_by_two_geometries():
    mesh = interior_borders(SMALL, "things")
    assert mesh == {"type": "MultiLineString", "coordinates": [[q(2, 0), q(2, 4)]]}


def test_decodes_real_world_atlas():
    fc = topology_to_geojson(topology("110m"), "countries")
    assert len(fc["features"]) > 170
    japan = [f for f in fc["features"] if f.get("id") == "392"]
    assert japan and japan[0]["properties"]["name"] == "Japan"
    west, south, east, north = bounds(japan[0]["geometry"])
    assert 123 <= west < 132 and 144 < east <= 154 and 24 <= south < 34 and 44 < north <= 46


# -------------------------------------------------------------------------------------------- pacific_centred


@pytest.fixture(scope="module", params=basemap.RESOLUTIONS)
def derived(request) -> dict:
    return load_basemap(request.param)


def test_country_count_and_iso_codes(derived):
    assert len(derived["features"]) > 170
    japan = [f for f in derived["features"] if f["properties"]["iso_a2"] == "JP"]
    assert len(japan) == 1 and japan[0]["properties"]["name"] == "Japan"
    assert by_name(derived, "Chile")["properties"]["iso_a2"] == "CL"
    assert by_name(derived, "Russia")["properties"]["iso_a2"] == "RU"
    for name in ("Kosovo", "N. Cyprus", "Somaliland"):
        assert by_name(derived, name)["properties"]["iso_a2"] == ""
    for f in derived["features"]:
        assert set(f["properties"]) == {"name", "iso_a2"}
        assert f["properties"]["iso_a2"] == "" or len(f["properties"]["iso_a2"]) == 2


def test_japan_bounds(derived):
    west, south, east, north = bounds(by_name(derived, "Japan")["geometry"])
    assert 123 <= west < 132 and 144 < east <= 154
    assert 24 <= south < 34 and 44 < north <= 46


def test_no_antarctica(derived):
    names = {f["properties"]["name"] for f in derived["features"]}
    assert "Antarctica" not in names
    assert all(f["properties"]["iso_a2"] != "AQ" for f in derived["features"])


def test_chile_is_shifted_east_of_the_pacific():
    chile = by_name(load_basemap("110m"), "Chile")
    for polygon in polygons(chile["geometry"]):
        lons = [p[0] for p in polygon[0]]
        assert min(lons) >= 283 and max(lons) <= 295
    # at 1:50m Chile includes Easter Island (109 W), which lands at 251
    west, _, east, _ = bounds(by_name(load_basemap("50m"), "Chile")["geometry"])
    assert 245 < west < 255 and 290 < east < 295


def test_no_ring_jumps_across_the_map(derived):
    for f in derived["features"]:
        for ring in rings(f["geometry"]):
            assert len(ring) >= 4 and ring[0] == ring[-1]
            for a, b in zip(ring, ring[1:]):
                assert abs(b[0] - a[0]) <= 180, f["properties"]["name"]
    for line in derived["borders"]["coordinates"]:
        for a, b in zip(line, line[1:]):
            assert abs(b[0] - a[0]) <= 180


def test_polygons_lie_in_the_display_range(derived):
    west_edge = PACIFIC_CENTRE_LON - 180
    for f in derived["features"]:
        for polygon in polygons(f["geometry"]):
            exterior = polygon[0]
            mean = sum(p[0] for p in exterior[:-1]) / (len(exterior) - 1)
            # whole polygons are moved, so a polygon can stick out of the range by its own width
            assert west_edge - 40 <= mean < west_edge + 360 + 40, f["properties"]["name"]
            assert all(west_edge - 60 < p[0] < west_edge + 360 + 60 for p in exterior)


def test_antimeridian_countries_are_drawn_in_one_piece(derived):
    russia = bounds(by_name(derived, "Russia")["geometry"])
    assert 19 < russia[0] < 23 and 185 < russia[2] < 195  # Chukotka continues east of 180
    fiji = bounds(by_name(derived, "Fiji")["geometry"])
    assert fiji[0] > 170 and fiji[2] < 185
    usa = by_name(derived, "United States of America")["geometry"]
    alaska = max(polygons(usa), key=lambda p: max(q[1] for q in p[0]))
    assert all(p[0] > 180 for p in alaska[0])  # Alaska is east of the Pacific, not at the far left


def test_countries_cut_by_the_atlantic_seam_stay_whole(derived):
    # the display seam (-40.3) runs through Greenland and past Brazil's Atlantic islands
    for name, (low, high) in {"Greenland": (280, 352), "Brazil": (280, 330)}.items():
        for polygon in polygons(by_name(derived, name)["geometry"]):
            assert all(low < p[0] < high for p in polygon[0]), name


def test_pacific_centred_rules_on_a_small_collection():
    def feature(name, kind, coordinates, **extra):
        geometry = {"type": kind, "coordinates": coordinates}
        return {"type": "Feature", **extra, "properties": {"name": name}, "geometry": geometry}

    def square(x0):
        return [[[x0, 0], [x0 + 2, 0], [x0 + 2, 2], [x0, 2], [x0, 0]]]

    fc = {
        "type": "FeatureCollection",
        "features": [
            feature("west", "Polygon", square(-80)),
            feature("east", "Polygon", square(10)),
            feature("straddles 180", "Polygon", [[[179, 0], [-179, 0], [-179, 1], [179, 1], [179, 0]]]),
            feature("Antarctica", "Polygon", square(0), id="010"),
            feature("pt", "Point", [-70, 5]),
        ],
    }
    before = copy.deepcopy(fc)
    out = pacific_centred(fc)
    assert fc == before  # not mutated
    names = [f["properties"]["name"] for f in out["features"]]
    assert names == ["west", "east", "straddles 180", "pt"]
    west, east, straddle, pt = out["features"]
    assert west["geometry"]["coordinates"][0][0] == [280, 0]
    assert east["geometry"]["coordinates"] == square(10)
    assert [p[0] for p in straddle["geometry"]["coordinates"][0]] == [179, 181, 181, 179, 179]
    assert pt["geometry"]["coordinates"] == [290, 5]


def test_pacific_centred_drops_rings_round_a_pole():
    round_pole = [[[-180, -80], [-90, -70], [0, -70], [90, -70], [180, -80], [180, -90], [-180, -90], [-180, -80]]]
    island = [[[10, -60], [11, -60], [11, -61], [10, -60]]]
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "x"},
                "geometry": {"type": "Polygon", "coordinates": round_pole},
            },
            {
                "type": "Feature",
                "properties": {"name": "y"},
                "geometry": {"type": "MultiPolygon", "coordinates": [round_pole, island]},
            },
        ],
    }
    out = pacific_centred(fc)
    assert [f["properties"]["name"] for f in out["features"]] == ["y"]
    assert out["features"][0]["geometry"]["coordinates"] == [island]


def test_derived_files_are_up_to_date():
    """The committed static/basemap files are what build_basemap makes from the vendored TopoJSON."""
    for resolution in basemap.RESOLUTIONS:
        built = build_basemap(topology(resolution), tolerance=basemap.BUILD_TOLERANCE[resolution])
        assert json.loads(basemap.dumps_compact(built)) == load_basemap(resolution), resolution


def test_load_basemap_is_cached_and_validates_resolution():
    assert load_basemap("110m") is load_basemap("110m")
    assert load_basemap() is load_basemap("110m")
    with pytest.raises(ValueError):
        load_basemap("10m")


# ------------------------------------------------------------------------------------------------- manifest


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_lists_every_vendored_file_with_its_sha256():
    manifest = json.loads(MANIFEST.read_text("utf-8"))
    listed: dict[str, str] = {}
    for pkg in manifest["packages"]:
        assert pkg["version"] and pkg["license"]
        assert pkg["resolved"].startswith("https://registry.npmjs.org/")
        assert pkg["resolved"].endswith(f"-{pkg['version']}.tgz")
        assert pkg["integrity"].startswith("sha512-")
        assert f"vendor/{pkg['name']}/LICENSE" in pkg["files"]
        listed.update(pkg["files"])
    listed.update(manifest["local"])
    listed.update({d["path"]: d["sha256"] for d in manifest["derived"]})

    present = {
        p.relative_to(STATIC).as_posix()
        for d in (STATIC / "vendor", STATIC / "basemap")
        for p in d.rglob("*")
        if p.is_file() and p != MANIFEST
    }
    assert present == set(listed)
    for relpath, digest in listed.items():
        assert sha256(STATIC / relpath) == digest, relpath


def test_vendored_packages_and_versions():
    manifest = json.loads(MANIFEST.read_text("utf-8"))
    versions = {p["name"]: p["version"] for p in manifest["packages"]}
    assert versions["leaflet"].startswith("1.9.")
    assert versions["world-atlas"].startswith("2.")
    assert set(versions) == {"leaflet", "leaflet.fullscreen", "world-atlas"}
    licences = {p["name"]: p["license"] for p in manifest["packages"]}
    assert licences == {"leaflet": "BSD-2-Clause", "leaflet.fullscreen": "MIT", "world-atlas": "ISC"}
    assert "BSD" in (STATIC / "vendor" / "leaflet" / "LICENSE").read_text("utf-8")
    assert "public domain" in (STATIC / "vendor" / "world-atlas" / "NATURAL_EARTH.txt").read_text("utf-8")


def test_static_size_is_reasonable():
    total = sum(p.stat().st_size for p in STATIC.rglob("*") if p.is_file())
    assert total < 3 * 1024 * 1024
