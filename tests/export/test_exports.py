"""Exports: the slide PNG, the standalone HTML map, the project CSV, the CLI and the download buttons."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from c2c import export as exports
from c2c.cli import main
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year, select_links, select_projects
from c2c.export import captions, csvfile, html_page, slide
from c2c.map.mapview import DATED_COLOR, JP_COLOR, unpack_tables
from c2c.map.offline_map import external_asset_urls
from tests.conftest import SHIPPED_DATA, compact_pairs, payload_lines

FY2022 = Selection(fiscal_years=parse_fiscal_year("2022"))
ALL = Selection()
HOSTILE_NAME = "$\\frac{1}{2}$ <img src=x onerror=alert(1)>"
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/","click")'
TEMPLATE_TEXT = "{{ 7*7 }}{% if true %}X{% endif %}"
_PAYLOAD = re.compile(r"C2CAtlas\.render\(\w+, (\{.*?\})\);\n", re.DOTALL)


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED_DATA)


def _rewrite_csv(path: Path, key: str, key_value: str, changes: dict[str, str]) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = list(reader)
    hit = [row for row in rows if row[key] == key_value]
    assert hit, f"{key_value} not in {path.name}"
    for row in hit:
        row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def hostile(shipped_copy):
    """The shipped data with a hostile place name (math + HTML) and spreadsheet formulas in a FY2022 project."""
    _rewrite_csv(shipped_copy / "cities.csv", "id", "vn-hai-phong", {"name_ja": HOSTILE_NAME, "name_en": HOSTILE_NAME})
    _rewrite_csv(shipped_copy / "countries.csv", "code", "VN", {"name_en": "Viet Nam " + TEMPLATE_TEXT})
    _rewrite_csv(shipped_copy / "projects.csv", "project_id", "fy2022-21",
                 {"title_ja": HOSTILE_TITLE, "title_en": HOSTILE_TITLE, "lead_org_ja": "@SUM(1+1)",
                  "lead_org_en": "+cmd|' /C calc'!A0", "co_implementers_ja": "-2+3;北九州市"})
    return load_dataset(shipped_copy)


# --------------------------------------------------------------------------------------------------------------
# PNG
# --------------------------------------------------------------------------------------------------------------


def _render(dataset, selection, lang):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = slide.slide_png(dataset, selection, lang)
    glyph_warnings = [str(w.message) for w in caught if "glyph" in str(w.message).lower()]
    return png, glyph_warnings


def _rgb(hex_color: str) -> np.ndarray:
    return np.array([int(hex_color[i:i + 2], 16) for i in (1, 3, 5)])


def _plan(dataset, selection, width=1920):
    from c2c.map.network import build_network

    return slide.map_plan(build_network(dataset, select_links(dataset, selection), "ja"), width)


def _map_pixel(dataset, selection, lon: float, lat: float, width: int = 1920) -> tuple[int, int]:
    """Image (column, row) of a lon/lat on the slide's main map, from the same plan the slide uses."""
    x0, x1, y0, y1 = _plan(dataset, selection, width).extent
    box = slide.map_box(width)
    px = box.x0 + (lon - x0) / (x1 - x0) * (box.x1 - box.x0)
    py = box.y0 + (float(slide.mercator_y(lat)) - y0) / (y1 - y0) * (box.y1 - box.y0)
    return int(round(px)), int(round(slide.SLIDE_HEIGHT - py))


def _orange_pixels(pixels: np.ndarray) -> np.ndarray:
    """The dated-line colour (DATED_COLOR), alone or blended (alpha 0.8) over land or sea."""
    line = _rgb(DATED_COLOR)
    shades = [line] + [0.8 * line + 0.2 * _rgb(bg) for bg in (slide.LAND_COLOR, slide.SEA_COLOR)]
    rgb = pixels[..., :3].astype(float)
    return np.min([np.linalg.norm(rgb - shade, axis=-1) for shade in shades], axis=0) < 25


@pytest.mark.parametrize(("selection", "lang"), [(FY2022, "ja"), (ALL, "en")])
def test_slide_png_is_a_full_hd_drawing_without_missing_glyphs(shipped, selection, lang):
    png, glyph_warnings = _render(shipped, selection, lang)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (1920, 1080)
    pixels = np.asarray(image)
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 200  # a drawing, not a blank canvas
    land = np.all(pixels == _rgb(slide.LAND_COLOR), axis=-1).sum()
    sea = np.all(pixels == _rgb(slide.SEA_COLOR), axis=-1).sum()
    assert land > 50_000 and sea > 50_000
    assert glyph_warnings == []  # every Japanese and Latin character had a glyph: no tofu boxes


