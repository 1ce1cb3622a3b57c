"""The Projects, Countries & municipalities and Data & sources pages, run through the real app.py with AppTest.

Expected numbers are computed from the CSV files (or from c2c.core.stats, the one definition of the counts), never
copied from what the pages print.
"""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import FiscalYearSpec, Selection, select_links
from c2c.core.stats import by_municipality, compute_stats
from c2c.text import i18n
from tests.conftest import SHIPPED_DATA
from tests.pages.conftest import run_app

PROJECTS, COUNTRIES, SOURCES = "pages/projects.py", "pages/countries.py", "pages/sources.py"
TITLES = {PROJECTS: "page_projects", COUNTRIES: "page_countries", SOURCES: "page_sources"}


def read_csv(name: str) -> list[dict[str, str]]:
    with open(SHIPPED_DATA / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def open_page(params: dict[str, str] | None, page: str):
    """run_app() and one more run. AppTest's page switch runs the page once without the URL's query string;
    the URL-bound sidebar codes take effect from the next run (as they do when a browser opens the page)."""
    at = run_app(params, page=page)
    at.run()
    assert not at.exception, at.exception
    return at


# A table that is not a widget carries no key in AppTest, so each table is recognised by its columns.
TABLE_COLUMNS = {
    "projects_table": {"project_id", "fiscal_year", "title", "lead", "source_url"},
    "undated_table": {"project_id", "partners"},
    "by_country_table": {"code", "country"},
    "by_municipality_table": {"id", "municipality"},
    "coverage_table": {"status", "known_of_official"},
    "sources_table": {"citation", "cited_by"},
    "unlinked_table": {"jp", "partner", "url"},
}


def find_tables(at, key: str) -> list:
    columns = TABLE_COLUMNS[key]
    frames = [df.value for df in at.dataframe]
    matches = [f for f in frames if columns <= set(f.columns)]
    if key == "undated_table":
        matches = [f for f in matches if "fiscal_year" not in f.columns]
    return matches


def table_by_key(at, key: str):
    matches = find_tables(at, key)
    assert len(matches) == 1, f"expected one table {key}, found {len(matches)}"
    return matches[0]


def html_text(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


@pytest.mark.parametrize("page", [PROJECTS, COUNTRIES, SOURCES])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_pages_run_in_both_languages(page, lang):
    at = open_page({"lang": lang}, page)
    assert at.subheader[0].value == i18n.t(TITLES[page], lang)
    assert at.dataframe, "every briefing page shows at least one table"


# ---- Projects ----------------------------------------------------------------------------------------------------

def test_fy2022_lists_exactly_the_22_projects():
    at = open_page({"fy": "2022"}, PROJECTS)
    table = table_by_key(at, "projects_table")
    expected = [r["project_id"] for r in read_csv("projects.csv") if r["fiscal_year"] == "2022"]
    assert len(table) == 22 and list(table["project_id"]) == expected
    assert set(table["fiscal_year"]) == {2022}
    assert not find_tables(at, "undated_table")  # a single year shows no undated links
    assert any("22 of 22" in i.value or "22 件のうち 22 件" in i.value for i in at.info)


def test_all_years_lists_dated_projects_and_undated_links_apart():
    at = open_page({}, PROJECTS)
    rows = read_csv("projects.csv")
    assert len(table_by_key(at, "projects_table")) == sum(1 for r in rows if r["fiscal_year"])
    assert len(table_by_key(at, "undated_table")) == sum(1 for r in rows if not r["fiscal_year"])


def test_deep_link_shows_the_project_detail():
    at = open_page({"project": "fy2022-07"}, PROJECTS)
    row = next(r for r in read_csv("projects.csv") if r["project_id"] == "fy2022-07")
    html = html_text(at)
    assert row["title_ja"] in html and "日本工営株式会社" in html
    assert "富山市 – サンティアゴ市レンカ区" in html  # the Toyama–Renca link
    assert at.selectbox(key="project_pick").value == "fy2022-07"
    assert at.session_state["project"] == "fy2022-07"
    assert not at.warning


def test_deep_link_in_english():
    at = open_page({"project": "fy2022-07", "lang": "en"}, PROJECTS)
    html = html_text(at)
    renca = next(r["name_en"] for r in read_csv("cities.csv") if r["id"] == "cl-renca")
    assert "Nippon Koei" in html and f"Toyama City – {renca}" in html
    assert "(our translation)" in html and at.subheader[0].value == "Projects"


def test_invalid_project_shows_a_notice_and_is_ignored():
    at = open_page({"project": "fy2099-99<b>"}, PROJECTS)
    warnings = [w.value for w in at.warning]
    assert any("`project`=`fy2099-99<b>`" in w for w in warnings)  # as an inert code span
    assert all("<b>" not in re.sub(r"`[^`]*`", "", w) for w in warnings)
    assert "c2c-detail" not in html_text(at)
    assert at.selectbox(key="project_pick").value == ""
    assert len(table_by_key(at, "projects_table")) > 0  # the page itself still works


def test_a_project_outside_the_filters_is_still_shown_with_a_note():
    at = open_page({"project": "fy2022-07", "fy": "2018"}, PROJECTS)
    assert "日本工営株式会社" in html_text(at)
    assert any(i18n.t("detail_outside", "ja") in c.value for c in at.caption)
    assert at.selectbox(key="project_pick").value == "fy2022-07"
    assert "fy2022-07" not in set(table_by_key(at, "projects_table")["project_id"])


def test_picker_and_year_buttons_set_the_url_code():
    at = open_page({"fy": "2022"}, PROJECTS)
    picker = at.selectbox(key="project_pick")
    picker.set_value("fy2022-07").run()
    assert at.session_state["project"] == "fy2022-07"
    assert "日本工営株式会社" in html_text(at)
    at.button(key="goto_fy2020-toyama-renca").click().run()
    assert at.session_state["project"] == "fy2020-toyama-renca"
    assert at.selectbox(key="project_pick").value == "fy2020-toyama-renca"
    assert "<b>" + i18n.t("this_project", "ja") + "</b>" in html_text(at)


# ---- Countries & municipalities -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("params", "selection"), [
    ({"fy": "2022"}, Selection(fiscal_years=FiscalYearSpec(2022, 2022))),
    ({}, Selection()),
    ({"fy": "2015", "country": "VN,ID"}, Selection(fiscal_years=FiscalYearSpec(2015, 2015), countries=("VN", "ID"))),
    ({"jp": "jp-kitakyushu", "undated": "0"}, Selection(jp_ids=("jp-kitakyushu",), include_undated=False)),
])
def test_country_and_municipality_tables_equal_c2c_stats(dataset, params, selection):
    at = open_page(params, COUNTRIES)
    table = table_by_key(at, "by_country_table")
    shown = {row["code"]: {k: int(row[k]) for k in ("partner_places", "projects", "jp_municipalities", "links")}
             for _, row in table.iterrows()}
    assert shown == compute_stats(dataset, selection)["by_country"]
    table = table_by_key(at, "by_municipality_table")
    shown = {row["id"]: {k: int(row[k]) for k in ("partner_places", "countries", "projects", "links")}
             for _, row in table.iterrows()}
    assert shown == by_municipality(select_links(dataset, selection))


