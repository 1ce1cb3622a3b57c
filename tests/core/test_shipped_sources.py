"""The shipped data after the November 2026 additions: every source citable, the additions folded in as
data/README.md says, the corrections applied, and the coverage page counting what the rows hold."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from c2c.core import schema
from c2c.core.dataset import load_dataset
from c2c.core.validate import validate_data_dir
from c2c.report import briefing
from tests.conftest import SHARED_REFERENCE, SHIPPED_DATA

ADDITIONS = SHARED_REFERENCE / "additions-2026-11"
# November rows that a December 2026 finding (additions-2026-12/corrections.csv) decided otherwise.
# How December's link rule decided November rows: stated by a source found later (link), or unlinked by the rule
DECEMBER = {(2017, "横浜市", "バタム市"): "link", (2023, "川崎市", "バンドン市"): "derived_pairing",
            (2016, "横浜市", "バタム市"): "weak"}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_row_cites_sources_by_id_and_no_file_name(dataset):
    for spec in (schema.PROJECTS, schema.FISCAL_YEARS, schema.NOTES_UNLINKED):
        for row in read(SHIPPED_DATA / spec.filename):
            for ref in schema.split_list(row["source"]):
                assert schema.SOURCE_REF_PATTERN.match(ref), ref
                assert schema.split_source_ref(ref)[0] in dataset.sources.index, ref
    text = "".join((SHIPPED_DATA / spec.filename).read_text(encoding="utf-8") for spec in schema.ALL_FILES)
    assert "000_904da772fea1721c" not in text
    # each FY2022 brochure project cites the brochure with its own project number
    for number in range(1, 23):
        assert f"moe-brochure-fy2022#{number:02d}" in dataset.projects.loc[f"fy2022-{number:02d}", "source_list"]


def test_mirrors_name_their_original_which_is_no_mirror(dataset):
    mirrors = dataset.sources[dataset.sources["kind"] == "mirror"]
    assert len(mirrors) >= 9
    for _, mirror in mirrors.iterrows():
        assert dataset.sources.loc[mirror["mirror_of"], "kind"] != "mirror"


def test_coverage_counts_per_fiscal_year_match_the_rows(dataset):
    rows = read(SHIPPED_DATA / "projects.csv")
    per_year = Counter(int(r["fiscal_year"]) for r in rows if r["fiscal_year"])
    listed = Counter(int(r["fiscal_year"]) for r in rows if r["fiscal_year"] and r["evidence"] == "listed")
    official = {int(r["fiscal_year"]): r["adopted_official"] for r in read(SHIPPED_DATA / "fiscal_years.csv")}
    for lang in ("ja", "en"):
        coverage = briefing.coverage_table(dataset, lang).set_index("fiscal_year")
        assert set(coverage.index) == set(per_year) | set(official)
        for year, row in coverage.iterrows():
            assert row["projects_in_data"] == per_year.get(year, 0)
            assert row["listed_in_data"] == listed.get(year, 0)
            known = f"{per_year.get(year, 0)} / {official.get(year) or '?'}"
            assert row["known_of_official"] == known
    assert briefing.coverage_table(dataset, "en").set_index("fiscal_year").loc[2022, "status"] == briefing.COMPLETE


def test_cumulative_totals_of_fy2023_and_fy2024(dataset):
    fy2024 = dataset.fiscal_years.loc[2024]
    assert (fy2024["cumulative_countries"], fy2024["cumulative_partner_places"],
            fy2024["cumulative_jp_municipalities"]) == (13, 56, 23)
    assert "moe-press-04309" in fy2024["source"]
    assert "47 places" in dataset.fiscal_years.loc[2023, "notes"]


def test_corrections_to_the_fy2022_summaries(dataset):
    projects = dataset.projects
    assert "rooftop" not in projects.loc["fy2022-19", "summary_en"]
    assert "possibly new" in projects.loc["fy2022-20", "summary_en"] and "新設" in projects.loc["fy2022-20", "summary_ja"]
    assert "only considers" in projects.loc["fy2022-08", "summary_en"]
    assert "private companies" in projects.loc["fy2022-01", "summary_en"]
    assert projects.loc["fy2022-21", "summary_en"].startswith("Through the partnership of Hai Phong")
    assert projects.loc["fy2022-21", "summary_ja"].startswith("本調査は")
    tokyo = projects.loc["fy2020-tokyo-kuala-lumpur"]
    assert tokyo["evidence"] == "listed" and "iges-rpt-fy2021-kl" in tokyo["source_list"]
    # FY2018 Tokyo–Kuala Lumpur stays out: the brochure's date contradicts three other sources (noted)
    links = dataset.links
    assert links[(links["jp_id"] == "jp-tokyo") & (links["fiscal_year"] == 2018)].empty
    assert any("2018" in text and "Tokyo" in topic for topic, text in briefing.contradictions(dataset, "en"))


@pytest.mark.skipif(not ADDITIONS.exists(), reason="shared/reference/additions-2026-11 is not beside this checkout")
def test_additions_are_folded_in_as_the_readme_says(dataset):
    names = {}
    for place_id, row in dataset.cities.iterrows():
        for name in [row["name_ja"], *row["aliases_list"]]:
            names[name] = place_id
    urls = {source_id: row["url"] for source_id, row in dataset.sources.iterrows()}
    links = dataset.links
    unlinked = briefing.unlinked_table(dataset, "ja")
    added = left_out = 0
    for ref in read(ADDITIONS / "new_rows.csv"):
        year = int(ref["fiscal_year"])
        jp = [names[n] for n in ref["jp_municipality_ja"].split(";")]
        partners = [names[n] for n in ref["partner_place_ja"].split(";")]
        pairs = links[(links["fiscal_year"] == year) & links["jp_id"].isin(jp)]
        december = DECEMBER.get((year, ref["jp_municipality_ja"], ref["partner_place_ja"]))
        if december in ("derived_pairing", "weak"):  # drawn in November; the link rule now keeps them unlinked
            assert pairs[pairs["partner_id"].isin(partners)].empty, ref
            assert ((unlinked["fiscal_year"] == year) & (unlinked["kind"] == december)
                    & (unlinked["partner"] == ref["partner_place_ja"])).any(), ref
            added += 1
            continue
        if december == "link":  # a derived pairing in November, stated by a report cover found in December
            assert pairs[pairs["partner_id"].isin(partners)]["project_id"].nunique() == 1, ref
            left_out += 1
            continue
        if "DERIVED PAIRING" in ref["notes"] or "WEAK" in ref["notes"]:
            # left out of the links (they would need a line style of their own), listed as unlinked instead
            for partner in partners:
                assert pairs[pairs["partner_id"] == partner].empty, ref
            kind = "derived_pairing" if "DERIVED PAIRING" in ref["notes"] else "weak"
            assert ((unlinked["fiscal_year"] == year) & (unlinked["kind"] == kind)
                    & (unlinked["partner"] == ref["partner_place_ja"])).any(), ref
            left_out += 1
            continue
        for partner in partners:
            match = pairs[pairs["partner_id"] == partner]
            assert match["project_id"].nunique() == 1, ref  # one row per project per year: merged, never doubled
            project = dataset.projects.loc[match["project_id"].iloc[0]]
            cited = {urls.get(r.split("#")[0]) for r in project["source_list"]}
            brochure = any(r.startswith("moe-brochure-fy2022") for r in project["source_list"])
            for url in ref["source_url"].split(";"):
                assert url in cited or (url.endswith(".txt") and brochure), (ref["fiscal_year"], url)
            assert project["evidence"] == ref["evidence"]
        added += 1
    assert (added, left_out) == (17, 6)
    one_sided = read(ADDITIONS / "one_sided.csv")
    partners_listed = set(zip(unlinked["fiscal_year"], unlinked["partner"]))
    for ref in one_sided:
        if (int(ref["fiscal_year"]), ref["partner_place_ja"]) == (2017, "ジャカルタ特別州"):
            # resolved in December: the FY2017 report cover names Kawasaki (a drawn row now)
            assert not links[(links["fiscal_year"] == 2017) & (links["partner_id"] == "id-jakarta")].empty
        elif ref["partner_place_ja"]:
            assert any(year == int(ref["fiscal_year"]) and ref["partner_place_ja"] in partner
                       for year, partner in partners_listed), ref


def test_validation_reports_a_broken_source_reference(shipped_copy):
    path = shipped_copy / "projects.csv"
    text = path.read_text(encoding="utf-8").replace("moe-brochure-fy2022#07", "moe-brochure-fy2021#07", 1)
    path.write_text(text, encoding="utf-8")
    sources = shipped_copy / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8").replace(",mirror,123deta.com,123deta.com,［会議サマリーの写し］",
                                                                   ",news,123deta.com,123deta.com,［会議サマリーの写し］", 1),
                       encoding="utf-8")
    problems = [str(p) for p in validate_data_dir(shipped_copy).problems]
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("fy2022-07,"))
    assert f"projects.csv:{line}: source: unknown source id 'moe-brochure-fy2021' (not in sources.csv)" in problems
    assert any(p.startswith("sources.csv:") and ": mirror_of: only a mirror copies an original" in p for p in problems)


def test_the_csv_export_carries_the_citation_text(dataset):
    from c2c.core.selection import FiscalYearSpec, Selection
    from c2c.export.csvfile import project_rows, projects_csv

    selection = Selection(fiscal_years=FiscalYearSpec(2018, 2022))
    rows = {r["project_id"]: r for r in project_rows(dataset, selection, "en")}
    assert rows["fy2022-07"]["source"] == ("Ministry of the Environment, Japan, “City-to-City Collaboration for Zero "
                                           "Carbon Society (FY2022)”, project 07 "
                                           "<http://www.env.go.jp/earth/coop/lowcarbon-asia/>")
    mirror = rows["fy2018-toyama-bali"]["source"]
    assert "Support on Tourism Future City of Bali Province" in mirror and "(mirror copy on docslib.org)" in mirror
    data = projects_csv(dataset, selection, "ja").decode("utf-8-sig")
    assert "000_904da772fea1721c" not in data and "環境省「2022年度 脱炭素社会実現のための都市間連携事業」、事業07" in data
