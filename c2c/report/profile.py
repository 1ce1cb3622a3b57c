"""Profiles: one place, one Japanese-partner pair or one country on a page (issue #20).

What a briefing user asks about one thing -- "What has Kitakyushu done, with whom, since when?" -- answered from
the same selection code as every other view, so a profile's numbers are ``python -m c2c stats`` for the same
selection:

- a place ``X``: the sidebar's selection with ``place=X`` (``c2c stats --place X``);
- a pair ``J~P``: the selection with ``jp=J`` and ``place=P`` (``c2c stats --jp J --place P``): P is a partner,
  so that is exactly the links between J and P; the sidebar's own municipality and place filters give way to it;
- a country ``C``: the selection with ``country=C`` (``c2c stats --country C``).

The other sidebar filters (fiscal years, countries for a place or pair, municipalities for a country or partner
place, the search) apply to the numbers, the lines, the projects and the partners. The year strip and the first
and latest fiscal year show the whole record (every year, with the other filters), with the selected years
marked: a strip for one year would say nothing.

Pure pandas: no streamlit. The page (pages/profile.py) and the A4 sheet (c2c/export/sheet.py) lay this out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pandas as pd

from c2c.core import schema
from c2c.core.dataset import Dataset
from c2c.core.names import cell_text, pick
from c2c.core.selection import ALL_YEARS, Selection, select_links
from c2c.core.sources import Citation, citation, row_citations
from c2c.core.stats import headline, year_coverage
from c2c.text import i18n

KINDS = ("place", "pair", "country")
PAIR_PATTERN = re.compile(r"^([a-z0-9_\-]{1,100})~([a-z0-9_\-]{1,100})$")
COMPLETE, INCOMPLETE, UNKNOWN = "complete", "incomplete", "unknown"
STATUS_KEYS = {COMPLETE: "profile_status_complete", INCOMPLETE: "profile_status_incomplete",
               UNKNOWN: "profile_status_unknown"}
PLACE_KIND_KEYS = {"city": "place_kind_city", "prefecture": "place_kind_prefecture",
                   "province": "place_kind_province", "state": "place_kind_state", "region": "place_kind_region",
                   "regency": "place_kind_regency", "municipality": "place_kind_municipality",
                   "special_zone": "place_kind_special_zone", "association": "place_kind_association"}


class ProfileError(ValueError):
    """An unknown or malformed profile code (the message names it; the page shows a notice, the CLI exits 2)."""


@dataclass(frozen=True)
class Subject:
    kind: str  # "place" | "pair" | "country"
    code: str  # a place id, "jp-id~partner-id", or an ISO country code

    @property
    def url_codes(self) -> dict[str, str]:
        """The URL keys that name this subject on /profile (the other subject keys emptied)."""
        codes = {"place": "", "pair": "", "country": ""}
        codes[self.kind] = self.code
        return codes


def parse_pair(code: str, dataset: Dataset) -> Subject:
    """``jp-toyama~cl-renca``: a Japanese municipality and a partner place of cities.csv."""
    match = PAIR_PATTERN.match(str(code or "").strip())
    if not match:
        raise ProfileError(f"not a pair code (JP~PARTNER): {str(code)[:60]!r}")
    jp, partner = match.group(1), match.group(2)
    cities = dataset.cities
    if jp not in cities.index or cities.at[jp, "side"] != "japan":
        raise ProfileError(f"unknown Japanese municipality: {jp!r}")
    if partner not in cities.index or cities.at[partner, "side"] != "partner":
        raise ProfileError(f"unknown partner place: {partner!r}")
    return Subject("pair", f"{jp}~{partner}")


def parse_subject(kind: str, code: str, dataset: Dataset) -> Subject:
    """A subject from its kind and code, checked against the data (ProfileError when unknown)."""
    code = str(code or "").strip()
    if kind == "pair":
        return parse_pair(code, dataset)
    if kind == "place":
        if code not in dataset.cities.index:
            raise ProfileError(f"unknown place id: {code[:60]!r}")
        return Subject("place", code)
    if kind == "country":
        code = code.upper()
        if code not in set(dataset.cities.loc[dataset.cities["side"] == "partner", "country_code"]):
            raise ProfileError(f"unknown partner country code: {code[:10]!r}")
        return Subject("country", code)
    raise ProfileError(f"unknown profile kind: {kind[:20]!r}")


def subject_of(selection: Selection, pair: Subject | None) -> Subject | None:
    """What /profile shows for the session's codes: the pair, else the focused place, else the one country."""
    if pair is not None:
        return pair
    if selection.place_id:
        return Subject("place", selection.place_id)
    if len(selection.countries) == 1:
        return Subject("country", selection.countries[0])
    return None


