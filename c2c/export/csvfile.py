"""The selected projects as CSV: one row per project (:func:`c2c.core.selection.select_projects`).

UTF-8 with BOM and CRLF line ends so that Excel on Japanese Windows opens it directly; every cell that Excel would
run as a formula (starting with ``= + - @``, tab or CR) is prefixed with ``'`` (:func:`c2c.text.htmlsafe.neutralise_formula`).
**Header:** with ``lang="en"`` the header is the stable column ids of :data:`CSV_COLUMNS` (``project_id``,
``fiscal_year``, ...), meant for scripts; with ``lang="ja"`` it is their Japanese labels, same order. Place,
country and evidence values are in the chosen language; ``jp_ids``/``partner_ids`` are the stable place ids.
A project lists all of its places, even when a filter selected it through only one of them. Titles that are a
source's paraphrase say so; ``notes`` are in the chosen language (with what a line rests on, where it rests on a
title word or a header's parenthetical); ``data_as_of`` is the data's date beside the sources.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pandas as pd

from c2c.core.dataset import Dataset
from c2c.core.selection import Selection, select_projects
from c2c.core.sources import citation_text
from c2c.export.captions import data_date
from c2c.text import i18n
from c2c.text.datanotes import note_text, project_line_notes
from c2c.text.htmlsafe import neutralise_formula

CSV_COLUMNS: list[tuple[str, str]] = [
    ("project_id", "事業ID"),
    ("fiscal_year", "年度"),
    ("jp_municipalities", "日本の自治体"),
    ("partners", "パートナー都市・地域"),
    ("countries", "国"),
    ("title", "事業名"),
    ("lead_org", "代表事業者"),
    ("co_implementers", "共同事業者"),
    ("evidence", "根拠の種類"),
    ("summary", "概要"),
    ("source", "出典"),
    ("data_as_of", "データ時点"),
    ("notes", "備考"),
    ("jp_ids", "日本側ID"),
    ("partner_ids", "パートナー側ID"),
]



def _join(values: list[str]) -> str:
    return "; ".join(v for v in values if v)


def project_rows(dataset: Dataset, selection: Selection, lang: str = "ja") -> list[dict[str, Any]]:
    """The CSV's rows as dicts keyed by the stable column ids (before formula neutralisation)."""
    projects = select_projects(dataset, selection)
    rows = []
    for project_id, project in projects.iterrows():
        jp_ids = list(project["jp_ids"])
        partner_ids = list(project["partner_ids"])
        codes: list[str] = []
        for partner in partner_ids:
            code = str(dataset.cities.loc[partner, "country_code"]) if partner in dataset.cities.index else ""
            if code and code not in codes:
                codes.append(code)
        evidence = str(project["evidence"])
        evidence_key = f"evidence_{evidence}"
        year = project["fiscal_year"]
        rows.append({
            "project_id": str(project_id),
            "fiscal_year": "" if pd.isna(year) else int(year),
            "jp_municipalities": _join([i18n.place_name(dataset, p, lang) for p in jp_ids]),
            "partners": _join([i18n.place_name(dataset, p, lang) for p in partner_ids]),
            "countries": _join([i18n.country_name(dataset, c, lang) for c in codes]),
            "title": i18n.title_marked(project, lang),  # a paraphrase says so
            "lead_org": i18n.pick_marked(project, "lead_org", lang),
            "co_implementers": _join(list(project.get("co_implementers_ja_list", []) or [])),
            "evidence": i18n.t(evidence_key, lang) if i18n.has(evidence_key) else evidence,
            "summary": i18n.pick_marked(project, "summary", lang),
            "source": citation_text(dataset, project, lang, with_urls=True),
            "data_as_of": data_date(dataset),
            "notes": " ".join([note_text(project, lang), *project_line_notes(dataset, str(project_id), lang)]).strip(),
            "jp_ids": _join(jp_ids),
            "partner_ids": _join(partner_ids),
        })
    return rows


def projects_csv(dataset: Dataset, selection: Selection, lang: str = "ja") -> bytes:
    """The selected projects as CSV bytes: UTF-8 with BOM, CRLF, formula-like cells neutralised."""
    header = [cid if lang == "en" else label for cid, label in CSV_COLUMNS]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in project_rows(dataset, selection, lang):
        writer.writerow([neutralise_formula(row[cid]) for cid, _ in CSV_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")
