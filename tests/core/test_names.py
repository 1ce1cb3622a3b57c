"""The one name fallback (c2c.core.names), used by the UI (i18n.pick) and the citations alike."""

from __future__ import annotations

import math

import pandas as pd

from c2c.core import names
from c2c.core.sources import citation
from c2c.text import i18n


def test_the_ui_language_first_then_the_other():
    record = {"title_ja": " 水素 ", "title_en": "Hydrogen"}
    assert names.pick(record, "title", "ja") == "水素" and names.pick(record, "title", "en") == "Hydrogen"
    assert names.pick({"title_ja": "水素", "title_en": ""}, "title", "en") == "水素"
    assert names.pick({"title_ja": None, "title_en": "Hydrogen"}, "title", "ja") == "Hydrogen"


def test_a_missing_cell_is_never_shown_as_nan():
    """pandas gives NaN for an empty cell: it used to come out as the text "nan" in the UI's names."""
    record = pd.Series({"title_ja": math.nan, "title_en": "Hydrogen", "lead_org_ja": math.nan, "lead_org_en": math.nan})
    assert i18n.pick(record, "title", "ja") == "Hydrogen"
    assert i18n.pick(record, "lead_org", "en") == ""
    assert i18n.pick is names.pick  # one function, not three


def test_citations_use_the_same_fallback():
    sources = pd.DataFrame([{"id": "s1", "publisher_ja": math.nan, "publisher_en": "IGES", "title_ja": "報告書",
                             "title_en": math.nan, "date": "", "url": "", "kind": "publication", "mirror_of": ""}]
                           ).set_index("id")
    assert citation(sources, "s1", "ja").text == "IGES「報告書」"