def test_fy2022_slide_draws_the_network_title_and_renca_in_an_inset(shipped):
    png, _ = _render(shipped, FY2022, "ja")
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    # orange lines between Japan and South-East Asia
    (c0, r0), (c1, r1) = _map_pixel(shipped, FY2022, 108, 30), _map_pixel(shipped, FY2022, 128, 12)
    region = pixels[min(r0, r1):max(r0, r1), min(c0, c1):max(c0, c1)]
    assert _orange_pixels(region).sum() > 500
    # Renca is drawn in an inset; the main map no longer spans the Pacific to the Americas
    plan = _plan(shipped, FY2022)
    assert [inset.ids for inset in plan.insets] == [("cl-renca",)]
    assert plan.extent[1] < 250  # east edge well west of Chile (289.3 in Pacific-centred longitude)
    x0, y0, x1, y1 = plan.insets[0].box
    box = slide.map_box()
    inset = pixels[int(slide.SLIDE_HEIGHT - box.y0 - y1) + 4:int(slide.SLIDE_HEIGHT - box.y0 - y0) - 4,
                   int(box.x0 + x0) + 4:int(box.x0 + x1) - 4]
    assert _orange_pixels(inset).sum() > 100  # the end of the Japan-Renca line, in the inset
    assert (np.all(inset == _rgb(slide.LAND_COLOR), axis=-1)).sum() > 5_000  # with Chile's land around it
    # nothing orange west of the Maldives (the line never goes westwards round the world)
    c_west, _ = _map_pixel(shipped, FY2022, 72, 0)
    assert _orange_pixels(pixels[150:900, 45:max(c_west - 20, 46)]).sum() == 0
    # the title: dark text in the header band, none in the empty band above it
    title_band = pixels[10:70, 40:1000]
    assert (title_band.max(axis=-1) < 90).sum() > 3_000
    assert (pixels[0:8].max(axis=-1) < 200).sum() == 0
    assert np.linalg.norm(_rgb(DATED_COLOR) - _rgb(JP_COLOR)) > 50  # the lines' colour is not the dots' red


def test_slide_texts_are_plain_text_never_mathtext(hostile, monkeypatch):
    import matplotlib.mathtext

    def refuse(*args, **kwargs):
        raise AssertionError("data text was parsed as mathtext")

    monkeypatch.setattr(matplotlib.mathtext.MathTextParser, "parse", refuse)
    drawn: list[str] = []
    original = slide._Slide.text

    def record(self, x, y, value, *args, **kwargs):
        drawn.append(value)
        return original(self, x, y, value, *args, **kwargs)

    monkeypatch.setattr(slide._Slide, "text", record)
    selection = Selection(fiscal_years=parse_fiscal_year("2022"), countries=("VN",))
    png, _ = _render(hostile, selection, "en")
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)
    # literally, dollars and all (on the map, or in the key of numbered places when its dot is crowded)
    assert any("$\\frac{1}{2}$ <img src=x" in text for text in drawn)


def test_slide_for_an_empty_selection_still_renders(shipped):
    png, glyph_warnings = _render(shipped, Selection(text="no place is called this"), "ja")
    assert Image.open(io.BytesIO(png)).size == (1920, 1080) and glyph_warnings == []


@pytest.mark.parametrize("code", ["2022", "2015-2018", "all"])
def test_title_names_the_fiscal_years(code):
    selection = Selection(fiscal_years=parse_fiscal_year(code))
    ja, en = captions.title_text(selection, "ja"), captions.title_text(selection, "en")
    assert ja.startswith("脱炭素社会実現のための都市間連携事業") and en.startswith("City-to-City Collaboration")
    expected = {"2022": ("2022年度", "FY2022"), "2015-2018": ("2015〜2018年度", "FY2015–FY2018"),
                "all": ("全年度", "All years")}[code]
    assert expected[0] in ja and en.endswith(expected[1])


def test_coverage_note_is_honest_about_incomplete_years(shipped):
    assert "22" in captions.coverage_note(shipped, FY2022, "en")
    assert "FY2022" in captions.coverage_note(shipped, ALL, "en")  # "No fiscal year other than FY2022 ..."
    note = captions.coverage_note(shipped, Selection(fiscal_years=parse_fiscal_year("2019")), "en")
    assert "incomplete" in note


# --------------------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------------------


def _payload(html: str) -> dict:
    match = _PAYLOAD.search(html)
    assert match, "no network payload in the page"
    return unpack_tables(json.loads(match.group(1)))  # the rows as the map's runtime unpacks them


