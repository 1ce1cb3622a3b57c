"""The structural reasons the map stays fast at 10,000 links, guarded without timing anything (see bench/).

* the feature group's JavaScript is the same few lines whatever the link count: one L.geoJSON per kind, no
  folium object per line;
* the map receives normalised tables (places, projects once; lines as indices) and builds arcs, tooltips and
  popups in the browser, so the bytes sent grow linearly with the lines and stay under a small per-line bound;
* the base map's script (what makes streamlit-folium remount its iframe when it changes) does not depend on the
  selection;
* the network is built once per rerun, and the PNG export's great-circle arcs come from a cache.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import c2c.map.network as network
from bench.builds import captured_component, serialise
from bench.naive_app import build_naive_map
from bench.synthetic import load_synthetic
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, select_links
from tests.conftest import REPO_ROOT, SHIPPED_DATA
from ui.mapui import render_network_map

APP = str(REPO_ROOT / "app.py")
NAIVE_APP = str(REPO_ROOT / "bench" / "naive_app.py")
PAYLOAD = re.compile(r"C2CAtlas\.render\(\w+, (\{.*?\})\);\n", re.DOTALL)
# The naive folium map sends ~2.8 kB per line (arc coordinates, tooltip and popup HTML per object). Ours sends a
# line as two place indices, a count, its years and project indices; sending arcs or HTML again would blow this,
# and so would field names on every row again (~500 bytes a line before the tables were packed, ~380 after).
MAX_BYTES_PER_LINE = 420


@pytest.fixture(autouse=True)
def quiet_and_fresh_caches():
    logging.disable(logging.WARNING)  # bare-mode st_folium calls warn about the missing ScriptRunContext
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
    logging.disable(logging.NOTSET)


@pytest.fixture(scope="module")
def real():
    return load_dataset(SHIPPED_DATA)


@pytest.fixture(scope="module")
def synthetic_1k(tmp_path_factory):
    return load_synthetic(tmp_path_factory.mktemp("synthetic") / "s1k", 1_000)


def component_args(dataset, selection: Selection = Selection()) -> dict:
    """What the map page's st_folium call would send for this selection (the component call is captured)."""
    links = select_links(dataset, selection)
    with captured_component() as sent:
        render_network_map(dataset, links, lang="ja", tiles="offline", fit=False, jcm_codes=None)
        return dict(sent), network.build_compact_network(dataset, links, "ja")


def code_without_data(feature_group: str) -> str:
    match = PAYLOAD.search(feature_group)
    assert match, "the feature group carries no network payload"
    return feature_group.replace(match.group(1), "")


def test_synthetic_data_is_valid_and_exercises_the_antimeridian(synthetic_1k):
    layers = network.build_network(synthetic_1k, synthetic_1k.links, "ja")
    assert layers.line_count == 1_000
    assert layers.undated_lines["features"] and layers.dated_lines["features"]
    # lines to the Americas and Samoa are unwrapped eastwards past 180 degrees instead of jumping across the map
    assert any(max(lon for lon, _ in f["geometry"]["coordinates"]) > 180
               for f in layers.dated_lines["features"] + layers.undated_lines["features"])
    assert set(synthetic_1k.cities["country_code"]) >= {"US", "BR", "CL", "FR", "KE", "ZA", "WS"}


def test_feature_group_code_does_not_grow_with_links(real, synthetic_1k):
    small, small_layers = component_args(real)
    big, big_layers = component_args(synthetic_1k)
    assert big_layers.line_count >= 10 * small_layers.line_count
    for args in (small, big):
        code = code_without_data(args["feature_group"])
        # one call into the runtime loaded with the base map (static/js/c2c-map.js); no per-line objects, no code
        assert code.count("C2CAtlas.render(") == 1 and "function" not in code
        assert "L.polyline(" not in args["feature_group"] and "L.popup(" not in args["feature_group"]
        assert "L.circleMarker(" not in args["feature_group"]
    # the JavaScript around the data is byte for byte the same at 56 and at 1,000 lines
    assert code_without_data(small["feature_group"]) == code_without_data(big["feature_group"])
    assert small["script"] == big["script"]


