"""Bilingual text: UI strings and the language-aware names of places, countries and projects.

Japanese is the default. English falls back to Japanese wherever the data has no English text, and says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from c2c.dataset import Dataset

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"ja": "C2C アトラス：脱炭素社会実現のための都市間連携事業", "en": "C2C Atlas: City-to-City Collaboration for Zero-Carbon Society"},
    "app_short": {"ja": "C2C アトラス", "en": "C2C Atlas"},
    "projects_intro": {"ja": "サイドバーの絞り込みが適用されます。列見出しをクリックすると並べ替え、表の右上の虫眼鏡で表内を検索できます。行を選ぶと詳細を表示します。",
                       "en": "The sidebar filters apply. Click a column heading to sort; use the magnifier at the table's top right to search it. Select a row to see its details."},
    "projects_count": {"ja": "事業 {n} 件（1事業・1年度につき1行）", "en": "{n} project(s) (one row per project per fiscal year)"},
    "col_project_id": {"ja": "事業ID", "en": "Project ID"},
    "col_jp": {"ja": "日本の自治体", "en": "Japanese municipality"},
    "col_partners": {"ja": "パートナー都市・地域", "en": "Partner(s)"},
    "col_country": {"ja": "国", "en": "Country"},
    "col_title": {"ja": "事業名", "en": "Title"},
    "col_lead": {"ja": "代表事業者", "en": "Lead organisation"},
    "col_evidence": {"ja": "根拠", "en": "Evidence"},
    "col_sources": {"ja": "出典", "en": "Source(s)"},
    "col_source_link": {"ja": "出典リンク", "en": "Source link"},
    "col_notes": {"ja": "備考（英語）", "en": "Notes"},
    "undated_heading": {"ja": "年度不明の連携（参加リストのみ）", "en": "Undated links (participation list only)"},
    "undated_note": {"ja": "2013〜2022年度の参加都市リストにあるものの、年度の分かる資料がない組み合わせ {n} 件です。事業数には数えていません。",
                     "en": "{n} pair(s) on the FY2013–FY2022 participation list that no source dates: links, not projects, so not counted as projects."},
    "detail_heading": {"ja": "事業の詳細", "en": "Project details"},
    "detail_pick": {"ja": "詳細を表示する事業", "en": "Project to show"},
    "detail_none": {"ja": "（事業を選んでください）", "en": "(choose a project)"},
    "detail_hint": {"ja": "上で事業を選ぶか、下の表の行を選ぶと、概要・事業者・連携・年度・出典を表示します。",
                    "en": "Choose a project above, or select a row of the table below, to see its summary, implementers, links, years and sources."},
    "detail_outside": {"ja": "この事業は現在の絞り込み条件の外にあります（表には含まれていません）。",
                       "en": "This project is outside the current filters (it is not in the table)."},
    "detail_co": {"ja": "共同事業者", "en": "Joint implementers"},
    "co_japanese_only": {"ja": "", "en": "(as written in the Japanese source)"},
    "detail_links": {"ja": "連携（日本 – パートナー）", "en": "Links (Japan – partner)"},
    "detail_years": {"ja": "同じ組み合わせの年度", "en": "Years of the same pair(s)"},
    "detail_sources": {"ja": "出典", "en": "Sources"},
    "detail_goto": {"ja": "同じ組み合わせの他の行を表示：", "en": "Show another row of the same pair:"},
    "this_project": {"ja": "（この行）", "en": "(this row)"},
    "title_translation": {"ja": "（英題は当アトラスによる訳）", "en": "(our translation)"},
    "project_link_code": {"ja": "この事業へのリンク用コード", "en": "Code for a link to this project"},
    "project_link_caption": {"ja": "URL にこのコードを付けると、この事業の詳細を直接開けます：", "en": "Add this code to the URL to open this project directly:"},
    "download_pending": {"ja": "CSV ダウンロードは準備中です。", "en": "CSV download is not available yet."},
    "countries_intro": {"ja": "サイドバーの絞り込みが適用されます（年度別の推移を除く）。数え方は地図と同じです。",
                        "en": "The sidebar filters apply (except to the fiscal-year timeline). Counts are defined as on the map."},
    "by_country_heading": {"ja": "国別", "en": "By country"},
    "by_municipality_heading": {"ja": "日本の自治体別", "en": "By Japanese municipality"},
    "col_code": {"ja": "コード", "en": "Code"},
    "col_n_projects": {"ja": "事業", "en": "Projects"},
    "col_n_places": {"ja": "都市・地域", "en": "Places"},
    "col_n_jp": {"ja": "自治体", "en": "Munic."},
    "col_n_countries": {"ja": "国", "en": "Countries"},
    "col_n_links": {"ja": "ペア", "en": "Pairs"},
    "chart_count": {"ja": "件数", "en": "Count"},
    "timeline_heading": {"ja": "年度別の推移", "en": "Fiscal-year timeline"},
    "timeline_projects": {"ja": "データ上の事業数と公式の採択件数", "en": "Projects in the data against officially adopted projects"},
    "timeline_note": {"ja": "年度別の推移はプログラム全体の数値です。公式の数字は全体についてしか公表されていないため、サイドバーの絞り込みは適用していません。公式の採択件数が不明な年度は、データ上の件数だけを示しています。",
                      "en": "The timeline is for the whole programme: official figures exist only for the whole programme, so the sidebar filters do not apply. Where the official adopted count is unknown, only the data's count is shown."},
    "series_in_data": {"ja": "データ上の事業", "en": "Projects in the data"},
    "series_official": {"ja": "公式の採択件数", "en": "Officially adopted"},
    "domino_heading": {"ja": "脱炭素ドミノ：国・都市・自治体の累積の広がり", "en": "The decarbonisation domino: cumulative countries, places and municipalities"},
    "domino_note": {"ja": "実線（●）は、データ中の年度が分かる連携だけを年度順に積み上げたものです。年度不明の参加リスト上の連携は時系列に置けないため、公式の累計（破線と◆。各年度の最終公募の後に公表された数字）より少なくなります。パンフレットは2022年度までに13か国・45都市／地域としていますが、その参加リストで確認できるのは12か国・43か所です（「データと出典」ページ参照）。",
                    "en": "Solid lines (dots) add up only the data's dated links, year by year. Undated participation-list links cannot be placed on a timeline, so they fall below the official cumulative figures (dashed lines, diamonds; as announced after each year's last call). The brochure states 13 countries and 45 places up to FY2022, but its participation list names only 12 countries and 43 places (see Data & sources)."},
    "domino_legend": {"ja": "実線・● ＝ データ（年度の分かる連携）　　破線・◆ ＝ 公式の累計", "en": "Solid line, dots = data (dated links)　　Dashed line, diamonds = official cumulative"},
    "series_data_cum": {"ja": "データ（年度の分かる連携）", "en": "Data (dated links)"},
    "series_official_cum": {"ja": "公式の累計", "en": "Official cumulative"},
    "growth_table": {"ja": "累積の数値（表）", "en": "Cumulative figures (table)"},
    "col_official_suffix": {"ja": "（公式）", "en": " (official)"},
    "col_data_suffix": {"ja": "（データ）", "en": " (data)"},
    "sources_intro": {"ja": "このページはデータ全体を示します（サイドバーの絞り込みは適用しません）。",
                      "en": "This page covers the whole dataset (the sidebar filters do not apply)."},
    "coverage_heading": {"ja": "年度別の網羅状況", "en": "Coverage by fiscal year"},
    "coverage_explain": {"ja": "「完全」＝公式の採択件数が分かり、その全件がデータにある。「不完全」＝データの件数が公式の採択件数より少ない。「不明」＝公式の採択件数が分からない（すべての公募の結果がそろっていない）。",
                         "en": "Complete = the official adopted count is known and every project is in the data. Incomplete = the data has fewer projects than were adopted. Unknown = the official adopted count is not known (not every call's result was found)."},
    "status_complete": {"ja": "完全", "en": "Complete"},
    "status_incomplete": {"ja": "不完全", "en": "Incomplete"},
    "status_unknown": {"ja": "不明", "en": "Unknown"},
    "col_status": {"ja": "状況", "en": "Status"},
    "col_in_data": {"ja": "データ上の事業", "en": "Projects in the data"},
    "col_listed": {"ja": "うち「記載あり」", "en": "of which listed"},
    "col_official": {"ja": "公式の採択件数", "en": "Officially adopted"},
    "col_known_of": {"ja": "データ／公式", "en": "Known / official"},
    "col_share": {"ja": "網羅率", "en": "Share known"},
    "contradictions_heading": {"ja": "資料間の食い違いと未解決の点", "en": "Contradictions between sources and open questions"},
    "evidence_heading": {"ja": "根拠の種類", "en": "Evidence levels"},
    "col_meaning": {"ja": "意味", "en": "Meaning"},
    "col_rows": {"ja": "projects.csv の行数", "en": "Rows in projects.csv"},
    "all_sources_heading": {"ja": "出典一覧", "en": "All sources"},
    "all_sources_note": {"ja": "projects.csv と fiscal_years.csv に書かれた出典 {n} 件（重複を除く）と、それぞれを引用している行の数です。リンクは http(s) の URL のみです。",
                         "en": "The {n} distinct sources written in projects.csv and fiscal_years.csv, with how many rows of each file cite them. Only http(s) URLs are links."},
    "col_source_name": {"ja": "出典", "en": "Source"},
    "col_url": {"ja": "URL", "en": "URL"},
    "col_projects_rows": {"ja": "projects.csv", "en": "projects.csv"},
    "col_fiscal_years_rows": {"ja": "fiscal_years.csv", "en": "fiscal_years.csv"},
    "col_total_rows": {"ja": "引用行数（計）", "en": "Citing rows (total)"},
    "col_cited_by": {"ja": "引用している行", "en": "Cited by"},
    "unlinked_heading": {"ja": "片側しか分からない参照行（地図・集計には含めていません）", "en": "Known but unlinked: reference rows that name only one side (not on the map, not counted)"},
    "unlinked_note": {"ja": "日本側か相手側のどちらかしか資料に書かれていないため、推測では補わず連携にしていない行です。",
                      "en": "Rows whose source names only the Japanese side or only the partner side. We do not fill in the other side by guesswork, so they are not links."},
    "col_jp_side": {"ja": "日本側", "en": "Japanese side"},
    "col_partner_side": {"ja": "パートナー側", "en": "Partner side"},
    "raw_heading": {"ja": "元データ（CSV）のダウンロード", "en": "Download the raw CSV files"},
    "raw_note": {"ja": "データフォルダーに保存されているままのファイルです（UTF-8、BOM付き UTF-8、CP932 のいずれか）。列の意味は data/README.md にあります。",
                 "en": "The files exactly as stored in the data folder (UTF-8, UTF-8 with BOM, or CP932). data/README.md explains the columns."},
    "raw_stale": {"ja": "現在のファイルには問題があるため、このアプリが表示しているのは前回正常に読み込めたデータです。ダウンロードされるのはディスク上の現在のファイルです。",
                  "en": "The current files have problems, so the app shows the last data that loaded; the downloads are the current files on disk."},
    "raw_rows": {"ja": "{n} 行", "en": "{n} rows"},
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
    "download_html": {"ja": "地図（HTML）", "en": "Map (HTML)"},
    "download_html_help": {"ja": "1つのファイルで完結する操作可能な地図です。インターネットに接続していなくても開けます。",
                           "en": "One self-contained file with the interactive map; it opens without an internet connection."},
    "download_csv": {"ja": "事業一覧（CSV）", "en": "Project list (CSV)"},
    "download_csv_help": {"ja": "選択中の事業を1行1件で出力します。UTF-8（BOM付き）なので Excel でそのまま開けます。",
                          "en": "One row per selected project. UTF-8 with BOM, so Excel opens it directly."},
    "export_labels_omitted": {"ja": "重なりを避けるため一部の地名は省略しています。", "en": "Some place names are left out to avoid overlaps."},
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


def place_name(dataset: "Dataset", place_id: str, lang: str) -> str:
    """A place's name in the language, or its id when the data does not know it."""
    if place_id in dataset.cities.index:
        return place_label(dataset.cities.loc[place_id], lang)
    return place_id


def country_name(dataset: "Dataset", code: str, lang: str) -> str:
    """A country's name in the language, or its code when countries.csv does not define it."""
    names = dataset.derived(("country_names", lang), lambda: {
        str(code): place_label(row, lang) for code, row in dataset.countries.to_dict("index").items()})
    return names.get(code, code)