def scope_selection(subject: Subject, base: Selection) -> Selection:
    """The selection whose links the profile shows (and whose ``c2c stats`` its numbers equal)."""
    base = replace(base, project_id=None)
    if subject.kind == "place":
        return replace(base, place_id=subject.code)
    if subject.kind == "pair":
        jp, _, partner = subject.code.partition("~")
        return replace(base, jp_ids=(jp,), place_id=partner)
    return replace(base, countries=(subject.code,), place_id=None)


# ---- the profile -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class YearCell:
    year: int
    projects: int  # dated project rows of the record in that year
    selected: bool  # within the sidebar's fiscal years
    status: str  # the data's coverage of that year: complete / incomplete / unknown


@dataclass(frozen=True)
class Counterpart:
    """A place on the other side of the subject's links (a partner of a municipality, ...)."""

    place_id: str
    name: str
    country: str
    projects: int
    first_year: int | None
    last_year: int | None
    undated: bool  # a participation-list (undated) link
    pair: str  # "jp~partner"


@dataclass(frozen=True)
class ProjectRow:
    project_id: str
    fiscal_year: int | None
    year_label: str
    jp: str
    partners: str
    title: str
    lead: str
    co_implementers: str  # Japanese only (as the sources write them)
    evidence: str
    citations: tuple[Citation, ...]


@dataclass
class Profile:
    subject: Subject
    lang: str
    title: str
    names: dict[str, str]  # {"ja": ..., "en": ...}
    country_code: str
    country: str
    kind_label: str
    side: str  # "japan", "partner" or "" (pair, country)
    jcm_partner: bool | None
    selection: Selection  # the scope (c2c stats for it gives `numbers`)
    links: pd.DataFrame
    numbers: dict[str, int]
    counts: list[tuple[str, str, int]]  # (key, label, value) in the order the profile shows them
    first_year: int | None
    last_year: int | None
    years: list[YearCell]
    undated_pairs: int
    projects: list[ProjectRow]
    municipalities: list[Counterpart] = field(default_factory=list)
    partners: list[Counterpart] = field(default_factory=list)
    implementers: list[str] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)
    record_undated_pairs: int = 0

    @property
    def empty(self) -> bool:
        return self.links.empty


_COUNT_KEYS = {  # which of the headline numbers each kind shows, in order
    ("place", "japan"): ("partner_places", "countries", "projects", "links"),
    ("place", "partner"): ("jp_municipalities", "projects", "links"),
    ("pair", ""): ("projects",),
    ("country", ""): ("partner_places", "jp_municipalities", "projects", "links"),
}
COUNT_LABELS = {"partner_places": "metric_partner_places", "countries": "metric_countries",
                "jp_municipalities": "metric_jp", "projects": "metric_projects", "links": "metric_links",
                "years_active": "profile_years_active"}


def _year(value) -> int | None:
    return None if cell_text(value) == "" else int(value)


def _counterparts(dataset: Dataset, links: pd.DataFrame, column: str, lang: str) -> list[Counterpart]:
    rows = []
    for place_id, group in links.groupby(column, sort=False):
        dated = group[group["fiscal_year"].notna()]
        years = sorted(int(y) for y in dated["fiscal_year"])
        code = str(dataset.cities.at[place_id, "country_code"])
        jp = place_id if column == "jp_id" else str(group["jp_id"].iloc[0])
        partner = place_id if column == "partner_id" else str(group["partner_id"].iloc[0])
        rows.append(Counterpart(str(place_id), i18n.place_name(dataset, str(place_id), lang),
                                i18n.country_name(dataset, code, lang), int(dated["project_id"].nunique()),
                                years[0] if years else None, years[-1] if years else None,
                                bool(group["fiscal_year"].isna().any()), f"{jp}~{partner}"))
    return sorted(rows, key=lambda c: (-c.projects, c.first_year or 9999, c.name))


