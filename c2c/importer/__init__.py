"""Add a fiscal year's adoption list to the data: ``python -m c2c import``.

Usage::

    python -m c2c import --fiscal-year 2026 ADOPTION_LIST.(xlsx|csv) [--source SOURCE_ID|URL] [--data-dir DIR]
                         [--dry-run] [--sheet NAME] [--adopted N] [--online]

The input has one row per project, with Japanese or English headers (``案件名|title``, ``代表事業者|lead_org``,
``共同実施者|co_implementers``, ``日本の自治体|jp_municipality``, ``相手国|country``, ``相手都市|partner_place``,
``概要|summary``, and optionally ``出典|source``). Places are matched to cities.csv by name, English name and
aliases (NFKC, case-insensitive, with or without 市/省/州/City/Province…) within the stated country; a partner
place that is not there is looked up in the offline GeoNames gazetteer *in that country* (Nominatim too with
``--online``) and added with a new id.

It never guesses. Any problem (an ambiguous name, a place not found in the stated country, an unknown
municipality, a country that is not one, a duplicate project, an empty required cell) is reported as
``FILE:ROW: column: what is wrong``, the exit code is 2, and no file changes. Otherwise every changed file is
written next to the original, the whole new data directory is validated, and then all files are swapped in; if
anything fails half-way, the originals are put back.

Exit codes: 0 imported (or the dry run found nothing wrong); 2 problems, nothing changed.
"""

from __future__ import annotations

import os  # noqa: F401  (tests interrupt the swap through importer.os.replace)

from c2c.importer.command import EXIT_INVALID, EXIT_OK, build_parser, main, report
from c2c.importer.listfile import HEADERS, REQUIRED, InputRow, map_headers, read_rows
from c2c.importer.matching import Matcher, NewPlace, default_geocoders, geocode_place, name_keys
from c2c.importer.plan import Plan, make_plan, resolve_source
from c2c.importer.writing import check_new_directory, new_file_contents, replace_all

__all__ = ["EXIT_INVALID", "EXIT_OK", "HEADERS", "REQUIRED", "InputRow", "Matcher", "NewPlace", "Plan", "build_parser",
           "check_new_directory", "default_geocoders", "geocode_place", "main", "make_plan", "map_headers",
           "name_keys", "new_file_contents", "read_rows", "replace_all", "report", "resolve_source"]
