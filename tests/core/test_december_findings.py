"""The December 2026 audit and research pass (shared/reference/additions-2026-12), applied to the shipped data.

Expected values are transcribed from the findings (corrections.csv, new_rows.csv), not computed by the code.
"""

from __future__ import annotations

import csv
import re

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import FiscalYearSpec, Selection
from c2c.core.stats import compute_stats
from tests.conftest import SHARED_REFERENCE, SHIPPED_DATA

DECEMBER = SHARED_REFERENCE / "additions-2026-12"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def drawn(dataset, year):
    links = dataset.links[dataset.links["fiscal_year"] == year]
    return set(zip(links["jp_id"], links["partner_id"]))


def unlinked_kinds(dataset, year, jp, partner):
    notes = dataset.notes["unlinked"]
    return {r["kind"] for _, r in notes[notes["fiscal_year"] == year].iterrows()
            if jp in r["jp_ids"] and partner in r["partner_ids"]}


def test_fy2022_keeps_its_counts(dataset):
    stats = compute_stats(dataset, Selection(fiscal_years=FiscalYearSpec(2022, 2022)))
    assert (stats["projects"], stats["countries"], stats["jp_municipalities"]) == (22, 9, 14)


@pytest.mark.parametrize(("year", "jp", "partner"), [
    (2016, "jp-kawasaki", "id-bandung"), (2015, "jp-osaka", "ph-quezon"),
    (2017, "jp-fukushima", "mm-yangon"), (2017, "jp-kitakyushu", "mm-yangon"),
])
def test_the_four_contradicted_lines_are_off_the_map(dataset, year, jp, partner):
    assert (jp, partner) not in drawn(dataset, year)
    assert unlinked_kinds(dataset, year, jp, partner) == {"contradicted"}
    row = next(r for _, r in dataset.notes["unlinked"].iterrows()
               if r["fiscal_year"] == year and jp in r["jp_ids"] and partner in r["partner_ids"])
    assert row["contradicted_by"] and row["notes"] and row["notes_ja"]


def test_the_seminar_only_fy2023_pairings_follow_the_rule(dataset):
    assert ("jp-toyama", "cl-renca") not in drawn(dataset, 2023)
    assert unlinked_kinds(dataset, 2023, "jp-toyama", "cl-renca") == {"derived_pairing"}
    assert ("jp-kawasaki", "id-bandung") not in drawn(dataset, 2023)  # the FY2023 result names no municipality
    urasoe = dataset.projects.loc["fy2023-urasoe-airai"]  # kept: Urasoe's own page names both sides
    assert urasoe["pair_source"] == "urasoe-airai-2024" and "iges-event-20240226" not in urasoe["pair_source"]


def test_the_rule_holds_for_rows_no_finding_named(dataset):
    # "Apply one rule to every row" (the FY2023 Toyama-Renca finding): FY2016 Yokohama-Batam rested on an article
    # that does not name the programme, the same construction as the weak FY2016 Kitakyushu-Phnom Penh row.
    assert ("jp-yokohama", "id-batam") not in drawn(dataset, 2016)
    assert unlinked_kinds(dataset, 2016, "jp-yokohama", "id-batam") == {"weak"}
    assert unlinked_kinds(dataset, 2016, "jp-kitakyushu", "kh-phnom-penh") == {"weak"}
    assert {("jp-yokohama", "id-batam")} <= drawn(dataset, 2015) & drawn(dataset, 2017)  # the dated years stay


@pytest.mark.parametrize(("project_id", "year", "jp", "partner", "lead"), [
    ("fy2017-yokohama-batam", 2017, "jp-yokohama", "id-batam", "日本工営株式会社"),
    ("fy2017-kawasaki-jakarta", 2017, "jp-kawasaki", "id-jakarta", "日本工営株式会社"),
    ("fy2024-maniwa-makassar", 2024, "jp-maniwa", "id-makassar", ""),
    ("fy2025-maniwa-makassar", 2025, "jp-maniwa", "id-makassar", ""),
])
def test_stated_rows_are_lines(dataset, project_id, year, jp, partner, lead):
    row = dataset.projects.loc[project_id]
    assert int(row["fiscal_year"]) == year and row["jp_ids"] == [jp] and partner in row["partner_ids"]
    assert row["lead_org_ja"] == lead
    assert (jp, partner) in drawn(dataset, year)


