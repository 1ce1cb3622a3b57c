"""The map's data: selected links aggregated into one GeoJSON line per city pair, and one node per place.

Pure Python (no folium, no streamlit). The map, the standalone HTML export and the PNG export all draw from
:func:`build_network`, so they show the same lines.

Layers are plain GeoJSON FeatureCollections, one per kind (dated lines, undated lines, nodes): the browser draws
each with a single Leaflet layer, which is what keeps 10,000 links cheap (see bench/).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from c2c.core.dataset import Dataset
from c2c.text import i18n
from c2c.text.datanotes import line_basis
from c2c.text.htmlsafe import esc
from geo.geometry import great_circle_points, to_display_lon

# Keys inside feature properties are short on purpose: they are repeated once per feature in the payload.
# j/q: Japanese/partner place id, n: dated project count, y: fiscal years, t: tooltip, p: popup HTML,
# i: place id, s: side ("j" or "p"), d: links of the place in the selection, u: undated (0/1).
# t and p are HTML (Leaflet sets tooltip and popup strings as innerHTML): every data text in them is escaped.


@dataclass
class NetworkLayers:
    dated_lines: dict[str, Any]
    undated_lines: dict[str, Any]
    nodes: dict[str, Any]
    bounds: list[list[float]] | None = None  # [[south, west], [north, east]] in display longitudes

    @property
    def line_count(self) -> int:
        return len(self.dated_lines["features"]) + len(self.undated_lines["features"])

    def pairs(self) -> set[tuple[str, str]]:
        return {(f["properties"]["j"], f["properties"]["q"])
                for f in self.dated_lines["features"] + self.undated_lines["features"]}


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=65536)
def arc_coordinates(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[tuple[float, float], ...]:
    """GeoJSON [lon, lat] positions of the great circle, unwrapped so it never jumps across the map."""
    return tuple((lon, lat) for lat, lon in great_circle_points(lat1, lon1, lat2, lon2))


def project_link(project_id: str, lang: str, link_base: str) -> str:
    from urllib.parse import quote

    return f"{link_base}projects?project={quote(project_id, safe='')}&amp;lang={lang}"


def _pair_popup_html(jp: Mapping[str, Any], partner: Mapping[str, Any], country: str,
                     projects: Iterable[tuple[Any, Mapping[str, Any]]], lang: str, link_base: str) -> str:
    head = (f'<div class="c2c-popup"><b>{esc(i18n.place_label(jp, lang))} – {esc(i18n.place_label(partner, lang))}'
            f'</b> <span class="c2c-country">({esc(country)})</span>')
    items = []
    for project_id, project in projects:
        if pd.isna(project["fiscal_year"]):
            year = esc(i18n.t("popup_undated", lang))
        else:
            year = f"FY{int(project['fiscal_year'])}"
        title = esc(i18n.project_title(project, lang))
        lead = i18n.pick(project, "lead_org", lang)
        lead_html = f'<br><span class="c2c-lead">{esc(i18n.t("popup_lead", lang))}: {esc(lead)}</span>' if lead else ""
        link = project_link(str(project_id), lang, link_base)
        items.append(f'<li><span class="c2c-fy">{year}</span> <a href="{link}" target="_top">{title}</a>{lead_html}</li>')
    return head + '<ul class="c2c-projects">' + "".join(items) + "</ul></div>"


def _node_popup_html(place: Mapping[str, Any], country: str, names_html: str, n: int, lang: str) -> str:
    return (f'<div class="c2c-popup"><b>{esc(i18n.bilingual_place_label(place, lang))}</b>'
            f' <span class="c2c-country">({esc(country)})</span><br>'
            f'{esc(i18n.t("popup_links_n", lang, n=n))}: {names_html}</div>')


# Columns the popups and tooltips read, as plain dicts per id, built once per dataset: looking rows up one by one
# with DataFrame.loc cost ~1.6 ms per line (10,000 lines took 16 s, see bench/README.md), and even one .loc per
# rerun was half of the map's server time on the real data.
_CITY_COLUMNS = ("name_ja", "name_en", "side", "country_code", "lat", "lon")
_PROJECT_COLUMNS = ("fiscal_year", "title_ja", "title_en", "title_status", "lead_org_ja", "lead_org_en")


def _records(dataset: Dataset, table: str, columns: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    def compute() -> dict[str, dict[str, Any]]:
        frame = getattr(dataset, table)
        return frame[[c for c in columns if c in frame.columns]].to_dict("index")

    return dataset.derived(("records", table, columns), compute)


def _sorted_projects(project_ids: list[str], records: dict[str, dict[str, Any]]) -> list[tuple[str, Mapping[str, Any]]]:
    """The pair's projects by fiscal year (a stable sort: rows of the same year keep their order), undated last."""
    dated = [p for p in project_ids if not pd.isna(records[p]["fiscal_year"])]
    undated = [p for p in project_ids if pd.isna(records[p]["fiscal_year"])]
    dated.sort(key=lambda p: int(records[p]["fiscal_year"]))
    return [(p, records[p]) for p in dated + undated]


