from __future__ import annotations

import re

import pytest

from c2c.core.dataset import load_dataset
from c2c.text import i18n
from tests.conftest import SHIPPED_DATA, compact_pairs, payload_lines
from tests.pages.conftest import drawn_pairs, map_component, map_payload, run_app
from ui.map_view import parse_map_view
from ui.mapui import parse_click

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
    assert payload_lines(payload, "undated") == []  # undated links never show in a single-year view
    assert ("jp-toyama", "cl-renca") in drawn_pairs(payload)


def test_all_years_includes_dashed_undated_links_and_toggle_removes_them(dataset):
    payload = map_payload(run_app())
    undated = compact_pairs(payload, ("undated",))
    # 15 until December 2026, when report covers dated Kawasaki–Jakarta (FY2017) and Sapporo–Töv (FY2020)
    assert ("jp-kobe", "vn-kien-giang") in undated and len(undated) == 13
    payload = map_payload(run_app({"undated": "0"}))
    assert payload_lines(payload, "undated") == []


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
    assert "Countries" in at.markdown[1].value


def test_invalid_url_values_are_ignored_with_a_notice():
    at = run_app({"fy": "<script>alert(1)</script>", "country": "VN,ZZ"})
    notices = [w.value for w in at.warning]
    assert len(notices) == 1  # one notice lists them all (issue #19, item 8)
    assert "`fy=<script>alert(1)</script>`" in notices[0] and "`country=ZZ`" in notices[0]
    assert "<" not in re.sub(r"`[^`]*`", "", notices[0])  # hostile text only inside inert code spans
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


def test_the_map_runtime_is_loaded_once_and_each_selection_is_one_call_with_data():
    args = map_component(run_app())
    assert "js/c2c-map.js" in str(args) and "C2CAtlas.attach(" in args["script"]
    # the feature group is one call with the payload: no JavaScript source and no object per line is re-sent
    group = args["feature_group"]
    assert group.count("C2CAtlas.render(") == 1 and "function" not in group
    assert "L.polyline" not in group + args["script"] and "L.circleMarker(" not in args["script"]


def test_japan_chile_line_is_sent_with_pacific_centred_longitudes():
    payload = map_payload(run_app({"fy": "2022", "country": "CL"}))
    (line,) = payload["lines"]
    jp, partner = payload["places"][line["jp"]], payload["places"][line["partner"]]
    assert jp["id"] == "jp-toyama" and jp["lon"] == pytest.approx(137.2, abs=0.1)
    assert partner["id"] == "cl-renca" and partner["lon"] == pytest.approx(289.3, abs=0.1)  # -70.7 + 360: east of Japan
    # the browser draws the arc between them (tests/browser/test_map_browser.py checks the drawn longitudes)


def test_headline_numbers_and_coverage_for_a_single_year():
    at = run_app({"fy": "2022", "lang": "en"})
    headline = next(m.value for m in at.markdown if "City pairs" in m.value)
    # a number and its label never break apart on a phone (a no-break space between them)
    assert "**22**\u00a0Project-years" in headline and "**26**\u00a0City pairs" in headline
    assert any("22 of 22 adopted projects" in c.value for c in at.caption)
    at = run_app({"fy": "2018", "lang": "en"})
    assert any("of 16 adopted projects" in c.value and "incomplete" in c.value for c in at.caption)


def test_a_year_range_says_how_many_undated_pairs_it_leaves_out(dataset):
    at = run_app({"fy": "2013-2025", "lang": "en"})
    undated = dataset.links[dataset.links["fiscal_year"].isna()][["jp_id", "partner_id"]].drop_duplicates()
    dated = set(map(tuple, dataset.links[dataset.links["fiscal_year"].notna()][["jp_id", "partner_id"]].values))
    left_out = len([p for p in map(tuple, undated.values) if p not in dated])
    assert left_out > 0
    said = i18n.tn("undated_left_out", "en", left_out)
    assert any(said in c.value for c in at.caption)
    assert not any("undated pair" in c.value for c in run_app({"lang": "en"}).caption)  # all years: none left out


def test_clicks_from_the_map_are_parsed_strictly():
    assert parse_click("pair:jp-osaka|vn-ho-chi-minh#3") == ("pair", "jp-osaka~vn-ho-chi-minh")
    assert parse_click("place:jp-toyama#1") == ("place", "jp-toyama")
    assert parse_click("project:fy2022-07#12") == ("project", "fy2022-07")
    for bad in (None, 5, "pair:jp-osaka#1", "place:a|b#1", "pair:x|y", "evil:<script>#1", "place:jp toyama#1"):
        assert parse_click(bad) is None, bad