def test_maniwa_is_a_japanese_municipality_with_a_gazetteer_point(dataset):
    maniwa = dataset.cities.loc["jp-maniwa"]
    assert (maniwa["name_ja"], maniwa["side"], maniwa["country_code"], maniwa["geo_source"]) == \
        ("真庭市", "japan", "JP", "geonames")
    # Maniwa (Okayama) lies inland in northern Okayama Prefecture
    assert maniwa["lat"] == pytest.approx(35.1, abs=0.1) and maniwa["lon"] == pytest.approx(133.7, abs=0.1)


def test_sapporo_worked_with_tov_in_fy2020_and_the_list_pair_is_dated(dataset):
    assert ("jp-sapporo", "mn-tov") in drawn(dataset, 2020)
    assert "pl-sapporo--mn-tov" not in dataset.projects.index
    assert "pl-kawasaki--id-jakarta" not in dataset.projects.index


def test_upgrades_to_listed(dataset):
    surabaya = dataset.projects.loc["fy2014-kitakyushu-surabaya"]
    assert surabaya["evidence"] == "listed" and surabaya["title_ja"] == "インドネシア国スラバヤ市低炭素都市計画策定支援事業"
    assert surabaya["lead_org_en"] == "Institute for Global Environmental Strategies (IGES)"
    assert dataset.projects.loc["fy2015-kawasaki-bandung", "evidence"] == "listed"


def test_totals(dataset):
    years = dataset.fiscal_years
    fy2019 = years.loc[2019]
    assert (fy2019["cumulative_countries"], fy2019["cumulative_partner_places"],
            fy2019["cumulative_jp_municipalities"]) == (10, 32, 14)
    assert "moe-press-107906" in fy2019["source"] and "27" in fy2019["notes"] and "2nd call" in fy2019["notes"]
    fy2025 = years.loc[2025]
    assert (fy2025["cumulative_countries"], fy2025["cumulative_partner_places"],
            fy2025["cumulative_jp_municipalities"]) == (14, 67, 25)
    fy2026 = years.loc[2026]
    assert fy2026["adopted_official"] is pd_na() and "27 February 2026" in fy2026["notes"]
    release = dataset.sources.loc["moe-press-107906"]
    assert release["date"] == "2020-03-24" and "1st call" in release["title_en"]


def pd_na():
    import pandas as pd

    return pd.NA


def test_names_shown_and_brochure_spellings_kept(dataset):
    brvt = dataset.cities.loc["vn-ba-ria-vung-tau"]
    assert brvt["name_ja"] == "バリアブンタウ省" and {"バリアブントウ省", "バリアンタウ省"} <= set(brvt["aliases_list"])
    tokyo23 = dataset.cities.loc["jp-tokyo23-association"]
    assert tokyo23["name_ja"] == "東京二十三区清掃一部事務組合" and "東京二十三区一部事務組合" in tokyo23["aliases_list"]


def test_paraphrased_titles_are_flagged(dataset):
    paraphrased = set(dataset.projects.index[dataset.projects["title_status"] == "paraphrase"])
    assert paraphrased == {"fy2018-osaka-quezon-1", "fy2018-osaka-quezon-2", "fy2020-fukuoka-yangon",
                           "fy2020-sapporo-ulaanbaatar", "fy2021-sapporo-ulaanbaatar", "fy2014-osaka-hcmc"}
    # every row whose own notes call its title a paraphrase is flagged
    said = set(dataset.projects.index[dataset.projects["notes"].str.contains("paraphrase")])
    assert said <= paraphrased


