"""``python -m c2c import``: adoption lists made for the tests, every way one can be wrong, and all-or-nothing writes.

The gazetteer is the offline one (GeoNames data on disk); no test touches the network.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from pathlib import Path

import pytest

from c2c import cli, importer
from c2c.core.dataset import load_dataset
from c2c.core.validate import validate_data_dir
from c2c.report import briefing
from scripts import make_templates

JA_HEADER = ["案件名", "代表事業者", "共同実施者", "日本の自治体", "相手国", "相手都市", "概要"]
EN_HEADER = ["title", "lead_org", "co_implementers", "jp_municipality", "country", "partner_place", "summary"]
# A known pair (Yokohama–Da Nang, both in cities.csv) and a new partner city the gazetteer finds in Viet Nam.
GOOD_ROWS = [
    ["ダナン市の脱炭素化支援事業", "公益財団法人地球環境戦略研究機関（IGES）", "横浜市、(株)オオスミ", "横浜市", "ベトナム", "ダナン市", ""],
    ["Decarbonising Nha Trang", "Nippon Koei Co., Ltd.", "", "Yokohama City; Kawasaki", "VN", "Nha Trang", "A summary."],
]


def snapshot(directory: Path) -> dict[str, str]:
    """Every file under the directory (names included) with a hash of its bytes."""
    return {p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[str]], sheet: str = "Sheet1",
               first_sheet: str | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    if first_sheet:
        book.active.title = first_sheet
        book.active.append(["something else"])
        target = book.create_sheet(sheet)
    else:
        target = book.active
        target.title = sheet
    target.append(header)
    for row in rows:
        target.append(row)
    book.save(path)
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main(["import", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("kind", "header", "encoding"), [
    ("csv", JA_HEADER, "utf-8"), ("csv", JA_HEADER, "utf-8-sig"), ("csv", JA_HEADER, "cp932"),
    ("csv", EN_HEADER, "utf-8"), ("xlsx", JA_HEADER, None), ("xlsx", EN_HEADER, None),
])
def test_a_good_list_is_imported_and_the_year_shows(shipped_copy, tmp_path, capsys, kind, header, encoding):
    path = (write_csv(tmp_path / "list.csv", header, GOOD_ROWS, encoding) if kind == "csv"
            else write_xlsx(tmp_path / "list.xlsx", header, GOOD_ROWS))
    code, out, err = run(capsys, "--fiscal-year", 2026, path, "--source", "moe-press-02986",
                         "--data-dir", shipped_copy, "--adopted", 24)
    assert code == 0, err
    assert "added 2 project(s), 1 place(s)" in out
    assert validate_data_dir(shipped_copy).problems == []
    dataset = load_dataset(shipped_copy)
    fy2026 = dataset.projects[dataset.projects["fiscal_year"] == 2026]
    assert len(fy2026) == 2 and set(fy2026["evidence"]) == {"listed"}
    known = fy2026[fy2026["partner_ids"].map(lambda ids: ids == ["vn-da-nang"])].iloc[0]
    assert known["jp_ids"] == ["jp-yokohama"] and known["title_ja"] == GOOD_ROWS[0][0]
    assert known["co_implementers_ja_list"] == ["横浜市", "(株)オオスミ"]
    new = fy2026[fy2026["title_en"] == "Decarbonising Nha Trang"].iloc[0]
    assert new["jp_ids"] == ["jp-yokohama", "jp-kawasaki"] and new["summary_en"] == "A summary."
    place = dataset.cities.loc[new["partner_ids"][0]]
    assert place["country_code"] == "VN" and place["geo_source"] == "geonames"
    assert place["lat"] == pytest.approx(12.245, abs=0.01) and place["lon"] == pytest.approx(109.194, abs=0.01)
    coverage = briefing.coverage_table(dataset, "en").set_index("fiscal_year")
    assert coverage.loc[2026, "known_of_official"] == "2 / 24"


def test_dry_run_reports_and_changes_nothing(shipped_copy, tmp_path, capsys):
    before = snapshot(shipped_copy)
    path = write_csv(tmp_path / "list.csv", JA_HEADER, GOOD_ROWS)
    code, out, err = run(capsys, "--fiscal-year", 2026, path, "--source", "https://example.org/fy2026.html",
                         "--data-dir", shipped_copy, "--dry-run")
    assert code == 0, err
    assert snapshot(shipped_copy) == before
    assert "would add 2 project(s), 1 place(s), 2 new pair(s)" in out
    assert "place vn-nha-trang: Nha Trang / Nha Trang (VN) at 12.24507, 109.19432 (GeoNames: Nha Trang" in out
    assert "new pair: Yokohama City – Nha Trang" in out and "new pair: Kawasaki City – Nha Trang" in out
    assert "FY2026 projects in the data: 0 of ? adopted before, 2 of ? after" in out
    assert "source fy2026-adoption-list-example-org: https://example.org/fy2026.html" in out


def test_sheet_option_reads_the_named_sheet(shipped_copy, tmp_path, capsys):
    path = write_xlsx(tmp_path / "list.xlsx", JA_HEADER, GOOD_ROWS[:1], sheet="採択一覧", first_sheet="表紙")
    code, out, err = run(capsys, "--fiscal-year", 2026, path, "--source", "moe-press-02986", "--data-dir",
                         shipped_copy, "--sheet", "採択一覧", "--dry-run")
    assert code == 0, err and "would add 1 project(s)" in out
    code, _, err = run(capsys, "--fiscal-year", 2026, path, "--source", "moe-press-02986", "--data-dir", shipped_copy,
                       "--dry-run")
    assert code == 2 and "list.xlsx:1: something else: unknown column" in err


BAD_ROWS = [
    (["事業A", "日本工営株式会社", "", "横浜市", "VN", "Surabaya", ""],
     "list.csv:2: 相手都市|partner_place: 'Surabaya' is not in cities.csv and the gazetteer cannot find it in VN "
     "(the gazetteer knows a place of that name in: ID)"),
    (["事業B", "日本工営株式会社", "", "アトランティス市", "VN", "ダナン市", ""],
     "list.csv:3: 日本の自治体|jp_municipality: unknown municipality 'アトランティス市' (not in cities.csv; add it there first)"),
    (["事業C", "日本工営株式会社", "", "福岡", "VN", "ダナン市", ""],
     "list.csv:4: 日本の自治体|jp_municipality: '福岡' is ambiguous: jp-fukuoka (福岡市 / Fukuoka City, JP); "
     "jp-fukuoka-pref (福岡県 / Fukuoka Prefecture, JP)"),
    (["事業D", "日本工営株式会社", "", "横浜市", "Narnia", "ダナン市", ""],
     "list.csv:5: 相手国|country: 'Narnia' is not a partner country in countries.csv"),
    (["事業E", "日本工営株式会社", "", "横浜市", "PH", "San Fernando", ""],
     "list.csv:6: 相手都市|partner_place: 'San Fernando' is not in cities.csv and the gazetteer has 3 places of that "
     "name in PH: San Fernando (15.0343, 120.6844, pop 251248)"),
    (["富山市・バリ州における脱炭素社会実現に向けた都市間連携事業", "日本エヌ・ユー・エス株式会社", "", "富山市", "インドネシア",
      "バリ州", ""],
     "list.csv:7: 案件名|title: duplicate of the existing FY2022 project fy2022-08 (projects.csv line 9)"),
    (["事業G", "", "", "横浜市", "VN", "ダナン市", ""], "list.csv:8: 代表事業者|lead_org: required value is empty"),
]


def test_every_problem_is_reported_with_file_row_and_column_and_nothing_changes(shipped_copy, tmp_path, capsys):
    before = snapshot(shipped_copy)
    path = write_csv(tmp_path / "list.csv", JA_HEADER, [row for row, _ in BAD_ROWS] + GOOD_ROWS[:1])
    code, out, err = run(capsys, "--fiscal-year", 2022, path, "--source", "moe-press-02986", "--data-dir",
                         shipped_copy)
    assert code == 2 and out == ""
    lines = err.splitlines()
    for _, expected in BAD_ROWS:
        assert any(line.startswith(expected) for line in lines), (expected, err)
    assert lines[-1] == f"{len(BAD_ROWS)} problem(s); nothing was changed"
    assert snapshot(shipped_copy) == before  # the good row was not written either


def test_a_duplicate_inside_the_file_and_a_missing_header_are_refused(shipped_copy, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", JA_HEADER, GOOD_ROWS[:1] * 2)
    code, _, err = run(capsys, "--fiscal-year", 2026, path, "--source", "moe-press-02986", "--data-dir", shipped_copy)
    assert code == 2 and "list.csv:3: 案件名|title: the same project as row 2 of this file" in err
    path = write_csv(tmp_path / "nohead.csv", JA_HEADER[:3], [GOOD_ROWS[0][:3]])
    code, _, err = run(capsys, "--fiscal-year", 2026, path, "--source", "moe-press-02986", "--data-dir", shipped_copy)
    assert code == 2 and "nohead.csv:1: 相手都市|partner_place: required column is missing" in err
    path = write_csv(tmp_path / "one.csv", JA_HEADER, GOOD_ROWS[:1])
    code, _, err = run(capsys, "--fiscal-year", 2026, path, "--source", "no-such-source", "--data-dir", shipped_copy)
    assert code == 2 and "'no-such-source' is neither a source id in sources.csv nor an http(s) address" in err


def test_an_interrupted_write_leaves_the_data_directory_byte_identical(shipped_copy, tmp_path, capsys, monkeypatch):
    before = snapshot(shipped_copy)
    path = write_csv(tmp_path / "list.csv", JA_HEADER, GOOD_ROWS)
    real_replace = os.replace
    calls = []

    def interrupted(src, dst):
        calls.append(Path(dst).name)
        if len(calls) == 3:  # two files already swapped in when Ctrl-C arrives
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(importer.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cli.main(["import", "--fiscal-year", "2026", str(path), "--source", "https://example.org/l.html",
                  "--data-dir", str(shipped_copy), "--adopted", "3"])
    assert len(calls) >= 3
    assert snapshot(shipped_copy) == before  # old bytes restored, no temporary file left behind


def test_templates_are_written_by_the_script_and_read_by_the_importer(tmp_path, monkeypatch, shipped_copy, capsys):
    monkeypatch.setattr(make_templates, "DEFAULT_DATA_DIR", tmp_path)
    make_templates.main()
    for name in ("adoption_list.csv", "adoption_list.xlsx"):
        header, rows = importer.read_rows(tmp_path / "templates" / name, None)
        columns, problems = importer.map_headers(header, name)
        assert problems == [] and rows == [] and set(importer.REQUIRED) <= set(columns)
    assert (tmp_path / "templates" / "adoption_list.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    shipped = Path(make_templates.__file__).resolve().parent.parent / "data" / "templates" / "adoption_list.csv"
    assert shipped.read_bytes() == (tmp_path / "templates" / "adoption_list.csv").read_bytes()


@pytest.mark.parametrize(("name", "side", "country", "expected"), [
    ("ダナン", "partner", "VN", ["vn-da-nang"]),  # without the administrative suffix
    ("Da Nang City", "partner", "VN", ["vn-da-nang"]),
    ("ｸｱﾝﾆﾝ省", "partner", "VN", ["vn-quang-ninh"]),  # half-width katakana, NFKC
    ("Quang Ninh Province", "partner", "VN", ["vn-quang-ninh"]),
    ("quang ninh", "partner", "VN", ["vn-quang-ninh"]),
    ("Bali", "partner", "VN", []),  # only within the stated country
    ("川崎", "japan", "JP", ["jp-kawasaki"]),
    ("Saitama", "japan", "JP", ["jp-saitama"]),
])
def test_places_match_by_name_english_name_and_aliases_within_the_country(matcher, name, side, country, expected):
    assert matcher.places(name, side, country) == expected


@pytest.fixture(scope="module")
def matcher():
    from tests.conftest import SHIPPED_DATA

    return importer.Matcher(load_dataset(SHIPPED_DATA))


# ---- issue #23: a list that never ends, a list saved during the import, values outside the data's rule -------------

def refused(capsys, shipped_copy, path, *extra) -> str:
    """Run an import that must be refused: exit 2, nothing on disk changed, no traceback; the problems printed."""
    before = snapshot(shipped_copy)
    code, out, err = run(capsys, "--fiscal-year", 2026, path, "--source", "moe-press-02986",
                         "--data-dir", shipped_copy, *extra)
    assert code == 2, (out, err)
    assert "Traceback" not in err and err.rstrip().endswith("nothing was changed"), err
    assert snapshot(shipped_copy) == before
    return err


def test_a_huge_list_is_refused_before_it_is_read_naming_the_limit(shipped_copy, tmp_path, capsys):
    import time

    path = tmp_path / "list.csv"
    with path.open("wb") as handle:  # 300 MB, sparse: the size is what a reader sees first
        handle.truncate(300_000_000)
    started = time.monotonic()
    err = refused(capsys, shipped_copy, path)
    assert time.monotonic() - started < 10
    assert "list.csv: -: file is 300.0 MB, larger than the 5 MB limit (an adoption list has a few hundred rows)" in err


def test_a_list_of_many_rows_is_refused_naming_the_limit(shipped_copy, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", JA_HEADER, GOOD_ROWS[:1] * 3000)
    err = refused(capsys, shipped_copy, path)
    assert "list.csv: -: has more than 2,000 rows, the limit for an adoption list" in err
    assert "the same project as row" not in err  # refused as a whole, not read row by row


def test_a_workbook_that_unpacks_to_gigabytes_is_refused(shipped_copy, tmp_path, capsys):
    import zipfile

    path = write_xlsx(tmp_path / "list.xlsx", JA_HEADER, GOOD_ROWS)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * 60_000_000)
    assert path.stat().st_size < 1_000_000
    err = refused(capsys, shipped_copy, path)
    assert "list.xlsx: -: unpacks to 60 MB, more than the 50 MB limit" in err


def test_a_workbook_saved_during_the_import_is_refused_as_changed(shipped_copy, tmp_path, capsys, monkeypatch):
    """Excel saving the list while the importer reads it: the old importer streamed the sheet from the file and ended
    in an EOFError traceback from the zip reader; now the list is read once and the change is seen."""
    import openpyxl

    path = write_xlsx(tmp_path / "list.xlsx", JA_HEADER, GOOD_ROWS)
    newer = write_xlsx(tmp_path / "newer.xlsx", JA_HEADER, GOOD_ROWS * 20).read_bytes()
    real = openpyxl.load_workbook

    def load_then_someone_saves(*args, **kwargs):
        book = real(*args, **kwargs)
        path.write_bytes(newer[: len(newer) // 2])  # the save has got half-way
        return book

    monkeypatch.setattr(openpyxl, "load_workbook", load_then_someone_saves)
    err = refused(capsys, shipped_copy, path)
    assert "list.xlsx: -: the file changed while it was read (was it being saved?)" in err


def test_a_csv_saved_while_it_is_read_is_refused_as_changed(shipped_copy, tmp_path, capsys, monkeypatch):
    from c2c.core import csvio

    path = write_csv(tmp_path / "list.csv", JA_HEADER, GOOD_ROWS * 300)
    real = csvio.os.read
    saved = []

    def read_while_saved(fd, size):
        if os.fstat(fd).st_ino != path.stat().st_ino:  # a data file, read before the list
            return real(fd, size)
        chunk = real(fd, min(size, 4096))
        if not saved:
            saved.append(True)
            with path.open("ab") as handle:  # the editor writes in place while the first chunk is read
                handle.write("事業Z,日本工営株式会社,,横浜市,VN,ダナン市,\r\n".encode())
        return chunk

    monkeypatch.setattr(csvio.os, "read", read_while_saved)
    err = refused(capsys, shipped_copy, path)
    assert "list.csv: -: the file changed while it was read" in err


def test_a_workbook_cut_short_is_refused_as_incomplete(shipped_copy, tmp_path, capsys):
    path = write_xlsx(tmp_path / "list.xlsx", JA_HEADER, GOOD_ROWS)
    path.write_bytes(path.read_bytes()[:-200])
    err = refused(capsys, shipped_copy, path)
    assert "list.xlsx: -: the file is incomplete or changed while it was read (BadZipFile)" in err


def test_list_cells_and_the_adopted_count_follow_the_data_rule(shipped_copy, tmp_path, capsys):
    rows = [["Title\x1b[2J", *GOOD_ROWS[1][1:]], ["‮txeT", *GOOD_ROWS[0][1:]]]
    err = refused(capsys, shipped_copy, write_csv(tmp_path / "list.csv", EN_HEADER, rows))
    assert "list.csv:2: 案件名|title: contains the invisible control character U+001B" in err
    assert "list.csv:3: 案件名|title: contains the invisible bidirectional control character U+202E" in err
    before = snapshot(shipped_copy)
    code, _, err = run(capsys, "--fiscal-year", 2026, write_csv(tmp_path / "ok.csv", JA_HEADER, GOOD_ROWS[:1]),
                       "--source", "moe-press-02986", "--data-dir", shipped_copy, "--adopted", 10**30)
    assert code == 2 and f"error: --adopted: count '{10**30}' is out of range (0 to 100000)" in err
    assert snapshot(shipped_copy) == before


def test_a_data_file_saved_during_the_import_is_not_overwritten(shipped_copy, tmp_path, capsys, monkeypatch):
    from c2c.importer import command

    path = write_csv(tmp_path / "list.csv", JA_HEADER, GOOD_ROWS)
    real = command.check_new_directory
    edited = (shipped_copy / "projects.csv").read_bytes() + b"\n"

    def check_while_someone_saves(data_dir, contents):
        problems = real(data_dir, contents)
        (shipped_copy / "projects.csv").write_bytes(edited)  # a colleague saves projects.csv meanwhile
        return problems

    monkeypatch.setattr(command, "check_new_directory", check_while_someone_saves)
    before = snapshot(shipped_copy)
    code, _, err = run(capsys, "--fiscal-year", 2026, path, "--source", "moe-press-02986", "--data-dir", shipped_copy)
    assert code == 2 and "projects.csv was changed by someone else during the import; not overwritten" in err
    assert (shipped_copy / "projects.csv").read_bytes() == edited  # their edit is kept
    after = snapshot(shipped_copy)
    assert {k: v for k, v in after.items() if k != "projects.csv"} == {k: v for k, v in before.items()
                                                                      if k != "projects.csv"}
