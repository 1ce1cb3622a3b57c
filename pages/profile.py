"""Profiles: one place, pair or country on one page (c2c/report/profile.py builds it; ui/profile.py links to it).

``?place=jp-kitakyushu``, ``?place=vn-hai-phong``, ``?pair=jp-toyama~cl-renca``, ``?country=VN``.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from c2c.export.captions import coverage_note, filter_summary, fiscal_year_label
from c2c.report import profile_html
from c2c.report.profile import Subject, build_profile, data_as_of, filters_shown, subject_of
from c2c.text import i18n
from c2c.text.mdsafe import md_text
from ui import profile as glue
from ui.downloads import render_downloads
from ui.shell import PageContext, filter_options, run_page_file


def _chooser(ctx: PageContext) -> None:
    """No subject yet: pick a municipality, a partner place or a country (each a callback setting the codes)."""
    options = filter_options(ctx.dataset, ctx.lang)
    linked = set(options.linked_places)
    jp = [i for i in options.jp_ids if i in linked]
    partners = [i for i in options.linked_places if ctx.dataset.cities.at[i, "side"] == "partner"]
    st.caption(ctx.t("profile_choose"))
    row = st.container(horizontal=True)
    for key, label, values, kind, names in (
            ("profile_pick_jp", "profile_choose_jp", jp, "place", options.names),
            ("profile_pick_partner", "profile_choose_partner", partners, "place", options.names),
            ("profile_pick_country", "profile_choose_country", options.partner_countries, "country",
             options.country_names)):
        row.selectbox(ctx.t(label), [""] + values, key=key, index=0, width=260,
                      format_func=lambda i, names=names: names.get(i, i) if i else ctx.t("choose"),
                      on_change=lambda key=key, kind=kind: glue.set_subject(
                          Subject(kind, st.session_state[key]) if st.session_state.get(key) else None))


def _filters_line(ctx: PageContext, profile) -> tuple[str, bool]:
    shown = filters_shown(profile)
    parts = [] if shown.fiscal_years.is_all and shown.include_undated else [fiscal_year_label(shown, ctx.lang)]
    other = filter_summary(ctx.dataset, shown, ctx.lang)
    parts += [other] if other else []
    text = ctx.t("profile_filters_applied", filters=" · ".join(parts)) if parts else ctx.t("profile_filters_none")
    if profile.subject.kind == "pair":
        text += " " + ctx.t("profile_pair_filters")
    return text, bool(parts)


def render(ctx: PageContext) -> None:
    dataset, lang = ctx.dataset, ctx.lang
    st.subheader(ctx.t("page_profile"), divider="gray")
    subject = subject_of(ctx.selection, glue.read_pair(dataset))
    if subject is None:
        st.caption(ctx.t("profile_intro"))
        if len(ctx.selection.countries) > 1:
            st.info(ctx.t("profile_many_countries", n=len(ctx.selection.countries)))
            row = st.container(horizontal=True)
            for code in ctx.selection.countries:
                glue.page_link(row, ctx.pages["profile"], Subject("country", code), lang,
                               label=i18n.country_name(dataset, code, lang))
        _chooser(ctx)
        return

    profile = build_profile(dataset, subject, ctx.selection, lang)
    st.html("<style>" + profile_html.PROFILE_STYLE + "</style>")
    st.markdown(f"### {md_text(profile.title)}")
    st.html(profile_html.identity_html(profile))

    metrics = st.container(horizontal=True, gap="medium", key="profile_metrics")
    for _key, label, value in profile.counts:
        metrics.metric(label, value)
    no_year = ctx.t("profile_no_year")
    metrics.metric(ctx.t("profile_first_year"),
                   i18n.t("export_fy_single", lang, year=profile.first_year) if profile.first_year else no_year)
    metrics.metric(ctx.t("profile_latest_year"),
                   i18n.t("export_fy_single", lang, year=profile.last_year) if profile.last_year else no_year)

    filters_text, filtered = _filters_line(ctx, profile)
    notes = st.container(horizontal=True, vertical_alignment="center")
    notes.caption(":material/filter_alt: " + filters_text, width="stretch")
    if filtered:
        notes.button(ctx.t("profile_clear_filters"), key="profile_clear", on_click=glue.clear_filters,
                     icon=":material/filter_alt_off:")
    st.caption(":material/warning: " + coverage_note(dataset, profile.selection, lang))

    if subject.kind == "pair":
        jp, _, partner = subject.code.partition("~")
        st.html(f'<p>{i18n.t("profile_open_places", lang)} '
                + " · ".join(profile_html._link(i18n.place_name(dataset, p, lang), glue.profile_href(Subject("place", p)))
                             for p in (jp, partner)) + "</p>")

    st.markdown(f"#### {ctx.t('profile_years_heading')}")
    st.html(profile_html.year_strip_html(profile))

    if profile.empty:
        st.warning(ctx.t("profile_no_links", name=md_text(profile.title)))
    else:
        st.markdown(f"#### {ctx.t('profile_map_heading')}")
        line_count = len(profile.links[["jp_id", "partner_id"]].drop_duplicates())
        # the alt text says what the picture shows (a screen reader's only way to it); the caption its legend
        st.image(glue.map_png(dataset, subject, profile.selection, profile.links, lang),
                 caption=ctx.t("profile_map_legend"), width="stretch",
                 alt=ctx.t("profile_map_alt", n=line_count, name=profile.title))

    for heading, items in (("profile_partner_places", profile.partners),
                           ("profile_municipalities", profile.municipalities)):
        if items:
            st.markdown(f"#### {ctx.t(heading)} ({len(items)})")
            st.html(profile_html.counterparts_html(items, lang, glue.profile_href, heading_key=heading))

    st.markdown(f"#### {ctx.t('profile_history_heading' if subject.kind == 'pair' else 'profile_projects_heading')}"
                f" ({len(profile.projects)})")
    st.html(profile_html.projects_html(profile.projects, lang, project_href=lambda i: glue.project_href(i, lang),
                                       show_pair=subject.kind != "pair"))
    if subject.kind == "pair" and profile.implementers:
        st.markdown(f"**{ctx.t('profile_implementers')}**")
        st.html("<p>" + profile_html.esc(i18n.join(profile.implementers, lang)) + "</p>")

    st.markdown(f"#### {ctx.t('profile_sources_heading')}")
    st.html(profile_html.sources_html(profile.sources, lang))

    url = glue.page_url(subject, lang)
    row = st.container(horizontal=True, key="profile_downloads")
    row.download_button(ctx.t("download_pdf"), data=glue.sheet_callable(dataset, subject, ctx.selection, lang, url),
                        file_name=f"c2c-profile_{subject.code.replace('~', '--')}_{lang}.pdf",
                        mime="application/pdf", key="profile_pdf", help=ctx.t("download_pdf_help"),
                        icon=":material/picture_as_pdf:", on_click="ignore")
    render_downloads(replace(ctx, selection=profile.selection), formats=("xlsx", "geojson", "csv"),
                     key_prefix="profile_download")
    as_of, declared = data_as_of(dataset)
    st.caption(ctx.t("profile_as_of" if declared else "profile_as_of_sources", date=as_of) + "　"
               + ctx.t("disclaimer"))


if __name__ == "__main__":  # run as a file: Streamlit's legacy pages/ mode (ui/shell.py)
    run_page_file(render)
