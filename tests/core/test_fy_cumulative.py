"""The "cumulative to FY" year mode (issue #20, item 5): ``fy=to2022`` is the network at the end of FY2022, every
dated link up to it, labelled as such and shown beside the official cumulative figures."""

from __future__ import annotations

import pytest

from c2c.cli import main as cli_main
from c2c.core.dataset import load_dataset
from c2c.core.selection import (
    FiscalYearSpec,
    Selection,
    SelectionError,
    cumulative_to,
    parse_fiscal_year,
    parse_selection_codes,
    select_links,
    selection_codes,
)
from c2c.core.stats import headline
from c2c.export import default_filename
from c2c.export.captions import coverage_note, fiscal_year_label, official_cumulative
from tests.conftest import SHIPPED_DATA


@pytest.mark.parametrize("text", ["to2022", "TO2022", "to FY2022", "ｔｏ２０２２", " to2022 "])
def test_parse_cumulative(text):
    spec = parse_fiscal_year(text)
    assert spec == cumulative_to(2022)
    assert spec.is_cumulative and not spec.is_single and not spec.is_all
    assert spec.code() == "to2022" and parse_fiscal_year(spec.code()) == spec


@pytest.mark.parametrize("text", ["to", "to20222", "to2012", "to2041", "-2022", "2022to", "to2022-2023", "upto2022"])
def test_parse_cumulative_rejects(text):
    with pytest.raises(SelectionError):
        parse_fiscal_year(text)


def test_a_range_is_not_cumulative():
    assert not parse_fiscal_year("2013-2022").is_cumulative
    assert parse_fiscal_year("2013-2022") != cumulative_to(2022)


def test_cumulative_selects_every_dated_link_up_to_the_year(mini_data):
    dataset = load_dataset(mini_data)
    links = select_links(dataset, Selection(fiscal_years=cumulative_to(2015)))
    assert set(links["project_id"]) == {"fy2015-kk-hp"}
    links = select_links(dataset, Selection(fiscal_years=cumulative_to(2022)))
    dated = dataset.links[dataset.links["fiscal_year"].notna()]
    assert sorted(links["project_id"]) == sorted(dated["project_id"])  # undated participation-list links excluded
    assert links["fiscal_year"].notna().all()
    assert cumulative_to(2022).years([2013, 2015, 2022, 2023]) == [2013, 2015, 2022]


def test_url_codes_round_trip(mini_data):
    dataset = load_dataset(mini_data)
    selection, bad = parse_selection_codes({"fy": "to2022"}, dataset)
    assert not bad and selection.fiscal_years == cumulative_to(2022)
    assert selection_codes(selection) == {"fy": "to2022"}
    _, bad = parse_selection_codes({"fy": "to20x2"}, dataset)
    assert bad == {"fy": "to20x2"}


def test_labels_and_the_official_figures_beside_the_data():
    dataset = load_dataset(SHIPPED_DATA)
    selection = Selection(fiscal_years=cumulative_to(2022))
    assert fiscal_year_label(selection, "ja") == "2022年度までの累計"
    assert fiscal_year_label(selection, "en") == "Cumulative to FY2022"
    row = dataset.fiscal_years.loc[2022]
    figures = official_cumulative(dataset, 2022)
    assert figures == {"countries": int(row["cumulative_countries"]),
                       "partner_places": int(row["cumulative_partner_places"]),
                       "jp_municipalities": int(row["cumulative_jp_municipalities"])}
    note = coverage_note(dataset, selection, "en")
    assert f"{figures['countries']} countries" in note and f"{figures['partner_places']} partner" in note
    assert "whole programme" in note
    note_ja = coverage_note(dataset, selection, "ja")
    assert f"{figures['countries']}か国" in note_ja
    # a year without official cumulative figures says so rather than showing none silently
    missing = [y for y in dataset.fiscal_years.index if official_cumulative(dataset, int(y)) is None]
    assert missing
    assert "No official cumulative figures" in coverage_note(
        dataset, Selection(fiscal_years=cumulative_to(int(missing[0]))), "en")
    # with other filters, the note says the official figures are not filtered
    filtered = coverage_note(dataset, Selection(fiscal_years=cumulative_to(2022), countries=("VN",)), "en")
    assert "other filters do not apply" in filtered


def test_cli_stats_and_file_name(capsys):
    import json

    dataset = load_dataset(SHIPPED_DATA)
    assert cli_main(["stats", "--fiscal-year", "to2022", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    expected = headline(select_links(dataset, Selection(fiscal_years=cumulative_to(2022))))
    assert {k: shown[k] for k in expected} == expected
    assert default_filename("png", Selection(fiscal_years=cumulative_to(2022))) == "c2c-atlas_to-FY2022.png"
    assert FiscalYearSpec(2013, 2022).code() == "2013-2022"
