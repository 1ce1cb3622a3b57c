"""The A4 briefing sheet of a profile: one page where it fits, two at most, as a PDF made with WeasyPrint.

HTML and CSS (the profile's own HTML parts, :mod:`c2c.report.profile_html`) laid out by WeasyPrint with Pango
and Debian's Noto Sans CJK (fonts-noto-cjk), embedded as subsets, so the text is real text: a search in the PDF
finds 北九州市. The sheet carries the map (:mod:`c2c.export.sheet_map`, a PNG with alt text), the year strip, the
key numbers, the projects, the sources, the data's "as of" date and the page's URL, and reads in black and white:
lines differ by style, the two sides by shape, a year's coverage by a mark.

When the content would run past two pages, the project table is shortened (the rest counted, with a pointer to
the page and the Excel export) until it fits; the sources stay complete.
"""

from __future__ import annotations

import base64
import errno
from pathlib import Path

from c2c.core.csvio import atomic_write_bytes
from c2c.core.dataset import Dataset
from c2c.core.selection import Selection
from c2c.export.captions import coverage_note, filter_summary, fiscal_year_label
from c2c.export.sheet_map import profile_map_png
from c2c.report import profile_html
from c2c.report.profile import Profile, Subject, build_profile, data_as_of, filters_shown, parse_subject
from c2c.text import i18n
from c2c.text.htmlsafe import esc

MAX_PAGES = 2
MAX_PARTNER_ROWS = 24
FONT_STACK = '"Noto Sans CJK JP", "Noto Sans JP", "Noto Sans", sans-serif'

SHEET_CSS = """
@page { size: A4; margin: 11mm 12mm 13mm 12mm;
  @bottom-left { content: FOOT_TEXT; font-size: 6.5pt; color: #444; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 7pt; color: #444; } }
html { font-family: FONT_STACK; font-size: 8.4pt; line-height: 1.38; color: #000; }
body { margin: 0; }
.kicker { font-size: 7.5pt; color: #333; margin: 0 0 1mm 0; border-bottom: 0.6pt solid #000; padding-bottom: 0.8mm; }
h1 { font-size: 17pt; line-height: 1.2; margin: 1.5mm 0 0.5mm 0; }
h2 { font-size: 10pt; margin: 3mm 0 1mm 0; border-bottom: 0.4pt solid #555; break-after: avoid; }
.c2c-identity { margin: 0 0 1.5mm 0; color: #222; }
.numbers { display: flex; flex-wrap: wrap; gap: 1.5mm; margin: 1mm 0 1.5mm 0; }
.numbers div { border: 0.6pt solid #000; padding: 0.6mm 1.6mm; }
.numbers b { display: block; font-size: 12pt; line-height: 1.1; }
.numbers span { font-size: 7pt; }
.note { font-size: 7.4pt; color: #222; margin: 0.6mm 0; }
.map { margin: 1.5mm 0 0.5mm 0; border: 0.5pt solid #777; }
.map img { width: 100%; display: block; }
.c2c-years-wrap { overflow: visible; }
table.c2c-years { font-size: 7pt; width: 100%; border-collapse: collapse; }
table.c2c-years th, table.c2c-years td { border: 0.5pt solid #000; padding: 0.3mm 0.5mm; text-align: center; }
table.c2c-years th[scope=row] { text-align: left; white-space: nowrap; }
table.c2c-years td.on { background: #000; color: #fff; font-weight: 700; }
table.c2c-years th.sel { text-decoration: underline; }
table.c2c-years td.undated, table.c2c-years th.undated { border-style: dashed; }
.c2c-years-legend { font-size: 6.6pt; margin: 0.6mm 0 0 0; color: #222; }
table.c2c-ptable { border-collapse: collapse; width: 100%; font-size: 7.2pt; }
table.c2c-ptable th, table.c2c-ptable td { border-bottom: 0.4pt solid #999; padding: 0.5mm 1mm; text-align: left;
  vertical-align: top; }
table.c2c-ptable th { border-bottom: 0.8pt solid #000; }
table.c2c-ptable thead { display: table-header-group; }
table.c2c-ptable tr { break-inside: avoid; }
table.c2c-ptable td.num, table.c2c-ptable th.num { text-align: right; }
table.c2c-ptable td.yr { white-space: nowrap; }
table.c2c-ptable td.cite { font-size: 6.4pt; color: #222; width: 30%; }
.c2c-muted { color: #444; font-size: 0.92em; }
code { font-family: FONT_STACK; font-size: 0.9em; }
ol.c2c-sources { font-size: 6.6pt; padding-left: 5mm; margin: 0; }
ol.c2c-sources li { margin: 0 0 0.4mm 0; overflow-wrap: anywhere; }
.cols { display: block; }

.more { font-size: 7pt; font-style: italic; margin: 0.5mm 0 0 0; }
a { color: #000; text-decoration: none; }
""".replace("FONT_STACK", FONT_STACK)


def css_string(text: str) -> str:
    """Text as a CSS string literal (data text in the page footer: quotes, backslashes and breaks escaped)."""
    body = "".join(ch if ch.isprintable() and ch not in '"\\<>' else f"\\{ord(ch):x} " for ch in text)
    return f'"{body}"'


def _numbers_html(profile: Profile) -> str:
    lang = profile.lang
    items = [(str(value), label) for _, label, value in profile.counts]
    for key, year in (("profile_first_year", profile.first_year), ("profile_latest_year", profile.last_year)):
        items.append((i18n.t("export_fy_single", lang, year=year) if year else i18n.t("profile_no_year", lang),
                      i18n.t(key, lang)))
    return '<div class="numbers">' + "".join(f"<div><b>{esc(v)}</b><span>{esc(k)}</span></div>" for v, k in items) \
        + "</div>"


