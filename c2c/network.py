"""The map's data: selected links aggregated into one GeoJSON line per city pair, and one node per place.

Pure Python (no folium, no streamlit). The map, the standalone HTML export and the PNG export all draw from
:func:`build_network`, so they show the same lines.

Layers are plain GeoJSON FeatureCollections, one per kind (dated lines, undated lines, nodes): the browser draws
each with a single Leaflet layer, which is what keeps 10,000 links cheap (see bench/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from c2c import i18n
from c2c.dataset import Dataset
from c2c.htmlsafe import esc
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
    place_by_tooltip: dict[str, str] = field(default_factory=dict)

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


def _country_label(dataset: Dataset, code: str, lang: str) -> str:
    if code in dataset.countries.index:
        return i18n.place_label(dataset.countries.loc[code], lang)
    return code


def _pair_popup(dataset: Dataset, jp: pd.Series, partner: pd.Series, rows: pd.DataFrame, lang: str,
                link_base: str) -> str:
    country = _country_label(dataset, str(partner["country_code"]), lang)
    head = (f'<div class="c2c-popup"><b>{esc(i18n.place_label(jp, lang))} – {esc(i18n.place_label(partner, lang))}'
            f'</b> <span class="c2c-country">({esc(country)})</span>')
    items = []
    for project_id, project in rows.iterrows():
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


def _node_popup(dataset: Dataset, place: pd.Series, partners: list[str], lang: str) -> str:
    country = _country_label(dataset, str(place["country_code"]), lang)
    names = ", ".join(esc(i18n.place_label(dataset.cities.loc[p], lang)) for p in partners)
    return (f'<div class="c2c-popup"><b>{esc(i18n.bilingual_place_label(place, lang))}</b>'
            f' <span class="c2c-country">({esc(country)})</span><br>'
            f'{esc(i18n.t("popup_links_n", lang, n=len(partners)))}: {names}</div>')


def node_tooltip(dataset: Dataset, place: pd.Series, lang: str) -> str:
    return f"{i18n.bilingual_place_label(place, lang)} · {_country_label(dataset, str(place['country_code']), lang)}"


def build_network(dataset: Dataset, links: pd.DataFrame, lang: str = "ja", link_base: str = "/") -> NetworkLayers:
    """Aggregate selected link rows into map layers (one line per Japanese-partner pair)."""
    cities = dataset.cities
    projects = dataset.projects
    dated_features: list[dict[str, Any]] = []
    undated_features: list[dict[str, Any]] = []
    for (jp_id, partner_id), group in links.groupby(["jp_id", "partner_id"], sort=True):
        jp = cities.loc[jp_id]
        partner = cities.loc[partner_id]
        rows = projects.loc[group["project_id"].unique()].sort_values("fiscal_year", na_position="last")
        years = sorted({int(y) for y in group["fiscal_year"].dropna()})
        dated_count = int(group.loc[group["fiscal_year"].notna(), "project_id"].nunique())
        country = _country_label(dataset, str(partner["country_code"]), lang)
        tooltip = f"{i18n.place_label(jp, lang)} – {i18n.place_label(partner, lang)} ({country})"
        if years:
            tooltip += " · " + ", ".join(f"FY{y}" for y in years)
        feature = {
            "type": "Feature",
            "geometry": {"type": "LineString",
                         "coordinates": arc_coordinates(float(jp["lat"]), float(jp["lon"]),
                                                        float(partner["lat"]), float(partner["lon"]))},
            "properties": {"j": jp_id, "q": partner_id, "n": dated_count, "y": years, "u": 0 if years else 1,
                           "t": esc(tooltip), "p": _pair_popup(dataset, jp, partner, rows, lang, link_base)},
        }
        (dated_features if years else undated_features).append(feature)

    node_features: list[dict[str, Any]] = []
    place_by_tooltip: dict[str, str] = {}
    lats: list[float] = []
    lons: list[float] = []
    pairs = links[["jp_id", "partner_id"]].drop_duplicates()
    neighbours: dict[str, list[str]] = {}
    for jp_id, partner_id in pairs.itertuples(index=False):
        neighbours.setdefault(jp_id, []).append(partner_id)
        neighbours.setdefault(partner_id, []).append(jp_id)
    for place_id in sorted(neighbours):
        place = cities.loc[place_id]
        lat, lon = float(place["lat"]), to_display_lon(float(place["lon"]))
        lats.append(lat)
        lons.append(lon)
        tooltip = node_tooltip(dataset, place, lang)
        place_by_tooltip[tooltip] = place_id
        node_features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": (round(lon, 5), round(lat, 5))},
            "properties": {"i": place_id, "s": "j" if place["side"] == "japan" else "p",
                           "d": len(neighbours[place_id]), "t": esc(tooltip),
                           "p": _node_popup(dataset, place, sorted(neighbours[place_id]), lang)},
        })
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]] if lats else None
    return NetworkLayers(_collection(dated_features), _collection(undated_features), _collection(node_features),
                         bounds, place_by_tooltip)
