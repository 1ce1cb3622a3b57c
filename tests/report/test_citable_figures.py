"""Every figure citable on screen, in both languages (issue #18): the coverage table names the source of each
official count, notes and reasons are in the page's language, a paraphrased title says so, a line that rests on a
title word or a header's parenthetical says so (the map's payload: tests/map/test_line_basis_payload.py), and the
data's version is shown. Expected texts are read from the
data files directly."""

from __future__ import annotations

import csv

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, select_projects
from c2c.report import briefing
from c2c.text import i18n
from tests.conftest import SHIPPED_DATA


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def read(name):
    with (SHIPPED_DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_coverage_table_cites_every_official_count_and_has_notes_in_the_language(dataset, lang):
    table = briefing.coverage_table(dataset, lang).set_index("fiscal_year")
    for row in read("fiscal_years.csv"):
        shown = table.loc[int(row["fiscal_year"])]
        assert shown["notes"] == row["notes_ja" if lang == "ja" else "notes"]
        publishers = {s["id"]: s for s in read("sources.csv")}
        for ref in row["source"].split(";"):
            record = publishers[ref.split("#")[0]]
            if record["mirror_of"]:
                record = publishers[record["mirror_of"]]
            assert record[f"title_{lang}"] in shown["official_source"], (row["fiscal_year"], ref)
    assert table.loc[2017, "official_source_url"] == "http://www.eic.or.jp/news/?act=view&serial=38832&oversea=0"


def test_the_coverage_notes_are_japanese_on_the_japanese_page(dataset):
    notes = briefing.coverage_table(dataset, "ja")["notes"]
    assert notes.str.contains("公募|採択").sum() >= 10 and not notes.str.contains("call").any()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_latest_cumulative_figures_say_their_year_and_source(dataset, lang):
    text = briefing.latest_cumulative_text(dataset, lang)
    latest = max((r for r in read("fiscal_years.csv") if r["cumulative_countries"]), key=lambda r: int(r["fiscal_year"]))
    assert latest["cumulative_countries"] in text and latest["fiscal_year"] in text
    assert latest["cumulative_partner_places"] in text and latest["cumulative_jp_municipalities"] in text
    assert "ep-commons.com" in text or "環境省" in text or "Ministry" in text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_detail_shows_the_notes_in_the_language_and_what_a_line_rests_on(dataset, lang):
    rows = {r["project_id"]: r for r in read("projects.csv")}
    html = briefing.detail_html(briefing.project_detail(dataset, "fy2022-14", lang))
    note = next(r for r in read("notes/line_basis.csv") if r["partner_id"] == "th-bangkok")
    assert note[f"note_{lang}"].replace("(", "&#x27;")[:20] in html or note[f"note_{lang}"][:20] in html
    assert i18n.t("detail_line_basis", lang) in html
    assert html.count('class="c2c-basis"') == 1  # the Eastern Thailand line rests on the header itself
    html = briefing.detail_html(briefing.project_detail(dataset, "fy2017-kawasaki-jakarta", lang))
    assert rows["fy2017-kawasaki-jakarta"]["notes_ja" if lang == "ja" else "notes"][:30] in html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_paraphrased_title_is_marked_in_the_table_the_detail_and_the_picker(dataset, lang):
    marker = i18n.t("title_paraphrase", lang)
    table = briefing.projects_table(dataset, select_projects(dataset, Selection()), lang).set_index("project_id")
    for row in read("projects.csv"):
        if not row["fiscal_year"]:
            continue
        assert (marker in table.loc[row["project_id"], "title"]) == (row["title_status"] == "paraphrase")
    detail = briefing.detail_html(briefing.project_detail(dataset, "fy2020-fukuoka-yangon", lang))
    assert marker.replace("[", "").split()[0] in detail
    labels = briefing.project_option_labels(dataset, ["fy2018-osaka-quezon-1"], lang, limit=400)
    assert marker in labels["fy2018-osaka-quezon-1"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_version_and_the_changelog_are_shown(dataset, lang):
    as_of = read("version.csv")[0]["as_of"]
    assert as_of in briefing.version_text(dataset, lang)
    changes = briefing.changelog_table(dataset, lang)
    latest = read("changelog.csv")[-1]
    assert changes.iloc[0]["date"] == as_of
    assert changes.iloc[0]["change"] == latest[f"change_{lang}"] and changes.iloc[0]["reason"] == latest[f"reason_{lang}"]
    html = briefing.changelog_html(dataset, lang)
    assert f"<b>{as_of}</b>" in html and latest[f"reason_{lang}"][:25].replace('"', "&quot;") in html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_unlinked_reasons_and_contradicting_sources_are_shown(dataset, lang):
    table = briefing.unlinked_table(dataset, lang)
    contradicted = table[table["kind"] == "contradicted"]
    assert len(contradicted) == 4 and contradicted["contradicted_by"].str.len().gt(0).all()
    assert set(contradicted["kind_label"]) == {i18n.t("unlinked_contradicted", lang)}


def test_the_charts_of_official_figures_name_their_sources(dataset):
    """The Countries & municipalities page: each official bar and point carries its source (the chart tooltips)."""
    timeline = briefing.timeline_table(dataset, "en")
    official = timeline[timeline["series"] == i18n.t("series_official", "en")].set_index("fiscal_year")
    assert official.loc[2017, "source"] == "EIC Net (2017-04-14)"
    assert (timeline[timeline["series"] == i18n.t("series_in_data", "en")]["source"] == "").all()
    growth = briefing.growth_long(dataset, "ja")
    points = growth[growth["series"] == i18n.t("series_official_cum", "ja")]
    assert points["source"].str.len().gt(0).all()
    assert briefing.timeline_spec(["a", "b"], "n")["mark"]["tooltip"] == {"content": "data"}