def test_countries_page_labels_and_no_map_disclaimer():
    """The page draws no map, so it carries no boundary disclaimer (issue #19, item 4); its sources line stays."""
    at = open_page({"lang": "en"}, COUNTRIES)
    table = table_by_key(at, "by_country_table")
    assert "Viet Nam" in set(table["country"])
    assert not any(i18n.t("disclaimer", "en") in c.value for c in at.caption)
    assert any("Sources" in c.value for c in at.caption)
    at = open_page({}, COUNTRIES)
    assert "ベトナム" in set(table_by_key(at, "by_country_table")["country"])
    assert not any(i18n.t("disclaimer", "ja") in c.value for c in at.caption)
    assert any("出典" in c.value for c in at.caption)


# ---- Data & sources -------------------------------------------------------------------------------------------------

def test_sources_page_marks_complete_and_incomplete_years():
    at = open_page({"fy": "2022"}, SOURCES)  # the page ignores the filters: it covers the whole dataset
    coverage = table_by_key(at, "coverage_table").set_index("fiscal_year")
    known = Counter(r["fiscal_year"] for r in read_csv("projects.csv") if r["fiscal_year"])
    official = {r["fiscal_year"]: r["adopted_official"] for r in read_csv("fiscal_years.csv")}
    assert coverage.loc[2022, "status"] == "complete" and coverage.loc[2022, "status_label"] == "完全"
    assert coverage.loc[2018, "status"] == "incomplete" and coverage.loc[2018, "status_label"] == "不完全"
    assert coverage.loc[2018, "known_of_official"] == f"{known['2018']} / {official['2018']}"
    unknown = [int(y) for y, n in official.items() if not n]
    assert unknown and all(coverage.loc[y, "status"] == "unknown" for y in unknown)
    assert len(coverage) == len(set(known) | set(official))


def test_sources_page_lists_every_source_and_the_unlinked_rows():
    at = open_page({"lang": "en"}, SOURCES)
    sources = table_by_key(at, "sources_table")
    assert set(sources["id"]) == {r["id"] for r in read_csv("sources.csv")}
    assert not sources["citation"].str.contains("000_904da772fea1721c").any()
    urls = [u for u in sources["url"] if isinstance(u, str)]
    assert urls and all(u.startswith(("http://", "https://")) for u in urls)
    unlinked = table_by_key(at, "unlinked_table")
    assert len(unlinked) == len(read_csv("notes/unlinked.csv"))
    assert "Derived pairing" in set(unlinked["kind_label"])
    html = html_text(at)
    assert "Kyoto City" in html and "Saitama City" in html  # the contradictions, in English
    assert "Participation list" in html  # the evidence levels


def test_sources_page_offers_the_raw_csv_files():
    at = open_page({}, SOURCES)
    buttons = at.get("download_button")
    labels = sorted(b.proto.label for b in buttons)
    assert labels == ["changelog.csv", "cities.csv", "countries.csv", "fiscal_years.csv", "notes/contradictions.csv",
                      "notes/evidence_levels.csv", "notes/line_basis.csv", "notes/unlinked.csv", "projects.csv",
                      "sources.csv", "version.csv"]
