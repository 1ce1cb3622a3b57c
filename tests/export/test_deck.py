"""The PowerPoint deck: it opens with python-pptx, has the slides the selection calls for, keeps Japanese text as
editable text, and every slide names the sources of its own rows."""

from __future__ import annotations

import io
import math
import re

import pytest
from pptx import Presentation
from pptx.util import Inches

from c2c.cli import main
from c2c.core import sources
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year, select_links, select_projects
from c2c.export import deck
from c2c.text import i18n
from tests.conftest import SHIPPED_DATA

FY2022 = Selection(fiscal_years=parse_fiscal_year("2022"))
INDONESIA_15_18 = Selection(fiscal_years=parse_fiscal_year("2015-2018"), countries=("ID",))


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED_DATA)


def _texts(slide) -> list[str]:
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


def _open(data: bytes):
    return Presentation(io.BytesIO(data))


def test_cli_writes_a_deck_with_title_map_country_and_table_slides(shipped, tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    assert main(["export", "--format", "pptx", "--fiscal-year", "2022", "--out", str(out)]) == 0
    prs = Presentation(str(out))
    slides = list(prs.slides)
    links = select_links(shipped, FY2022)
    per_country = links.groupby("country_code")["project_id"].nunique()
    country_pages = sum(math.ceil(n / deck.ITEMS_PER_SLIDE) for n in per_country)
    projects = select_projects(shipped, FY2022)
    tables = [sh.table for s in slides for sh in s.shapes if sh.has_table]
    table_pages = len(tables)
    assert len(slides) == 2 + country_pages + table_pages
    assert sum(len(t.rows) - 1 for t in tables) == len(projects)
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    # the title slide, then the map as a picture
    assert i18n.t("export_programme", "ja") in _texts(slides[0])[0]
    assert [s.shape_type for s in slides[1].shapes] == [13]  # MSO_SHAPE_TYPE.PICTURE
    # one slide per country, headed by its Japanese name
    headings = [_texts(s)[0] for s in slides[2:2 + country_pages]]
    for code in per_country.index:
        assert any(h.startswith(i18n.country_name(shipped, code, "ja")) for h in headings)
    # the table: every selected project's Japanese title as editable text in a cell
    cells = [t for s in slides[2 + country_pages:] for t in _texts(s)]
    for title in projects["title_ja"]:
        assert title in cells
    assert i18n.t("col_lead", "ja") in cells and i18n.t("col_partners", "ja") in cells
    # every slide but the map (whose picture carries it) has a source line
    for slide in slides[:1] + slides[2:]:
        assert any(t.startswith("出典：") for t in _texts(slide))


def test_japanese_is_text_not_pictures_and_english_deck_is_english(shipped):
    prs = _open(deck.build_deck(shipped, FY2022, "ja"))
    text = "".join(t for s in prs.slides for t in _texts(s))
    assert "ハノイ市の環境改善に向けた脱炭素技術導入促進事業" in text
    assert sum(1 for s in prs.slides for sh in s.shapes if sh.shape_type == 13) == 1  # only the map is a picture
    prs = _open(deck.build_deck(shipped, FY2022, "en"))
    text = "".join(t for s in prs.slides for t in _texts(s))
    assert "Promoting decarbonisation technology for a cleaner environment in Hanoi" in text


def test_per_year_4_3_and_the_indonesia_source_lines(shipped):
    prs = _open(deck.build_deck(shipped, INDONESIA_15_18, "en", per="year", aspect="4:3"))
    assert (prs.slide_width, prs.slide_height) == (Inches(10), Inches(7.5))
    years = sorted({int(y) for y in select_projects(shipped, INDONESIA_15_18)["fiscal_year"].dropna()})
    headings = [_texts(s)[0] for s in list(prs.slides)[2:2 + len(years)]]
    assert [h.split(" ")[0] for h in headings] == [f"FY{y}" for y in years]
    brochure = sources.citation(shipped.sources, "moe-brochure-fy2022", "en").text
    for slide in prs.slides:
        assert not any(brochure in t for t in _texts(slide))


def test_long_tables_are_paginated(shipped):
    prs = _open(deck.build_deck(shipped, Selection(), "ja"))
    tables = [sh.table for s in prs.slides for sh in s.shapes if sh.has_table]
    assert sum(len(t.rows) - 1 for t in tables) == len(select_projects(shipped, Selection()))
    assert len(tables) >= math.ceil(len(select_projects(shipped, Selection())) / deck.TABLE_ROWS_PER_SLIDE)
    assert all(len(t.rows) <= deck.TABLE_ROWS_PER_SLIDE + 1 for t in tables)
    room = prs.slide_height - Inches(1.25) - Inches(0.8)
    assert all(sum(row.height for row in t.rows) <= room for t in tables)  # each page's table fits its slide


def test_bad_choices_are_refused(shipped):
    with pytest.raises(ValueError, match="per"):
        deck.build_deck(shipped, FY2022, "ja", per="city")
    with pytest.raises(ValueError, match="aspect"):
        deck.build_deck(shipped, FY2022, "ja", aspect="21:9")


def deck_filename(lang: str) -> str:
    from c2c import export as exports

    return exports.default_filename("pptx", FY2022, lang, "4:3")


_SCRIPT = """
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year
from tests.conftest import SHIPPED_DATA
from ui.data import LoadResult
from ui.downloads import render_downloads
from ui.shell import PageContext

dataset = load_dataset(SHIPPED_DATA)
ctx = PageContext(dataset, LANG, Selection(fiscal_years=parse_fiscal_year("2022")), LoadResult(dataset))
render_downloads(ctx)
"""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_app_offers_the_deck_and_a_4_3_choice(lang):
    import streamlit as st
    from PIL import Image
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(f"LANG = {lang!r}\n" + _SCRIPT, default_timeout=60)
    at.run()
    assert not at.exception
    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert i18n.t("download_pptx", lang) in buttons
    controls = at.get("button_group")
    assert [c.proto.label for c in controls] == [i18n.t("slide_aspect", lang), i18n.t("deck_per", lang)]
    at.session_state["download_aspect"] = "4:3"
    at.session_state["download_per"] = "year"
    at.run()
    assert not at.exception
    assert [c.value for c in at.get("button_group")] == ["4:3", "year"]
    assert deck_filename(lang).endswith("_4x3.pptx")
    from ui.downloads import export_callable

    st.cache_data.clear()
    try:
        shipped = load_dataset(SHIPPED_DATA)
        data = export_callable(shipped, FY2022, lang, "png", aspect="4:3")()
        assert Image.open(io.BytesIO(data)).size == (1440, 1080)
        prs = _open(export_callable(shipped, FY2022, lang, "pptx", aspect="4:3", per="year")())
        assert prs.slide_width == Inches(10)
    finally:
        st.cache_data.clear()


def test_deck_file_names_say_how_the_slides_are_split():
    from c2c import export as exports

    vietnam = Selection(fiscal_years=parse_fiscal_year("2022"), countries=("VN",))
    for selection, stem in ((FY2022, "c2c-atlas_FY2022"), (vietnam, "c2c-atlas_FY2022_VN"),
                            (Selection(), "c2c-atlas_all-years")):
        for lang, tail in (("ja", ""), ("en", "_en")):
            by_country = exports.default_filename("pptx", selection, lang, per="country")
            by_year = exports.default_filename("pptx", selection, lang, per="year")
            assert by_country == f"{stem}_by-country{tail}.pptx" and by_year == f"{stem}_by-year{tail}.pptx"
            assert exports.default_filename("pptx", selection, lang, per="year") == by_year  # stable
    assert exports.default_filename("pptx", FY2022, "ja", "4:3", "year") == "c2c-atlas_FY2022_by-year_4x3.pptx"
    assert exports.default_filename("png", FY2022, "ja", per="year") == "c2c-atlas_FY2022.png"  # not a deck
    with pytest.raises(ValueError, match="per"):
        exports.default_filename("pptx", FY2022, "ja", per="city")


_NAMES_SCRIPT = """
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

original = DeltaGenerator.download_button


def recording(self, label, data, file_name=None, *args, **kwargs):
    st.session_state.setdefault("names", {})[kwargs.get("key")] = file_name
    return original(self, label, data, file_name, *args, **kwargs)


DeltaGenerator.download_button = recording
""" + _SCRIPT


def test_app_names_the_per_country_and_per_year_decks_apart():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("LANG = 'en'\n" + _NAMES_SCRIPT, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.session_state["names"]["download_pptx"] == "c2c-atlas_FY2022_by-country_en.pptx"
    at.session_state["download_per"] = "year"
    at.run()
    assert at.session_state["names"]["download_pptx"] == "c2c-atlas_FY2022_by-year_en.pptx"
    assert at.session_state["names"]["download_png"] == "c2c-atlas_FY2022_en.png"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_undated_pairs_are_counted_as_pairs_with_no_project_and_counts_agree_in_number(shipped, lang):
    prs = _open(deck.build_deck(shipped, Selection(), lang, per="year"))
    headings = [(_texts(s) or [""])[0] for s in prs.slides]
    undated = select_projects(shipped, Selection())
    n = int(undated["fiscal_year"].isna().sum())
    assert n > 1
    heading = i18n.t("deck_undated", lang) + (" —" if lang == "en" else "（")
    pairs = [h for h in headings if h.startswith(heading)]
    assert pairs and all(i18n.t("deck_pairs_count", lang, n=n) in h for h in pairs)
    text = "\n".join(t for s in prs.slides for t in _texts(s))
    assert "project(s)" not in text and not re.search(r"\b1 more sources", text)
    body = "\n".join(t for s in prs.slides if (_texts(s) or [""])[0].startswith(heading) for t in _texts(s)[1:])
    assert i18n.t("deck_no_title", lang) not in body and i18n.t("deck_pair_no_project", lang) in body
    if lang == "en":
        assert "Undated — 13 city pairs from the participation list, no project recorded (1/2)" in headings
        assert "FY2013 — 2 projects" in headings
        one = _open(deck.build_deck(shipped, FY2022, "en"))  # per country: Mongolia has one FY2022 project
        assert "Mongolia — 1 project" in [(_texts(s) or [""])[0] for s in one.slides]
        assert deck.count_text(deck._PAIRS, 1, "en") == "1 city pair from the participation list, no project recorded"
    else:
        assert "年度不明（参加リストの連携ペア13組・事業の記録なし） (1/2)" in headings


def test_one_more_source_is_singular():
    from c2c.export import captions

    names = ["Source A with a long name", "Source B with a long name"]
    line = captions.source_line(names, "en", max_chars=60)
    assert " and 1 more source (" in line
    assert "ほか1件" in captions.source_line(names, "ja", max_chars=30)
