"""The bundled dataset: valid, complete for FY2022, and faithful to the brochure's participation list."""

from __future__ import annotations

import csv
import re

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import FiscalYearSpec, Selection
from c2c.core.stats import compute_stats
from c2c.core.validate import validate_data_dir
from tests.conftest import SHARED_REFERENCE, SHIPPED_DATA

# The brochure's FY2013-FY2022 participation list, transcribed independently of data/ (name_ja of both sides).
PARTICIPATION_LIST = [
    ("富山市", "マレ市"), ("横浜市", "ベンガルール市"), ("福島市", "ザガイン管区"), ("北九州市", "マンダレー市"),
    ("北九州市", "ヤンゴン管区"), ("福岡市", "ヤンゴン市"), ("川崎市", "ヤンゴン市"), ("福島市", "エーヤワディ管区"),
    ("北九州市", "チェンマイ県"), ("横浜市", "バンコク都"), ("北九州市", "ラヨン県"), ("大阪市", "タイ東部地域"),
    ("富山市", "コタキナバル市"), ("川崎市", "ペナン州"), ("東京都", "クアラルンプール市"), ("さいたま市", "クアラルンプール市"),
    ("北九州市", "イスカンダル開発地域"), ("富山市", "イスカンダル開発地域"), ("川崎市", "ローカンウル県"),
    ("川崎市", "プカンバル市"), ("横浜市", "バタム市"), ("愛媛県", "ゴロンタロ州"), ("川崎市", "ジャカルタ特別州"),
    ("川崎市", "バンドン市"), ("富山市", "スマラン市"), ("北九州市", "スラバヤ市"), ("富山市", "バリ州"),
    ("東京二十三区一部事務組合", "デンパサー市"), ("北海道", "ウランバートル市"), ("札幌市", "ウランバートル市"),
    ("札幌市", "トウブ県"), ("神奈川県", "シェムリアップ州"), ("北九州市", "プノンペン都"), ("神奈川県", "プノンペン都"),
    ("大阪市", "ケソン市"), ("北九州市", "ダバオ市"), ("福岡県", "ハノイ市"), ("滋賀県", "クアンニン省"),
    ("北九州市", "ハイフォン市"), ("横浜市", "ダナン市"), ("大阪市", "ホーチミン市"), ("広島県", "カントー市"),
    ("神戸市", "キエンザン省"), ("堺市", "バリアブントウ省"), ("広島県", "ソクチャン省"), ("浦添市", "アイライ州"),
    ("北九州市", "コロール州"), ("富山市", "サンティアゴ市レンカ区"),
]

TWENTY_JP = ["北海道", "札幌市", "福島市", "富山市", "東京二十三区一部事務組合", "東京都", "京都市", "滋賀県", "大阪市", "横浜市",
             "川崎市", "北九州市", "広島県", "福岡市", "神戸市", "堺市", "神奈川県", "福岡県", "愛媛県", "浦添市"]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def ids_by_name(dataset):
    """name_ja and every alias -> id: the brochure's spellings are kept as aliases where the data corrects them
    (バリアブントウ省 -> バリアブンタウ省, 東京二十三区一部事務組合 -> 東京二十三区清掃一部事務組合)."""
    names = {}
    for place_id, row in dataset.cities.iterrows():
        for name in [row["name_ja"], *row["aliases_list"]]:
            names.setdefault(name, place_id)
    return names


def test_shipped_data_validates():
    assert validate_data_dir(SHIPPED_DATA).problems == []


def test_fy2022_has_the_brochures_22_projects(dataset):
    fy2022 = dataset.projects[dataset.projects["fiscal_year"] == 2022]
    assert sorted(fy2022.index) == [f"fy2022-{n:02d}" for n in range(1, 23)]
    assert (fy2022["evidence"] == "listed").all()
    assert (fy2022["lead_org_ja"] != "").all() and (fy2022["co_implementers_ja"] != "").all()
    assert (fy2022["title_ja"] != "").all() and (fy2022["title_en"] != "").all()
    assert (fy2022["summary_ja"] != "").all() and (fy2022["summary_en"] != "").all()


@pytest.mark.parametrize(("project_id", "jp_ids", "partner_ids"), [
    ("fy2022-02", ["jp-tokyo", "jp-saitama"], ["my-kuala-lumpur"]),
    ("fy2022-09", ["jp-toyama"], ["my-iskandar", "my-kota-kinabalu"]),
    ("fy2022-12", ["jp-osaka"], ["vn-ho-chi-minh", "vn-thu-duc"]),
    ("fy2022-14", ["jp-osaka"], ["th-eastern-region", "th-bangkok"]),
    ("fy2022-07", ["jp-toyama"], ["cl-renca"]),
    ("fy2022-22", ["jp-urasoe"], ["pw-airai"]),
])
def test_fy2022_pairs(dataset, project_id, jp_ids, partner_ids):
    row = dataset.projects.loc[project_id]
    assert row["jp_ids"] == jp_ids and row["partner_ids"] == partner_ids


def test_fy2022_stats(dataset):
    stats = compute_stats(dataset, Selection(fiscal_years=FiscalYearSpec(2022, 2022)))
    assert stats["projects"] == 22
    assert stats["links"] == 26  # 22 projects, four of which have two pairs (02, 09, 12, 14)
    assert stats["countries"] == 9


