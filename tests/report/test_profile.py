"""Profiles (c2c/report/profile.py): the numbers are c2c stats for the same selection; the year strip, the
partners and the projects come from the links; unknown codes are refused."""

from __future__ import annotations

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import FiscalYearSpec, Selection, select_links
from c2c.core.stats import compute_stats, year_coverage
from c2c.report.profile import ProfileError, Subject, build_profile, parse_subject, scope_selection, subject_of
from tests.conftest import SHIPPED_DATA

CASES = [  # subject, the equivalent `c2c stats` options as a Selection
    (Subject("place", "jp-kitakyushu"), Selection(place_id="jp-kitakyushu")),
    (Subject("place", "vn-hai-phong"), Selection(place_id="vn-hai-phong")),
    (Subject("pair", "jp-toyama~cl-renca"), Selection(jp_ids=("jp-toyama",), place_id="cl-renca")),
    (Subject("country", "VN"), Selection(countries=("VN",))),
]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


@pytest.mark.parametrize(("subject", "equivalent"), CASES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_numbers_equal_c2c_stats(dataset, subject, equivalent, lang):
    profile = build_profile(dataset, subject, Selection(), lang)
    stats = compute_stats(dataset, equivalent)
    assert {k: profile.numbers[k] for k in stats if k != "by_country"} == {k: v for k, v in stats.items()
                                                                           if k != "by_country"}
    for key, _label, value in profile.counts:
        if key in stats:
            assert value == stats[key]


def test_filters_apply_to_the_numbers_but_not_to_the_year_strip(dataset):
    base = Selection(fiscal_years=FiscalYearSpec(2022, 2022))
    profile = build_profile(dataset, Subject("place", "jp-kitakyushu"), base, "ja")
    assert profile.numbers["projects"] == compute_stats(
        dataset, Selection(fiscal_years=FiscalYearSpec(2022, 2022), place_id="jp-kitakyushu"))["projects"]
    whole = select_links(dataset, Selection(place_id="jp-kitakyushu"))
    dated = whole[whole["fiscal_year"].notna()]
    strip = {c.year: c.projects for c in profile.years}
    assert strip == {y: int(dated.loc[dated["fiscal_year"] == y, "project_id"].nunique()) for y in dataset.all_years}
    assert [c.year for c in profile.years if c.selected] == [2022]
    assert profile.first_year == int(dated["fiscal_year"].min()) and profile.last_year == int(dated["fiscal_year"].max())


def test_year_strip_marks_the_coverage(dataset):
    coverage = year_coverage(dataset)
    profile = build_profile(dataset, Subject("country", "VN"), Selection(), "en")
    for cell in profile.years:
        row = coverage.loc[cell.year]
        if bool(row["complete"]):
            assert cell.status == "complete"
        elif row["adopted_official"] is None or row["adopted_official"] != row["adopted_official"]:
            assert cell.status == "unknown"
        else:
            assert cell.status == "incomplete"
    assert {c.status for c in profile.years} >= {"complete", "incomplete"}


def test_partners_and_projects_of_a_municipality(dataset):
    profile = build_profile(dataset, Subject("place", "jp-kitakyushu"), Selection(), "ja")
    links = select_links(dataset, Selection(place_id="jp-kitakyushu"))
    assert {p.place_id for p in profile.partners} == set(links["partner_id"])
    assert all(p.pair == f"jp-kitakyushu~{p.place_id}" for p in profile.partners)
    assert {r.project_id for r in profile.projects} == set(links["project_id"])
    hai_phong = next(p for p in profile.partners if p.place_id == "vn-hai-phong")
    pair = links[(links["partner_id"] == "vn-hai-phong") & links["fiscal_year"].notna()]
    assert hai_phong.projects == pair["project_id"].nunique()
    assert hai_phong.first_year == int(pair["fiscal_year"].min())
    assert profile.names == {"ja": "北九州市", "en": "Kitakyushu City"} and profile.side == "japan"
    assert not profile.municipalities  # a municipality's other side is its partners
    assert all(r.citations for r in profile.projects)  # every row cites a source


def test_a_pair_has_its_history_and_implementers(dataset):
    profile = build_profile(dataset, Subject("pair", "jp-toyama~cl-renca"), Selection(), "ja")
    years = [r.fiscal_year for r in profile.projects]
    assert years == sorted(y for y in years if y is not None) and 2022 in years
    assert "日本工営株式会社" in profile.implementers
    assert profile.country_code == "CL" and profile.jcm_partner is True


def test_country_profile_lists_both_sides(dataset):
    profile = build_profile(dataset, Subject("country", "VN"), Selection(), "en")
    links = select_links(dataset, Selection(countries=("VN",)))
    assert {m.place_id for m in profile.municipalities} == set(links["jp_id"])
    assert {p.place_id for p in profile.partners} == set(links["partner_id"])
    assert profile.title == "Viet Nam"


@pytest.mark.parametrize(("kind", "code"), [("place", "jp-nowhere"), ("pair", "jp-toyama~cl-nowhere"),
                                            ("pair", "cl-renca~jp-toyama"), ("pair", "jp-toyama"),
                                            ("country", "ZZ"), ("country", "JP"), ("elsewhere", "x")])
def test_unknown_subjects_are_refused(dataset, kind, code):
    with pytest.raises(ProfileError):
        parse_subject(kind, code, dataset)


def test_which_subject_the_codes_name():
    pair = Subject("pair", "jp-toyama~cl-renca")
    assert subject_of(Selection(place_id="vn-hai-phong", countries=("VN",)), pair) == pair
    assert subject_of(Selection(place_id="vn-hai-phong", countries=("VN",)), None) == Subject("place", "vn-hai-phong")
    assert subject_of(Selection(countries=("VN",)), None) == Subject("country", "VN")
    assert subject_of(Selection(countries=("VN", "ID")), None) is None
    assert scope_selection(pair, Selection(jp_ids=("jp-osaka",), place_id="x")) == Selection(
        jp_ids=("jp-toyama",), place_id="cl-renca")
