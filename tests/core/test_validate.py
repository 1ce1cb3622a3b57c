"""Every validation rule, each with a small broken fixture, through the library and the CLI."""

from __future__ import annotations

import pytest

from c2c.cli import main
from c2c.core.validate import validate_data_dir
from tests.conftest import MINI_FILES, write_mini_data


def problems_for(tmp_path, overrides=None, encoding="utf-8"):
    directory = write_mini_data(tmp_path / "d", overrides, encoding)
    return [str(p) for p in validate_data_dir(directory).problems]


def replace(name: str, old: str, new: str) -> dict[str, str]:
    assert old in MINI_FILES[name], old
    return {name: MINI_FILES[name].replace(old, new, 1)}


def test_mini_data_is_valid(tmp_path):
    assert problems_for(tmp_path) == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (replace("cities.csv", "lat,lon,", "latitude,lon,"), "cities.csv:1: lat: required column is missing"),
        (replace("cities.csv", "36.7,137.21667", "36,7,137.21667"), "cities.csv:3: -: row has 12 cells"),
        (replace("cities.csv", "36.7,137.21667", "north,137.21667"), "cities.csv:3: lat: 'north' is not a number"),
        (replace("cities.csv", "36.7,137.21667", "96.7,137.21667"), "cities.csv:3: lat: 96.7 is out of range"),
        (replace("cities.csv", "36.7,137.21667", "36.7,237.2"), "cities.csv:3: lon: 237.2 is out of range"),
        (replace("cities.csv", "36.7,137.21667", "nan,137.2"), "cities.csv:3: lat: 'nan' is not a finite number"),
        (replace("cities.csv", "jp-toyama,japan", "jp-kitakyushu,japan"),
         "cities.csv:3: id: duplicate id 'jp-kitakyushu' (first on line 2)"),
        (replace("cities.csv", "jp-toyama,japan", "jp-toyama,jpn"), "cities.csv:3: side: 'jpn' is not one of japan, partner"),
        (replace("cities.csv", "ハイフォン市,Hai Phong City,Haiphong,VN", "ハイフォン市,Hai Phong City,Haiphong,XX"),
         "cities.csv:4: country_code: country 'XX' is not defined in countries.csv"),
        (replace("cities.csv", "ハイフォン市,Hai Phong City", ",Hai Phong City"), "cities.csv:4: name_ja: required value is empty"),
        (replace("cities.csv", "36.7,137.21667,geonames", ",,"), "cities.csv:3: lat: no coordinates yet"),
        (replace("cities.csv", "geonames,\nvn", "google,\nvn"), "cities.csv:3: geo_source: 'google' is not one of"),
        (replace("projects.csv", "fy2022-21,2022,jp-kitakyushu", "fy2022-21,2022,jp-osaka"),
         "projects.csv:3: jp_ids: unknown id 'jp-osaka' (not in cities.csv)"),
        (replace("projects.csv", "fy2022-21,2022,jp-kitakyushu,vn-hai-phong", "fy2022-21,2022,vn-hai-phong,vn-hai-phong"),
         "projects.csv:3: jp_ids: 'vn-hai-phong' is on side 'partner' in cities.csv, expected 'japan'"),
        (replace("projects.csv", "fy2022-21,2022", "fy2022-07,2022"),
         "projects.csv:3: project_id: duplicate project_id 'fy2022-07' (first on line 2)"),
        (replace("projects.csv", "fy2015-kk-hp,2015", "fy2015-kk-hp,2011"),
         "projects.csv:4: fiscal_year: fiscal year 2011 is out of range (2013 to 2040)"),
        (replace("projects.csv", "fy2015-kk-hp,2015", "fy2015-kk-hp,soon"), "projects.csv:4: fiscal_year: 'soon' is not a whole number"),
        (replace("projects.csv", "fy2015-kk-hp,2015", "fy2015-kk-hp,"),
         "projects.csv:4: fiscal_year: fiscal year is empty; only participation_list rows may be undated"),
        (replace("projects.csv", "pl-toyama--vn-hai-phong,,", "pl-toyama--vn-hai-phong,2019,"),
         "projects.csv:6: fiscal_year: a participation_list row has no fiscal year"),
        (replace("projects.csv", "narrative,page-a", "rumour,page-a"),
         "projects.csv:4: evidence: 'rumour' is not one of listed, narrative, participation_list"),
        (replace("projects.csv", "narrative,page-a", "narrative,"), "projects.csv:4: source: required value is empty"),
        (replace("projects.csv", "fy2015-kk-hp,2015,jp-kitakyushu", "fy2015-kk-hp,2015,"), "projects.csv:4: jp_ids: required value is empty"),
        (replace("projects.csv", "fy2015-kk-hp,2015,jp-kitakyushu", "fy2015-kk-hp,2015,Kita Kyushu"),
         "projects.csv:4: jp_ids: 'Kita Kyushu' is not a valid id"),
        (replace("countries.csv", "VN,ベトナム,Viet Nam,true", "VN,ベトナム,Viet Nam,maybe"), "countries.csv:3: jcm_partner: 'maybe' is not true or false"),
        (replace("countries.csv", "CL,チリ", "CHL,チリ"), "countries.csv:4: code: 'CHL' is not an ISO 3166-1 alpha-2 country code"),
        (replace("fiscal_years.csv", "2015,16,29", "2015,-3,29"), "fiscal_years.csv:2: adopted_official: count -3 is below 0"),
        ({"projects.csv": ""}, "projects.csv: -: file is empty"),
        ({"projects.csv": MINI_FILES["projects.csv"].splitlines()[0] + "\n"}, "projects.csv: -: file has a header but no rows"),
        ({"fiscal_years.csv": None}, None),  # handled below: the file is absent
    ],
)
def test_each_rule_reports_file_line_and_column(tmp_path, overrides, expected):
    if expected is None:
        directory = write_mini_data(tmp_path / "d")
        (directory / "fiscal_years.csv").unlink()
        found = [str(p) for p in validate_data_dir(directory).problems]
        assert found == ["fiscal_years.csv: -: file not found"]
        return
    found = problems_for(tmp_path, overrides)
    assert any(p.startswith(expected) for p in found), found