def test_lines_that_rest_on_a_title_word_or_a_header_parenthetical(dataset):
    basis = {(r["project_id"], r["partner_id"]): r["basis"] for _, r in dataset.notes["line_basis"].iterrows()}
    assert basis == {("fy2022-12", "vn-thu-duc"): "title_word", ("fy2022-14", "th-bangkok"): "header_parenthetical"}


def test_every_note_is_in_both_languages(dataset):
    for frame, en, ja in ((dataset.projects, "notes", "notes_ja"), (dataset.fiscal_years, "notes", "notes_ja"),
                          (dataset.notes["unlinked"], "notes", "notes_ja")):
        both = frame[en].astype(bool) == frame[ja].astype(bool)
        assert both.all(), list(frame.index[~both])
        assert not frame[ja].str.contains(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}").any()  # no English sentence in ja


def test_the_changelog_starts_with_this_change(dataset):
    assert dataset.as_of == "2026-12-03"
    first = dataset.changelog.iloc[0]
    assert first["date"] == "2026-12-03" and "Bandung" in first["change_en"] and "バンドン" in first["change_ja"]


def _ids(dataset):
    names = {}
    for place_id, row in dataset.cities.iterrows():
        for name in [row["name_ja"], *row["aliases_list"]]:
            names.setdefault(name, place_id)
    return names


@pytest.mark.skipif(not DECEMBER.exists(), reason="shared/reference/additions-2026-12 is not beside this checkout")
def test_every_new_row_is_folded_in_by_the_rule(dataset):
    """STATED rows are lines; DERIVED rows derived pairings; WEAK rows weak leads (Pohnpei: one-sided)."""
    names = _ids(dataset)
    urls = {source_id: row["url"] for source_id, row in dataset.sources.iterrows()}
    with (DECEMBER / "new_rows.csv").open(encoding="utf-8") as handle:
        refs = list(csv.DictReader(handle))
    assert len(refs) == 25
    seen = {"STATED": 0, "DERIVED": 0, "WEAK": 0}
    for ref in refs:
        year = int(ref["fiscal_year"])
        jp = names.get(ref["jp_municipality_ja"]) if ref["jp_municipality_ja"] else None
        partner_names = [re.sub(r"（.*?）", "", n).strip() for n in ref["partner_ja"].split(";")]
        partners = [names[n] for n in partner_names if n in names]
        ref_urls = {u.strip() for u in ref["source_url"].split(";")}
        seen[ref["evidence"]] += 1
        if ref["evidence"] == "STATED":
            assert jp and partners and all((jp, p) in drawn(dataset, year) for p in partners), ref
            rows = dataset.projects[(dataset.projects["fiscal_year"] == year)
                                    & dataset.projects["jp_ids"].map(lambda ids: jp in ids)
                                    & dataset.projects["partner_ids"].map(lambda ids: set(partners) <= set(ids))]
            cited = {urls.get(r.split("#")[0]) for r in rows.iloc[0]["source_list"]}
            assert ref_urls & cited, (ref["source_url"], cited)
            continue
        kind = "derived_pairing" if ref["evidence"] == "DERIVED" else ("one_sided" if not jp else "weak")
        notes = dataset.notes["unlinked"]
        match = notes[(notes["fiscal_year"] == year) & (notes["kind"] == kind)
                      & notes["partner_ja"].map(lambda text: partner_names[0] in text)]
        if jp:
            match = match[match["jp_ids"].map(lambda ids: jp in ids)]
        assert len(match) == 1, ref
        row = match.iloc[0]
        assert set(partners) <= set(row["partner_ids"]) and row["notes"] and row["notes_ja"]
        cited = set()
        for ref_id in row["source"].split(";"):
            cited.add(urls.get(ref_id.split("#")[0]))
        assert ref_urls & cited, (ref["source_url"], cited)
        for p in partners:
            assert (jp, p) not in drawn(dataset, year)
    assert seen == {"STATED": 4, "DERIVED": 7, "WEAK": 14}
