"""The words every export carries: the title with the fiscal years, the other filters, how complete the data is
for those years (an export must not look more complete than the data is), and the source line, which names the
publications of the rows the export shows -- the FY2022 brochure only when a row from it is shown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pandas as pd

from c2c.core.dataset import Dataset
from c2c.core.schema import split_source_ref
from c2c.core.selection import Selection, select_projects
from c2c.core.sources import citation
from c2c.core.stats import year_coverage
from c2c.text import i18n
from c2c.text.datanotes import official_sources_short


def fiscal_year_label(selection: Selection, lang: str) -> str:
    spec = selection.fiscal_years
    if spec.is_all:
        return i18n.t("fy_all", lang)
    if spec.is_cumulative:
        return i18n.t("export_fy_cumulative", lang, year=spec.end)
    if spec.is_single:
        return i18n.t("export_fy_single", lang, year=spec.start)
    return i18n.t("export_fy_range", lang, start=spec.start, end=spec.end)


def title_text(selection: Selection, lang: str) -> str:
    """"脱炭素社会実現のための都市間連携事業（2022年度）" / "City-to-City Collaboration ... — FY2022".

    Japanese uses brackets: in Japanese fonts a dash looks like the long-vowel mark ー."""
    if lang == "ja":
        return f"{i18n.t('export_programme', lang)}（{fiscal_year_label(selection, lang)}）"
    return f"{i18n.t('export_programme', lang)} — {fiscal_year_label(selection, lang)}"


def _names(values: list[str], lang: str, limit: int = 4) -> str:
    shown = i18n.join(values[:limit], lang)
    if len(values) > limit:
        shown += (" " if lang == "en" else "") + i18n.t("export_more", lang, n=len(values) - limit)
    return shown


def filter_summary(dataset: Dataset, selection: Selection, lang: str) -> str:
    """The filters other than the fiscal year, in words ("" when there are none)."""
    colon = i18n.colon(lang)
    parts = []
    if selection.countries:
        parts.append(i18n.t("countries", lang) + colon
                     + _names([i18n.country_name(dataset, c, lang) for c in selection.countries], lang))
    if selection.jp_ids:
        parts.append(i18n.t("jp_municipalities", lang) + colon
                     + _names([i18n.place_name(dataset, p, lang) for p in selection.jp_ids], lang))
    if selection.place_id:
        parts.append(i18n.t("export_filter_place", lang) + colon + i18n.place_name(dataset, selection.place_id, lang))
    if selection.project_id:
        parts.append(i18n.t("export_filter_project", lang) + colon + selection.project_id)
    if selection.text.strip():
        quote = ("「", "」") if lang == "ja" else ("“", "”")
        parts.append(i18n.t("export_filter_search", lang) + colon + quote[0] + selection.text.strip()[:40] + quote[1])
    return ("　" if lang == "ja" else " · ").join(parts)


def coverage_note(dataset: Dataset, selection: Selection, lang: str) -> str:
    """How complete the data is for the selected years: exports must not look more complete than they are. An
    official count is cited where it is shown (its sources in fiscal_years.csv, briefly)."""
    spec = selection.fiscal_years
    if spec.is_cumulative:
        return i18n.t("incomplete_any", lang) + (" " if lang == "en" else "") + official_cumulative_note(
            dataset, selection, lang)
    if not spec.is_single:
        return i18n.t("incomplete_any", lang)
    coverage = year_coverage(dataset)
    year = int(spec.start)
    if year not in coverage.index:
        return i18n.t("coverage_unknown", lang, year=year, known=0)
    row = coverage.loc[year]
    official = row["adopted_official"]
    if official is None or pd.isna(official):
        note = i18n.t("coverage_unknown", lang, year=year, known=int(row["projects_in_data"]))
    else:
        note = i18n.t("coverage_line", lang, year=year, known=int(row["projects_in_data"]), official=int(official))
        cited = official_sources_short(dataset, year, lang)
        if cited:
            note = note.rstrip("。.") + i18n.t("coverage_official_source", lang, sources=cited) \
                + ("。" if lang == "ja" else ".")
    if not bool(row["complete"]):
        note += (" " if lang == "en" else "") + i18n.t("incomplete_year", lang)
    return note


def official_cumulative(dataset: Dataset, year: int) -> dict[str, int] | None:
    """fiscal_years.csv's cumulative figures stated after FY``year``'s last known call (countries,
    partner_places, jp_municipalities), or None when the year has none."""
    if year not in dataset.fiscal_years.index:
        return None
    row = dataset.fiscal_years.loc[year]
    figures = {"countries": row["cumulative_countries"], "partner_places": row["cumulative_partner_places"],
               "jp_municipalities": row["cumulative_jp_municipalities"]}
    if any(pd.isna(v) for v in figures.values()):
        return None
    return {key: int(value) for key, value in figures.items()}


def official_cumulative_note(dataset: Dataset, selection: Selection, lang: str) -> str:
    """For a cumulative selection: the official cumulative figures of its last year, for the whole programme
    (they sit beside the data's own headline numbers), or that there are none for that year."""
    year = int(selection.fiscal_years.end)
    figures = official_cumulative(dataset, year)
    if figures is None:
        return i18n.t("cumulative_official_none", lang, year=year)
    note = i18n.t("cumulative_official", lang, year=year, **figures)
    if selection.countries or selection.jp_ids or selection.place_id or selection.project_id or selection.text.strip():
        note += (" " if lang == "en" else "") + i18n.t("cumulative_official_whole", lang)
    return note


def data_date(dataset: Dataset) -> str:
    """The date the data is as of (data/version.csv), "" when the data directory has none."""
    return str(getattr(dataset, "as_of", "") or "")


# --------------------------------------------------------------------------------------------------------------
# The source line: the publications of the rows an export shows, and the date of the data
# --------------------------------------------------------------------------------------------------------------

def publications(dataset: Dataset, projects: pd.DataFrame, lang: str) -> list[str]:
    """The distinct publications cited by ``projects`` (rows with ``source_list``), most-cited first, named by
    :func:`c2c.core.sources.citation` without the row's locator (a mirror names the original it copies)."""
    # one name per source, built once per dataset and language: a DataFrame lookup per cited reference cost ~3 ms
    # on every rerun of the map page, whose caption names the selection's sources
    names = dataset.derived(("publication_names", lang),
                            lambda: {sid: citation(dataset.sources, sid, lang).text for sid in dataset.sources.index})
    counts: Counter[str] = Counter()
    for refs in projects["source_list"]:
        ids = dict.fromkeys(split_source_ref(str(ref))[0] for ref in (refs or []) if str(ref).strip())
        counts.update(names[sid] if sid in names else citation(dataset.sources, sid, lang).text for sid in ids)
    return [name for name, _ in counts.most_common()]  # ties keep the order of first citation


def source_line(names: list[str], lang: str, fits: Callable[[str], bool] | None = None,
                max_chars: int = 160, as_of: str = "") -> str:
    """'出典：A、Bほか3件（C2C アトラス、データ 2026-12-03 時点）' / 'Sources: A; B and 3 more sources (C2C Atlas,
    data as of 2026-12-03)': as many names as fit (by ``fits``, else ``max_chars`` characters), the rest counted;
    the data's date (``as_of``) beside them whenever it is known."""
    if not names:
        return i18n.t("source_none_dated", lang, as_of=as_of) if as_of else i18n.t("source_none", lang)
    fits = fits or (lambda text: len(text) <= max_chars)
    sep = "、" if lang == "ja" else "; "
    line = ""
    for shown in range(len(names), 0, -1):
        body = sep.join(names[:shown])
        if shown < len(names):
            more = len(names) - shown
            body += i18n.t("source_more_one" if more == 1 else "source_more", lang, n=more)
        line = i18n.t("source_prefix_dated", lang, sources=body, as_of=as_of) if as_of \
            else i18n.t("source_prefix", lang, sources=body)
        if fits(line):
            break
    return line


def selection_source_line(dataset: Dataset, selection: Selection, lang: str,
                          fits: Callable[[str], bool] | None = None, max_chars: int = 160) -> str:
    """The source line for the rows the selection shows, with the data's date."""
    return source_line(publications(dataset, select_projects(dataset, selection), lang), lang, fits, max_chars,
                       as_of=data_date(dataset))
