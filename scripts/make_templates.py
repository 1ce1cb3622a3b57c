"""Write the adoption-list templates that ``python -m c2c import`` reads: data/templates/adoption_list.xlsx and
data/templates/adoption_list.csv (UTF-8 with BOM, so that Excel on Japanese Windows opens it as it is).

Run: python -m scripts.make_templates  (or python scripts/make_templates.py). The headers come from
c2c.importer.HEADERS, so the templates and the importer cannot drift apart.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from c2c.importer import HEADERS, REQUIRED
from c2c.paths import DEFAULT_DATA_DIR

NOTES = {
    "title": ("事業名（採択一覧のとおり）", "Project title, as in the adoption list"),
    "lead_org": ("代表事業者", "Lead organisation (代表事業者)"),
    "co_implementers": ("共同実施者（「;」または「、」区切り、任意）", "Joint implementers, ';' or '、' separated (optional)"),
    "jp_municipality": ("日本の自治体（複数可、cities.csv にあること）", "Japanese municipality or municipalities (must be in cities.csv)"),
    "country": ("相手国（日本語名・英語名・ISOコード）", "Partner country: Japanese or English name, or ISO code"),
    "partner_place": ("相手都市（複数可）", "Partner city or region (one or more)"),
    "summary": ("概要（任意）", "Summary (optional)"),
    "source": ("出典（任意。sources.csv の id。--source を使わない場合）", "Source (optional: a sources.csv id, if --source is not given)"),
}
COLUMNS = [c for c in HEADERS if c != "source"]  # the source is normally given once, with --source


def csv_bytes() -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow([HEADERS[c][0] for c in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "採択一覧"
    sheet.append([HEADERS[c][0] for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = 28 if column in ("title", "summary") else 18
    notes = book.create_sheet("説明 Notes")
    notes.append(["列 / column", "English header", "必須 / required", "説明", "Description"])
    for column in HEADERS:
        notes.append([HEADERS[column][0], HEADERS[column][1], "○" if column in REQUIRED else "",
                      NOTES[column][0], NOTES[column][1]])
    book.properties.creator = "c2c-atlas scripts/make_templates.py"
    book.save(path)


def main() -> None:
    folder = DEFAULT_DATA_DIR / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "adoption_list.csv").write_bytes(csv_bytes())
    write_xlsx(folder / "adoption_list.xlsx")
    print(f"wrote {folder / 'adoption_list.csv'} and {folder / 'adoption_list.xlsx'}")


if __name__ == "__main__":
    main()
