"""Writing an import: every changed file staged beside the original, the new directory validated in a copy, then
all files swapped in, or none."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from c2c.core import schema
from c2c.core.csvio import FileChangedError, Problem, Table, current_stamp, to_csv_text
from c2c.core.csvio import read_table as read_data_table
from c2c.core.validate import validate_data_dir
from c2c.importer.plan import Plan

Stamp = tuple[int, int, int, int]


def _append(table: Table, rows: list[dict[str, str]]) -> bytes:
    text = to_csv_text(table.header, table.rows + rows)
    return text.encode(table.encoding)


def new_file_contents(data_dir: Path, plan: Plan, stamps: dict[str, Stamp] | None = None) -> dict[str, bytes]:
    """File name -> new bytes, for every file the plan changes (in the file's own header order and encoding).
    ``stamps`` receives each file's stamp as read, for :func:`replace_all` to check that nobody saved it since."""
    out: dict[str, bytes] = {}
    stamps = {} if stamps is None else stamps

    def read_table(path: Path) -> Table:
        table = read_data_table(path)
        stamps[path.name] = table.stamp
        return table

    if plan.projects:
        out["projects.csv"] = _append(read_table(data_dir / "projects.csv"), plan.projects)
    if plan.places:
        rows = [{"id": p.id, "side": "partner", "name_ja": p.name_ja, "name_en": p.name_en,
                 "aliases": "", "country_code": p.country_code, "kind": "city",
                 "lat": f"{p.lat:.5f}", "lon": f"{p.lon:.5f}", "geo_source": p.geo_source, "geo_note": p.how}
                for p in plan.places]
        out["cities.csv"] = _append(read_table(data_dir / "cities.csv"), rows)
    if plan.source:
        out["sources.csv"] = _append(read_table(data_dir / "sources.csv"), [plan.source])
    if plan.adopted is not None:
        table = read_table(data_dir / "fiscal_years.csv")
        year_rows = [r for r in table.rows if r.get("fiscal_year", "").strip() == str(plan.fiscal_year)]
        source = plan.projects[0]["source"].split("#")[0] if plan.projects else ""
        if year_rows:
            year_rows[0]["adopted_official"] = str(plan.adopted[1])
            if source and source not in schema.split_list(year_rows[0].get("source", "")):
                year_rows[0]["source"] = ";".join([*schema.split_list(year_rows[0].get("source", "")), source])
            out["fiscal_years.csv"] = _append(table, [])
        else:
            out["fiscal_years.csv"] = _append(table, [{"fiscal_year": str(plan.fiscal_year),
                                                      "adopted_official": str(plan.adopted[1]), "source": source,
                                                      "notes": "Adopted count set by c2c import."}])
    return out


def check_new_directory(data_dir: Path, contents: dict[str, bytes]) -> list[Problem]:
    """Validate the data directory as it would be after the import, in a temporary copy."""
    with tempfile.TemporaryDirectory(prefix=".c2c-import-check-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("*.md", "templates", ".*"))
        for name, data in contents.items():
            (copy / name).write_bytes(data)
        return validate_data_dir(copy).problems


def replace_all(data_dir: Path, contents: dict[str, bytes], stamps: dict[str, Stamp] | None = None) -> None:
    """Swap in every new file, or none: new files are staged beside the old ones, then renamed one by one; if
    anything fails (or Ctrl-C) half-way, the files already replaced get their old bytes back. With ``stamps``
    (from :func:`new_file_contents`), a data file that someone saved during the import is not overwritten:
    FileChangedError, and nothing is replaced."""
    staged: dict[str, Path] = {}
    originals = {name: (data_dir / name).read_bytes() for name in contents}
    replaced: list[str] = []
    try:
        for name, data in contents.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".import-tmp", dir=data_dir)
            staged[name] = Path(tmp)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, (data_dir / name).stat().st_mode & 0o777)
        for name in staged:
            if stamps and name in stamps and current_stamp(data_dir / name) != stamps[name]:
                raise FileChangedError(f"{name} was changed by someone else during the import; not overwritten")
        for name, tmp in staged.items():
            os.replace(tmp, data_dir / name)
            replaced.append(name)
    except BaseException:
        for name in replaced:
            _restore(data_dir / name, originals[name])
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise


def _restore(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".restore-tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
