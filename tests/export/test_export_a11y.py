"""Exports for people who cannot see the pictures: the deck's map has alt text; the HTML export has its language
and a zoomable viewport (its map's list and description come from the same runtime as the app's:
tests/browser/test_a11y_axe.py runs axe on it)."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year, select_links
from c2c.export import export_bytes
from c2c.export.html_page import standalone_html
from tests.conftest import SHIPPED_DATA

FY2022 = Selection(fiscal_years=parse_fiscal_year("2022"))


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED_DATA)


def _pictures(deck: bytes):
    prs = Presentation(io.BytesIO(deck))
    return [shape for slide in prs.slides for shape in slide.shapes if shape.shape_type == 13]  # PICTURE


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_decks_map_picture_has_alt_text_with_the_headline(shipped, lang):
    pictures = _pictures(export_bytes(shipped, FY2022, "pptx", lang))
    assert len(pictures) == 1
    alt = pictures[0]._element.nvPicPr.cNvPr.get("descr")
    links = select_links(shipped, FY2022)
    projects, countries = links["project_id"].nunique(), links["country_code"].nunique()
    assert alt and f"{projects:,}" in alt and f"{countries:,}" in alt
    assert ("2022年度" if lang == "ja" else "FY2022") in alt
    if lang == "ja":
        assert "地図" in alt and "Map" not in alt


def test_the_standalone_export_has_its_language_and_lets_people_zoom(shipped):
    for lang in ("ja", "en"):
        html = standalone_html(shipped, FY2022, lang).decode("utf-8")
        assert f'<html lang="{lang}">' in html
        assert 'name="viewport"' in html and "user-scalable=no" not in html and "maximum-scale" not in html
