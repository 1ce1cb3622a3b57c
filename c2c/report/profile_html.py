"""A profile's parts as HTML, shared by its page (st.html) and its A4 sheet (WeasyPrint): the year strip, the
partners (or municipalities), the projects and the sources.

Every data text is escaped (:func:`c2c.text.htmlsafe.esc`); a citation is a link only when its address is
http(s). Links between profiles are given by the caller (``href``: a subject -> an address, or None for plain
text, as on paper). Markers are text as well as style (a year's coverage is ✓ / △ / ?), so a black-and-white
print and a screen reader keep their meaning.
"""

from __future__ import annotations

from collections.abc import Callable

from c2c.core.sources import Citation
from c2c.report.profile import COMPLETE, INCOMPLETE, STATUS_KEYS, Counterpart, Profile, ProjectRow, Subject
from c2c.text import i18n
from c2c.text.htmlsafe import esc, is_safe_url

Href = Callable[[Subject], str | None]
STATUS_MARKS = {COMPLETE: "✓", INCOMPLETE: "△"}  # and "?" for an unknown official count


def _t(key: str, lang: str, **values: object) -> str:
    return esc(i18n.t(key, lang, **values))


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _link(text: str, href: str | None, css: str = "") -> str:
    if not href:
        return esc(text)
    klass = f' class="{css}"' if css else ""
    return f'<a href="{esc(href)}" target="_self"{klass}>{esc(text)}</a>'


def year_strip_html(profile: Profile) -> str:
    """One column per fiscal year: the year, the record's projects that year (a filled cell when any), and the
    data's coverage of that year; then the undated participation-list links, if the record has any."""
    lang = profile.lang
    head, counts, marks = [], [], []
    for cell in profile.years:
        classes = ["on" if cell.projects else "off", cell.status] + (["sel"] if cell.selected else [])
        title = i18n.tn("profile_year_title", lang, cell.projects, year=cell.year,
                       status=i18n.t(STATUS_KEYS[cell.status], lang))
        head.append(f'<th scope="col" class="{" ".join(classes)}">{cell.year}</th>')
        counts.append(f'<td class="{" ".join(classes)}" title="{esc(title)}">{cell.projects or "·"}</td>')
        marks.append(f'<td class="mark {cell.status}">{STATUS_MARKS.get(cell.status, "?")}</td>')
    if profile.record_undated_pairs:
        head.append(f'<th scope="col" class="undated">{_t("profile_undated_short", lang)}</th>')
        counts.append(f'<td class="undated">{profile.record_undated_pairs}</td>')
        marks.append('<td class="mark"></td>')
    return ('<div class="c2c-years-wrap"><table class="c2c-years">'
            f'<tr><th scope="row">{_t("profile_row_year", lang)}</th>{"".join(head)}</tr>'
            f'<tr><th scope="row">{_t("metric_projects", lang)}</th>{"".join(counts)}</tr>'
            f'<tr><th scope="row">{_t("profile_row_coverage", lang)}</th>{"".join(marks)}</tr>'
            f'</table></div><p class="c2c-years-legend">{_t("profile_years_legend", lang)}</p>')


def _years_text(item: Counterpart, lang: str) -> str:
    if item.first_year is None:
        return ""
    first = i18n.t("export_fy_single", lang, year=item.first_year)
    if item.last_year == item.first_year:
        return first
    return i18n.t("export_fy_range", lang, start=item.first_year, end=item.last_year)


