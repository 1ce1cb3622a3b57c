"""The tables and chart data behind the briefing pages (Projects, Countries & municipalities, Data & sources).

Pure pandas: no streamlit. The pages only lay these out. Counts come from :mod:`c2c.core.stats` (one definition of
"project", "link", "country"); this module only labels, joins and reshapes them for display.

Every text from the data is untrusted: the HTML built here escapes it with :func:`c2c.text.htmlsafe.esc`, and a source
becomes a link only when it is an http(s) URL (:func:`c2c.text.htmlsafe.is_safe_url`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from c2c.core import schema, stats
from c2c.core.dataset import Dataset
from c2c.core.names import cell_text
from c2c.core.sources import Citation, citation, row_citations
from c2c.text import i18n
from c2c.text.datanotes import line_basis, note_text, official_sources_short
from c2c.text.htmlsafe import esc, is_safe_url

COMPLETE, INCOMPLETE, UNKNOWN = "complete", "incomplete", "unknown"


def _lang(lang: str) -> str:
    return lang if lang in i18n.LANGS else i18n.DEFAULT_LANG


_text = cell_text  # a cell as text: NaN/None/NA become ""


def join_names(names: list[str], lang: str) -> str:
    return i18n.join([n for n in names if n], _lang(lang))


def _unique(values) -> list:
    return list(dict.fromkeys(values))


def fy_label(year: object, lang: str) -> str:
    """'FY2022' / '2022年度', or the participation-list wording for an undated row."""
    if _text(year) == "":
        return i18n.t("popup_undated", lang)
    return i18n.t("export_fy_single", lang, year=int(year))


# ---- sources -----------------------------------------------------------------------------------------------

def safe_url(source: str | None) -> str | None:
    text = (source or "").strip()
    return text if is_safe_url(text) else None


def citation_html(cite: Citation) -> str:
    """One citation for the detail view: its text, linked when its URL is http(s); everything escaped."""
    url = safe_url(cite.url)
    if url:
        return f'{esc(cite.text)} <a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(url)}</a>'
    return esc(cite.text)


# ---- the Projects page ---------------------------------------------------------------------------------------

PROJECT_COLUMNS = ["project_id", "fiscal_year", "jp", "partners", "country", "title", "lead", "evidence",
                   "sources", "source_url"]
UNDATED_COLUMNS = ["project_id", "jp", "partners", "country", "evidence", "sources", "source_url"]


def _labels(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """id -> name in ``lang`` (English falls back to Japanese) for every row of cities or countries, at once."""
    japanese = frame["name_ja"].fillna("").astype(str).str.strip()
    english = frame["name_en"].fillna("").astype(str).str.strip()
    chosen = english.where(english != "", japanese) if _lang(lang) == "en" else japanese.where(japanese != "", english)
    return dict(zip(frame.index.astype(str), chosen))


class _Names:
    """Place and country names for one language, looked up once per table instead of once per cell."""

    def __init__(self, dataset: Dataset, lang: str):
        self.dataset = dataset
        self.lang = lang
        self.places = _labels(dataset.cities, lang)
        self.countries = _labels(dataset.countries, lang)
        self.country_of = dict(zip(dataset.cities.index.astype(str), dataset.cities["country_code"].astype(str)))

    def places_text(self, ids) -> str:
        return join_names([self.places.get(i, i) for i in ids], self.lang)

    def countries_text(self, place_ids) -> str:
        codes = _unique(self.country_of[p] for p in place_ids if p in self.country_of)
        return join_names([self.countries.get(c, c) for c in codes], self.lang)


def _project_row(names: _Names, project_id: str, project: dict, lang: str) -> dict:
    cites = row_citations(names.dataset, project, lang)
    urls = [u for u in (safe_url(c.url) for c in cites) if u]
    return {
        "project_id": str(project_id),
        "fiscal_year": project["fiscal_year"],
        "jp": names.places_text(project["jp_ids"]),
        "partners": names.places_text(project["partner_ids"]),
        "country": names.countries_text(project["partner_ids"]),
        "title": i18n.project_title(project, lang),
        "lead": i18n.pick_marked(project, "lead_org", lang),
        "evidence": i18n.t(f"evidence_{project['evidence']}", lang),
        "sources": i18n.t("citation_separator", lang).join(_unique(c.text for c in cites)),
        "source_url": urls[0] if urls else None,
    }


def _rows(dataset: Dataset, projects: pd.DataFrame, lang: str) -> list[dict]:
    names = _Names(dataset, lang)
    return [_project_row(names, pid, record, lang) for pid, record in projects.to_dict("index").items()]


def projects_table(dataset: Dataset, projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per dated project row (the 'projects' of c2c.core.stats), in the given order."""
    table = pd.DataFrame(_rows(dataset, projects[projects["fiscal_year"].notna()], lang), columns=PROJECT_COLUMNS)
    table["fiscal_year"] = table["fiscal_year"].astype("Int64")
    return table


