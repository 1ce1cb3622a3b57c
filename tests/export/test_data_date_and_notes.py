"""Every export states the data's date beside its sources, marks paraphrased titles, and carries the notes in its
language (issue #18). Values expected here come from the shipped data files, read directly."""

from __future__ import annotations

import csv
import html as html_lib
import io

import pytest
from pptx import Presentation

from c2c.core.dataset import load_dataset
from c2c.core.selection import FiscalYearSpec, Selection
from c2c.export import captions, csvfile, deck, html_page, slide
from c2c.text import i18n
from tests.conftest import SHIPPED_DATA

FY2018 = Selection(fiscal_years=FiscalYearSpec(2018, 2018))
FY2022 = Selection(fiscal_years=FiscalYearSpec(2022, 2022))


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED_DATA)


def as_of():
    return (SHIPPED_DATA / "version.csv").read_text(encoding="utf-8").split()[1]


def projects_file():
    with (SHIPPED_DATA / "projects.csv").open(encoding="utf-8") as handle:
        return {r["project_id"]: r for r in csv.DictReader(handle)}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_source_line_states_the_data_date(shipped, lang):
    line = captions.selection_source_line(shipped, FY2022, lang, max_chars=400)
    assert as_of() in line and line.startswith(i18n.t("source_prefix", lang, sources="\x00").split("\x00")[0])
    assert ("データ " + as_of() + " 時点") in line if lang == "ja" else f"data as of {as_of()}" in line


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_slide_and_the_html_page_carry_the_date(shipped, lang):
    _, drawn = slide.render_slide(shipped, FY2022, lang)
    assert any(as_of() in t.get_text() for t in drawn.overlay.texts)
    page = html_page.standalone_html(shipped, FY2022, lang).decode("utf-8")
    foot = html_lib.unescape(page.split('class="c2c-foot"', 1)[1].split("</p>", 1)[0])
    assert as_of() in foot


def test_the_deck_states_the_date_on_every_source_footer_and_carries_the_notes(shipped):
    prs = Presentation(io.BytesIO(deck.build_deck(shipped, FY2018, "en", per="year")))
    footers = [shape.text_frame.text for s in prs.slides for shape in s.shapes
               if shape.has_text_frame and shape.text_frame.text.startswith("Sources:")]
    assert footers and all(f"data as of {as_of()}" in text for text in footers)
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    expected = projects_file()["fy2018-osaka-quezon-1"]["notes"]
    assert f"fy2018-osaka-quezon-1: {expected}" in notes
    ja = Presentation(io.BytesIO(deck.build_deck(shipped, FY2018, "ja", per="year")))
    ja_notes = "\n".join(s.notes_slide.notes_text_frame.text for s in ja.slides if s.has_notes_slide)
    assert projects_file()["fy2018-osaka-quezon-1"]["notes_ja"] in ja_notes and expected not in ja_notes


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_csv_has_the_date_the_notes_in_its_language_and_marks_paraphrases(shipped, lang):
    text = csvfile.projects_csv(shipped, Selection(), lang).decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    rows = {row[0]: dict(zip([cid for cid, _ in csvfile.CSV_COLUMNS], row)) for row in reader}
    assert header[header.index("出典" if lang == "ja" else "source") + 1] == ("データ時点" if lang == "ja" else "data_as_of")
    assert {row["data_as_of"] for row in rows.values()} == {as_of()}
    source = projects_file()
    own = "notes_ja" if lang == "ja" else "notes"
    assert rows["fy2017-kawasaki-jakarta"]["notes"] == source["fy2017-kawasaki-jakarta"][own]
    marker = i18n.t("title_paraphrase", lang)
    for project_id, row in source.items():
        assert (marker in rows[project_id]["title"]) == (row["title_status"] == "paraphrase"), project_id
    # the line that rests on a header's parenthetical says so in the row's notes
    assert "EEC" in rows["fy2022-14"]["notes"] and ("括弧書き" in rows["fy2022-14"]["notes"] if lang == "ja"
                                                    else "parenthetical" in rows["fy2022-14"]["notes"])


def test_the_deck_table_marks_a_paraphrased_title(shipped):
    prs = Presentation(io.BytesIO(deck.build_deck(shipped, FY2018, "en", per="year")))
    cells = [cell.text for s in prs.slides for shape in s.shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells]
    paraphrase = i18n.t("title_paraphrase", "en")
    marked = [c for c in cells if paraphrase in c]
    assert len(marked) == 2  # the two FY2018 Osaka–Quezon titles, NNA's paraphrases