def test_standalone_html_is_self_contained_and_has_the_fy2022_lines(shipped):
    html = html_page.standalone_html(shipped, FY2022, "ja").decode("utf-8")
    assert external_asset_urls(html) == []
    assert not re.search(r"<script[^>]+\bsrc\s*=", html, re.I)
    assert not re.search(r"<link[^>]+rel=[\"']?stylesheet", html, re.I)
    payload = _payload(html)
    expected = {tuple(p) for p in select_links(shipped, FY2022)[["jp_id", "partner_id"]].drop_duplicates()
                .itertuples(index=False)}
    assert len(payload_lines(payload, "dated")) == 26 and compact_pairs(payload, ("dated",)) == expected
    assert payload_lines(payload, "undated") == []
    # the basemap is embedded, the page says what it shows
    assert '"borders"' in html and "draw({" in html
    assert "脱炭素社会実現のための都市間連携事業（2022年度）" in html
    for text in ("本地図上の境界", "出典：", "採択 22 件のうち 22 件"):  # disclaimer, source, coverage (JS strings)
        assert text in html or json.dumps(text)[1:-1] in html
    # popups keep the project titles but lose the links into the running app (built in the browser from these)
    assert payload["text"]["link_base"] is None
    assert {project["year"] for project in payload["projects"]} == {2022}


def test_standalone_html_escapes_hostile_text(hostile):
    selection = Selection(fiscal_years=parse_fiscal_year("2022"), countries=("VN",))
    html = html_page.standalone_html(hostile, selection, "en").decode("utf-8")
    assert "<img src=x" not in html and "onerror=alert(1)>" not in html
    payload = _payload(html)
    # data text travels as JSON values (escaped for the script element) and is HTML-escaped by the page's JS
    assert any("<img src=x onerror=alert(1)>" in str(place) for place in payload["places"])
    assert "\\u003cimg src=x" in html
    assert external_asset_urls(html) == []
    # the page header names the country filter: data text is never evaluated as a (Jinja) template
    assert "Viet Nam &#123;&#123; 7*7 &#125;&#125;&#123;% if true %&#125;X&#123;% endif %&#125;" in html
    assert "Viet Nam 49" not in html and "Viet Nam X" not in html


# --------------------------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_csv_round_trips_with_bom(shipped, lang):
    data = csvfile.projects_csv(shipped, FY2022, lang)
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.iloc[:, 0]) == list(select_projects(shipped, FY2022).index)
    assert len(frame) == 22
    if lang == "en":
        assert list(frame.columns) == [cid for cid, _ in csvfile.CSV_COLUMNS]
        row = frame.set_index("project_id").loc["fy2022-21"]
        assert row["partners"] == "Hai Phong City" and row["countries"] == "Viet Nam"
        assert row["fiscal_year"] == "2022" and row["evidence"] == "Listed"
    else:
        assert list(frame.columns)[:3] == ["事業ID", "年度", "日本の自治体"]
        assert frame.set_index("事業ID").loc["fy2022-21", "パートナー都市・地域"] == "ハイフォン市"


def test_csv_undated_rows_have_a_blank_year(shipped):
    frame = pd.read_csv(io.BytesIO(csvfile.projects_csv(shipped, ALL, "en")), encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    undated = frame[frame["evidence"] == "Participation list"]
    assert len(undated) > 0 and set(undated["fiscal_year"]) == {""}
    assert set(frame["project_id"]) == set(select_projects(shipped, ALL).index)


def test_csv_neutralises_formulas(hostile):
    text = csvfile.projects_csv(hostile, FY2022, "en").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    row = next(r for r in rows if r["project_id"] == "fy2022-21")
    assert row["title"] == "'" + HOSTILE_TITLE
    assert row["lead_org"].startswith("'+cmd")
    assert row["co_implementers"].startswith("'-2+3")
    assert row["partners"].startswith("$")  # not a formula prefix: left alone
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    ja = list(csv.reader(io.StringIO(csvfile.projects_csv(hostile, FY2022, "ja").decode("utf-8-sig"))))
    assert all(not cell.startswith(("=", "+", "-", "@")) for line in ja for cell in line)
    assert "'@SUM(1+1)" in {cell for line in ja for cell in line}


# --------------------------------------------------------------------------------------------------------------
# export(), file names, CLI
# --------------------------------------------------------------------------------------------------------------


def test_default_filename():
    assert exports.default_filename("png", Selection(fiscal_years=parse_fiscal_year("2022"), countries=("VN",))) \
        == "c2c-atlas_FY2022_VN.png"
    assert exports.default_filename("csv", Selection(), "en") == "c2c-atlas_all-years_en.csv"
    assert exports.default_filename("html", Selection(fiscal_years=parse_fiscal_year("2015-2018"),
                                                      jp_ids=("jp-toyama",))) == "c2c-atlas_FY2015-2018_toyama.html"
    name = exports.default_filename("png", Selection(text="../../etc/passwd <x>", place_id="vn-hai-phong"))
    assert re.fullmatch(r"[A-Za-z0-9._-]+", name) and "/" not in name
    with pytest.raises(ValueError):
        exports.default_filename("pdf", Selection())


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("html", b"<!DOCTYPE html>"),
                                            ("csv", b"\xef\xbb\xbf")])
