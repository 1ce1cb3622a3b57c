"""Data text that exists only in the other language is shown, and marked as such, never passed off as the UI's
language: the project titles of the shipped data in the Projects table, the CSV and the deck."""

from __future__ import annotations

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, select_projects
from c2c.export.csvfile import project_rows
from c2c.report import briefing
from c2c.text import i18n
from tests.conftest import SHIPPED_DATA


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED_DATA)


def test_pick_marked():
    record = {"title_ja": "水素", "title_en": ""}
    assert i18n.pick_marked(record, "title", "en") == "水素 (Japanese only)"
    assert i18n.pick_marked(record, "title", "ja") == "水素"
    record = {"title_ja": "", "title_en": "Hydrogen"}
    assert i18n.pick_marked(record, "title", "ja") == "Hydrogen（英語のみ）"
    assert i18n.pick_marked({"title_ja": "", "title_en": ""}, "title", "en") == ""


@pytest.mark.parametrize(("lang", "own", "other", "marker"), [
    ("en", "title_en", "title_ja", "(Japanese only)"), ("ja", "title_ja", "title_en", "（英語のみ）")])
def test_titles_in_one_language_only_are_marked(shipped, lang, own, other, marker):
    projects = shipped.projects
    only_other = projects[(projects[own].str.strip() == "") & (projects[other].str.strip() != "")]
    assert len(only_other) > 0  # 16 Japanese-only and 2 English-only titles in the shipped data
    table = briefing.projects_table(shipped, select_projects(shipped, Selection()), lang).set_index("project_id")
    rows = {r["project_id"]: r for r in project_rows(shipped, Selection(), lang)}
    for project_id, project in only_other.iterrows():
        expected = i18n.pick_marked(project, "title", lang)
        assert expected.startswith(project[other].strip()) and marker in expected
        if project_id in table.index:  # a paraphrase adds its own marker after the language one
            assert table.loc[project_id, "title"].startswith(expected)
        assert rows[project_id]["title"].startswith(expected)
    both = projects[(projects[own].str.strip() != "")]
    assert not any(marker in i18n.pick_marked(p, "title", lang) for _, p in both.iterrows())