def _project_rows(dataset: Dataset, links: pd.DataFrame, lang: str) -> list[ProjectRow]:
    ids = list(dict.fromkeys(links["project_id"]))
    projects = dataset.projects.loc[ids].sort_values(["fiscal_year", "source_line"], na_position="last")
    rows = []
    for project_id, project in projects.iterrows():
        year = _year(project["fiscal_year"])
        rows.append(ProjectRow(
            project_id=str(project_id), fiscal_year=year,
            year_label=i18n.t("export_fy_single", lang, year=year) if year else i18n.t("popup_undated", lang),
            jp=i18n.join([i18n.place_name(dataset, p, lang) for p in project["jp_ids"]], lang),
            partners=i18n.join([i18n.place_name(dataset, p, lang) for p in project["partner_ids"]], lang),
            title=i18n.project_title(project, lang), lead=i18n.pick_marked(project, "lead_org", lang),
            co_implementers=i18n.join(list(project["co_implementers_ja_list"]), "ja"),
            evidence=i18n.t(f"evidence_{project['evidence']}", lang),
            citations=tuple(row_citations(dataset, project, lang))))
    return rows


def _sources(dataset: Dataset, links: pd.DataFrame, lang: str) -> list[Citation]:
    """The publications the profile's rows cite, most-cited first (the locators left out)."""
    counts: dict[str, int] = {}
    for refs in dataset.projects.loc[list(dict.fromkeys(links["project_id"])), "source_list"]:
        for source_id in dict.fromkeys(schema.split_source_ref(str(r))[0] for r in refs or [] if str(r).strip()):
            counts[source_id] = counts.get(source_id, 0) + 1
    ordered = sorted(counts, key=lambda s: -counts[s])  # a stable sort: ties keep the order of first citation
    return [citation(dataset.sources, source_id, lang) for source_id in ordered]


def _implementers(dataset: Dataset, links: pd.DataFrame, lang: str) -> list[str]:
    names: list[str] = []
    for _, project in dataset.projects.loc[list(dict.fromkeys(links["project_id"]))].iterrows():
        lead = i18n.pick_marked(project, "lead_org", lang)
        names += [lead] if lead else []
        names += list(project["co_implementers_ja_list"])
    return list(dict.fromkeys(n for n in names if n))


def _undated_pairs(links: pd.DataFrame) -> int:
    undated = links[links["fiscal_year"].isna()]
    return int(undated[["jp_id", "partner_id"]].drop_duplicates().shape[0])


def year_strip(dataset: Dataset, record: pd.DataFrame, selection: Selection) -> list[YearCell]:
    """Every fiscal year the data knows: the record's dated projects that year, whether the sidebar selects it,
    and how complete the data is for it (c2c.core.stats.year_coverage)."""
    coverage = year_coverage(dataset)
    dated = record[record["fiscal_year"].notna()]
    per_year = dated.groupby("fiscal_year")["project_id"].nunique()
    spec = selection.fiscal_years
    cells = []
    for year in dataset.all_years:
        row = coverage.loc[year] if year in coverage.index else None
        if row is not None and bool(row["complete"]):
            status = COMPLETE
        elif row is None or row["adopted_official"] is None or pd.isna(row["adopted_official"]):
            status = UNKNOWN
        else:
            status = INCOMPLETE
        selected = spec.is_all or bool(spec.contains(pd.Series([year])).iloc[0])
        cells.append(YearCell(int(year), int(per_year.get(year, 0)), selected, status))
    return cells