def test_cli_export_writes_each_format(tmp_path, capsys, fmt, magic):
    out = tmp_path / f"slide.{fmt}"
    code = main(["export", "--format", fmt, "--out", str(out), "--fiscal-year", "2022", "--country", "vn",
                 "--data-dir", str(SHIPPED_DATA), "--lang", "en"])
    assert code == 0
    assert out.read_bytes().startswith(magic)
    assert f"wrote {out}" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temporary file left behind


def test_cli_export_bad_fiscal_year_exits_2(tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["export", "--format", "png", "--out", str(out), "--fiscal-year", "20x2"]) == 2
    assert "fiscal year" in capsys.readouterr().err and not out.exists()


def test_cli_export_to_an_unwritable_place_exits_2_with_a_clear_message(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / "slide.png"
    assert main(["export", "--format", "csv", "--out", str(out), "--fiscal-year", "2022"]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "not a folder" in err and "Traceback" not in err
    missing = tmp_path / "no-such-dir" / "slide.png"
    assert main(["export", "--format", "csv", "--out", str(missing)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--out", str(tmp_path)]) == 2  # a folder, not a file
    assert "folder" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_failed_write_keeps_the_old_file_and_leaves_no_partial_file(tmp_path, monkeypatch, capsys, shipped):
    out = tmp_path / "projects.csv"
    out.write_bytes(b"old content")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    assert main(["export", "--format", "csv", "--out", str(out), "--fiscal-year", "2022"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projects.csv"]


def test_export_returns_the_written_path(tmp_path, shipped):
    path = exports.export(shipped, FY2022, fmt="csv", out=tmp_path / "p.csv", lang="ja")
    assert path == tmp_path / "p.csv" and path.read_bytes() == csvfile.projects_csv(shipped, FY2022, "ja")
    with pytest.raises(ValueError):
        exports.export(shipped, FY2022, fmt="gif", out=tmp_path / "p.gif")
    assert not (tmp_path / "p.gif").exists()


# --------------------------------------------------------------------------------------------------------------
# Download buttons (streamlit glue)
# --------------------------------------------------------------------------------------------------------------


_SCRIPT = """
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year
from tests.conftest import SHIPPED_DATA
from ui.data import LoadResult
from ui.downloads import render_downloads
from ui.shell import PageContext

dataset = load_dataset(SHIPPED_DATA)
ctx = PageContext(dataset, LANG, Selection(fiscal_years=parse_fiscal_year("2022")), LoadResult(dataset))
render_downloads(ctx, formats=FORMATS)
"""


@pytest.mark.parametrize(("lang", "formats", "labels"), [
    ("ja", ("png", "html", "csv"), ["スライド用画像（PNG）", "地図（HTML）", "事業一覧（CSV）"]),
    ("en", ("csv",), ["Project list (CSV)"]),
])
def test_render_downloads_draws_one_button_per_format(lang, formats, labels):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(f"LANG = {lang!r}\nFORMATS = {formats!r}\n" + _SCRIPT, default_timeout=60)
    at.run()
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == labels


def test_download_callable_returns_the_export_and_is_cached(shipped, monkeypatch):
    import streamlit as st

    from ui.downloads import export_callable

    calls = []
    real = exports.export_bytes

    def counting(*args, **kwargs):
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(exports, "export_bytes", counting)
    st.cache_data.clear()
    try:
        generate = export_callable(shipped, FY2022, "en", "csv")
        assert generate() == real(shipped, FY2022, "csv", "en")
        assert generate() == real(shipped, FY2022, "csv", "en")
        assert calls == ["csv"]  # the second click is served from the cache
        export_callable(shipped, FY2022, "ja", "csv")()
        assert calls == ["csv", "csv"]  # another language is another file
    finally:
        st.cache_data.clear()