def _link_columns(links: pd.DataFrame):
    """The link table as plain lists, and the rows of each pair in order of first appearance (as
    drop_duplicates() orders them): both builders aggregate per pair from these."""
    jp_col = links["jp_id"].tolist()
    partner_col = links["partner_id"].tolist()
    project_col = links["project_id"].tolist()
    year_col = [None if pd.isna(y) else int(y) for y in links["fiscal_year"].tolist()]
    pair_rows: dict[tuple[str, str], list[int]] = {}
    for row, pair in enumerate(zip(jp_col, partner_col)):
        pair_rows.setdefault(pair, []).append(row)
    return jp_col, partner_col, project_col, year_col, pair_rows


def build_network(dataset: Dataset, links: pd.DataFrame, lang: str = "ja", link_base: str = "/") -> NetworkLayers:
    """Aggregate selected link rows into map layers (one line per Japanese-partner pair, sorted by pair)."""
    jp_col, partner_col, project_col, year_col, pair_rows = _link_columns(links)

    cities = _records(dataset, "cities", _CITY_COLUMNS)
    projects = _records(dataset, "projects", _PROJECT_COLUMNS)
    country_labels: dict[str, str] = {}

    def country_of(place: Mapping[str, Any]) -> str:
        code = str(place["country_code"])
        if code not in country_labels:
            country_labels[code] = i18n.country_name(dataset, code, lang)
        return country_labels[code]

    dated_features: list[dict[str, Any]] = []
    undated_features: list[dict[str, Any]] = []
    for jp_id, partner_id in sorted(pair_rows):
        rows = pair_rows[(jp_id, partner_id)]
        jp = cities[jp_id]
        partner = cities[partner_id]
        project_ids = list(dict.fromkeys(project_col[r] for r in rows))
        years = sorted({year_col[r] for r in rows if year_col[r] is not None})
        dated_count = len({project_col[r] for r in rows if year_col[r] is not None})
        country = country_of(partner)
        tooltip = f"{i18n.place_label(jp, lang)} – {i18n.place_label(partner, lang)} ({country})"
        if years:
            tooltip += " · " + ", ".join(f"FY{y}" for y in years)
        popup = _pair_popup_html(jp, partner, country, _sorted_projects(project_ids, projects),
                                 lang, link_base)
        feature = {
            "type": "Feature",
            "geometry": {"type": "LineString",
                         "coordinates": arc_coordinates(float(jp["lat"]), float(jp["lon"]),
                                                        float(partner["lat"]), float(partner["lon"]))},
            "properties": {"j": jp_id, "q": partner_id, "n": dated_count, "y": years, "u": 0 if years else 1,
                           "t": esc(tooltip), "p": popup},
        }
        (dated_features if years else undated_features).append(feature)

    node_features: list[dict[str, Any]] = []
    lats: list[float] = []
    lons: list[float] = []
    neighbours: dict[str, list[str]] = {}
    for jp_id, partner_id in pair_rows:
        neighbours.setdefault(jp_id, []).append(partner_id)
        neighbours.setdefault(partner_id, []).append(jp_id)
    name_html: dict[str, str] = {}
    for place_id in sorted(neighbours):
        place = cities[place_id]
        lat, lon = float(place["lat"]), to_display_lon(float(place["lon"]))
        lats.append(lat)
        lons.append(lon)
        country = country_of(place)
        tooltip = f"{i18n.bilingual_place_label(place, lang)} · {country}"
        partners = sorted(neighbours[place_id])
        for p in partners:
            if p not in name_html:
                name_html[p] = esc(i18n.place_label(cities[p], lang))
        node_features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": (round(lon, 5), round(lat, 5))},
            "properties": {"i": place_id, "s": "j" if place["side"] == "japan" else "p",
                           "d": len(neighbours[place_id]), "t": esc(tooltip),
                           "p": _node_popup_html(place, country, ", ".join(name_html[p] for p in partners),
                                                 len(partners), lang)},
        })
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]] if lats else None
    return NetworkLayers(_collection(dated_features), _collection(undated_features), _collection(node_features),
                         bounds)


def _line_basis(dataset: Dataset, project_ids: Iterable[str], jp_id: str, partner_id: str,
                lang: str) -> dict[str, list[str]]:
    """For a line that rests on a title word or a header's parenthetical (notes/line_basis.csv): its short labels
    (``basis``, for the tooltip) and notes (``basis_notes``, for the popup). Empty for every other line, so the
    payload grows only by the lines that have one."""
    bases = line_basis(dataset, lang)
    found = [bases[(pid, jp_id, partner_id)] for pid in project_ids if (pid, jp_id, partner_id) in bases]
    if not found:
        return {}
    return {"basis": list(dict.fromkeys(label for label, _ in found)),
            "basis_notes": list(dict.fromkeys(note for _, note in found if note))}


