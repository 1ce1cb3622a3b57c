"""c2c.report.briefing: the tables behind the Projects, Countries & municipalities and Data & sources pages.

Expected values are computed from the CSV files with the csv module (not from the code under test), so a wrong
join or a wrong count cannot agree with itself.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from c2c.core import stats
from c2c.core.dataset import load_dataset
from c2c.core.selection import FiscalYearSpec, Selection, select_links, select_projects
from c2c.report import briefing
from c2c.text import i18n
from tests.conftest import MINI_FILES, REPO_ROOT, SHIPPED_DATA, write_mini_data


def read_csv(name: str, directory: Path = SHIPPED_DATA) -> list[dict[str, str]]:
    with open(directory / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


FY2022 = Selection(fiscal_years=FiscalYearSpec(2022, 2022))


# ---- Projects ---------------------------------------------------------------------------------------------------

def test_fy2022_table_has_the_22_brochure_projects(dataset):
    table = briefing.projects_table(dataset, select_projects(dataset, FY2022), "ja")
    expected = [r["project_id"] for r in read_csv("projects.csv") if r["fiscal_year"] == "2022"]
    assert len(expected) == 22
    assert list(table["project_id"]) == expected  # the brochure's order
    assert list(table.columns) == briefing.PROJECT_COLUMNS
    renca = table.set_index("project_id").loc["fy2022-07"]
    assert (renca["fiscal_year"], renca["jp"], renca["partners"], renca["country"]) == (
        2022, "富山市", "サンティアゴ市レンカ区", "チリ")
    assert renca["lead"] == "日本工営株式会社" and renca["evidence"] == "記載あり"
    # cited as the publication with the project's number in it, linked to the ministry's site the brochure names
    brochure = next(r for r in read_csv("sources.csv") if r["id"] == "moe-brochure-fy2022")
    assert renca["sources"] == f"{brochure['publisher_ja']}「{brochure['title_ja']}」、事業07"
    assert renca["source_url"] == brochure["url"]
    assert "000_904da772fea1721c" not in table.to_csv()


def test_rows_with_several_places_and_urls(dataset):
    table = briefing.projects_table(dataset, select_projects(dataset, FY2022), "en").set_index("project_id")
    kuala_lumpur = table.loc["fy2022-02"]
    names = {r["id"]: r["name_en"] for r in read_csv("cities.csv")}
    assert kuala_lumpur["jp"] == f"{names['jp-tokyo']}, {names['jp-saitama']}"
    assert kuala_lumpur["source_url"] == "http://www.env.go.jp/earth/coop/lowcarbon-asia/"  # the first source's link
    assert kuala_lumpur["sources"].startswith("Ministry of the Environment, Japan, “City-to-City Collaboration for "
                                              "Zero Carbon Society (FY2022)”, project 02 / NIES Environmental")
    toyama = table.loc["fy2022-09"]
    assert toyama["partners"] == "Iskandar Malaysia, Kota Kinabalu City" and toyama["country"] == "Malaysia"


def test_table_counts_projects_as_stats_does_and_lists_undated_links_apart(dataset):
    selection = Selection()
    projects = select_projects(dataset, selection)
    table = briefing.projects_table(dataset, projects, "ja")
    undated = briefing.undated_table(dataset, projects, "ja")
    rows = read_csv("projects.csv")
    assert len(table) == stats.compute_stats(dataset, selection)["projects"] == sum(1 for r in rows
                                                                                    if r["fiscal_year"])
    # 15 until December 2026, when report covers dated Kawasaki–Jakarta (FY2017) and Sapporo–Töv (FY2020)
    assert len(undated) == sum(1 for r in rows if r["evidence"] == "participation_list") == 13
    assert table["fiscal_year"].notna().all() and set(undated["project_id"]).isdisjoint(table["project_id"])
    assert list(table["fiscal_year"]) == sorted(table["fiscal_year"])
    no_undated = select_projects(dataset, Selection(include_undated=False))
    assert briefing.undated_table(dataset, no_undated, "ja").empty


def test_english_falls_back_to_japanese_and_says_when_there_is_no_title(dataset):
    table = briefing.projects_table(dataset, select_projects(dataset, Selection()), "en").set_index("project_id")
    rows = {r["project_id"]: r for r in read_csv("projects.csv")}
    untitled = next(pid for pid, r in rows.items() if r["fiscal_year"] and not r["title_ja"] and not r["title_en"])
    assert table.loc[untitled, "title"] == i18n.t("no_title", "en")
    japanese_only = [pid for pid, r in rows.items() if r["fiscal_year"] and r["lead_org_ja"] and not r["lead_org_en"]]
    for pid in japanese_only:
        assert table.loc[pid, "lead"] == rows[pid]["lead_org_ja"]


def test_project_detail_of_fy2022_07(dataset):
    detail = briefing.project_detail(dataset, "fy2022-07", "ja")
    row = next(r for r in read_csv("projects.csv") if r["project_id"] == "fy2022-07")
    assert detail.title == row["title_ja"] and detail.lead == "日本工営株式会社"
    assert detail.co_implementers == split(row["co_implementers_ja"])
    assert [(link["jp_id"], link["partner_id"]) for link in detail.links] == [("jp-toyama", "cl-renca")]
    same_pair = [r for r in read_csv("projects.csv") if "jp-toyama" in split(r["jp_ids"])
                 and "cl-renca" in split(r["partner_ids"])]
    assert set(detail.history["project_id"]) == {r["project_id"] for r in same_pair}
    assert detail.years == sorted(int(r["fiscal_year"]) for r in same_pair if r["fiscal_year"])
    assert detail.history.loc[detail.history["current"], "project_id"].tolist() == ["fy2022-07"]
    html = briefing.detail_html(detail)
    for text in (row["title_ja"], "日本工営株式会社", "サンティアゴ市レンカ区", "富山市", "2022年度 脱炭素社会実現のための都市間連携事業」、事業07"):
        assert text in html


def test_detail_lists_every_pair_and_links_urls(dataset):
    detail = briefing.project_detail(dataset, "fy2022-09", "en")
    assert {link["partner_id"] for link in detail.links} == {"my-iskandar", "my-kota-kinabalu"}
    detail = briefing.project_detail(dataset, "fy2022-02", "en")
    assert {link["jp_id"] for link in detail.links} == {"jp-tokyo", "jp-saitama"}
    html = briefing.detail_html(detail)
    assert '<a href="https://tenbou.nies.go.jp/news/jnews/detail.php?i=33743"' in html
    assert "(our translation)" in html  # the English title is ours, and the page says so


def test_detail_of_an_undated_participation_list_link(dataset):
    detail = briefing.project_detail(dataset, "pl-kobe--vn-kien-giang", "en")
    assert detail.fiscal_year is None and detail.evidence == "participation_list"
    assert detail.title == i18n.t("no_title", "en")
    assert i18n.t("popup_undated", "en") in briefing.detail_html(detail)


def test_pair_history_on_the_mini_fixture(mini_data):
    dataset = load_dataset(mini_data)
    history = briefing.pair_history(dataset, "fy2022-21", "ja")
    assert list(history["project_id"]) == ["fy2015-kk-hp", "fy2022-21"]  # same pair, years in order
    history = briefing.pair_history(dataset, "pl-toyama--vn-hai-phong", "ja")
    assert list(history["project_id"]) == ["pl-toyama--vn-hai-phong"]


HOSTILE_PROJECTS = MINI_FILES["projects.csv"].replace(
    "evidence,source,notes\n", "evidence,source,pair_source\n",  # a row citing two sources names the one (link rule)
).replace(
    "fy2022-21,2022,jp-kitakyushu,vn-hai-phong,ハイフォン市のエコ工業団地推進事業,",
    'fy2022-21,2022,jp-kitakyushu,vn-hai-phong,"<script>alert(1)</script> **bold** :red[x] $x$",',
).replace(
    "IGES,IGES,北九州市,要約,Summary,listed,brochure#21,",
    '"<img src=x onerror=alert(1)>",IGES,北九州市,要約,Summary,listed,hostile;ok,ok',
)
HOSTILE_SOURCES = MINI_FILES["sources.csv"] + (
    'hostile,news,"<b>pub</b>",pub,"javascript:alert(1) <script>x</script>",t,,,,\n'
    "ok,news,ok,ok,ok,ok,,https://ok.example/a?b=1&c=2,,\n")


def test_data_text_is_escaped_and_only_http_sources_are_links(tmp_path):
    dataset = load_dataset(write_mini_data(tmp_path / "data", {"projects.csv": HOSTILE_PROJECTS,
                                                               "sources.csv": HOSTILE_SOURCES}))
    detail = briefing.project_detail(dataset, "fy2022-21", "ja")
    html = briefing.detail_html(detail)
    assert "<script>" not in html and "<img" not in html and "<b>pub" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript' not in html and "javascript:alert(1)" in html  # shown as text, not a link
    assert '<a href="https://ok.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">' in html
    table = briefing.projects_table(dataset, select_projects(dataset, Selection()), "ja").set_index("project_id")
    assert table.loc["fy2022-21", "source_url"] == "https://ok.example/a?b=1&c=2"
    label = briefing.project_option_label(dataset, "fy2022-21", "ja", limit=500)
    assert "\n" not in label and label.startswith("2022年度 · 北九州市 – ハイフォン市 · <script>")


def test_picker_options_keep_the_current_project():
    assert briefing.project_options(["a", "b"], None) == ["", "a", "b"]
    assert briefing.project_options(["a", "b"], "b") == ["", "a", "b"]
    assert briefing.project_options(["a"], "z") == ["", "a", "z"]  # deep-linked but filtered out


# ---- Countries & municipalities ---------------------------------------------------------------------------------

SELECTIONS = [Selection(), FY2022, Selection(fiscal_years=FiscalYearSpec(2015, 2018)),
              Selection(countries=("VN", "ID")), Selection(jp_ids=("jp-kitakyushu",)), Selection(include_undated=False)]


@pytest.mark.parametrize("selection", SELECTIONS)
def test_country_table_is_stats_by_country(dataset, selection):
    links = select_links(dataset, selection)
    table = briefing.country_table(dataset, links, "ja")
    as_dict = {row["code"]: {k: row[k] for k in ("partner_places", "projects", "jp_municipalities", "links")}
               for _, row in table.iterrows()}
    assert as_dict == stats.compute_stats(dataset, selection)["by_country"]
    assert list(table["country"]) == [i18n.place_label(dataset.countries.loc[c], "ja") for c in table["code"]]
    ordered = list(zip(-table["projects"], -table["partner_places"]))
    assert ordered == sorted(ordered)


@pytest.mark.parametrize("selection", SELECTIONS)
def test_municipality_table_is_stats_by_municipality(dataset, selection):
    links = select_links(dataset, selection)
    table = briefing.municipality_table(dataset, links, "en")
    as_dict = {row["id"]: {k: row[k] for k in ("partner_places", "countries", "projects", "links")}
               for _, row in table.iterrows()}
    assert as_dict == stats.by_municipality(links)


def test_country_counts_by_hand_for_fy2022(dataset):
    rows = [r for r in read_csv("projects.csv") if r["fiscal_year"] == "2022"]
    country_of = {r["id"]: r["country_code"] for r in read_csv("cities.csv")}
    projects = Counter()
    for row in rows:
        for code in {country_of[p] for p in split(row["partner_ids"])}:
            projects[code] += 1
    table = briefing.country_table(dataset, select_links(dataset, FY2022), "ja").set_index("code")
    assert table["projects"].to_dict() == dict(projects)


def test_long_counts_and_bar_spec(dataset):
    table = briefing.country_table(dataset, select_links(dataset, FY2022), "en")
    long = briefing.long_counts(table, "country", briefing.COUNTRY_MEASURES, "en")
    assert len(long) == 3 * len(table)
    viet_nam = long[long["label"] == "Viet Nam"].set_index("series")["value"]
    assert viet_nam["Project-years"] == table.set_index("code").loc["VN", "projects"]
    spec = briefing.grouped_bar_spec(list(table["country"]), ["a", "b", "c"], "Count")
    assert spec["encoding"]["y"]["sort"] == list(table["country"])
    json.dumps(spec)  # plain JSON: Vega-Lite rendered by Streamlit's bundled Vega, no CDN


def test_timeline_and_growth_rows_come_from_stats(dataset):
    coverage = stats.year_coverage(dataset)
    timeline = briefing.timeline_table(dataset, "ja")
    in_data = timeline[timeline["series"] == i18n.t("series_in_data", "ja")].set_index("fiscal_year")["value"]
    assert in_data.to_dict() == coverage["projects_in_data"].to_dict()
    official = timeline[timeline["series"] == i18n.t("series_official", "ja")].set_index("fiscal_year")["value"]
    expected = {int(r["fiscal_year"]): int(r["adopted_official"]) for r in read_csv("fiscal_years.csv")
                if r["adopted_official"]}
    assert official.to_dict() == expected  # unknown official counts are left out, never drawn as 0

    growth = briefing.growth_long(dataset, "en")
    cumulative = stats.cumulative_growth(dataset)
    places = growth[(growth["measure"] == "Partner cities/regions")]
    data = places[places["series"] == "Data (dated links)"].set_index("fiscal_year")["value"]
    assert data.to_dict() == cumulative["partner_places"].to_dict()
    official = places[places["series"] == "Official cumulative"].set_index("fiscal_year")["value"]
    assert official.to_dict() == {int(r["fiscal_year"]): int(r["cumulative_partner_places"])
                                  for r in read_csv("fiscal_years.csv") if r["cumulative_partner_places"]}
    table = briefing.growth_table(dataset)
    assert list(table["fiscal_year"]) == dataset.all_years


# ---- Data & sources ----------------------------------------------------------------------------------------------

def test_coverage_statuses_from_the_csv_files(dataset):
    counts = Counter(r["fiscal_year"] for r in read_csv("projects.csv") if r["fiscal_year"])
    table = briefing.coverage_table(dataset, "en").set_index("fiscal_year")
    for row in read_csv("fiscal_years.csv"):
        year, official = int(row["fiscal_year"]), row["adopted_official"]
        known = counts.get(row["fiscal_year"], 0)
        got = table.loc[year]
        assert got["projects_in_data"] == known
        if not official:
            assert got["status"] == briefing.UNKNOWN and got["known_of_official"] == f"{known} / ?"
        else:
            assert got["status"] == (briefing.COMPLETE if known >= int(official) else briefing.INCOMPLETE)
            assert got["known_of_official"] == f"{known} / {official}"
        assert got["status_label"] == i18n.t(briefing.STATUS_KEYS[got["status"]], "en")
    assert table.loc[2022, "status"] == briefing.COMPLETE and table.loc[2018, "status"] == briefing.INCOMPLETE
    assert (table["status"] == briefing.COMPLETE).sum() == 1  # "no fiscal year except FY2022 is complete"


def test_status_styles_colour_only_the_status_column(dataset):
    coverage = briefing.coverage_table(dataset, "ja")
    styles = briefing.status_styles(coverage)
    assert styles.drop(columns="status_label").eq("").all().all()
    assert styles.loc[coverage["status"] == briefing.COMPLETE, "status_label"].str.contains("#d9ead3").all()


def test_every_source_is_listed_with_its_citing_rows(dataset):
    def ids(cell):
        return dict.fromkeys(ref.split("#")[0] for ref in split(cell))
    expected_projects = Counter(s for r in read_csv("projects.csv") for s in ids(r["source"]))
    expected_years = Counter(s for r in read_csv("fiscal_years.csv") for s in ids(r["source"]))
    # an unlinked row cites its sources and, when contradicted, the sources that contradict it
    expected_notes = Counter(s for r in read_csv("notes/unlinked.csv")
                             for s in ids(r["source"] + ";" + r["contradicted_by"]))
    sources = {r["id"]: r for r in read_csv("sources.csv")}
    table = briefing.source_table(dataset, "ja").set_index("id")
    assert set(table.index) == set(sources)
    assert set(expected_projects) | set(expected_years) | set(expected_notes) <= set(sources)
    for source_id, row in table.iterrows():
        assert row["projects_rows"] == expected_projects.get(source_id, 0)
        assert row["fiscal_years_rows"] == expected_years.get(source_id, 0)
        assert row["notes_rows"] == expected_notes.get(source_id, 0)
        assert row["total_rows"] == row["projects_rows"] + row["fiscal_years_rows"] + row["notes_rows"]
        assert (row["url"] if isinstance(row["url"], str) else "") == sources[source_id]["url"]
        assert sources[source_id]["title_ja"] in row["citation"] or sources[source_id]["kind"] == "mirror"
    # a mirror is cited as a copy of the original publication, in both languages
    mirror = next(r for r in sources.values() if r["kind"] == "mirror")
    original = sources[mirror["mirror_of"]]
    assert original["title_ja"] in table.loc[mirror["id"], "citation"] and "ミラー" in table.loc[mirror["id"], "citation"]
    english = briefing.source_table(dataset, "en").set_index("id").loc[mirror["id"], "citation"]
    assert original["title_en"] in english and f"(mirror copy on {mirror['publisher_en']})" in english


def test_unlinked_rows_come_from_the_notes_file_and_cite_sources(dataset):
    notes = read_csv("notes/unlinked.csv")
    for lang in ("ja", "en"):
        table = briefing.unlinked_table(dataset, lang)
        assert len(table) == len(notes) >= 20
        assert list(table["partner"]) == [r[f"partner_{lang}"] for r in notes]
        assert table["source"].str.len().gt(0).all() and not table["source"].str.contains("http").any()
    table = briefing.unlinked_table(dataset, "en")
    assert set(table["kind"]) == {"one_sided", "derived_pairing", "weak", "contradicted"}
    # November: 5 derived pairings and 1 weak row. December: FY2017 Yokohama–Batam became a line; FY2023 Toyama–Renca
    # and Kawasaki–Bandung and the 7 DERIVED new rows are derived pairings; 13 WEAK new rows are weak (the 14th,
    # Pohnpei, is one-sided); 4 drawn rows are contradicted; the rule applied to every row made FY2016 Yokohama–Batam
    # (an article that does not name the programme) weak.
    counts = table["kind"].value_counts()
    assert (counts["derived_pairing"], counts["weak"], counts["contradicted"]) == (5 - 1 + 2 + 7, 1 + 13 + 1, 4)
    # the reason is shown, in the reader's language, for every row
    for lang in ("ja", "en"):
        reasons = briefing.unlinked_table(dataset, lang)["reason"]
        assert list(reasons) == [r["notes_ja" if lang == "ja" else "notes"] for r in notes]


def test_contradictions_and_evidence_levels_in_both_languages(dataset):
    notes = read_csv("notes/contradictions.csv")
    for lang in ("ja", "en"):
        items = briefing.contradictions(dataset, lang)
        assert items == [(r[f"topic_{lang}"], r[f"text_{lang}"]) for r in notes] and len(items) >= 12
    assert any("13" in text and "12" in text and "45" in text and "43" in text
               for _, text in briefing.contradictions(dataset, "en"))
    assert any("2018" in text and "2019" in text for topic, text in briefing.contradictions(dataset, "en")
               if "Tokyo" in topic)
    table = briefing.evidence_table(dataset, "en")
    counts = Counter(r["evidence"] for r in read_csv("projects.csv"))
    assert dict(zip(table["evidence"], table["rows"])) == {k: counts.get(k, 0) for k in table["evidence"]}
    meanings = {r["evidence"]: r for r in read_csv("notes/evidence_levels.csv")}
    assert list(table["meaning"]) == [meanings[level]["meaning_en"] for level in table["evidence"]]
    assert "参加リストのみ" in briefing.evidence_html(dataset, "ja")
    assert "<b>Kyoto City</b>: " in briefing.contradictions_html(dataset, "en")


def test_raw_files_are_the_data_files(dataset):
    files = briefing.raw_files(dataset.data_dir)
    assert sorted(p.relative_to(dataset.data_dir).as_posix() for p in files) == [
        "changelog.csv", "cities.csv", "countries.csv", "fiscal_years.csv", "notes/contradictions.csv",
        "notes/evidence_levels.csv", "notes/line_basis.csv", "notes/unlinked.csv", "projects.csv", "sources.csv",
        "version.csv"]
    counts = briefing.row_counts(dataset)
    assert counts["projects.csv"] == len(read_csv("projects.csv"))
    assert counts["notes/unlinked.csv"] == len(read_csv("notes/unlinked.csv"))


def test_safe_url():
    assert briefing.safe_url("javascript:alert(1)") is None and briefing.safe_url("ftp://x/y") is None


def test_every_ui_key_the_briefing_pages_use_exists_in_both_languages():
    used = set()
    for page in ("projects.py", "countries.py", "sources.py"):
        used |= set(re.findall(r'ctx\.t\("([a-z0-9_]+)"', (REPO_ROOT / "pages" / page).read_text(encoding="utf-8")))
    used |= set(re.findall(r'i18n\.t\("([a-z0-9_]+)"', (REPO_ROOT / "c2c" / "report" / "briefing.py").read_text(encoding="utf-8")))
    used |= set(briefing.MEASURE_KEYS.values()) | set(briefing.STATUS_KEYS.values())
    missing = [key for key in used if key not in i18n.STRINGS]
    assert not missing
    assert all(i18n.STRINGS[key]["en"] for key in used)
    assert all(i18n.STRINGS[key]["ja"] for key in used if key != "co_japanese_only")
