"""The Projects page with a search: the matching rows, and the field each one matched in."""

from __future__ import annotations

import pytest

from c2c.text import i18n
from tests.pages.test_briefing_pages import PROJECTS, open_page, table_by_key


@pytest.mark.parametrize(("query", "lang"), [("hydrogen", "en"), ("水素", "ja"), ("ＨＹＤＲＯＧＥＮ", "ja")])
def test_search_shows_fukuoka_hanoi_and_the_matching_field(query, lang):
    at = open_page({"q": query, "lang": lang}, PROJECTS)
    table = table_by_key(at, "projects_table")
    rows = table.set_index("project_id")
    assert "fy2022-18" in rows.index
    assert i18n.t("match_summary", lang) in rows.loc["fy2022-18", "match"]
    assert set(rows.index) <= {"fy2022-07", "fy2022-08", "fy2022-10", "fy2022-18", "fy2022-22"}


def test_no_match_column_without_a_search():
    at = open_page({"lang": "en"}, PROJECTS)
    assert "match" not in table_by_key(at, "projects_table").columns
