"""Headline numbers and breakdowns for a selection. The dashboard and ``python -m c2c stats`` use the same code.

Definitions (also in data/README.md):
- links: distinct Japanese-partner pairs among the selected rows (a pair worked on in several years counts once);
- projects: selected project rows that are dated (one per project per fiscal year); undated participation-list
  links are links but not projects;
- partner_places / jp_municipalities: distinct places on each side of the selected links;
- countries: distinct partner countries (Japan is not counted).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from c2c.core.dataset import Dataset
from c2c.core.selection import Selection, select_links


def _dated_project_count(links: pd.DataFrame) -> int:
    return int(links.loc[links["fiscal_year"].notna(), "project_id"].nunique())


# The headline numbers in the order every view shows them: (key in headline(), i18n label key).
HEADLINE_METRICS = (("countries", "metric_countries"), ("partner_places", "metric_partner_places"),
                    ("jp_municipalities", "metric_jp"), ("projects", "metric_projects"), ("links", "metric_links"))


def headline(links: pd.DataFrame) -> dict[str, int]:
    return {
        "countries": int(links["country_code"].nunique()),
        "partner_places": int(links["partner_id"].nunique()),
        "jp_municipalities": int(links["jp_id"].nunique()),
        "projects": _dated_project_count(links),
        "links": int(links[["jp_id", "partner_id"]].drop_duplicates().shape[0]),
    }


def by_country(links: pd.DataFrame) -> dict[str, dict[str, int]]:
    result = {}
    for code, group in links.groupby("country_code", sort=True):
        result[str(code)] = {
            "partner_places": int(group["partner_id"].nunique()),
            "projects": _dated_project_count(group),
            "jp_municipalities": int(group["jp_id"].nunique()),
            "links": int(group[["jp_id", "partner_id"]].drop_duplicates().shape[0]),
        }
    return result


def by_municipality(links: pd.DataFrame) -> dict[str, dict[str, int]]:
    result = {}
    for jp_id, group in links.groupby("jp_id", sort=True):
        result[str(jp_id)] = {
            "partner_places": int(group["partner_id"].nunique()),
            "countries": int(group["country_code"].nunique()),
            "projects": _dated_project_count(group),
            "links": int(group[["jp_id", "partner_id"]].drop_duplicates().shape[0]),
        }
    return result


def compute_stats(dataset: Dataset, selection: Selection) -> dict[str, Any]:
    links = select_links(dataset, selection)
    stats: dict[str, Any] = headline(links)
    stats["by_country"] = by_country(links)
    return stats


def year_coverage(dataset: Dataset) -> pd.DataFrame:
    """Per fiscal year: dated project rows in the data against the official adopted count.

    ``complete`` is True only where the official count is known and the data has that many rows. Computed once
    per dataset (the map page asks on every rerun); each caller gets its own copy.
    """
    return dataset.derived("year_coverage", lambda: _year_coverage(dataset)).copy()


def _year_coverage(dataset: Dataset) -> pd.DataFrame:
    years = dataset.all_years
    projects = dataset.projects
    dated = projects[projects["fiscal_year"].notna()]
    counts = dated.groupby("fiscal_year").size()
    listed = dated[dated["evidence"] == "listed"].groupby("fiscal_year").size()
    rows = []
    for year in years:
        official = dataset.fiscal_years["adopted_official"].get(year, pd.NA) if year in dataset.fiscal_years.index \
            else pd.NA
        in_data = int(counts.get(year, 0))
        rows.append({
            "fiscal_year": year,
            "projects_in_data": in_data,
            "listed_in_data": int(listed.get(year, 0)),
            "adopted_official": None if pd.isna(official) else int(official),
            "complete": (not pd.isna(official)) and in_data >= int(official),
        })
    return pd.DataFrame(rows).set_index("fiscal_year")


def cumulative_growth(dataset: Dataset, include_undated: bool = False) -> pd.DataFrame:
    """Countries, partner places and Japanese municipalities seen in the data up to each fiscal year.

    Only dated links can be placed on a timeline, so this undercounts the official cumulative figures; the
    official ones are returned alongside for comparison.
    """
    links = dataset.links[dataset.links["fiscal_year"].notna()]
    rows = []
    for year in dataset.all_years:
        upto = links[links["fiscal_year"] <= year]
        official = dataset.fiscal_years.loc[year] if year in dataset.fiscal_years.index else None
        rows.append({
            "fiscal_year": year,
            "countries": int(upto["country_code"].nunique()),
            "partner_places": int(upto["partner_id"].nunique()),
            "jp_municipalities": int(upto["jp_id"].nunique()),
            "official_countries": None if official is None or pd.isna(official["cumulative_countries"])
            else int(official["cumulative_countries"]),
            "official_partner_places": None if official is None or pd.isna(official["cumulative_partner_places"])
            else int(official["cumulative_partner_places"]),
            "official_jp_municipalities": None if official is None
            or pd.isna(official["cumulative_jp_municipalities"]) else int(official["cumulative_jp_municipalities"]),
        })
    return pd.DataFrame(rows).set_index("fiscal_year")
