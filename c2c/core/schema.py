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
UNLINKED_KINDS = ("one_sided", "derived_pairing", "weak")


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
        Column("notes", "text"),
    ),
    optional_columns=("title_en_origin", "notes"),
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
        Column("notes", "text"),
    ),
    optional_columns=("notes",),
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
    description="Known but unlinked: reference rows that name one side only, or pair the sides too weakly.",
    columns=(
        Column("fiscal_year", "fiscal_year", True, minimum=MIN_FISCAL_YEAR, maximum=MAX_FISCAL_YEAR),
        Column("kind", "enum", True, UNLINKED_KINDS),
        Column("jp_ja", "text", True),
        Column("jp_en", "text", True),
        Column("partner_ja", "text", True),
        Column("partner_en", "text", True),
        Column("source", "source_refs", True),
        Column("notes", "text"),
    ),
    optional_columns=("notes",),
    optional_file=True,
)

NOTES_FILES: tuple[FileSpec, ...] = (NOTES_CONTRADICTIONS, NOTES_EVIDENCE, NOTES_UNLINKED)
ALL_FILES: tuple[FileSpec, ...] = (COUNTRIES, CITIES, PROJECTS, FISCAL_YEARS, SOURCES, *NOTES_FILES)


def split_source_ref(ref: str) -> tuple[str, str]:
    """'moe-brochure-fy2022#07' -> ('moe-brochure-fy2022', '07'); a reference without a locator -> (id, '')."""
    source_id, _, locator = ref.strip().partition("#")
    return source_id.strip(), locator.strip()
