"""Bilingual text: UI strings and the language-aware names of places, countries and projects.

Japanese is the default. English falls back to Japanese wherever the data has no English text, and says so.
"""

from __future__ import annotations

from typing import Mapping

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"ja": "C2C アトラス：脱炭素社会実現のための都市間連携事業", "en": "C2C Atlas: City-to-City Collaboration for Zero-Carbon Society"},
    "app_short": {"ja": "C2C アトラス", "en": "C2C Atlas"},
    "page_map": {"ja": "ネットワーク地図", "en": "Network map"},
    "page_projects": {"ja": "事業一覧", "en": "Projects"},
    "page_countries": {"ja": "国・自治体別", "en": "Countries & municipalities"},
    "page_sources": {"ja": "データと出典", "en": "Data & sources"},
    "language": {"ja": "言語 / Language", "en": "言語 / Language"},
    "filters": {"ja": "絞り込み", "en": "Filters"},
    "fiscal_year": {"ja": "年度", "en": "Fiscal year"},
    "fy_mode": {"ja": "年度の指定", "en": "Fiscal years"},
    "fy_all": {"ja": "全年度", "en": "All years"},
    "fy_single": {"ja": "単年度", "en": "One year"},
    "fy_range": {"ja": "期間", "en": "Range"},
    "include_undated": {"ja": "年度不明の参加リスト上の連携を表示", "en": "Show undated participation-list links"},
    "include_undated_help": {"ja": "2013〜2022年度の参加都市リストにあるが、どの資料にも年度が書かれていない組み合わせです（全年度表示のときのみ）。",
                             "en": "Pairs on the brochure's FY2013–FY2022 participation list that no source dates (all-years view only)."},
    "countries": {"ja": "国", "en": "Countries"},
    "jp_municipalities": {"ja": "日本の自治体", "en": "Japanese municipalities"},
    "search": {"ja": "検索（地名・事業名）", "en": "Search (places, titles)"},
    "place": {"ja": "地点で絞り込み", "en": "Focus on a place"},
    "place_none": {"ja": "（すべて）", "en": "(all)"},
    "clear_place": {"ja": "地点の絞り込みを解除", "en": "Clear place focus"},
    "basemap": {"ja": "背景地図", "en": "Base map"},
    "basemap_offline": {"ja": "オフライン（Natural Earth）", "en": "Offline (Natural Earth)"},
    "basemap_osm": {"ja": "OpenStreetMap（要インターネット）", "en": "OpenStreetMap (needs internet)"},
    "basemap_positron": {"ja": "CartoDB Positron（要インターネット）", "en": "CartoDB Positron (needs internet)"},
    "jcm_layer": {"ja": "JCMパートナー国を着色", "en": "Shade JCM partner countries"},
    "fit": {"ja": "選択範囲に合わせる", "en": "Fit to selection"},
    "metric_countries": {"ja": "国", "en": "Countries"},
    "metric_partner_places": {"ja": "パートナー都市・地域", "en": "Partner cities/regions"},
    "metric_jp": {"ja": "日本の自治体", "en": "Japanese municipalities"},
    "metric_projects": {"ja": "事業（年度別）", "en": "Projects (per year)"},
    "metric_links": {"ja": "連携ペア", "en": "City pairs"},
    "coverage_line": {"ja": "{year}年度：採択 {official} 件のうち {known} 件がデータにあります。",
                      "en": "FY{year}: {known} of {official} adopted projects are in the data."},
    "coverage_unknown": {"ja": "{year}年度：公式の採択件数は不明です（データには {known} 件）。",
                         "en": "FY{year}: the official number of adopted projects is unknown ({known} in the data)."},
    "incomplete_year": {"ja": "この年度のデータは不完全です。表示されていない事業があります。",
                        "en": "This year is incomplete in the data: some projects are not shown."},
    "incomplete_any": {"ja": "2022年度以外はどの年度も事業単位のデータが不完全です。",
                       "en": "No fiscal year other than FY2022 is complete at project level."},
    "ignored_param": {"ja": "URL の値 {name}={value} は無効なので無視しました。", "en": "Ignored the invalid URL value {name}={value}."},
    "legend_title": {"ja": "凡例", "en": "Legend"},
    "legend_jp": {"ja": "日本の自治体", "en": "Japanese municipality"},
    "legend_partner": {"ja": "パートナー都市・地域", "en": "Partner city/region"},
    "legend_dated": {"ja": "年度が分かる事業", "en": "Dated project"},
    "legend_undated": {"ja": "参加リストのみ（年度不明）", "en": "Participation list only (undated)"},
    "legend_weight": {"ja": "線の太さ＝事業数、円の大きさ＝連携数", "en": "Line width = projects, circle size = links"},
    "legend_jcm": {"ja": "JCMパートナー国", "en": "JCM partner country"},
    "disclaimer": {"ja": "本地図上の境界・名称は、いかなる国・地域の法的地位についての見解を示すものではありません。",
                   "en": "Boundaries and names on this map do not imply any opinion on the legal status of any country or territory."},
    "source_line": {"ja": "出典：環境省「脱炭素社会実現のための都市間連携事業」2022年度パンフレットほか（C2C アトラス）",
                    "en": "Source: MOE Japan, City-to-City Collaboration brochure FY2022 and other cited sources (C2C Atlas)"},
    "popup_years": {"ja": "年度", "en": "Fiscal years"},
    "popup_lead": {"ja": "代表事業者", "en": "Lead"},
    "popup_undated": {"ja": "参加リスト（年度不明）", "en": "Participation list (undated)"},
    "popup_more": {"ja": "事業一覧で見る", "en": "Open in the project list"},
    "popup_projects_n": {"ja": "事業 {n} 件", "en": "{n} project(s)"},
    "popup_links_n": {"ja": "連携 {n} 件", "en": "{n} link(s)"},
    "no_title": {"ja": "（資料に事業名の記載なし）", "en": "(no title in the source)"},
    "no_links": {"ja": "この条件に合う連携はありません。", "en": "No links match these filters."},
    "data_error": {"ja": "データファイルに問題があります。前回正常に読み込めたデータを表示しています。",
                   "en": "The data files have problems. Showing the last data that loaded correctly."},
    "data_error_none": {"ja": "データファイルに問題があるため表示できません。", "en": "The data files have problems and cannot be shown."},
    "evidence_listed": {"ja": "記載あり", "en": "Listed"},
    "evidence_narrative": {"ja": "推定（記述から）", "en": "Narrative (inferred)"},
    "evidence_participation_list": {"ja": "参加リストのみ", "en": "Participation list"},
    "timeline": {"ja": "年度を再生（タイムライン）", "en": "Play through the years (timeline)"},
    "timeline_help": {"ja": "年度ごとにネットワークが広がる様子を地図上で再生します。その年度の連携を強調表示します。年度不明の連携は表示しません。",
                      "en": "Plays the network growing year by year on the map, highlighting each year's links. Undated links are not shown."},
    "timeline_year": {"ja": "{year}年度", "en": "FY{year}"},
    "timeline_play": {"ja": "再生／一時停止", "en": "Play / pause"},
    "timeline_prev": {"ja": "前の年度", "en": "Previous year"},
    "timeline_next": {"ja": "次の年度", "en": "Next year"},
    "timeline_first": {"ja": "最初の年度", "en": "First year"},
    "legend_highlight": {"ja": "表示中の年度の事業", "en": "Links of the year shown"},
    "presentation_help": {"ja": "サイドバーやメニューを隠し、文字と数字を大きくして地図を画面いっぱいに表示します。",
                          "en": "Hides the sidebar and menus, enlarges text and numbers, and gives the map the screen."},
    "exit_presentation": {"ja": "プレゼンテーションモードを終了", "en": "Exit presentation mode"},
    "presentation": {"ja": "プレゼンテーションモード", "en": "Presentation mode"},
    "choose": {"ja": "選択してください", "en": "Choose"},
    "export_programme": {"ja": "脱炭素社会実現のための都市間連携事業", "en": "City-to-City Collaboration for Zero-Carbon Society"},
    "export_fy_single": {"ja": "{year}年度", "en": "FY{year}"},
    "export_fy_range": {"ja": "{start}〜{end}年度", "en": "FY{start}–FY{end}"},
    "export_filter_place": {"ja": "地点", "en": "Place"},
    "export_filter_search": {"ja": "検索語", "en": "Search"},
    "export_filter_project": {"ja": "事業", "en": "Project"},
    "export_more": {"ja": "ほか{n}件", "en": "+{n} more"},
    "export_numbers": {"ja": "主な数値", "en": "Key figures"},
    "export_html_hint": {"ja": "線や円をクリックすると詳細が表示されます。", "en": "Click a line or a circle for details."},
    "downloads": {"ja": "ダウンロード", "en": "Downloads"},
    "download_png": {"ja": "スライド用画像（PNG）", "en": "Slide image (PNG)"},
    "download_png_help": {"ja": "1920×1080 ピクセル。現在の絞り込み条件の地図に、主な数値・凡例・出典・注記を添えた画像です。",
                          "en": "1920×1080 pixels: the map for the current filters with key figures, legend, source and disclaimer."},
    "download_html": {"ja": "地図（HTML、オフライン可）", "en": "Map (HTML, works offline)"},
    "download_html_help": {"ja": "1つのファイルで完結する操作可能な地図です。インターネットに接続していなくても開けます。",
                           "en": "One self-contained file with the interactive map; it opens without an internet connection."},
    "download_csv": {"ja": "事業一覧（CSV）", "en": "Project list (CSV)"},
    "download_csv_help": {"ja": "選択中の事業を1行1件で出力します。UTF-8（BOM付き）なので Excel でそのまま開けます。",
                          "en": "One row per selected project. UTF-8 with BOM, so Excel opens it directly."},
    "japan": {"ja": "日本", "en": "Japan"},
}


def t(key: str, lang: str, **values: object) -> str:
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def pick(record: Mapping[str, object], field: str, lang: str) -> str:
    """``record[field_en]`` in English when it is filled in, else ``record[field_ja]``."""
    english = str(record.get(f"{field}_en") or "").strip()
    japanese = str(record.get(f"{field}_ja") or "").strip()
    if lang == "en" and english:
        return english
    return japanese or english


def place_label(city: Mapping[str, object], lang: str) -> str:
    return pick(city, "name", lang)


def bilingual_place_label(city: Mapping[str, object], lang: str) -> str:
    """Both names, the chosen language first: the tooltips show both so that either reader can find a place."""
    first, second = (city["name_en"], city["name_ja"]) if lang == "en" else (city["name_ja"], city["name_en"])
    return f"{first} / {second}" if second and second != first else str(first)


def project_title(project: Mapping[str, object], lang: str) -> str:
    title = pick(project, "title", lang)
    return title or t("no_title", lang)