def test_payload_grows_linearly_and_stays_compact_per_line(tmp_path, synthetic_1k):
    half = load_synthetic(tmp_path / "s500", 500)
    bytes_500 = len(serialise(component_args(half)[0]))
    bytes_1k = len(serialise(component_args(synthetic_1k)[0]))
    assert 1.7 <= bytes_1k / bytes_500 <= 2.3
    assert bytes_1k / 1_000 <= MAX_BYTES_PER_LINE
    # the constant part (base map script, header, CSS/JS links) is small next to the data
    args, _ = component_args(synthetic_1k)
    constant = len(serialise({k: v for k, v in args.items() if k != "feature_group"}))
    assert constant < 20_000


def test_naive_baseline_still_makes_one_object_per_line(real):
    """The benchmark's baseline must stay what it claims to be: a folium PolyLine with Tooltip and Popup per line."""
    layers = network.build_network(real, real.links, "ja")
    fmap = build_naive_map(layers, lang="ja")
    names = [child._name for child in fmap._children.values()]
    assert names.count("PolyLine") == layers.line_count
    assert names.count("CircleMarker") == len(layers.nodes["features"])


def test_naive_app_runs_the_map_page_with_the_naive_map():
    """The benchmark's naive page is the real map page (sidebar, filters, numbers) with only the map swapped: one
    st_folium map without feature_group_to_add, a PolyLine per line, and a filter change reaches it."""
    at = AppTest.from_file(NAIVE_APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert at.selectbox(key="tiles_pick") is not None  # the map page's own options row
    components = [json.loads(c.proto.json_args) for c in at.get("component_instance")]
    assert len(components) == 1 and not components[0].get("feature_group")
    everything = components[0]["script"].count("L.polyline(")
    _fy_single(at, 2019)
    fy2019 = json.loads(at.get("component_instance")[0].proto.json_args)["script"].count("L.polyline(")
    assert 0 < fy2019 < everything


def _fy_single(at: AppTest, year: int) -> None:
    if at.radio(key="fy_mode").value != "single":
        at.radio(key="fy_mode").set_value("single").run()
    at.selectbox(key="fy_single").set_value(year).run()
    assert not at.exception


def _map_args(at: AppTest) -> dict:
    components = [json.loads(c.proto.json_args) for c in at.get("component_instance")]
    maps = [c for c in components if "feature_group" in c]
    assert len(maps) == 1
    return maps[0]


def test_base_map_script_is_identical_across_selections():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    everything = _map_args(at)
    _fy_single(at, 2022)
    fy2022 = _map_args(at)
    _fy_single(at, 2019)
    fy2019 = _map_args(at)
    assert everything["script"] == fy2022["script"] == fy2019["script"]
    assert everything["header"] == fy2022["header"] == fy2019["header"]
    assert everything["key"] == fy2022["key"] == fy2019["key"]  # the component key: no iframe remount
    assert len({everything["feature_group"], fy2022["feature_group"], fy2019["feature_group"]}) == 3


def test_network_is_built_once_per_rerun(monkeypatch):
    import ui.mapui

    calls = []
    real_build = ui.mapui.build_compact_network

    def counting(*args, **kwargs):
        calls.append(1)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(ui.mapui, "build_compact_network", counting)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    calls.clear()
    _fy_single(at, 2022)
    assert len(calls) == 2  # two reruns (mode, then year): one build each
    calls.clear()
    at.radio(key="fy_mode").set_value("all").run()
    assert len(calls) == 1


def test_great_circle_arcs_come_from_the_cache(real, monkeypatch):
    computed = []
    real_points = network.great_circle_points

    def counting(*args, **kwargs):
        computed.append(args)
        return real_points(*args, **kwargs)

    network.build_network(real, real.links, "ja")  # fills the cache
    monkeypatch.setattr(network, "great_circle_points", counting)
    before = network.arc_coordinates.cache_info()
    layers = network.build_network(real, real.links, "en")
    after = network.arc_coordinates.cache_info()
    assert computed == []
    assert after.hits - before.hits == layers.line_count
    assert network.arc_coordinates.cache_info().maxsize >= 20_000  # room for 10,000 lines and more