def counterparts_html(items: list[Counterpart], lang: str, href: Href | None = None, *,
                      heading_key: str = "profile_partners") -> str:
    """The places on the other side: name (to its profile), country, projects, years, and the pair."""
    if not items:
        return ""
    rows = []
    for item in items:
        place = _link(item.name, href(Subject("place", item.place_id)) if href else None)
        pair = _link(i18n.t("profile_open_pair", lang), href(Subject("pair", item.pair)) if href else None,
                     "c2c-pair") if href else ""
        years = esc(_years_text(item, lang))
        if item.undated:
            years += (" " if years else "") + f'<span class="c2c-muted">{_t("profile_undated_mark", lang)}</span>'
        rows.append(f"<tr><td>{place}</td><td>{esc(item.country)}</td><td class=\"num\">{item.projects}</td>"
                    f"<td>{years}</td>" + (f"<td>{pair}</td>" if href else "") + "</tr>")
    pair_head = f'<th scope="col">{_t("profile_col_pair", lang)}</th>' if href else ""
    return (f'<table class="c2c-ptable c2c-counterparts" aria-label="{_t(heading_key, lang)}"><thead><tr>'
            f'<th scope="col">{_t("profile_col_place", lang)}</th><th scope="col">{_t("col_country", lang)}</th>'
            f'<th scope="col" class="num">{_t("metric_projects", lang)}</th>'
            f'<th scope="col">{_t("profile_col_years", lang)}</th>{pair_head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def citation_html(cite: Citation, *, with_url: bool = True) -> str:
    url = (cite.url or "").strip()
    if with_url and is_safe_url(url):
        return f'{esc(cite.text)} <a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(url)}</a>'
    return esc(cite.text)


def projects_html(rows: list[ProjectRow], lang: str, *, project_href: Callable[[str], str] | None = None,
                  show_pair: bool = True, compact: bool = False) -> str:
    """The projects, one row per project per fiscal year, with lead implementer and citations. ``compact``
    (the sheet): the citations as short reference numbers into the sources list would lose the locator, so
    the citation text is kept, without its address (the sources list has the addresses)."""
    if not rows:
        return f'<p class="c2c-muted">{_t("no_links", lang)}</p>'
    body = []
    for row in rows:
        title = esc(_one_line(row.title))
        if project_href:
            title = f'<a href="{esc(project_href(row.project_id))}" target="_self">{title}</a>'
        lead = esc(_one_line(row.lead))
        if row.co_implementers and not compact:
            lead += f'<div class="c2c-muted">{_t("detail_co", lang)}{esc(i18n.colon(lang))}{esc(row.co_implementers)}</div>'
        cites = "<br>".join(citation_html(c, with_url=not compact) for c in row.citations)
        pair = f"<td>{esc(row.jp)} – {esc(row.partners)}</td>" if show_pair else ""
        body.append(f'<tr><td class="yr">{esc(row.year_label)}</td>{pair}<td>{title}'
                    f'<div class="c2c-muted">{esc(row.evidence)} · <code>{esc(row.project_id)}</code></div></td>'
                    f'<td>{lead}</td><td class="cite">{cites}</td></tr>')
    pair_head = f'<th scope="col">{_t("profile_col_pair_names", lang)}</th>' if show_pair else ""
    return (f'<table class="c2c-ptable c2c-projects"><thead><tr><th scope="col">{_t("fiscal_year", lang)}</th>'
            f'{pair_head}<th scope="col">{_t("col_title", lang)}</th><th scope="col">{_t("col_lead", lang)}</th>'
            f'<th scope="col">{_t("col_sources", lang)}</th></tr></thead><tbody>{"".join(body)}</tbody></table>')


def sources_html(sources: list[Citation], lang: str, *, with_url: bool = True) -> str:
    if not sources:
        return f'<p class="c2c-muted">{_t("source_none", lang)}</p>'
    items = "".join(f"<li>{citation_html(c, with_url=with_url)}</li>" for c in sources)
    return f'<ol class="c2c-sources">{items}</ol>'


def identity_html(profile: Profile) -> str:
    """Both names, kind, country and (for a partner country or place) JCM partnership, on one line."""
    lang = profile.lang
    other = "en" if lang == "ja" else "ja"
    parts = [esc(profile.kind_label)]
    if profile.subject.kind != "country":
        parts.append(esc(profile.country))
    if profile.jcm_partner is not None:
        parts.append(_t("profile_jcm_yes" if profile.jcm_partner else "profile_jcm_no", lang))
    other_name = profile.names.get(other, "")
    names = (f'<span lang="{other}">{esc(other_name)}</span>' if other_name and other_name != profile.title else "")
    code = f"<code>{esc(profile.subject.code)}</code>"
    return (f'<p class="c2c-identity">{names}{" · " if names else ""}{" · ".join(parts)} · {code}</p>')


PROFILE_STYLE = """
.c2c-years-wrap{overflow-x:auto;max-width:100%}
table.c2c-years{border-collapse:collapse;font-size:.8rem;margin:.2rem 0}
table.c2c-years th,table.c2c-years td{border:1px solid #777;padding:.1rem .25rem;text-align:center;min-width:2.3em}
table.c2c-years th[scope=row]{text-align:left;font-weight:600;white-space:nowrap;border-color:#bbb}
table.c2c-years td.on{background:#1f3b57;color:#fff;font-weight:700}
table.c2c-years td.off{color:#777}
table.c2c-years th.sel{text-decoration:underline;text-decoration-thickness:2px}
table.c2c-years th:not(.sel):not([scope=row]),table.c2c-years td.off:not(.sel){opacity:.75}
table.c2c-years td.undated,table.c2c-years th.undated{border-style:dashed}
table.c2c-years td.mark.incomplete,table.c2c-years td.mark.unknown{color:#8a4b00}
.c2c-years-legend{font-size:.75rem;opacity:.8;margin:.1rem 0 .6rem 0}
table.c2c-ptable{border-collapse:collapse;width:100%;font-size:.85rem;margin:.2rem 0 .8rem 0}
table.c2c-ptable th,table.c2c-ptable td{border-bottom:1px solid #ccc;padding:.2rem .35rem;text-align:left;
  vertical-align:top}
table.c2c-ptable th{border-bottom:2px solid #555;font-weight:600}
table.c2c-ptable td.num,table.c2c-ptable th.num{text-align:right}
table.c2c-ptable td.yr{white-space:nowrap}
table.c2c-ptable td.cite{font-size:.8em;overflow-wrap:anywhere}
.c2c-muted{opacity:.72;font-size:.88em}
.c2c-identity{margin:0 0 .4rem 0;opacity:.85}
ol.c2c-sources{font-size:.82rem;padding-left:1.4rem;overflow-wrap:anywhere}
ol.c2c-sources li{margin:0 0 .15rem 0}
@media (max-width:700px){table.c2c-projects td.cite{display:none}table.c2c-projects th:last-child{display:none}}
"""
