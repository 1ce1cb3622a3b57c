"""The map page's headline: the numbers in one compact line, and one line on how complete the data is."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from c2c.core.dataset import Dataset
from c2c.core.selection import ALL_YEARS, Selection, select_links
from c2c.core.stats import HEADLINE_METRICS
from c2c.export.captions import coverage_note
from c2c.text import i18n


def headline_markdown(numbers: dict[str, int], lang: str) -> str:
    return "　".join(f"**{numbers[key]:,}**\u00a0{i18n.tn(label, lang, numbers[key])}" for key, label in HEADLINE_METRICS)


def render_compact_headline(numbers: dict[str, int], lang: str) -> None:
    st.markdown(headline_markdown(numbers, lang), help=i18n.t("metric_projects_help", lang))


def undated_pairs_left_out(dataset: Dataset, selection: Selection, links: pd.DataFrame) -> int:
    """Undated (participation-list) pairs the other filters would show, left out because years are chosen."""
    if selection.fiscal_years.is_all or not selection.include_undated:
        return 0
    others = select_links(dataset, replace(selection, fiscal_years=ALL_YEARS))
    undated = others.loc[others["fiscal_year"].isna(), ["jp_id", "partner_id"]].drop_duplicates()
    shown = set(zip(links["jp_id"], links["partner_id"]))
    return sum(1 for pair in zip(undated["jp_id"], undated["partner_id"]) if pair not in shown)


def render_coverage_line(dataset: Dataset, selection: Selection, links: pd.DataFrame, lang: str,
                         timeline: bool = False) -> None:
    parts = [coverage_note(dataset, selection, lang)]
    left_out = undated_pairs_left_out(dataset, selection, links)
    if left_out:
        parts.append(i18n.tn("undated_left_out", lang, left_out))
    if timeline:
        parts.append(i18n.t("headline_timeline_note", lang))
    text = " ".join(p for p in parts if p)
    if text:
        st.caption(":material/info: " + text)
