"""The data contract: which files exist, their columns and what each column may hold.

This module is declarative on purpose: validation, loading, the data README and the tests all read the same
specification, so the contract has exactly one place where it is written down.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The value types (what each kind of cell may hold, and its range) live in c2c.core.values; the names below are
# kept here because the contract is read from this module.
from c2c.core.values import (  # noqa: F401
    COUNTRY_CODE_PATTERN,
    DATE_PATTERN,
    ID_PATTERN,
    LIST_SEPARATOR,
    MAX_FISCAL_YEAR,
    MIN_FISCAL_YEAR,
    SOURCE_REF_PATTERN,
    split_list,
)

SIDES = ("japan", "partner")
GEO_SOURCES = ("nominatim", "geonames", "manual")
EVIDENCE_LEVELS = ("listed", "narrative", "participation_list")
TITLE_EN_ORIGINS = ("source", "translation")
SOURCE_KINDS = ("publication", "press release", "municipal page", "news", "mirror")
UNLINKED_KINDS = ("one_sided", "derived_pairing", "weak", "contradicted")
# How a project row's title relates to the official one: as a cited source gives it, or a source's paraphrase.
TITLE_STATUSES = ("source", "paraphrase")
# Why a drawn line rests on less than a source naming both places outright (notes/line_basis.csv).
LINE_BASES = ("title_word", "header_parenthetical")


@dataclass(frozen=True)
class Column:
    name: str
    # A kind of c2c.core.values.KINDS (text, id, id_list, enum, country, bool, int, count, fiscal_year, float,
    # date, url, source_refs): its type and range. A column that declares none is plain text.
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""


@dataclass(frozen=True)
class FileSpec:
    filename: str
    columns: tuple[Column, ...]
    key: str | None = None
    description: str = ""
    optional_columns: tuple[str, ...] = field(default=())
    # An optional file may be absent (it then has no rows); when present it is validated like the rest.
    optional_file: bool = False

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.name not in self.optional_columns]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


CITIES = FileSpec(
    filename="cities.csv",
    key="id",
    description="One row per place: Japanese participants and partner cities/regions.",
    columns=(
        Column("id", "id", True, description="stable slug, e.g. jp-kitakyushu"),
        Column("side", "enum", True, SIDES),
        Column("name_ja", "text", True, description="as the brochure writes it"),
        Column("name_en", "text", True),
        Column("aliases", "text", description="';'-separated alternate spellings"),
        Column("country_code", "country", True, description="ISO 3166-1 alpha-2, defined in countries.csv"),
        Column("kind", "text", True, description="city, prefecture, province, state, region, special_zone, ..."),
        Column("lat", "float", True, minimum=-90, maximum=90),
        Column("lon", "float", True, minimum=-180, maximum=180),
        Column("geo_source", "enum", True, GEO_SOURCES),
        Column("geo_note", "text"),
    ),
    optional_columns=("aliases", "geo_note"),
)

COUNTRIES = FileSpec(
    filename="countries.csv",
    key="code",
    description="Countries named by the data, and the JCM partner countries of the brochure's Box 1.",
    columns=(
        Column("code", "country", True),
        Column("name_ja", "text", True),
        Column("name_en", "text", True),
        Column("jcm_partner", "bool", True),
        Column("notes", "text"),
    ),
    optional_columns=("notes",),
)

PROJECTS = FileSpec(
    filename="projects.csv",
    key="project_id",
    description="One row per project per fiscal year; every jp_ids x partner_ids pair of a row is a link.",
    columns=(
        Column("project_id", "id", True),
        Column("fiscal_year", "fiscal_year", False, minimum=MIN_FISCAL_YEAR, maximum=MAX_FISCAL_YEAR,
               description="blank only for a participation_list row"),
        Column("jp_ids", "id_list", True, description="';'-separated ids of Japanese participants"),
        Column("partner_ids", "id_list", True, description="';'-separated ids of partner places"),
        Column("title_ja", "text"),
        Column("title_en", "text"),
        Column("title_en_origin", "enum", False, TITLE_EN_ORIGINS,
               description="source = English title given by a source; translation = ours"),
        Column("lead_org_ja", "text"),
        Column("lead_org_en", "text"),
        Column("co_implementers_ja", "text", description="';'-separated joint implementers"),
        Column("summary_ja", "text"),
        Column("summary_en", "text"),
        Column("evidence", "enum", True, EVIDENCE_LEVELS),
        Column("source", "source_refs", True,
               description="';'-separated ids from sources.csv, each optionally with '#' and a locator"),
        Column("notes", "text", description="what the sources say and what is inferred, in English"),
        # Added in December 2026, last so that a writer that lists the columns in order keeps working; in the
        # files they sit beside the columns they belong to (the header decides).
        Column("title_status", "enum", False, TITLE_STATUSES,
               description="source (or blank) = the titles as a cited source gives them; paraphrase = a source's "
                           "paraphrase, never to be quoted as the official title"),
        Column("pair_source", "source_refs", False,
               description="the references of `source` that name both sides for the fiscal year (the link rule); "
                           "blank only when the row cites a single source"),
        Column("notes_ja", "text", description="the same notes in Japanese"),
    ),
    optional_columns=("title_en_origin", "title_status", "pair_source", "notes", "notes_ja"),
)

FISCAL_YEARS = FileSpec(
    filename="fiscal_years.csv",
    key="fiscal_year",
    description="Official yearly totals and cumulative participation figures.",
    columns=(
        Column("fiscal_year", "fiscal_year", True, minimum=MIN_FISCAL_YEAR, maximum=MAX_FISCAL_YEAR),
        Column("adopted_official", "count"),
        Column("applications_official", "count"),
        Column("cumulative_countries", "count"),
        Column("cumulative_partner_places", "count"),
        Column("cumulative_jp_municipalities", "count"),
        Column("programme_name_ja", "text"),
        Column("source", "source_refs", True, description="';'-separated ids from sources.csv"),
        Column("notes", "text", description="in English"),
        Column("notes_ja", "text", description="the same notes in Japanese"),
    ),
    optional_columns=("notes", "notes_ja"),
)

SOURCES = FileSpec(
    filename="sources.csv",
    key="id",
    description="Every source the data cites: a publication, press release, municipal page, news item or a mirror.",
    columns=(
        Column("id", "id", True, description="stable slug that project rows cite"),
        Column("kind", "enum", True, SOURCE_KINDS),
        Column("publisher_ja", "text"),
        Column("publisher_en", "text"),
        Column("title_ja", "text", True, description="as the source gives it; [in brackets] where it is our description"),
        Column("title_en", "text", True),
        Column("date", "date", description="as precise as known: YYYY, YYYY-MM or YYYY-MM-DD"),
        Column("url", "url", description="absolute http(s) address, blank if none is known"),
        Column("mirror_of", "id", description="for a mirror: the id of the original it copies"),
        Column("notes", "text"),
    ),
    optional_columns=("notes",),
)

NOTES_CONTRADICTIONS = FileSpec(
    filename="notes/contradictions.csv",
    key="id",
    description="Known gaps and contradictions between the sources, in our words, both languages.",
    columns=(
        Column("id", "id", True),
        Column("topic_ja", "text", True),
        Column("topic_en", "text", True),
        Column("text_ja", "text", True),
        Column("text_en", "text", True),
    ),
    optional_file=True,
)

NOTES_EVIDENCE = FileSpec(
    filename="notes/evidence_levels.csv",
    key="evidence",
    description="What each evidence level means, both languages (one row per level).",
    columns=(
        Column("evidence", "enum", True, EVIDENCE_LEVELS),
        Column("meaning_ja", "text", True),
        Column("meaning_en", "text", True),
    ),
    optional_file=True,
)

NOTES_UNLINKED = FileSpec(
    filename="notes/unlinked.csv",
    description="Known but unlinked: reference rows that name one side only, pair the sides too weakly, or that a "
                "source contradicts. Never drawn, never counted.",
    columns=(
        Column("fiscal_year", "fiscal_year", True, minimum=MIN_FISCAL_YEAR, maximum=MAX_FISCAL_YEAR),
        Column("kind", "enum", True, UNLINKED_KINDS),
        Column("jp_ja", "text", True),
        Column("jp_en", "text", True),
        Column("partner_ja", "text", True),
        Column("partner_en", "text", True),
        Column("source", "source_refs", True),
        Column("notes", "text", description="why it is not a link, in English"),
        # Added in December 2026 (last in the contract; the file's header decides where they sit):
        Column("jp_ids", "id_list", description="cities.csv ids of the Japanese side the row names (blank if none)"),
        Column("partner_ids", "id_list", description="cities.csv ids of the partner side the row names (blank if none "
                                                     "or not in cities.csv)"),
        Column("contradicted_by", "source_refs", description="for kind contradicted: the sources that contradict it"),
        Column("notes_ja", "text", description="why it is not a link, in Japanese"),
    ),
    optional_columns=("jp_ids", "partner_ids", "contradicted_by", "notes", "notes_ja"),
    optional_file=True,
)

NOTES_LINE_BASIS = FileSpec(
    filename="notes/line_basis.csv",
    description="Drawn lines that rest on a word of the title or a parenthetical of the brochure's project header: "
                "the map's line and the project detail say so.",
    columns=(
        Column("project_id", "id", True, description="a projects.csv row"),
        Column("jp_id", "id", True, description="the Japanese side of the line"),
        Column("partner_id", "id", True, description="the partner side of the line"),
        Column("basis", "enum", True, LINE_BASES),
        Column("note_ja", "text", True),
        Column("note_en", "text", True),
    ),
    optional_file=True,
)

NOTES_FILES: tuple[FileSpec, ...] = (NOTES_CONTRADICTIONS, NOTES_EVIDENCE, NOTES_UNLINKED, NOTES_LINE_BASIS)

# The data's version: the date it is "as of", and what changed when and why (the latest entry has that date).
VERSION = FileSpec(
    filename="version.csv",
    description="One row: the date the data is as of.",
    columns=(
        Column("as_of", "date", True, description="YYYY-MM-DD; equal to the latest date of changelog.csv"),
    ),
    optional_file=True,
)

CHANGELOG = FileSpec(
    filename="changelog.csv",
    description="What changed in the data, when and why, both languages; newest last.",
    columns=(
        Column("date", "date", True, description="YYYY-MM-DD"),
        Column("change_ja", "text", True),
        Column("change_en", "text", True),
        Column("reason_ja", "text", True),
        Column("reason_en", "text", True),
    ),
    optional_file=True,
)

VERSION_FILES: tuple[FileSpec, ...] = (VERSION, CHANGELOG)
ALL_FILES: tuple[FileSpec, ...] = (COUNTRIES, CITIES, PROJECTS, FISCAL_YEARS, SOURCES, *NOTES_FILES, *VERSION_FILES)


def split_source_ref(ref: str) -> tuple[str, str]:
    """'moe-brochure-fy2022#07' -> ('moe-brochure-fy2022', '07'); a reference without a locator -> (id, '')."""
    source_id, _, locator = ref.strip().partition("#")
    return source_id.strip(), locator.strip()
