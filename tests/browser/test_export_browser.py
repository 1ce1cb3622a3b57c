"""The exported standalone HTML in a real Chromium, opened from a file with the network unplugged."""

from __future__ import annotations

from pathlib import Path

import pytest

from c2c import export as exports
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year, select_links
from tests.browser.conftest import OPEN_EVERYTHING
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/c2c_shots")

# In a standalone folium page there is no st_folium: find the NetworkLayer's FeatureGroup (the one carrying
# `group.c2c = {dated, undated, nodes}`) and the basemap's layer group among the page's globals.
_FIND = """() => {
    const found = {group: null, basemap: null, map: null};
    for (const key of Object.keys(window)) {
        let value;
        try { value = window[key]; } catch (e) { continue; }
        if (!value || typeof value !== "object") { continue; }
        if (value instanceof L.Map) { found.map = value; }
        else if (value instanceof L.FeatureGroup && value.c2c) { found.group = value; }
        else if (value instanceof L.LayerGroup && value.options && value.options.pane === "c2cBasemap") {
            found.basemap = value;
        }
    }
    return found;
}"""

_COUNTS = "() => { const f = (" + _FIND + """)();
    const g = f.group.c2c, pairs = [];
    g.dated.eachLayer(l => pairs.push(l.feature.properties.jp + "|" + l.feature.properties.partner));
    let land = 0;
    f.basemap.eachLayer(layer => { land += layer.getLayers ? layer.getLayers().length : 1; });
    const b = f.map.getBounds();
    return {dated: g.dated.getLayers().length, undated: g.undated.getLayers().length,
            nodes: g.nodes.getLayers().length, pairs: pairs, land: land,
            canvases: document.querySelectorAll(
                ".leaflet-c2cBasemap-pane canvas, .leaflet-c2cBasemap-pane path").length,
            chile: b.contains([-33.4, 289.29]), maldives: b.contains([4.18, 73.51]), japan: b.contains([35.7, 139.7])};
}"""

_READY = "() => { const f = (" + _FIND + """)();
    return !!(f.map && f.group && f.basemap && f.basemap.getLayers().length > 0); }"""


def _export(tmp_path: Path, selection: Selection, lang: str = "ja", dataset=None) -> Path:
    dataset = dataset or load_dataset(SHIPPED_DATA)
    return exports.export(dataset, selection, fmt="html", out=tmp_path / "map.html", lang=lang)


def test_exported_fy2022_html_draws_offline_from_a_file(offline_page, tmp_path):
    selection = Selection(fiscal_years=parse_fiscal_year("2022"))
    path = _export(tmp_path, selection)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = offline_page.page
    page.context.set_offline(True)
    page.goto(path.as_uri())
    page.wait_for_function(_READY, timeout=30_000)
    page.wait_for_timeout(300)  # fitBounds runs on a zero-delay timer; let it settle before reading the view
    counts = page.evaluate(_COUNTS)
    dataset = load_dataset(SHIPPED_DATA)
    expected = {f"{j}|{q}" for j, q in select_links(dataset, selection)[["jp_id", "partner_id"]]
                .drop_duplicates().itertuples(index=False)}
    assert counts["dated"] == 26 and set(counts["pairs"]) == expected and counts["undated"] == 0
    assert counts["nodes"] == 37
    assert counts["land"] > 100 and counts["canvases"] > 0  # the embedded Natural Earth basemap drew
    assert counts["chile"] and counts["maldives"] and counts["japan"]  # fitted to the whole selection
    # the page carries its title, numbers, disclaimer and source
    body = page.inner_text("body")
    for text in ("脱炭素社会実現のための都市間連携事業（2022年度）", "連携ペア", "本地図上の境界", "出典："):
        assert text in body
    page.screenshot(path=str(SHOTS / "export_html.png"))
    # a popup names its project as plain text: no link back into an app that is not there
    page.evaluate("() => { const l = C2CAtlas.current.dated.getLayers()[0]; C2CAtlas.openPairPopup([l], l.getLatLngs()[0]); }")
    page.wait_for_selector(".leaflet-popup-content .c2c-popup", timeout=5_000)
    assert "2022年度" in page.inner_text(".leaflet-popup-content")  # the export's language (Japanese)
    assert page.locator(".leaflet-popup-content a").count() == 0
    assert offline_page.blocked == []
    assert offline_page.console_errors == []


def test_exported_html_with_hostile_names_runs_no_script(offline_page, tmp_path, shipped_copy):
    import csv

    rows = list(csv.DictReader((shipped_copy / "cities.csv").open(encoding="utf-8-sig", newline="")))
    for row in rows:
        if row["id"] == "vn-hai-phong":
            row["name_ja"] = row["name_en"] = "<img src=x onerror=alert(1)>$\\frac{1}{2}$"
    with (shipped_copy / "cities.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    selection = Selection(fiscal_years=parse_fiscal_year("2022"), countries=("VN",))
    path = _export(tmp_path, selection, "en", load_dataset(shipped_copy))
    page = offline_page.page
    page.context.set_offline(True)
    page.goto(path.as_uri())
    page.wait_for_function(_READY, timeout=30_000)
    # open every popup and tooltip: the hostile name is shown as text, never run
    assert page.evaluate(OPEN_EVERYTHING) > 5
    page.wait_for_timeout(300)
    assert offline_page.dialogs == []
    assert page.locator(".leaflet-popup-content img, .c2c-test-hover img").count() == 0
    assert "<img src=x" in page.evaluate("() => window.__opened")
    assert offline_page.blocked == []