def test_all_problems_are_reported_not_just_the_first(tmp_path):
    overrides = replace("cities.csv", "36.7,137.21667", "96.7,999")
    found = problems_for(tmp_path, overrides)
    assert len(found) == 2 and "lat" in found[0] and "lon" in found[1]


def test_cp932_and_bom_files_are_accepted(tmp_path):
    assert problems_for(tmp_path, encoding="cp932") == []
    assert problems_for(tmp_path / "bom", encoding="utf-8-sig") == []


def test_full_width_digits_crlf_and_stray_whitespace_are_tolerated(tmp_path):
    text = MINI_FILES["projects.csv"].replace("fy2015-kk-hp,2015,", "fy2015-kk-hp, ２０１５ ,").replace("\n", "\r\n")
    assert problems_for(tmp_path, {"projects.csv": text}) == []


def test_binary_file_is_rejected_clearly(tmp_path):
    directory = write_mini_data(tmp_path / "d")
    (directory / "cities.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    found = [str(p) for p in validate_data_dir(directory).problems]
    assert "cities.csv: -: this is not a text CSV file (it contains NUL bytes)" in found


def test_cli_validate_exit_codes_and_output(tmp_path, capsys):
    good = write_mini_data(tmp_path / "good")
    assert main(["validate", "--data-dir", str(good)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: ") and "5 places" in out and "5 project rows" in out
    bad = write_mini_data(tmp_path / "bad", replace("cities.csv", "36.7,137.21667", "96.7,137.21667"))
    assert main(["validate", "--data-dir", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "cities.csv:3: lat: 96.7 is out of range (-90 to 90)" in err
    assert "Traceback" not in err


def test_cli_reads_data_dir_from_environment(tmp_path, monkeypatch, capsys):
    good = write_mini_data(tmp_path / "env")
    monkeypatch.setenv("C2C_DATA_DIR", str(good))
    assert main(["validate"]) == 0
    assert str(good) in capsys.readouterr().out


def test_missing_data_dir(tmp_path, capsys):
    assert main(["validate", "--data-dir", str(tmp_path / "nowhere")]) == 2
    assert "data directory not found" in capsys.readouterr().err


def test_a_bidirectional_override_in_a_name_is_refused_with_file_line_and_column(mini_data):
    """U+202E in data reversed the displayed text of everything after it (hostile pass, issue #14 item 12)."""
    cities = mini_data / "cities.csv"
    text = cities.read_text(encoding="utf-8").replace("Hai Phong City", "Hai \u202ePhong City")
    cities.write_text(text, encoding="utf-8")
    result = validate_data_dir(mini_data)
    messages = [str(p) for p in result.problems]
    assert any(m.startswith("cities.csv:") and "name_en" in m and "U+202E" in m for m in messages), messages