def _identity(dataset: Dataset, subject: Subject, lang: str) -> dict:
    """Names in both languages, country, kind, side and JCM partnership of the subject."""
    if subject.kind == "place":
        city = dataset.cities.loc[subject.code]
        code = str(city["country_code"])
        kind = str(city["kind"])
        key = PLACE_KIND_KEYS.get(kind, "")
        return {"names": {"ja": pick(city, "name", "ja"), "en": pick(city, "name", "en")},
                "title": i18n.place_name(dataset, subject.code, lang), "country_code": code,
                "kind_label": i18n.t(key, lang) if key else kind, "side": str(city["side"]),
                "jcm": _jcm(dataset, code) if city["side"] == "partner" else None}
    if subject.kind == "pair":
        jp, _, partner = subject.code.partition("~")
        code = str(dataset.cities.at[partner, "country_code"])
        names = {lg: f"{i18n.place_name(dataset, jp, lg)} – {i18n.place_name(dataset, partner, lg)}"
                 for lg in i18n.LANGS}
        return {"names": names, "title": names[lang], "country_code": code,
                "kind_label": i18n.t("profile_kind_pair", lang), "side": "", "jcm": _jcm(dataset, code)}
    country = dataset.countries.loc[subject.code] if subject.code in dataset.countries.index else {}
    names = {lg: pick(country, "name", lg) or subject.code for lg in i18n.LANGS}
    return {"names": names, "title": names[lang], "country_code": subject.code,
            "kind_label": i18n.t("profile_kind_country", lang), "side": "", "jcm": _jcm(dataset, subject.code)}


def _jcm(dataset: Dataset, code: str) -> bool | None:
    if code not in dataset.countries.index:
        return None
    return bool(dataset.countries.at[code, "jcm_partner"])


def build_profile(dataset: Dataset, subject: Subject, base: Selection, lang: str) -> Profile:
    """Everything a profile shows for ``subject`` under the sidebar's selection ``base``."""
    lang = lang if lang in i18n.LANGS else i18n.DEFAULT_LANG
    scope = scope_selection(subject, base)
    links = select_links(dataset, scope)
    record = select_links(dataset, replace(scope, fiscal_years=ALL_YEARS, include_undated=True))
    numbers = headline(links)
    identity = _identity(dataset, subject, lang)
    record_years = sorted(int(y) for y in record["fiscal_year"].dropna())
    years = year_strip(dataset, record, scope)
    numbers_shown = dict(numbers, years_active=len({int(y) for y in links["fiscal_year"].dropna()}))
    keys = _COUNT_KEYS[(subject.kind, identity["side"] if subject.kind == "place" else "")]
    if subject.kind == "pair":
        keys = ("projects", "years_active")
    counts = [(key, i18n.tn(COUNT_LABELS[key], lang, int(numbers_shown[key])), int(numbers_shown[key])) for key in keys]
    profile = Profile(
        subject=subject, lang=lang, title=identity["title"], names=identity["names"],
        country_code=identity["country_code"], country=i18n.country_name(dataset, identity["country_code"], lang),
        kind_label=identity["kind_label"], side=identity["side"], jcm_partner=identity["jcm"], selection=scope,
        links=links, numbers=numbers, counts=counts,
        first_year=record_years[0] if record_years else None, last_year=record_years[-1] if record_years else None,
        years=years, undated_pairs=_undated_pairs(links), projects=_project_rows(dataset, links, lang),
        implementers=_implementers(dataset, links, lang), sources=_sources(dataset, links, lang),
        record_undated_pairs=_undated_pairs(record))
    if subject.kind == "country" or (subject.kind == "place" and identity["side"] == "partner"):
        profile.municipalities = _counterparts(dataset, links, "jp_id", lang)
    if subject.kind == "country" or (subject.kind == "place" and identity["side"] == "japan"):
        profile.partners = _counterparts(dataset, links, "partner_id", lang)
    return profile


def filters_shown(profile: Profile) -> Selection:
    """The sidebar filters that narrow the profile, without the ones that only name its subject (the place
    of a place profile, the country of a country profile, the municipality and place of a pair)."""
    scope, kind = profile.selection, profile.subject.kind
    if kind == "country":
        return replace(scope, countries=())
    if kind == "pair":
        return replace(scope, place_id=None, jp_ids=())
    return replace(scope, place_id=None)


def data_as_of(dataset: Dataset) -> tuple[str, bool]:
    """(the data's "as of" date, True when it is the data's own version). The data's version (data/version.csv)
    wins; a data directory without one gets the latest date among the sources it cites (False)."""
    if dataset.as_of:
        return dataset.as_of, True
    dates = [d for d in dataset.sources.get("date", pd.Series(dtype=str)).map(cell_text) if d.strip()]
    return (max(dates) if dates else ""), False
