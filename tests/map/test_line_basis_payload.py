"""The map's payload: a paraphrased title says so in the popups, and the two FY2022 lines that rest on a title word
or a header's parenthetical carry what they rest on (shown by static/js/c2c-map.js; tests/js/basis.test.js)."""

from __future__ import annotations

import pytest

from c2c.core.dataset import load_dataset
from c2c.map.network import build_compact_network
from c2c.text import i18n
from tests.conftest import SHIPPED_DATA


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def test_the_map_payload_marks_paraphrases_and_carries_the_line_basis(dataset):
    for lang in ("ja", "en"):
        payload = build_compact_network(dataset, dataset.links, lang).payload
        titles = {p["id"]: p["title"] for p in payload["projects"]}
        assert i18n.t("title_paraphrase", lang) in titles["fy2018-osaka-quezon-2"]
        places = [p["id"] for p in payload["places"]]
        by_pair = {(places[line["jp"]], places[line["partner"]]): line for line in payload["lines"]}
        assert by_pair[("jp-osaka", "th-bangkok")]["basis"] == [i18n.t("line_basis_header_parenthetical", lang)]
        assert by_pair[("jp-osaka", "vn-thu-duc")]["basis"] == [i18n.t("line_basis_title_word", lang)]
        assert "basis" not in by_pair[("jp-osaka", "th-eastern-region")]
        assert sum("basis" in line for line in payload["lines"]) == 2
