"""The link rule and the version rule (c2c/core/rules.py), each broken on purpose in a copy of the shipped data.

A line is drawn only where a cited source names both sides for that fiscal year; everything else known is an
unlinked row with its kind and its reason in both languages, and is never also a line of that year.
"""

from __future__ import annotations

import csv

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import FiscalYearSpec, Selection, select_links
from c2c.core.validate import validate_data_dir


def rows_of(path):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write_rows(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def add_project(directory, **values):
    """Append a project row; returns its line number in projects.csv."""
    header, rows = rows_of(directory / "projects.csv")
    rows.append({column: values.get(column, "") for column in header})
    write_rows(directory / "projects.csv", header, rows)
    return len(rows) + 1


def edit(directory, name, key, wanted, **changes):
    header, rows = rows_of(directory / name)
    hits = [row for row in rows if row[key] == wanted]
    assert hits, (name, wanted)
    for row in hits:
        row.update(changes)
    write_rows(directory / name, header, rows)
    return next(i for i, row in enumerate(rows, 2) if row[key] == wanted)


def problems(directory):
    return [str(p) for p in validate_data_dir(directory).problems]


@pytest.mark.parametrize(("evidence", "year", "jp", "partner", "source", "kind"), [
    # drawn until December 2026: the participation list pairs Kitakyushu with Yangon Region, not Yangon City
    ("narrative", "2017", "jp-kitakyushu", "mm-yangon", "portal-worlds-12767", "contradicted"),
    ("listed", "2016", "jp-kawasaki", "id-bandung", "eri-kawasaki-matching", "contradicted"),  # a JICA project
    ("listed", "2017", "jp-kitakyushu", "vn-hai-phong", "iges-workshop-20170727", "derived_pairing"),
    ("narrative", "2017", "jp-kitakyushu", "vn-hai-phong", "iges-workshop-20170727", "derived_pairing"),
    ("listed", "2023", "jp-toyama", "cl-renca", "iges-event-20240226", "derived_pairing"),
    ("narrative", "2016", "jp-kanagawa", "kh-siem-reap", "kanagawa-p975449", "weak"),
])
def test_a_known_but_unlinked_pairing_cannot_be_drawn(shipped_copy, evidence, year, jp, partner, source, kind):
    """A contradicted row, a derived pairing or a weak lead is never a line of that year, whatever its evidence."""
    line = add_project(shipped_copy, project_id=f"fy{year}-test-{partner}", fiscal_year=year, jp_ids=jp,
                       partner_ids=partner, evidence=evidence, source=source, notes="test", notes_ja="テスト")
    found = problems(shipped_copy)
    expected = f"projects.csv:{line}: partner_ids: FY{year} {jp}–{partner} is known but unlinked ({kind}, notes/unlinked.csv line"
    assert any(p.startswith(expected) and f"a {kind} pairing is never drawn" in p for p in found), found


def test_the_same_pair_in_another_year_is_not_blocked(shipped_copy):
    """The rule is per fiscal year: Kitakyushu–Hai Phong is a derived pairing in FY2017, a stated row in FY2021."""
    add_project(shipped_copy, project_id="fy2018-test", fiscal_year="2018", jp_ids="jp-kitakyushu",
                partner_ids="vn-hai-phong", evidence="listed", source="tenbou-32679")
    assert problems(shipped_copy) == []


def test_a_row_with_several_sources_says_which_names_both_sides(shipped_copy):
    line = edit(shipped_copy, "projects.csv", "project_id", "fy2017-yokohama-batam", pair_source="")
    other = edit(shipped_copy, "projects.csv", "project_id", "fy2017-kawasaki-jakarta", pair_source="tenbou-35522")
    found = problems(shipped_copy)
    assert f"projects.csv:{line}: pair_source: the row cites 2 sources: name the one(s) that name both sides for the " \
           "fiscal year (the link rule, data/README.md)" in found
    assert any(p.startswith(f"projects.csv:{other}: pair_source: 'tenbou-35522' is not one of the row's sources")
               for p in found), found


def test_a_row_citing_one_source_rests_on_it(shipped_copy):
    """The importer writes rows with their one adoption list and no pair_source: valid, the list names both sides."""
    edit(shipped_copy, "projects.csv", "project_id", "fy2022-03", pair_source="")
    assert problems(shipped_copy) == []


def test_a_participation_list_row_rests_on_the_list(shipped_copy):
    line = edit(shipped_copy, "projects.csv", "project_id", "pl-yokohama--in-bengaluru",
                source="moe-brochure-fy2022#list;tenbou-35522", pair_source="tenbou-35522")
    assert f"projects.csv:{line}: pair_source: a participation_list row rests on the participation list (a '#list' " \
           "reference)" in problems(shipped_copy)


def test_an_unlinked_row_says_why_in_both_languages(shipped_copy):
    header, rows = rows_of(shipped_copy / "notes/unlinked.csv")
    rows[0]["notes_ja"] = ""
    rows[1]["notes"] = ""
    write_rows(shipped_copy / "notes/unlinked.csv", header, rows)
    found = problems(shipped_copy)
    assert "notes/unlinked.csv:2: notes_ja: say why the row is not a link in Japanese" in found
    assert "notes/unlinked.csv:3: notes: say why the row is not a link in English" in found


def test_a_contradicted_row_names_what_contradicts_it(shipped_copy):
    header, rows = rows_of(shipped_copy / "notes/unlinked.csv")
    line = next(i for i, r in enumerate(rows, 2) if r["kind"] == "contradicted")
    rows[line - 2]["contradicted_by"] = ""
    weak = next(i for i, r in enumerate(rows, 2) if r["kind"] == "weak")
    rows[weak - 2]["contradicted_by"] = "moe-brochure-fy2022#list"
    write_rows(shipped_copy / "notes/unlinked.csv", header, rows)
    found = problems(shipped_copy)
    assert f"notes/unlinked.csv:{line}: contradicted_by: a contradicted row names the sources that contradict it" in found
    assert f"notes/unlinked.csv:{weak}: contradicted_by: only a contradicted row has this (kind is 'weak')" in found


def test_unlinked_places_are_known_on_their_side_and_one_sided_means_one_side(shipped_copy):
    header, rows = rows_of(shipped_copy / "notes/unlinked.csv")
    one_sided = next(i for i, r in enumerate(rows, 2) if r["kind"] == "one_sided" and r["partner_ids"])
    rows[one_sided - 2]["jp_ids"] = "jp-kitakyushu"
    rows[0]["partner_ids"] = "jp-osaka;xx-nowhere"
    write_rows(shipped_copy / "notes/unlinked.csv", header, rows)
    found = problems(shipped_copy)
    assert any(p.startswith(f"notes/unlinked.csv:{one_sided}: partner_ids: a one_sided row names one side only")
               for p in found), found
    assert "notes/unlinked.csv:2: partner_ids: 'jp-osaka' is on side 'japan' in cities.csv, expected 'partner'" in found
    assert "notes/unlinked.csv:2: partner_ids: unknown id 'xx-nowhere' (not in cities.csv)" in found


def test_a_line_basis_note_belongs_to_a_drawn_line(shipped_copy):
    header, rows = rows_of(shipped_copy / "notes/line_basis.csv")
    rows.append(dict(rows[0], project_id="fy2022-12", partner_id="th-bangkok"))
    rows.append(dict(rows[0], project_id="fy2099-none"))
    write_rows(shipped_copy / "notes/line_basis.csv", header, rows)
    found = problems(shipped_copy)
    assert f"notes/line_basis.csv:{len(rows)}: partner_id: jp-osaka–th-bangkok is not a line of 'fy2022-12'" in found
    assert f"notes/line_basis.csv:{len(rows) + 1}: project_id: unknown project 'fy2099-none' (not in projects.csv)" in found


def test_a_paraphrase_needs_a_title(shipped_copy):
    line = edit(shipped_copy, "projects.csv", "project_id", "fy2018-kitakyushu-davao", title_status="paraphrase")
    assert f"projects.csv:{line}: title_status: a paraphrase needs a title" in problems(shipped_copy)


def test_the_latest_change_is_dated_as_the_data(shipped_copy):
    (shipped_copy / "version.csv").write_text("as_of\n2099-01-01\n", encoding="utf-8")
    found = problems(shipped_copy)
    assert any(p.startswith("version.csv:2: as_of: the data is as of 2099-01-01, but the latest change in changelog.csv")
               and "they must be the same date" in p for p in found), found


def test_the_version_is_a_full_date_and_needs_its_changelog(shipped_copy):
    (shipped_copy / "version.csv").write_text("as_of\n2026-12\n", encoding="utf-8")
    assert "version.csv:2: as_of: '2026-12' is not a full date (YYYY-MM-DD)" in problems(shipped_copy)
    (shipped_copy / "changelog.csv").unlink()
    assert "changelog.csv: -: missing: version.csv needs changelog.csv beside it" in problems(shipped_copy)


def test_the_shipped_data_draws_no_unlinked_pairing():
    """Through the loaded data, not validation: no line of the map is a known-but-unlinked pair of that year."""
    from tests.conftest import SHIPPED_DATA

    dataset = load_dataset(SHIPPED_DATA)
    unlinked = dataset.notes["unlinked"]
    assert {"contradicted", "derived_pairing", "weak", "one_sided"} <= set(unlinked["kind"])
    for _, row in unlinked.iterrows():
        year = int(row["fiscal_year"])
        links = select_links(dataset, Selection(fiscal_years=FiscalYearSpec(year, year)))
        drawn = set(zip(links["jp_id"], links["partner_id"]))
        assert not {(j, p) for j in row["jp_ids"] for p in row["partner_ids"]} & drawn, row.to_dict()
