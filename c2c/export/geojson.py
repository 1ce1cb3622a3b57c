"""The selection's lines and places as one GeoJSON FeatureCollection, for GIS users.

The same lines as the map (:func:`c2c.map.network.build_network`: one line per Japanese-partner pair, the great
circle densified and unwrapped across the Pacific as drawn), then one point per place. Longitudes are the map's
Pacific-centred ones (east of 180° they continue past 180, so a line to Chile does not jump across the world;
GIS tools read them as such, RFC 7946 allows it for lines that cross the antimeridian). Properties are ids,
names in both languages and counts, never HTML.
"""

from __future__ import annotations

import json

from c2c.core.dataset import Dataset
from c2c.core.selection import Selection, select_links
from c2c.map.network import build_network


def selection_geojson(dataset: Dataset, selection: Selection, lang: str = "ja") -> dict:
    links = select_links(dataset, selection)
    layers = build_network(dataset, links, lang)
    cities, countries = dataset.cities, dataset.countries

    def names(place_id: str) -> dict:
        return {"name_ja": str(cities.at[place_id, "name_ja"]), "name_en": str(cities.at[place_id, "name_en"])}

    features = []
    for kind, layer in (("dated", layers.dated_lines), ("undated", layers.undated_lines)):
        for line in layer["features"]:
            props = line["properties"]
            jp, partner = props["j"], props["q"]
            code = str(cities.at[partner, "country_code"])
            projects = sorted(set(links.loc[(links["jp_id"] == jp) & (links["partner_id"] == partner), "project_id"]))
            features.append({"type": "Feature", "id": f"{jp}~{partner}",
                             "geometry": {"type": "LineString", "coordinates": [list(c) for c in line["geometry"]["coordinates"]]},
                             "properties": {"kind": "pair", "jp_id": jp, "partner_id": partner,
                                            "jp_name_ja": names(jp)["name_ja"], "jp_name_en": names(jp)["name_en"],
                                            "partner_name_ja": names(partner)["name_ja"],
                                            "partner_name_en": names(partner)["name_en"], "country_code": code,
                                            "dated": kind == "dated", "projects": props["n"],
                                            "fiscal_years": list(props["y"]), "project_ids": projects}})
    for node in layers.nodes["features"]:
        place_id = node["properties"]["i"]
        code = str(cities.at[place_id, "country_code"])
        country = countries.loc[code] if code in countries.index else {}
        features.append({"type": "Feature", "id": place_id,
                         "geometry": {"type": "Point", "coordinates": list(node["geometry"]["coordinates"])},
                         "properties": {"kind": "place", "id": place_id, **names(place_id),
                                        "side": str(cities.at[place_id, "side"]), "place_kind": str(cities.at[place_id, "kind"]),
                                        "country_code": code, "country_name_ja": str(country.get("name_ja", "")),
                                        "country_name_en": str(country.get("name_en", "")),
                                        "links": node["properties"]["d"]}})
    return {"type": "FeatureCollection", "name": "c2c-atlas", "features": features}


def selection_geojson_bytes(dataset: Dataset, selection: Selection, lang: str = "ja") -> bytes:
    return json.dumps(selection_geojson(dataset, selection, lang), ensure_ascii=False, indent=None).encode("utf-8")