def test_every_participation_list_link_is_in_the_data(dataset):
    names = ids_by_name(dataset)
    pairs = set(map(tuple, dataset.links[["jp_id", "partner_id"]].values))
    missing = [(jp, p) for jp, p in PARTICIPATION_LIST if (names[jp], names[p]) not in pairs]
    assert len(PARTICIPATION_LIST) == 48 and missing == []
    undated = dataset.links[dataset.links["evidence"] == "participation_list"]
    dated_pairs = set(map(tuple, dataset.links.loc[dataset.links["fiscal_year"].notna(), ["jp_id", "partner_id"]].values))
    # an undated row exists only where no source dates the pair
    assert not set(map(tuple, undated[["jp_id", "partner_id"]].values)) & dated_pairs
    for jp, p in PARTICIPATION_LIST:
        assert (names[jp], names[p]) in dated_pairs or ((undated["jp_id"] == names[jp]) & (undated["partner_id"] == names[p])).any()


def test_places_named_by_the_brochure(dataset):
    cities = dataset.cities
    names = ids_by_name(dataset)
    assert all(name in names and cities.loc[names[name], "side"] == "japan" for name in TWENTY_JP)
    partners = {p for _, p in PARTICIPATION_LIST}
    assert len(partners) == 43
    countries = {cities.loc[names[name], "country_code"] for name in partners}
    assert len(countries) == 12


def test_coordinates_are_plausible(dataset):
    japan = dataset.cities[dataset.cities["country_code"] == "JP"]
    assert japan["lat"].between(24, 46).all() and japan["lon"].between(122, 154).all()
    renca = dataset.cities.loc["cl-renca"]
    assert renca["lat"] == pytest.approx(-33.4, abs=0.1) and renca["lon"] == pytest.approx(-70.7, abs=0.1)


REFERENCE = SHARED_REFERENCE / "c2c_projects_by_year.csv"


# Reference rows that the December 2026 audit (additions-2026-12/corrections.csv) takes off the map: contradicted by a
# source (the first four) or a derived pairing (no FY2023 source names Toyama). Transcribed from the findings.
TAKEN_OFF = {(2015, "jp-osaka", "ph-quezon"), (2016, "jp-kawasaki", "id-bandung"), (2017, "jp-fukushima", "mm-yangon"),
             (2017, "jp-kitakyushu", "mm-yangon"), (2023, "jp-toyama", "cl-renca")}

# Reference rows that describe the same project as another row and were merged into it (see data/README.md).
MERGED = {(2017, "大阪市", "マニラ首都圏"): "fy2017-osaka-quezon"}


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/reference is not beside this checkout")
def test_every_two_sided_reference_row_is_a_dated_row(dataset):
    """Cross-check against the reference: each row naming both sides appears with its year and source."""
    names = {}
    for place_id, row in dataset.cities.iterrows():
        for name in [row["name_ja"], *row["aliases_list"]]:
            names[name] = place_id
    with REFERENCE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    urls = {source_id: row["url"] for source_id, row in dataset.sources.iterrows()}
    source_urls = dataset.projects["source_list"].map(
        lambda refs: {urls.get(ref.split("#")[0], "") for ref in refs})
    unlinked = {(int(r["fiscal_year"]), j, p) for _, r in dataset.notes["unlinked"].iterrows()
                for j in r["jp_ids"] for p in r["partner_ids"]}
    checked = 0
    taken_off = set()
    for ref in rows:
        jp = names.get(ref["jp_municipality_ja"])
        partner_text = re.sub(r"\(.*?\)", "", ref["partner_ja"]).replace("リアウ州", "").replace("及び", "・")
        partners = [p for p in (names.get(name) for name in partner_text.split("・")) if p]
        year = int(ref["fiscal_year"])
        if year == 2022 and partners:
            # FY2022 rows without the Japanese side describe brochure projects: merged, with their URL as a source
            fy2022 = dataset.projects[(dataset.projects["fiscal_year"] == 2022)
                                      & dataset.projects["partner_ids"].map(lambda ids: set(partners) <= set(ids))]
            assert any(ref["source_url"] in source_urls[pid] for pid in fy2022.index), ref["source_url"]
        if not jp or not partners:
            continue  # one side not named: listed as unlinked in data/notes/unlinked.csv
        if (year, ref["jp_municipality_ja"], ref["partner_ja"]) in MERGED:  # a documented merge (data/README.md)
            row = dataset.projects.loc[MERGED[(year, ref["jp_municipality_ja"], ref["partner_ja"])]]
            assert ref["source_url"] in source_urls[row.name]
            checked += 1
            continue
        match = dataset.projects[(dataset.projects["fiscal_year"] == year)
                                 & dataset.projects["jp_ids"].map(lambda ids: jp in ids)
                                 & dataset.projects["partner_ids"].map(lambda ids: set(partners) <= set(ids))]
        if (year, jp, partners[0]) in TAKEN_OFF:  # a December 2026 finding: known but unlinked, never drawn
            assert match.empty and (year, jp, partners[0]) in unlinked, (year, jp, partners)
            taken_off.add((year, jp, partners[0]))
            checked += 1
            continue
        assert not match.empty, (year, ref["jp_municipality_ja"], ref["partner_ja"])
        assert any(ref["source_url"] in source_urls[pid] for pid in match.index), ref["source_url"]
        checked += 1
    assert checked == 50 and taken_off == TAKEN_OFF
