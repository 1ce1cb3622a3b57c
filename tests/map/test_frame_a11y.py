"""The map frame's accessibility from the Python side: a viewport that lets people zoom (WCAG 1.4.4) and the
frame's words in both languages."""

from __future__ import annotations

import re

import pytest
from streamlit_folium import _get_header

from c2c.map import mapview
from c2c.map.frame_a11y import FRAME_KEYS, frame_text
from c2c.text import i18n


def test_the_frame_header_lets_people_zoom():
    fmap = mapview.build_base_map("ja")
    fmap.render()
    header = _get_header(fmap)  # what streamlit-folium puts into the frame's <head>
    viewports = re.findall(r"<meta\s+name=\"viewport\"[^>]*>", header)
    assert viewports and all("user-scalable=no" not in v and "maximum-scale" not in v for v in viewports), viewports


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_frame_has_every_word_in_both_languages(lang):
    text = frame_text(lang)
    assert set(text) == set(FRAME_KEYS) and all(text.values())
    assert mapview.runtime_config(lang)["a11y"] == text
    if lang == "ja":
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text["a11y_list_button"])  # Japanese, not English
