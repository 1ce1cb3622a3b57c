from __future__ import annotations

import pytest

from c2c.core.dataset import load_dataset
from tests.conftest import SHIPPED_DATA, compact_pairs
from tests.pages.conftest import drawn_pairs, map_component, map_payload, run_app
from ui.mapui import place_from_click

PAGES = ["pages/map.py", "pages/projects.py", "pages/countries.py", "pages/sources.py"]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def fy_pairs(dataset, year):
    links = dataset.links[dataset.links["fiscal_year"] == year]
    return set(map(tuple, links[["jp_id", "partner_id"]].values))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_runs(page, lang):
    at = run_app({"lang": lang}, page=None if page == PAGES[0] else page)
    assert not at.exception, at.exception


def test_fy2022_draws_exactly_the_fy2022_pairs(dataset):
    payload = map_payload(run_app({"fy": "2022"}))
    expected = fy_pairs(dataset, 2022)
    assert len(expected) == 26
    assert drawn_pairs(payload) == expected
    assert payload["undated"] == []  # undated links never show in a single-year view
    assert ("jp-toyama", "cl-renca") in drawn_pairs(payload)


def test_all_years_includes_dashed_undated_links_and_toggle_removes_them(dataset):
    payload = map_payload(run_app())
    undated = compact_pairs(payload, ("undated",))
    assert ("jp-kobe", "vn-kien-giang") in undated and len(undated) == 15
    payload = map_payload(run_app({"undated": "0"}))
    assert payload["undated"] == []


def test_country_filter_removes_other_countries_lines(dataset):
    at = run_app({"fy": "2022"})
    at.multiselect(key="country_pick").select("ベトナム").run()  # AppTest selects by the shown label
    payload = map_payload(at)
    partners = {q for _, q in drawn_pairs(payload)}
    assert partners and all(dataset.cities.loc[q, "country_code"] == "VN" for q in partners)
    assert at.session_state["country"] == "VN"


def test_url_params_seed_the_widgets():
    at = run_app({"fy": "2015-2018", "country": "VN,ID", "jp": "jp-kitakyushu", "lang": "en"})
    assert at.session_state["fy_mode"] == "range"
    assert at.session_state["fy_span"] == (2015, 2018)
    assert at.multiselect(key="country_pick").value == ["VN", "ID"]
    assert at.multiselect(key="jp_pick").value == ["jp-kitakyushu"]
    assert at.radio(key="lang_pick").value == "en"
    assert at.metric[0].label == "Countries"


def test_invalid_url_values_are_ignored_with_a_notice():
    at = run_app({"fy": "<script>alert(1)</script>", "country": "VN,ZZ"})
    notices = [w.value for w in at.warning]
    assert any("fy=" in n for n in notices) and any("ZZ" in n for n in notices)
    assert all("<script>" not in n for n in notices)
    assert at.session_state["fy"] == "" and at.session_state["country"] == "VN"


def test_map_is_not_remounted_when_filters_change():
    at = run_app()
    first = map_component(at)
    at.radio(key="fy_mode").set_value("single").run()
    at.multiselect(key="country_pick").select("インドネシア").run()
    second = map_component(at)
    assert second["key"] == first["key"]  # same component identity: the iframe is kept
    assert second["script"] == first["script"]  # the base map is constant
    assert second["feature_group"] != first["feature_group"]  # only the layers changed


def test_lines_are_one_geojson_layer_per_kind_not_one_object_per_link():
    args = map_component(run_app())
    script = args["script"] + args["feature_group"]
    assert args["feature_group"].count("var dated = lineLayer(data.dated") == 1
    assert args["feature_group"].count("L.geoJSON(") == 3  # lines (one function for both kinds), nodes, JCM
    assert "L.polyline" not in script and "L.circleMarker(" not in args["script"]