# ---- the map's compact payload -------------------------------------------------------------------------------
# The rich layers above carry pre-rendered HTML and densified arcs for every line: ~1.8 kB per line, which made
# the payload only 0.63x the naive approach's at 10,000 links (bench/README.md). The map instead receives
# normalised tables (places, countries, projects once each; lines as indices) and builds arcs, tooltips and
# popups in the browser (c2c/mapview.py NETWORK_JS), escaping every text there. The PNG export keeps using the
# rich layers, whose arcs come from the same great-circle rules (geo/geometry.py).


@dataclass
class CompactNetwork:
    payload: dict[str, Any]
    bounds: list[list[float]] | None = None

    @property
    def line_count(self) -> int:
        return len(self.payload["lines"])

    def pairs(self) -> set[tuple[str, str]]:
        places = self.payload["places"]
        return {(places[line["jp"]]["id"], places[line["partner"]]["id"]) for line in self.payload["lines"]}


def build_compact_network(dataset: Dataset, links: pd.DataFrame, lang: str = "ja",
                          link_base: str | None = "/", by_year: bool = False) -> CompactNetwork:
    """The selected links as normalised tables for the map (see the note above). ``link_base=None`` makes the
    popups' project titles plain text (the standalone export, where links into the app would be dead).
    ``by_year``: the map will show one year at a time of these links (the year pick in c2c-map.js), so a line of
    several years that rests on a title word says so per year (``basis_by_year``)."""
    jp_col, partner_col, project_col, year_col, pair_rows = _link_columns(links)

    place_ids = sorted(set(jp_col) | set(partner_col))
    cities = _records(dataset, "cities", _CITY_COLUMNS)
    projects = _records(dataset, "projects", _PROJECT_COLUMNS)

    country_index: dict[str, int] = {}
    countries: list[str] = []
    places: list[dict[str, Any]] = []
    place_index: dict[str, int] = {}
    for place_id in place_ids:
        place = cities[place_id]
        code = str(place["country_code"])
        if code not in country_index:
            country_index[code] = len(countries)
            countries.append(i18n.country_name(dataset, code, lang))
        place_index[place_id] = len(places)
        places.append({"id": place_id, "lat": round(float(place["lat"]), 5),
                       "lon": round(to_display_lon(float(place["lon"])), 5), "side": place["side"],
                       "name": i18n.place_label(place, lang), "label": i18n.bilingual_place_label(place, lang),
                       "country": country_index[code]})

    project_index: dict[str, int] = {}
    project_rows: list[dict[str, Any]] = []

    def project_ref(project_id: str, record: Mapping[str, Any]) -> int:
        if project_id not in project_index:
            project_index[project_id] = len(project_rows)
            year = None if pd.isna(record["fiscal_year"]) else int(record["fiscal_year"])
            project_rows.append({"id": project_id, "year": year, "title": i18n.project_title(record, lang),
                                 "lead": i18n.pick(record, "lead_org", lang)})
        return project_index[project_id]

    lines: list[dict[str, Any]] = []
    for jp_id, partner_id in sorted(pair_rows):
        rows = pair_rows[(jp_id, partner_id)]
        ids = list(dict.fromkeys(project_col[r] for r in rows))
        years = sorted({year_col[r] for r in rows if year_col[r] is not None})
        count = len({project_col[r] for r in rows if year_col[r] is not None})
        refs = [project_ref(pid, record) for pid, record in _sorted_projects(ids, projects)]
        line = {"jp": place_index[jp_id], "partner": place_index[partner_id], "count": count, "years": years,
                "projects": refs}
        basis = _line_basis(dataset, ids, jp_id, partner_id, lang)
        line.update(basis)
        if by_year and basis and len(years) > 1:
            line["basis_by_year"] = {
                str(year): _line_basis(dataset, [pid for pid in ids if projects[pid]["fiscal_year"] == year],
                                       jp_id, partner_id, lang) for year in years}
        lines.append(line)

    payload = {
        "places": places, "countries": countries, "projects": project_rows, "lines": lines,
        "text": {"lang": lang, "link_base": link_base, "lead": i18n.t("popup_lead", lang),
                 "undated": i18n.t("popup_undated", lang), "links_n": i18n.t("popup_links_n", lang),
                 "more": i18n.t("map_more_lines", lang), "fy": i18n.t("export_fy_single", lang),
                 "sep": i18n.list_separator(lang)},
    }
    lats = [p["lat"] for p in places]
    lons = [p["lon"] for p in places]
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]] if places else None
    return CompactNetwork(payload, bounds)
