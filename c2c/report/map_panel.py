"""What the map page shows under the map for a clicked pair, place or project: its projects in the selection."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from c2c.core.dataset import Dataset
from c2c.text import i18n


@dataclass(frozen=True)
class PanelContent:
    heading: str
    rows: pd.DataFrame  # project_id, fiscal_year, title, lead, partner (in the UI language), sorted by year


def _rows(dataset: Dataset, links: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = []
    for project_id, group in links.groupby("project_id", sort=False):
        project = dataset.projects.loc[project_id]
        year = project["fiscal_year"]
        partners = [i18n.place_name(dataset, p, lang) for p in dict.fromkeys(group["partner_id"])]
        rows.append({"project_id": str(project_id), "fiscal_year": None if pd.isna(year) else int(year),
                     "title": i18n.project_title(project, lang), "lead": i18n.pick(project, "lead_org", lang),
                     "partner": i18n.join(partners, lang)})
    frame = pd.DataFrame(rows, columns=["project_id", "fiscal_year", "title", "lead", "partner"])
    return frame.sort_values(["fiscal_year", "project_id"], na_position="last", kind="stable").reset_index(drop=True)


def panel_content(dataset: Dataset, links: pd.DataFrame, kind: str, code: str, lang: str) -> PanelContent | None:
    """The projects of the clicked item among ``links`` (the links on the map), or None for an unknown item."""
    if kind == "pair":
        jp, _, partner = code.partition("~")
        if jp not in dataset.cities.index or partner not in dataset.cities.index:
            return None
        chosen = links[(links["jp_id"] == jp) & (links["partner_id"] == partner)]
        country = i18n.country_name(dataset, str(dataset.cities.loc[partner, "country_code"]), lang)
        heading = i18n.t("panel_pair", lang, jp=i18n.place_name(dataset, jp, lang),
                         partner=i18n.place_name(dataset, partner, lang), country=country)
    elif kind == "place":
        if code not in dataset.cities.index:
            return None
        chosen = links[(links["jp_id"] == code) | (links["partner_id"] == code)]
        country = i18n.country_name(dataset, str(dataset.cities.loc[code, "country_code"]), lang)
        heading = i18n.t("panel_place", lang, place=i18n.place_name(dataset, code, lang), country=country)
    elif kind == "project":
        if code not in dataset.projects.index:
            return None
        chosen = links[links["project_id"] == code]
        heading = i18n.project_title(dataset.projects.loc[code], lang)
    else:
        return None
    return PanelContent(heading, _rows(dataset, chosen, lang))