def undated_table(dataset: Dataset, projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The undated participation-list rows among ``projects``: links, not projects."""
    rows = _rows(dataset, projects[projects["fiscal_year"].isna()], lang)
    return pd.DataFrame(rows, columns=PROJECT_COLUMNS)[UNDATED_COLUMNS]


def project_option_labels(dataset: Dataset, project_ids: list[str], lang: str, limit: int = 70) -> dict[str, str]:
    """The friendly picker's labels: 'FY2022 · 富山市 – サンティアゴ市レンカ区 · title' (one line, shortened)."""
    names = _Names(dataset, lang)
    known = [i for i in dict.fromkeys(project_ids) if i in dataset.projects.index]
    labels = {}
    for project_id, project in dataset.projects.loc[known].to_dict("index").items():
        label = (f"{fy_label(project['fiscal_year'], lang)} · {names.places_text(project['jp_ids'])} – "
                 f"{names.places_text(project['partner_ids'])}")
        title = i18n.title_marked(project, lang)  # a paraphrase says so
        if title:
            label += f" · {title}"
        label = " ".join(label.split())  # no newlines from the data in a one-line label
        labels[project_id] = label if len(label) <= limit else label[:limit - 1] + "…"
    return labels


def project_option_label(dataset: Dataset, project_id: str, lang: str, limit: int = 70) -> str:
    return project_option_labels(dataset, [project_id], lang, limit).get(project_id, project_id)


def project_options(selected_ids: list[str], current: str | None) -> list[str]:
    """Picker options: '' (none), the selected projects, and the current project even when filtered out."""
    options = [""] + list(dict.fromkeys(selected_ids))
    if current and current not in options:
        options.append(current)
    return options


@dataclass
class ProjectDetail:
    project_id: str
    fiscal_year: int | None
    title: str
    title_is_translation: bool
    evidence: str
    evidence_label: str
    summary: str
    lead: str
    co_implementers: list[str]
    links: list[dict[str, str]]  # jp_id, partner_id, jp, partner, country, basis (what the line rests on, or "")
    history: pd.DataFrame  # every row of the same pair(s): project_id, fiscal_year, evidence, title, pairs, current
    sources: list[Citation]
    notes: str
    lang: str = i18n.DEFAULT_LANG
    years: list[int] = field(default_factory=list)


def project_detail(dataset: Dataset, project_id: str, lang: str) -> ProjectDetail:
    """Everything the detail view shows for one project row (KeyError for an unknown id)."""
    project = dataset.projects.loc[project_id]
    own = dataset.links[dataset.links["project_id"] == project_id]
    pairs = _unique(map(tuple, own[["jp_id", "partner_id"]].values.tolist()))
    bases = line_basis(dataset, lang)
    links = [{"jp_id": j, "partner_id": p, "jp": i18n.place_name(dataset, j, lang), "partner": i18n.place_name(dataset, p, lang),
              "country": i18n.country_name(dataset, str(dataset.cities.loc[p, "country_code"]), lang),
              "basis": bases.get((str(project_id), j, p), ("", ""))[1]} for j, p in pairs]
    history = pair_history(dataset, project_id, lang)
    year = project["fiscal_year"]
    title_en = _text(project.get("title_en")).strip()
    return ProjectDetail(
        project_id=str(project_id),
        fiscal_year=None if pd.isna(year) else int(year),
        title=i18n.project_title(project, lang),
        title_is_translation=(_lang(lang) == "en" and bool(title_en)
                              and _text(project.get("title_en_origin")) == "translation"),
        evidence=str(project["evidence"]),
        evidence_label=i18n.t(f"evidence_{project['evidence']}", lang),
        summary=i18n.pick_marked(project, "summary", lang),
        lead=i18n.pick_marked(project, "lead_org", lang),
        co_implementers=list(project["co_implementers_ja_list"]),
        links=links,
        history=history,
        sources=row_citations(dataset, project, lang),
        notes=note_text(project, lang),
        lang=_lang(lang),
        years=sorted({int(y) for y in history["fiscal_year"].dropna()}),
    )


def pair_history(dataset: Dataset, project_id: str, lang: str) -> pd.DataFrame:
    """Every project row (this one included) that shares a Japanese-partner pair with ``project_id``."""
    links = dataset.links
    own = links[links["project_id"] == project_id][["jp_id", "partner_id"]].drop_duplicates()
    shared = links.merge(own, on=["jp_id", "partner_id"])
    rows = []
    for other_id, group in shared.groupby("project_id", sort=False):
        project = dataset.projects.loc[other_id]
        pair_names = [f"{i18n.place_name(dataset, j, lang)} – {i18n.place_name(dataset, p, lang)}"
                      for j, p in _unique(map(tuple, group[["jp_id", "partner_id"]].values.tolist()))]
        rows.append({"project_id": str(other_id), "fiscal_year": project["fiscal_year"],
                     "evidence": str(project["evidence"]), "title": i18n.project_title(project, lang),
                     "pairs": join_names(pair_names, lang), "current": other_id == project_id,
                     "source_line": project["source_line"]})
    history = pd.DataFrame(rows, columns=["project_id", "fiscal_year", "evidence", "title", "pairs", "current",
                                          "source_line"])
    history["fiscal_year"] = history["fiscal_year"].astype("Int64")
    history = history.sort_values(["fiscal_year", "source_line"], na_position="last")
    return history.drop(columns="source_line").reset_index(drop=True)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def detail_html(detail: ProjectDetail) -> str:
    """The detail view as HTML: every data text escaped, sources linked only when http(s)."""
    lang = detail.lang
    t = lambda key, **kw: esc(i18n.t(key, lang, **kw))  # noqa: E731
    meta = " · ".join([esc(fy_label(detail.fiscal_year, lang)), esc(detail.evidence_label),
                       f"<code>{esc(detail.project_id)}</code>"])
    title = esc(_one_line(detail.title))
    if detail.title_is_translation:
        title += f' <span class="c2c-muted">{t("title_translation")}</span>'
    parts = ['<div class="c2c-detail">', f'<div class="c2c-muted">{meta}</div>', f"<h3>{title}</h3>"]
    if detail.summary:
        parts.append(f"<p>{esc(_one_line(detail.summary))}</p>")
    parts.append("<dl>")
    if detail.lead:
        parts.append(f"<dt>{t('popup_lead')}</dt><dd>{esc(_one_line(detail.lead))}</dd>")
    if detail.co_implementers:
        names = esc(join_names([_one_line(c) for c in detail.co_implementers], "ja"))
        note = f' <span class="c2c-muted">{t("co_japanese_only")}</span>' if lang == "en" else ""
        parts.append(f"<dt>{t('detail_co')}</dt><dd>{names}{note}</dd>")
    items = "".join(f"<li>{esc(link['jp'])} – {esc(link['partner'])} "
                    f'<span class="c2c-muted">({esc(link["country"])})</span>{_basis_html(link, lang)}</li>'
                    for link in detail.links)
    parts.append(f"<dt>{t('detail_links')}</dt><dd><ul>{items}</ul></dd>")
    history_items = []
    for row in detail.history.itertuples(index=False):
        marker = f' <b>{t("this_project")}</b>' if row.current else ""
        history_items.append(
            f"<li>{esc(fy_label(row.fiscal_year, lang))} · {esc(i18n.t('evidence_' + row.evidence, lang))} · "
            f"{esc(_one_line(row.title))} <span class=\"c2c-muted\">({esc(row.pairs)}; "
            f"<code>{esc(row.project_id)}</code>)</span>{marker}</li>")
    parts.append(f"<dt>{t('detail_years')}</dt><dd><ul>{''.join(history_items)}</ul></dd>")
    sources = "".join(f"<li>{citation_html(c)}</li>" for c in detail.sources)
    parts.append(f"<dt>{t('detail_sources')}</dt><dd><ul>{sources}</ul></dd>")
    if detail.notes:  # in the reader's language (notes_ja / notes), marked where only the other one exists
        parts.append(f"<dt>{t('col_notes')}</dt><dd>{esc(_one_line(detail.notes))}</dd>")
    parts.append("</dl></div>")
    return DETAIL_STYLE + "".join(parts)


def _basis_html(link: dict[str, str], lang: str) -> str:
    """What a line rests on, under the line in the detail, where it is a title word or a header's parenthetical."""
    if not link.get("basis"):
        return ""
    return (f'<br><span class="c2c-basis">{esc(i18n.t("detail_line_basis", lang))}{esc(i18n.colon(lang))}'
            f"{esc(_one_line(link['basis']))}</span>")


DETAIL_STYLE = (
    "<style>"
    ".c2c-detail h3{margin:.2rem 0 .6rem 0;font-size:1.35rem;line-height:1.4}"
    ".c2c-detail .c2c-muted{opacity:.7;font-size:.9em}"
    ".c2c-detail dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.2rem;margin:.6rem 0 0 0;"
    "padding-left:0}"
    ".c2c-detail dt{font-weight:600;white-space:nowrap}"
    ".c2c-detail dd{margin:0}"
    ".c2c-detail ul{margin:0;padding-left:1.1rem}"
    ".c2c-detail li{margin:0 0 .15rem 0}"
    ".c2c-detail code{font-size:.85em}"
    ".c2c-detail .c2c-basis{font-size:.9em;color:#8a4b00}"
    "@media (max-width:700px){.c2c-detail dl{grid-template-columns:1fr}}"
    "</style>"
)


# ---- the Countries & municipalities page ----------------------------------------------------------------------

PALETTE = ("#0b5394", "#6fa8dc", "#e69138")  # dark blue, light blue, orange: readable on slides and in print
COUNTRY_MEASURES = ("projects", "partner_places", "jp_municipalities")
MUNICIPALITY_MEASURES = ("projects", "partner_places", "countries")
MEASURE_KEYS = {"projects": "metric_projects", "partner_places": "metric_partner_places",
                "jp_municipalities": "metric_jp", "countries": "metric_countries", "links": "metric_links"}


def measure_label(measure: str, lang: str) -> str:
    return i18n.t(MEASURE_KEYS[measure], lang)


def country_table(dataset: Dataset, links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """c2c.core.stats.by_country with names: code, country, partner_places, projects, jp_municipalities, links."""
    counts = stats.by_country(links)
    names = _labels(dataset.countries, lang)
    rows = [{"code": code, "country": names.get(code, code), **values} for code, values in counts.items()]
    table = pd.DataFrame(rows, columns=["code", "country", "partner_places", "projects", "jp_municipalities", "links"])
    return table.sort_values(["projects", "partner_places", "country"], ascending=[False, False, True],
                             ignore_index=True)


def municipality_table(dataset: Dataset, links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """c2c.core.stats.by_municipality with names: id, municipality, partner_places, countries, projects, links."""
    counts = stats.by_municipality(links)
    names = _labels(dataset.cities, lang)
    rows = [{"id": jp_id, "municipality": names.get(jp_id, jp_id), **values} for jp_id, values in counts.items()]
    table = pd.DataFrame(rows, columns=["id", "municipality", "partner_places", "countries", "projects", "links"])
    return table.sort_values(["projects", "partner_places", "municipality"], ascending=[False, False, True],
                             ignore_index=True)


def long_counts(table: pd.DataFrame, label_column: str, measures: tuple[str, ...], lang: str) -> pd.DataFrame:
    """Wide counts → rows of (label, series, value) for a grouped bar chart, series named in ``lang``."""
    rows = [{"label": row[label_column], "series": measure_label(m, lang), "value": int(row[m])}
            for _, row in table.iterrows() for m in measures]
    return pd.DataFrame(rows, columns=["label", "series", "value"])


def grouped_bar_spec(order: list[str], series: list[str], value_title: str) -> dict:
    """Vega-Lite: horizontal grouped bars, categories in ``order`` (top to bottom), one colour per series."""
    return {
        "height": {"step": 9, "for": "offset"},
        "mark": {"type": "bar", "tooltip": True, "cornerRadiusEnd": 2},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": order, "title": None,
                  "axis": {"labelLimit": 260, "labelFontSize": 12}},
            "yOffset": {"field": "series", "type": "nominal", "sort": series},
            "x": {"field": "value", "type": "quantitative", "title": value_title,
                  "axis": {"tickMinStep": 1, "format": "d"}},
            "color": {"field": "series", "type": "nominal", "sort": series, "title": None,
                      "scale": {"range": list(PALETTE)},
                      "legend": {"orient": "top", "direction": "vertical", "labelLimit": 400}},
        },
    }


def timeline_table(dataset: Dataset, lang: str) -> pd.DataFrame:
    """stats.year_coverage as chart rows: (fiscal_year, label, series, value); unknown official counts left out."""
    coverage = stats.year_coverage(dataset)
    in_data, official = i18n.t("series_in_data", lang), i18n.t("series_official", lang)
    rows = []
    for year, row in coverage.iterrows():
        rows.append({"fiscal_year": int(year), "label": fy_label(year, lang), "series": in_data,
                     "value": int(row["projects_in_data"])})
        if _text(row["adopted_official"]) != "":
            rows.append({"fiscal_year": int(year), "label": fy_label(year, lang), "series": official,
                         "value": int(row["adopted_official"]), "source": official_sources_short(dataset, int(year), lang)})
    return pd.DataFrame(rows, columns=["fiscal_year", "label", "series", "value", "source"]).fillna({"source": ""})


def timeline_spec(series: list[str], value_title: str) -> dict:
    """Vega-Lite: per fiscal year, projects in the data beside the official adopted count (whose tooltip names its
    source)."""
    return {
        "height": 300,
        "mark": {"type": "bar", "tooltip": {"content": "data"}},
        "encoding": {
            "x": {"field": "label", "type": "ordinal", "title": None, "sort": None, "axis": {"labelAngle": 0}},
            "xOffset": {"field": "series", "type": "nominal", "sort": series},
            "y": {"field": "value", "type": "quantitative", "title": value_title,
                  "axis": {"tickMinStep": 1, "format": "d"}},
            "color": {"field": "series", "type": "nominal", "sort": series, "title": None,
                      "scale": {"range": list(PALETTE[:2])}, "legend": {"orient": "top", "labelLimit": 300}},
        },
    }


GROWTH_MEASURES = ("countries", "partner_places", "jp_municipalities")


def growth_long(dataset: Dataset, lang: str) -> pd.DataFrame:
    """stats.cumulative_growth as chart rows (fiscal_year, label, measure, series, value): for each measure the
    data's cumulative count every year, and the official cumulative figure where one is known, with its source."""
    growth = stats.cumulative_growth(dataset)
    data_series, official_series = i18n.t("series_data_cum", lang), i18n.t("series_official_cum", lang)
    rows = []
    for measure in GROWTH_MEASURES:
        label = measure_label(measure, lang)
        for year, row in growth.iterrows():
            rows.append({"fiscal_year": int(year), "label": fy_label(year, lang), "measure": label,
                         "series": data_series, "value": int(row[measure])})
            official = row[f"official_{measure}"]
            if _text(official) != "":
                rows.append({"fiscal_year": int(year), "label": fy_label(year, lang), "measure": label,
                             "series": official_series, "value": int(official),
                             "source": official_sources_short(dataset, int(year), lang)})
    return pd.DataFrame(rows, columns=["fiscal_year", "label", "measure", "series", "value", "source"]
                        ).fillna({"source": ""})


def growth_spec(measures: list[str], series: list[str], value_title: str) -> dict:
    """Vega-Lite: one colour per measure; the data's count a solid line with dots, the official figures a dashed
    line with diamonds. Line style and shape have no legend (Streamlit's Vega draws stroke-type legend symbols
    invisibly, and drops the shape legend): the page says which is which in a caption ("domino_legend")."""
    x = {"field": "label", "type": "ordinal", "title": None, "sort": None, "axis": {"labelAngle": 0}}
    y = {"field": "value", "type": "quantitative", "title": value_title, "axis": {"tickMinStep": 1, "format": "d"}}
    color = {"field": "measure", "type": "nominal", "sort": measures, "title": None,
             "scale": {"range": list(PALETTE)}, "legend": {"orient": "top", "labelLimit": 300}}
    return {
        "height": 320,
        "layer": [
            {"mark": {"type": "line"},
             "encoding": {"x": x, "y": y, "color": color,
                          "strokeDash": {"field": "series", "type": "nominal", "sort": series, "legend": None,
                                         "scale": {"domain": series, "range": [[1, 0], [6, 4]]}}}},
            {"mark": {"type": "point", "filled": True, "size": 60, "tooltip": {"content": "data"}},  # with its source
             "encoding": {"x": x, "y": y, "color": color,
                          "shape": {"field": "series", "type": "nominal", "sort": series, "legend": None,
                                    "scale": {"domain": series, "range": ["circle", "diamond"]}}}},
        ],
    }


def growth_table(dataset: Dataset) -> pd.DataFrame:
    """stats.cumulative_growth with the official columns as nullable integers, fiscal_year as a column."""
    growth = stats.cumulative_growth(dataset).reset_index()
    for column in growth.columns:
        growth[column] = growth[column].astype("Int64")
    return growth


# ---- the Data & sources page ---------------------------------------------------------------------------------

STATUS_KEYS = {COMPLETE: "status_complete", INCOMPLETE: "status_incomplete", UNKNOWN: "status_unknown"}


def coverage_table(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Per fiscal year: projects in the data against the official adopted count, with a status marker, the notes in
    the reader's language and the citations of the official figures (``official_source``, with a link).

    complete = the official count is known and the data has that many rows (c2c.core.stats.year_coverage);
    incomplete = the official count is known and the data has fewer; unknown = no official count.
    """
    coverage = stats.year_coverage(dataset)
    rows = []
    for year, row in coverage.iterrows():
        official = None if _text(row["adopted_official"]) == "" else int(row["adopted_official"])
        known = int(row["projects_in_data"])
        status = COMPLETE if bool(row["complete"]) else (UNKNOWN if official is None else INCOMPLETE)
        known_year = year in dataset.fiscal_years.index
        notes = note_text(dataset.fiscal_years.loc[year], lang) if known_year else ""
        official_source, official_urls = _citations_text(
            dataset, dataset.fiscal_years.at[year, "source"] if known_year else "", lang)
        rows.append({
            "fiscal_year": int(year),
            "status": status,
            "status_label": i18n.t(STATUS_KEYS[status], lang),
            "projects_in_data": known,
            "listed_in_data": int(row["listed_in_data"]),
            "adopted_official": official,
            "known_of_official": f"{known} / {official}" if official is not None else f"{known} / ?",
            "share": None if not official else round(100 * min(known / official, 1.0)),
            "notes": notes,
            "official_source": official_source,
            "official_source_url": official_urls[0] if official_urls else None,
        })
    table = pd.DataFrame(rows, columns=["fiscal_year", "status", "status_label", "projects_in_data",
                                        "listed_in_data", "adopted_official", "known_of_official", "share", "notes",
                                        "official_source", "official_source_url"])
    table["adopted_official"] = table["adopted_official"].astype("Int64")
    table["share"] = table["share"].astype("Int64")
    return table


def latest_cumulative_text(dataset: Dataset, lang: str) -> str:
    """The latest official cumulative figures, with the fiscal year they hold for and their sources: the one place
    where the product states how many countries take part ("" when no year has all three figures)."""
    columns = ["cumulative_countries", "cumulative_partner_places", "cumulative_jp_municipalities"]
    known = dataset.fiscal_years.dropna(subset=columns)
    if known.empty:
        return ""
    year = int(known.index.max())
    row = known.loc[year]
    return i18n.t("latest_cumulative", lang, year=year, countries=int(row[columns[0]]), places=int(row[columns[1]]),
                  jp=int(row[columns[2]]), source=official_sources_short(dataset, year, lang))


def version_text(dataset: Dataset, lang: str) -> str:
    """'データの時点：2026-12-03' / 'Data as of 2026-12-03' (data/version.csv)."""
    as_of = _text(getattr(dataset, "as_of", ""))
    return i18n.t("version_as_of", lang, date=as_of) if as_of else i18n.t("version_unknown", lang)


CHANGELOG_COLUMNS = ["date", "change", "reason"]


def changelog_table(dataset: Dataset, lang: str) -> pd.DataFrame:
    """data/changelog.csv in the reader's language, newest first."""
    frame = getattr(dataset, "changelog", None)
    if frame is None or frame.empty:
        return pd.DataFrame(columns=CHANGELOG_COLUMNS)
    rows = [{"date": _text(r.get("date")), "change": _note_text(r, "change", lang),
             "reason": _note_text(r, "reason", lang)} for _, r in frame.iterrows()]
    return pd.DataFrame(rows[::-1], columns=CHANGELOG_COLUMNS)


def changelog_html(dataset: Dataset, lang: str) -> str:
    """The changelog as a list, newest first: date, what changed, why (every text escaped). Long entries read
    better as text than in a grid's cells."""
    why = esc(i18n.t("col_change_reason", lang)) + esc(i18n.colon(lang))
    items = "".join(f"<li><b>{esc(row.date)}</b>{esc(i18n.colon(lang))}{esc(row.change)}"
                    f'<br><span class="c2c-muted">{why}{esc(row.reason)}</span></li>'
                    for row in changelog_table(dataset, lang).itertuples(index=False))
    return (f'<ul class="c2c-list">{items}</ul><style>.c2c-list{{margin:0 0 .5rem 0;padding-left:1.2rem}}'
            ".c2c-list li{margin:0 0 .45rem 0;line-height:1.6}.c2c-list .c2c-muted{opacity:.75}</style>")


STATUS_COLOURS = {COMPLETE: "#d9ead3", INCOMPLETE: "#fce5cd", UNKNOWN: "#eeeeee"}  # green, amber, grey


def status_styles(coverage: pd.DataFrame) -> pd.DataFrame:
    """CSS per cell for a Styler: the status column coloured by complete / incomplete / unknown."""
    styles = pd.DataFrame("", index=coverage.index, columns=coverage.columns)
    styles["status_label"] = [f"background-color: {STATUS_COLOURS[s]}; color: #222" for s in coverage["status"]]
    return styles


def evidence_html(dataset: Dataset, lang: str) -> str:
    """The evidence levels as a definition list: label, code, rows in projects.csv, meaning (escaped)."""
    items = []
    for row in evidence_table(dataset, lang).itertuples(index=False):
        count = esc(i18n.t("raw_rows", lang, n=row.rows))
        items.append(f"<dt>{esc(row.label)} <code>{esc(row.evidence)}</code> "
                     f'<span class="c2c-muted">({count})</span></dt><dd>{esc(row.meaning)}</dd>')
    return ('<dl class="c2c-evidence">' + "".join(items) + "</dl><style>.c2c-evidence dt{font-weight:600;"
            "margin-top:.5rem}.c2c-evidence dd{margin:0 0 .3rem 1.2rem;line-height:1.6}"
            ".c2c-evidence .c2c-muted{opacity:.7;font-weight:400}</style>")


def evidence_table(dataset: Dataset, lang: str) -> pd.DataFrame:
    counts = dataset.projects["evidence"].value_counts()
    notes = dataset.notes.get("evidence_levels")
    meanings = {} if notes is None else {r["evidence"]: _note_text(r, "meaning", lang) for _, r in notes.iterrows()}
    rows = [{"evidence": level, "label": i18n.t(f"evidence_{level}", lang),
             "meaning": meanings.get(level, ""), "rows": int(counts.get(level, 0))}
            for level in schema.EVIDENCE_LEVELS]
    return pd.DataFrame(rows, columns=["evidence", "label", "meaning", "rows"])


# The research notes live in data/notes/*.csv (both languages), validated with the rest of the data.

def _note_text(record, field: str, lang: str) -> str:
    own, other = (f"{field}_ja", f"{field}_en") if _lang(lang) == "ja" else (f"{field}_en", f"{field}_ja")
    return _text(record.get(own)).strip() or _text(record.get(other)).strip()


def contradictions(dataset: Dataset, lang: str) -> list[tuple[str, str]]:
    notes = dataset.notes.get("contradictions")
    if notes is None:
        return []
    return [(_note_text(r, "topic", lang), _note_text(r, "text", lang)) for _, r in notes.iterrows()]


def contradictions_html(dataset: Dataset, lang: str) -> str:
    separator = i18n.colon(lang)
    items = "".join(f"<li><b>{esc(topic)}</b>{separator}{esc(text)}</li>"
                    for topic, text in contradictions(dataset, lang))
    return (f'<ul class="c2c-list">{items}</ul><style>.c2c-list{{margin:0 0 .5rem 0;padding-left:1.2rem}}'
            ".c2c-list li{margin:0 0 .45rem 0;line-height:1.6}</style>")


UNLINKED_KIND_KEYS = {"one_sided": "unlinked_one_sided", "derived_pairing": "unlinked_derived_pairing",
                      "weak": "unlinked_weak", "contradicted": "unlinked_contradicted"}
UNLINKED_COLUMNS = ["fiscal_year", "kind", "kind_label", "jp", "partner", "reason", "source", "contradicted_by", "url"]


def _citations_text(dataset: Dataset, cell: object, lang: str) -> tuple[str, list[str]]:
    """A source_refs cell as one line of citations, and the http(s) links among them."""
    cites = [citation(dataset.sources, ref, lang) for ref in schema.split_list(_text(cell))]
    return (i18n.t("citation_separator", lang).join(c.text for c in cites),
            [u for u in (safe_url(c.url) for c in cites) if u])


def unlinked_table(dataset: Dataset, lang: str) -> pd.DataFrame:
    """data/notes/unlinked.csv for display: year, why it is not a link (its kind and its reason in the reader's
    language), both sides, the citations (and what contradicts it) and a link."""
    notes = dataset.notes.get("unlinked")
    rows = []
    for _, r in (notes if notes is not None else pd.DataFrame()).iterrows():
        source, urls = _citations_text(dataset, r.get("source"), lang)
        contradicted_by, _ = _citations_text(dataset, r.get("contradicted_by"), lang)
        kind = _text(r.get("kind"))
        rows.append({"fiscal_year": r["fiscal_year"], "kind": kind,
                     "kind_label": i18n.t(UNLINKED_KIND_KEYS[kind], lang) if kind in UNLINKED_KIND_KEYS else kind,
                     "jp": _note_text(r, "jp", lang), "partner": _note_text(r, "partner", lang),
                     "reason": note_text(r, lang), "source": source, "contradicted_by": contradicted_by,
                     "url": urls[0] if urls else None})
    table = pd.DataFrame(rows, columns=UNLINKED_COLUMNS)
    table["fiscal_year"] = table["fiscal_year"].astype("Int64")
    return table


SOURCE_KIND_KEYS = {"publication": "source_kind_publication", "press release": "source_kind_press_release",
                    "municipal page": "source_kind_municipal_page", "news": "source_kind_news",
                    "mirror": "source_kind_mirror"}


def source_table(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Every source of sources.csv as a citation, with its kind, link and the rows that cite it.

    ``url`` is the source's address when it is http(s) (the page links it). An original that is cited only
    through its mirrors counts the mirrors' rows.
    """
    cited_by: dict[str, list[str]] = {sid: [] for sid in dataset.sources.index}
    counts: dict[str, dict[str, int]] = {sid: {"projects_rows": 0, "fiscal_years_rows": 0, "notes_rows": 0}
                                         for sid in dataset.sources.index}

    def cite(cell: str, column: str, ref: str) -> None:
        for source_id in dict.fromkeys(schema.split_source_ref(r)[0] for r in schema.split_list(_text(cell))):
            if source_id in counts:
                counts[source_id][column] += 1
                cited_by[source_id].append(ref)

    for project_id, cell in dataset.projects["source"].items():
        cite(cell, "projects_rows", str(project_id))
    for year, cell in dataset.fiscal_years["source"].items():
        cite(cell, "fiscal_years_rows", f"fiscal_years FY{int(year)}")
    unlinked = dataset.notes.get("unlinked")
    if unlinked is not None:
        for _, r in unlinked.iterrows():
            cite(_text(r["source"]) + ";" + _text(r.get("contradicted_by")), "notes_rows",
                 f"unlinked FY{int(r['fiscal_year'])}")
    rows = []
    for source_id, record in dataset.sources.iterrows():
        refs = cited_by[source_id]
        shown = ", ".join(refs[:8]) + (f", … (+{len(refs) - 8})" if len(refs) > 8 else "")
        kind = _text(record["kind"])
        rows.append({"id": str(source_id), "citation": citation(dataset.sources, str(source_id), lang).text,
                     "kind": kind, "kind_label": i18n.t(SOURCE_KIND_KEYS[kind], lang),
                     "url": safe_url(_text(record["url"])), **counts[source_id],
                     "total_rows": sum(counts[source_id].values()), "cited_by": shown})
    table = pd.DataFrame(rows, columns=["id", "citation", "kind", "kind_label", "url", "projects_rows",
                                        "fiscal_years_rows", "notes_rows", "total_rows", "cited_by"])
    return table.sort_values(["total_rows", "citation"], ascending=[False, True], ignore_index=True)


def raw_files(data_dir: str | Path) -> list[Path]:
    """The dataset's CSV files as they sit in the data directory (the ones that exist)."""
    directory = Path(data_dir)
    return [directory / spec.filename for spec in schema.ALL_FILES if (directory / spec.filename).is_file()]


def row_counts(dataset: Dataset) -> dict[str, int]:
    """Data rows per file, as loaded."""
    counts = {"countries.csv": len(dataset.countries), "cities.csv": len(dataset.cities),
              "projects.csv": len(dataset.projects), "fiscal_years.csv": len(dataset.fiscal_years),
              "sources.csv": len(dataset.sources)}
    counts.update({spec.filename: len(dataset.notes.get(Path(spec.filename).stem, ())) for spec in schema.NOTES_FILES})
    return counts
