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


@pytest.mark.parametrize(("query", "lang"), [("バリ", "ja"), ("Bali", "en")])
def test_bali_lists_the_same_three_projects_in_both_languages(query, lang):
    """Issue #19, item 3: バリ found six (Ba Ria-Vung Tau, a green recovery project); Bali three."""
    at = open_page({"q": query, "lang": lang}, PROJECTS)
    rows = table_by_key(at, "projects_table").set_index("project_id")
    assert set(rows.index) == {"fy2022-08", "fy2018-toyama-bali", "fy2020-toyama-bali-semarang"}


def test_the_search_offers_the_profile_of_bali_only():
    """The profile links under a search name the places whose whole name the query is (not Ba Ria-Vung Tau)."""
    at = open_page({"q": "バリ", "lang": "ja"}, PROJECTS)
    labels = " ".join(link.proto.label for link in at.get("page_link"))
    assert "バリ州" in labels and "バリアブンタウ省" not in labels, labels