def _counterparts_section(profile: Profile) -> str:
    lang = profile.lang
    parts = []
    for key, items in (("profile_partner_places", profile.partners), ("profile_municipalities",
                                                                       profile.municipalities)):
        if not items:
            continue
        shown = items[:MAX_PARTNER_ROWS]
        more = len(items) - len(shown)
        parts.append(f"<div><h2>{esc(i18n.t(key, lang))} ({len(items)})</h2>"
                     + profile_html.counterparts_html(shown, lang, None, heading_key=key)
                     + (f'<p class="more">{esc(i18n.t("sheet_more_partners", lang, n=more))}</p>' if more else "")
                     + "</div>")
    if not parts:
        return ""
    return f'<div class="cols">{"".join(parts)}</div>'


def sheet_html(dataset: Dataset, profile: Profile, *, page_url: str = "", max_projects: int | None = None) -> str:
    """The sheet as one HTML document (every data text escaped)."""
    lang = profile.lang
    t = lambda key, **kw: esc(i18n.t(key, lang, **kw))  # noqa: E731
    as_of, declared = data_as_of(dataset)
    as_of_text = i18n.t("profile_as_of" if declared else "profile_as_of_sources", lang, date=as_of)
    shown = filters_shown(profile)
    filters = [fiscal_year_label(shown, lang)]
    other = filter_summary(dataset, shown, lang)
    filters += [other] if other else []
    lines = len(profile.links[["jp_id", "partner_id"]].drop_duplicates())
    map_html = ""
    if not profile.empty:
        png = profile_map_png(dataset, profile.links, lang,
                              highlight=profile.subject.code if profile.subject.kind == "place" else None)
        alt = i18n.t("profile_map_alt", lang, n=lines, name=profile.title)
        map_html = (f'<div class="map"><img alt="{esc(alt)}" src="data:image/png;base64,'
                    f'{base64.b64encode(png).decode("ascii")}"></div><p class="note">{t("sheet_map_note")}</p>')
    projects = profile.projects if max_projects is None else profile.projects[:max_projects]
    more = len(profile.projects) - len(projects)
    heading = "profile_history_heading" if profile.subject.kind == "pair" else "profile_projects_heading"
    implementers = ""
    if profile.subject.kind == "pair" and profile.implementers:
        implementers = f'<p class="note"><b>{t("profile_implementers")}</b>{esc(i18n.colon(lang))}' \
                       f'{esc(i18n.join(profile.implementers, lang))}</p>'
    foot = " · ".join(p for p in (i18n.t("sheet_generated", lang), as_of_text,
                                  i18n.t("sheet_url", lang, url=page_url) if page_url else "") if p)
    body = [
        f'<p class="kicker">{t("sheet_generated")} · {t("export_programme")}</p>',
        f"<h1>{esc(profile.title)}</h1>",
        profile_html.identity_html(profile),
        _numbers_html(profile),
        f'<p class="note">{t("sheet_filters", filters=" · ".join(filters))}</p>',
        f'<p class="note">{esc(coverage_note(dataset, profile.selection, lang))}</p>',
        map_html,
        f'<h2>{t("profile_years_heading")}</h2>',
        profile_html.year_strip_html(profile),
        _counterparts_section(profile),
        f"<h2>{t(heading)} ({len(profile.projects)})</h2>",
        profile_html.projects_html(projects, lang, show_pair=profile.subject.kind != "pair", compact=True),
        f'<p class="more">{t("sheet_more_projects", n=more)}</p>' if more else "",
        implementers,
        f'<h2>{t("profile_sources_heading")}</h2>',
        profile_html.sources_html(profile.sources, lang),
        f'<p class="note">{esc(as_of_text)}{"　" if lang == "ja" else " · "}'
        + (f"{t('sheet_url', url=page_url)}" if page_url else "") + "</p>",
        f'<p class="note">{t("disclaimer")} Basemap: Natural Earth.</p>',
    ]
    title = esc(i18n.t("sheet_title_place", lang, name=profile.title))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{SHEET_CSS.replace('FOOT_TEXT', css_string(foot))}</style></head><body>{''.join(body)}</body></html>")


def render_sheet(dataset: Dataset, profile: Profile, page_url: str = ""):
    """The laid-out WeasyPrint document, the project table shortened until it fits on two pages."""
    from weasyprint import HTML

    limit = None
    while True:
        document = HTML(string=sheet_html(dataset, profile, page_url=page_url, max_projects=limit)).render()
        if len(document.pages) <= MAX_PAGES or limit == 0:
            return document
        shown = len(profile.projects) if limit is None else limit
        limit = max(0, shown - max(2, shown // 4))


def sheet_pdf(dataset: Dataset, subject: Subject, selection: Selection, lang: str = "ja", *,
              page_url: str = "") -> bytes:
    """The A4 sheet of ``subject`` under ``selection`` (the sidebar's filters) as PDF bytes."""
    profile = build_profile(dataset, subject, selection, lang)
    return render_sheet(dataset, profile, page_url).write_pdf()


def export_sheet(dataset: Dataset, kind: str, code: str, selection: Selection, *, out: str | Path,
                 lang: str = "ja", page_url: str = "") -> Path:
    """Check the subject (ProfileError for an unknown one, before anything is written), make the PDF and write
    it atomically."""
    subject = parse_subject(kind, code, dataset)
    path = Path(out).expanduser()
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name to write", str(path))
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"cannot write here: the folder {path.parent} does not exist", str(path))
    data = sheet_pdf(dataset, subject, selection, lang, page_url=page_url)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write the file: {exc.strerror or exc}", str(path)) from exc
    return path
