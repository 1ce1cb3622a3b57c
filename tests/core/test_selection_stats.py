from __future__ import annotations

import json

import pytest

from c2c.cli import main
from c2c.core.dataset import load_dataset
from c2c.core.selection import (
    FiscalYearSpec,
    Selection,
    SelectionError,
    parse_fiscal_year,
    select_links,
    select_projects,
)
from c2c.core.stats import compute_stats, year_coverage


@pytest.mark.parametrize(("text", "spec"), [
    ("all", FiscalYearSpec()), ("", FiscalYearSpec()), ("2022", FiscalYearSpec(2022, 2022)),
    ("FY2022", FiscalYearSpec(2022, 2022)), ("2015-2018", FiscalYearSpec(2015, 2018)),
    ("2018-2015", FiscalYearSpec(2015, 2018)), ("２０２２", FiscalYearSpec(2022, 2022)),
])
def test_parse_fiscal_year(text, spec):
    assert parse_fiscal_year(text) == spec
    assert parse_fiscal_year(spec.code()) == spec


@pytest.mark.parametrize("text", ["20222", "2010", "2015-2099", "<script>", "2015-", "abc"])
def test_parse_fiscal_year_rejects(text):
    with pytest.raises(SelectionError):
        parse_fiscal_year(text)


def test_links_are_the_cartesian_product_of_each_row(mini_data):
    dataset = load_dataset(mini_data)
    pairs = set(map(tuple, dataset.links[["project_id", "jp_id", "partner_id"]].values))
    assert ("fy2022-09", "jp-toyama", "my-iskandar") in pairs
    assert ("fy2022-09", "jp-kitakyushu", "my-iskandar") in pairs
    assert len(dataset.links) == 6


def test_single_year_excludes_other_years_and_undated(mini_data):
    dataset = load_dataset(mini_data)
    links = select_links(dataset, Selection(fiscal_years=FiscalYearSpec(2022, 2022)))
    assert set(links["project_id"]) == {"fy2022-07", "fy2022-21", "fy2022-09"}
    all_links = select_links(dataset, Selection())
    assert "pl-toyama--vn-hai-phong" in set(all_links["project_id"])
    no_undated = select_links(dataset, Selection(include_undated=False))
    assert "pl-toyama--vn-hai-phong" not in set(no_undated["project_id"])


def test_country_municipality_place_and_text_filters(mini_data):
    dataset = load_dataset(mini_data)
    assert set(select_links(dataset, Selection(countries=("VN",)))["partner_id"]) == {"vn-hai-phong"}
    assert set(select_links(dataset, Selection(jp_ids=("jp-toyama",)))["jp_id"]) == {"jp-toyama"}
    by_place = select_links(dataset, Selection(place_id="my-iskandar"))
    assert set(by_place["jp_id"]) == {"jp-toyama", "jp-kitakyushu"}
    assert set(select_links(dataset, Selection(text="レンカ"))["project_id"]) == {"fy2022-07"}
    assert set(select_links(dataset, Selection(text="renca"))["project_id"]) == {"fy2022-07"}
    assert set(select_links(dataset, Selection(text="ECO-INDUSTRIAL"))["project_id"]) == {"fy2022-21"}
    assert select_links(dataset, Selection(text="nothing matches this")).empty


def test_stats_counts(mini_data):
    dataset = load_dataset(mini_data)
    stats = compute_stats(dataset, Selection(fiscal_years=FiscalYearSpec(2022, 2022)))
    assert stats["projects"] == 3
    assert stats["links"] == 4  # toyama-renca, kitakyushu-haiphong, toyama-iskandar, kitakyushu-iskandar
    assert stats["countries"] == 3
    assert stats["jp_municipalities"] == 2
    assert stats["by_country"]["MY"] == {"partner_places": 1, "projects": 1, "jp_municipalities": 2, "links": 2}
    everything = compute_stats(dataset, Selection())
    assert everything["projects"] == 4  # the participation-list row is a link, not a project
    assert everything["links"] == 5


def test_year_coverage_compares_with_official(mini_data):
    coverage = year_coverage(load_dataset(mini_data))
    assert coverage.loc[2022, "projects_in_data"] == 3 and coverage.loc[2022, "adopted_official"] == 22
    assert not coverage.loc[2022, "complete"]


def test_projects_are_sorted_by_year(mini_data):
    projects = select_projects(load_dataset(mini_data), Selection())
    years = list(projects["fiscal_year"].dropna())
    assert list(projects.index[:1]) == ["fy2015-kk-hp"] and years == sorted(years)


def test_cli_stats_json(mini_data, capsys):
    assert main(["stats", "--data-dir", str(mini_data), "--fiscal-year", "2022", "--country", "my", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["links"] == 2 and list(stats["by_country"]) == ["MY"]


def test_cli_stats_rejects_bad_year(mini_data, capsys):
    assert main(["stats", "--data-dir", str(mini_data), "--fiscal-year", "next year"]) == 2
    assert "not a fiscal year" in capsys.readouterr().err