def test_japan_chile_line_is_sent_with_pacific_centred_longitudes():
    payload = map_payload(run_app({"fy": "2022", "country": "CL"}))
    (line,) = payload["dated"]
    jp, partner = payload["places"][line[0]], payload["places"][line[1]]
    assert jp[0] == "jp-toyama" and jp[2] == pytest.approx(137.2, abs=0.1)
    assert partner[0] == "cl-renca" and partner[2] == pytest.approx(289.3, abs=0.1)  # -70.7 + 360: east of Japan
    # the browser draws the arc between them (tests/browser/test_map_browser.py checks the drawn longitudes)


def test_headline_numbers_and_coverage_for_a_single_year():
    at = run_app({"fy": "2022", "lang": "en"})
    values = {m.label: m.value for m in at.metric}
    assert values["Projects (per year)"] == "22" and values["City pairs"] == "26"
    assert any("22 of 22 adopted projects" in i.value for i in at.info)
    at = run_app({"fy": "2018", "lang": "en"})
    assert any("of 16 adopted projects" in i.value for i in at.info)
    assert any("incomplete" in c.value for c in at.caption)


def test_clicking_a_node_focuses_the_place():
    at = run_app({"fy": "2022", "lang": "en"})
    tooltips = at.session_state["_c2c_place_by_tooltip"]
    tooltip = next(t for t, place in tooltips.items() if place == "jp-toyama")
    assert place_from_click({"last_object_clicked_tooltip": tooltip}, tooltips) == "jp-toyama"
    assert place_from_click({"last_object_clicked_tooltip": "Toyama – Bali (Indonesia)"}, tooltips) is None
    assert place_from_click(None, tooltips) is None
    # selecting the place in the sidebar goes through the same URL-bound code as a click
    picker = at.selectbox(key="place_pick")
    picker.select(next(o for o in picker.options if o.startswith("Toyama City"))).run()
    assert at.session_state["place"] == "jp-toyama"
    payload = map_payload(at)
    assert {j for j, _ in drawn_pairs(payload)} == {"jp-toyama"}
    assert len(drawn_pairs(payload)) == 5  # FY2022 projects 07, 08, 09 (two partners) and 10
    assert at.selectbox(key="place_pick").value == "jp-toyama"


def test_timeline_sends_every_dated_link_with_its_years_and_no_undated(dataset):
    at = run_app({"lang": "en"})
    at.toggle(key="timeline").set_value(True).run()
    payload = map_payload(at)
    dated = dataset.links[dataset.links["fiscal_year"].notna()]
    assert drawn_pairs(payload) == set(map(tuple, dated[["jp_id", "partner_id"]].values))
    assert payload["undated"] == []
    assert payload["timeline"]["years"] == sorted({int(y) for y in dated["fiscal_year"]})
    places = payload["places"]
    years_of = {(places[line[0]][0], places[line[1]][0]): line[3] for line in payload["dated"]}
    assert years_of[("jp-kitakyushu", "id-surabaya")] == [2013, 2014, 2015]
    assert "c2cTimeline(map, group, data" in map_component(at)["feature_group"]


def test_timeline_respects_a_year_range_and_the_other_filters():
    payload = _with_timeline({"fy": "2015-2018", "country": "PH"})
    assert payload["timeline"]["years"] == [2015, 2017, 2018]
    assert {q for _, q in drawn_pairs(payload)} <= {"ph-quezon", "ph-davao", "ph-metro-manila"}


def _with_timeline(params):
    at = run_app(params)
    at.toggle(key="timeline").set_value(True).run()
    return map_payload(at)


def test_presentation_mode_hides_chrome_and_is_in_the_url():
    at = run_app({"present": "true", "fy": "2022"})
    assert at.toggle(key="present").value is True
    css = list(at.get("html"))
    assert any("stSidebar" in str(h.proto) for h in css)
    assert map_component(at)["height"] == 820
    normal = run_app({"fy": "2022"})
    assert map_component(normal)["height"] == 640
