"""The selection as an Excel workbook, for the ministry's own tables: projects, pairs, sources and a README.

Values only: every cell is a plain value (openpyxl writes no formula), and every text that Excel would run as a
formula (``= + - @``, tab, CR) is prefixed with ``'`` (:func:`c2c.text.htmlsafe.neutralise_formula`, as the CSV
export does); text is also stripped of the control characters that the xlsx format cannot hold. The projects
sheet has the CSV export's columns (:mod:`c2c.export.csvfile`); the README sheet says what the data is, its
"as of" date and how complete the selected years are.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from c2c.core.dataset import Dataset
from c2c.core.selection import Selection, select_links, select_projects
from c2c.core.sources import citation
from c2c.core.stats import HEADLINE_METRICS, headline
from c2c.export.captions import coverage_note, filter_summary, fiscal_year_label, title_text
from c2c.export.csvfile import CSV_COLUMNS, project_rows
from c2c.report.profile import data_as_of
from c2c.text import i18n
from c2c.text.htmlsafe import neutralise_formula

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses in a cell
SHEETS = {"ja": ("事業", "連携ペア", "出典", "README"), "en": ("projects", "pairs", "sources", "README")}
PAIR_COLUMNS = {"ja": ("日本側ID", "日本の自治体", "パートナー側ID", "パートナー都市・地域", "国", "事業・年度数", "年度", "年度不明（参加都市リスト）"),
                "en": ("jp_id", "jp_municipality", "partner_id", "partner", "country", "projects", "fiscal_years",
                       "undated_participation_list")}
SOURCE_COLUMNS = {"ja": ("出典ID", "出典", "種類", "URL", "引用する事業行"),
                  "en": ("source_id", "citation", "kind", "url", "citing_project_rows")}


def cell(value: object) -> object:
    """A value safe to store: numbers as numbers, text neutralised and without illegal control characters."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = _ILLEGAL.sub(" ", "" if value is None else str(value))
    return neutralise_formula(text)


def _sheet(workbook: Workbook, title: str, header, rows, widths=None, first: bool = False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    sheet.append([cell(h) for h in header])
    for c in sheet[1]:
        c.font = Font(bold=True)
    for row in rows:
        sheet.append([cell(v) for v in row])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths or (), start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    return sheet


def pair_rows(dataset: Dataset, selection: Selection, lang: str) -> list[tuple]:
    links = select_links(dataset, selection)
    rows = []
    for (jp, partner), group in links.groupby(["jp_id", "partner_id"], sort=True):
        years = sorted({int(y) for y in group["fiscal_year"].dropna()})
        code = str(dataset.cities.at[partner, "country_code"])
        rows.append((jp, i18n.place_name(dataset, jp, lang), partner, i18n.place_name(dataset, partner, lang),
                     i18n.country_name(dataset, code, lang),
                     int(group.loc[group["fiscal_year"].notna(), "project_id"].nunique()),
                     ", ".join(str(y) for y in years), "✓" if group["fiscal_year"].isna().any() else ""))
    return rows


def source_rows(dataset: Dataset, selection: Selection, lang: str) -> list[tuple]:
    from c2c.core.schema import split_source_ref

    cited: dict[str, list[str]] = {}
    for project_id, refs in select_projects(dataset, selection)["source_list"].items():
        for source_id in dict.fromkeys(split_source_ref(str(r))[0] for r in refs or [] if str(r).strip()):
            cited.setdefault(source_id, []).append(str(project_id))
    rows = []
    for source_id, projects in cited.items():
        cite = citation(dataset.sources, source_id, lang)
        rows.append((source_id, cite.text, cite.kind, cite.url or "", ", ".join(projects)))
    return rows


def readme_rows(dataset: Dataset, selection: Selection, lang: str) -> list[tuple]:
    as_of, declared = data_as_of(dataset)
    numbers = headline(select_links(dataset, selection))
    key = "profile_as_of" if declared else "profile_as_of_sources"
    rows = [(title_text(selection, lang),), (i18n.t(key, lang, date=as_of),),
            (i18n.t("sheet_filters", lang, filters=" · ".join(
                p for p in (fiscal_year_label(selection, lang), filter_summary(dataset, selection, lang)) if p)),),
            (coverage_note(dataset, selection, lang),), ("",)]
    rows += [(i18n.t(label, lang), numbers[key]) for key, label in HEADLINE_METRICS]
    rows += [("",), (i18n.t("xlsx_readme_sheets", lang),), (i18n.t("xlsx_readme_values", lang),),
             (i18n.t("disclaimer", lang),), ("C2C Atlas",)]
    return rows


def selection_xlsx(dataset: Dataset, selection: Selection, lang: str = "ja") -> bytes:
    lang = lang if lang in SHEETS else "ja"
    names = SHEETS[lang]
    workbook = Workbook()
    header = [cid if lang == "en" else label for cid, label in CSV_COLUMNS]
    rows = [[row[cid] for cid, _ in CSV_COLUMNS] for row in project_rows(dataset, selection, lang)]
    _sheet(workbook, names[0], header, rows, (18, 8, 18, 22, 12, 50, 28, 30, 14, 50, 60, 40, 18, 18), first=True)
    _sheet(workbook, names[1], PAIR_COLUMNS[lang], pair_rows(dataset, selection, lang), (18, 18, 22, 26, 14, 10, 24, 12))
    _sheet(workbook, names[2], SOURCE_COLUMNS[lang], source_rows(dataset, selection, lang), (24, 80, 14, 50, 40))
    readme = _sheet(workbook, names[3], ("C2C Atlas",), readme_rows(dataset, selection, lang), (70, 12))
    for row in readme.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
