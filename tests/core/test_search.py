"""Full-text search: titles, summaries, lead and joint implementers, place names and aliases, both languages,
NFKC width- and case-insensitive, and which field matched (against the shipped data)."""

from __future__ import annotations

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, select_projects, text_matches
from tests.conftest import SHIPPED_DATA


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def _project(dataset, project_id):
    return dataset.projects.loc[project_id]


@pytest.mark.parametrize("query", ["hydrogen", "水素", "HYDROGEN", "ｈｙｄｒｏｇｅｎ"])
def test_hydrogen_finds_fukuoka_hanoi_fy2022(dataset, query):
    matches = text_matches(dataset, query)
    assert "fy2022-18" in matches
    project = _project(dataset, "fy2022-18")
    assert project["fiscal_year"] == 2022 and project["jp_ids"] == ["jp-fukuoka-pref"]
    assert project["partner_ids"] == ["vn-hanoi"]
    assert "summary" in matches["fy2022-18"]
    assert "fy2022-18" in select_projects(dataset, Selection(text=query)).index


def test_every_match_really_contains_the_query_in_the_reported_field(dataset):
    import unicodedata

    def norm(value):
        return unicodedata.normalize("NFKC", str(value)).casefold()

    columns = {"title": ("title_ja", "title_en"), "summary": ("summary_ja", "summary_en"),
               "lead": ("lead_org_ja", "lead_org_en"), "co": ("co_implementers_ja",)}
    for query in ("水素", "hydrogen", "iges", "ｲﾝﾄﾞﾈｼｱ", "Nippon Koei"):
        for project_id, fields in text_matches(dataset, query).items():
            project = _project(dataset, project_id)
            for field in fields:
                if field == "place":
                    places = list(project["jp_ids"]) + list(project["partner_ids"])
                    texts = [" ".join(map(str, dataset.cities.loc[p, ["name_ja", "name_en", "aliases"]]))
                             for p in places if p in dataset.cities.index]
                else:
                    texts = [str(project[c]) for c in columns[field]]
                assert any(norm(query) in norm(t) for t in texts), (query, project_id, field)


def test_joint_implementer_and_lead_and_width(dataset):
    co = text_matches(dataset, "富山水素エネルギー促進協議会")
    assert {"fy2022-07", "fy2022-08"} <= set(co) and co["fy2022-07"] == ("co",)
    lead = text_matches(dataset, "ＮＩＰＰＯＮ　ＫＯＥＩ")  # full-width letters and space
    assert "fy2022-18" in lead and "lead" in lead["fy2022-18"]
    assert text_matches(dataset, "ﾊﾉｲ")["fy2022-18"][-1] == "place"  # half-width katakana: ハノイ


def test_alias_and_empty_query(dataset):
    assert "place" in text_matches(dataset, "Haiphong").get("fy2022-21", ())
    assert set(text_matches(dataset, "  ")) == set(dataset.projects.index)
    assert text_matches(dataset, "no such words anywhere") == {}


# Issue #19, item 3: word boundaries where the text has them (c2c/core/search.py).
BALI_PROJECTS = {"fy2022-08", "fy2018-toyama-bali", "fy2020-toyama-bali-semarang"}


@pytest.mark.parametrize("query", ["バリ", "ﾊﾞﾘ", "Bali", "BALI"])
def test_bali_finds_the_bali_projects_only_in_both_scripts(dataset, query):
    matches = text_matches(dataset, query)
    assert set(matches) == BALI_PROJECTS, matches
    # not Ba Ria-Vung Tau (バリアブンタウ省, alias バリアブントウ省) nor the green recovery (グリーンリカバリー) project
    assert not {"fy2022-15", "fy2023-sakai-ba-ria-vung-tau", "fy2020-fukuoka-yangon"} & set(matches)


def test_a_katakana_word_of_a_solid_compound_is_still_found_but_not_a_fragment_of_it(dataset):
    assert "title" in text_matches(dataset, "リカバリー")["fy2020-fukuoka-yangon"]  # in グリーンリカバリー
    assert text_matches(dataset, "カバリ") == {}  # the middle of a katakana run


def test_a_latin_query_starts_at_a_word_start(dataset):
    assert text_matches(dataset, "ali") == {}  # inside "Bali"
    assert "fy2022-18" in text_matches(dataset, "hydro")  # a prefix of four letters or more: "hydrogen"


@pytest.mark.parametrize(("query", "place"), [("バリアブントウ省", "vn-ba-ria-vung-tau"), ("BR-VT", "vn-ba-ria-vung-tau"),
                                              ("バリ", "id-bali"), ("Hanoi", "vn-hanoi"), ("ハノイ市", "vn-hanoi")])
def test_a_place_matches_by_a_whole_name_or_alias(dataset, query, place):
    from c2c.core.selection import matching_place_ids

    assert matching_place_ids(dataset, query) == {place}
    linked = set(dataset.links.loc[(dataset.links["jp_id"] == place) | (dataset.links["partner_id"] == place),
                                   "project_id"])
    assert all("place" in text_matches(dataset, query)[p] for p in linked)


def test_a_place_is_not_found_by_a_piece_of_its_name(dataset):
    from c2c.core.selection import matching_place_ids

    assert matching_place_ids(dataset, "バリ") == {"id-bali"}  # not バリアブンタウ省
    assert matching_place_ids(dataset, "ブンタウ") == set()
    assert "place" not in text_matches(dataset, "ブンタウ").get("fy2023-sakai-ba-ria-vung-tau", ())