def test_a_clicked_pair_in_the_url_lists_its_projects_under_the_map(dataset):
    at = run_app({"sel": "pair:jp-osaka~vn-ho-chi-minh", "lang": "en"})
    texts = [m.value for m in at.markdown]
    expected = dataset.links[(dataset.links["jp_id"] == "jp-osaka") & (dataset.links["partner_id"] == "vn-ho-chi-minh")]
    years = sorted({int(y) for y in expected["fiscal_year"].dropna()})
    assert any("Osaka City – Ho Chi Minh City" in t for t in texts)
    for year in years:
        assert any(t.startswith(f"**FY{year}**") for t in texts), year
    links = [p for p in at.get("page_link") if "project=" in str(p.proto.query_string)]
    assert len(links) == expected["project_id"].nunique()
    profile = [p for p in at.get("page_link") if "pair=jp-osaka" in str(p.proto.query_string)]
    assert len(profile) == 1  # and one link to the clicked pair's profile (issue #20)


def test_invalid_map_view_values_are_dropped_with_a_notice(dataset):
    view, bad = parse_map_view({"z": "99", "c": "12.5,x", "tiles": "evil", "sel": "pair:jp-osaka~zz", "jcm": "2"},
                               dataset)
    assert sorted(bad) == ["c", "jcm", "sel", "tiles", "z"] and view.zoom is None and view.tiles == "offline"
    view, bad = parse_map_view({"z": "5", "c": "12.5,110.25", "tiles": "osm", "sel": "place:jp-toyama"}, dataset)
    assert bad == [] and view.zoom == 5 and view.center == (12.5, 110.25) and view.selected == ("place", "jp-toyama")
    at = run_app({"z": "99", "sel": "<b>x</b>"})
    assert "z" not in at.query_params and "sel" not in at.query_params
    assert [w.value.count("`z=99`") + w.value.count("`sel=<b>x</b>`") for w in at.warning] == [2]  # one notice


def test_selecting_a_place_in_the_sidebar_focuses_the_map():
    at = run_app({"fy": "2022", "lang": "en"})
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
    assert payload_lines(payload, "undated") == []
    assert payload["timeline"]["years"] == sorted({int(y) for y in dated["fiscal_year"]})
    places = payload["places"]
    years_of = {(places[line["jp"]]["id"], places[line["partner"]]["id"]): line["years"] for line in payload["lines"]}
    assert years_of[("jp-kitakyushu", "id-surabaya")] == [2013, 2014, 2015]


def test_timeline_respects_a_year_range_and_the_other_filters():
    payload = _with_timeline({"fy": "2015-2018", "country": "PH"})
    # FY2015 Osaka–Quezon City is off the map since December 2026 (the brochure: they joined the programme in 2017)
    assert payload["timeline"]["years"] == [2017, 2018]
    assert {q for _, q in drawn_pairs(payload)} <= {"ph-quezon", "ph-davao", "ph-metro-manila"}


def _with_timeline(params):
    at = run_app(params)
    at.toggle(key="timeline").set_value(True).run()
    return map_payload(at)


@pytest.mark.parametrize("value", ["yes", "1", "<b>on</b>"])
def test_an_invalid_presentation_value_gets_a_notice(value):
    at = run_app({"present": value, "lang": "en"})
    assert not at.exception
    assert at.toggle(key="present").value is False
    shown = [w.value for w in at.warning]
    assert any(f"`present`=`{value}`" in text and "Ignored" in text for text in shown), shown
    assert not any("<" in re.sub(r"`[^`]*`", "", text) for text in shown)  # the value is shown as code, not as markup


def test_presentation_mode_hides_chrome_and_is_in_the_url():
    at = run_app({"present": "true", "fy": "2022"})
    assert at.toggle(key="present").value is True
    css = " ".join(str(h.proto) for h in at.get("html"))
    assert "stSidebar" in css and "calc(100vh - 3.4rem)" in css  # the map fills the screen under a title bar
    assert map_payload(at)["present"] is True and map_payload(at)["overlay"]["numbers"]["links"] == 26
    assert at.button(key="exit_presentation")
    at.button(key="exit_presentation").click().run()
    assert at.toggle(key="present").value is False and "present" not in at.query_params
    normal = " ".join(str(h.proto) for h in run_app({"fy": "2022"}).get("html"))
    assert "stSidebar" not in normal and "clamp(" in normal


# Issue #19, item 4: a count of one is singular ("1 Japanese municipality"); Japanese has one form.
ONE_OF_EACH = {"fy": "2022", "jp": "jp-toyama", "country": "ID"}


def test_a_headline_count_of_one_is_singular():
    at = run_app({**ONE_OF_EACH, "lang": "en"})
    at.run()
    text = " ".join(m.value for m in at.markdown)
    assert "**1**\u00a0Japanese municipality　" in text and "**1**\u00a0City pair" in text, text
    assert "**1**\u00a0Country　" in text and "municipalities" not in text, text
    at = run_app({**ONE_OF_EACH, "lang": "ja"})
    at.run()
    assert "**1**\u00a0日本の自治体" in " ".join(m.value for m in at.markdown)


def test_the_countries_page_has_no_map_disclaimer_and_singular_metrics():
    from tests.pages.test_briefing_pages import COUNTRIES, open_page

    at = open_page({**ONE_OF_EACH, "lang": "en"}, COUNTRIES)
    captions = " ".join(c.value for c in at.caption)
    assert i18n.t("disclaimer", "en") not in captions
    labels = [m.label for m in at.metric]
    assert "Japanese municipality" in labels and "Japanese municipalities" not in labels, labels
