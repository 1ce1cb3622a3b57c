"""The sidebar's "cumulative to FY" mode on the map (issue #20, item 5)."""

from __future__ import annotations

from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, cumulative_to, select_links
from c2c.export.captions import official_cumulative
from tests.conftest import SHIPPED_DATA
from tests.pages.conftest import drawn_pairs, map_payload, run_app


def pairs_up_to(dataset, year):
    links = select_links(dataset, Selection(fiscal_years=cumulative_to(year)))
    return set(map(tuple, links[["jp_id", "partner_id"]].values))


def test_a_cumulative_link_seeds_the_mode_and_draws_every_dated_link_up_to_the_year():
    dataset = load_dataset(SHIPPED_DATA)
    at = run_app({"fy": "to2020", "lang": "en"})
    assert not at.exception
    assert at.session_state["fy_mode"] == "cumulative" and at.session_state["fy_cum"] == 2020
    drawn = drawn_pairs(map_payload(at))
    assert drawn == pairs_up_to(dataset, 2020)
    assert drawn < pairs_up_to(dataset, 2022)  # later years' lines are not drawn
    figures = official_cumulative(dataset, 2020)
    captions = " ".join(c.value for c in at.caption)
    assert f"{figures['countries']} countries, {figures['partner_places']} partner" in captions


def test_choosing_the_mode_writes_the_code():
    at = run_app()
    at.radio(key="fy_mode").set_value("cumulative").run()
    assert at.session_state["fy"] == "to2022"  # starts at the latest complete year
    at.selectbox(key="fy_cum").set_value(2019).run()
    assert at.session_state["fy"] == "to2019"
    assert at.query_params["fy"] in ("to2019", ["to2019"])
    at.radio(key="fy_mode").set_value("all").run()
    assert at.session_state["fy"] == ""
