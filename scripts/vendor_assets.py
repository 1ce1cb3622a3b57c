#!/usr/bin/env python3
"""Vendor the map's browser assets into static/vendor/ and rebuild the offline basemap in static/basemap/.

    python scripts/vendor_assets.py                  # npm pack the pinned packages, extract, rebuild, manifest
    python scripts/vendor_assets.py --basemap-only   # rebuild static/basemap/ from the vendored TopoJSON (no npm)
    python scripts/vendor_assets.py --check          # verify static/ against MANIFEST.json, exit 1 on mismatch

Each pinned npm package is fetched with ``npm pack <name>@<version> --json`` into a temporary directory, the
tarball is checked against the registry's ``integrity`` (sha512), only the files the app needs are extracted
into ``static/vendor/<package>/`` next to the package's licence, and ``static/vendor/MANIFEST.json`` records
name, version, licence, ``resolved`` tarball URL, ``integrity`` and the sha256 of every file written (paths
relative to ``static/``). Re-running changes nothing unless an input changed: files are only rewritten when
their bytes differ, and the manifest keeps its date when nothing else in it changed.

To upgrade, change a version in PACKAGES, run the script, check the map, commit static/.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import fnmatch
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from c2c.map import basemap
from c2c.map.offline_map import JQUERY_SHIM_JS, JQUERY_SHIM_SOURCE
from scripts import topojson_basemap

ROOT = Path(__file__).resolve().parents[1]

STATIC = ROOT / "static"
VENDOR = STATIC / "vendor"
MANIFEST = VENDOR / "MANIFEST.json"

LICENSE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license", "license.md", "License.md")


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    license: str
    # (glob inside the tarball's package/ directory, destination relative to static/vendor/<name>/;
    #  a destination ending in "/" keeps the file name)
    files: tuple[tuple[str, str], ...]
    note: str = ""


PACKAGES = (
    Package(
        name="leaflet",
        version="1.9.4",  # latest 1.9.x; folium 0.20 references 1.9.3 from jsDelivr
        license="BSD-2-Clause",
        files=(
            ("dist/leaflet.js", "leaflet.js"),
            ("dist/leaflet.css", "leaflet.css"),
            ("dist/images/*.png", "images/"),
        ),
    ),
    Package(
        name="leaflet.fullscreen",
        version="3.0.0",  # what folium 0.20's plugins.Fullscreen loads
        license="MIT",
        files=(
            ("Control.FullScreen.js", "Control.FullScreen.js"),
            ("Control.FullScreen.css", "Control.FullScreen.css"),
            ("icon-fullscreen.svg", "icon-fullscreen.svg"),  # referenced by the CSS
        ),
        note=(
            "folium asks jsDelivr for Control.FullScreen.min.js, which is not in the package: jsDelivr minifies "
            "on the fly. The unminified file (8 kB) is vendored instead."
        ),
    ),
    Package(
        name="world-atlas",
        version="2.0.2",
        license="ISC",
        files=(
            ("countries-110m.json", "countries-110m.json"),
            ("countries-50m.json", "countries-50m.json"),
        ),
        note="Natural Earth 4.1.0 admin-0 countries as TopoJSON; the Natural Earth data is in the public domain.",
    ),
)

NATURAL_EARTH_NOTICE = """\
The country shapes in countries-110m.json and countries-50m.json (and the files derived from them in
static/basemap/) come from Natural Earth, version 4.1.0, via the npm package world-atlas 2.0.2
(https://github.com/topojson/world-atlas, ISC licence: see LICENSE).

Natural Earth data is in the public domain: "All versions of Natural Earth raster + vector map data found on
this website are in the public domain. You may use the maps in any manner, including modifying the content and
design, electronic dissemination, and offset printing." -- https://www.naturalearthdata.com/about/terms-of-use/

Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.
"""

# Files written by this script that do not come from a package (path relative to static/ -> text).
LOCAL_FILES = {
    JQUERY_SHIM_JS: JQUERY_SHIM_SOURCE,
    "vendor/world-atlas/NATURAL_EARTH.txt": NATURAL_EARTH_NOTICE,
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def rel(path: Path) -> str:
    return path.relative_to(STATIC).as_posix()


def npm() -> str:
    exe = shutil.which("npm") or shutil.which("npm.cmd")
    if not exe:
        sys.exit("npm not found on PATH")
    return exe


def npm_pack(pkg: Package, workdir: Path) -> tuple[Path, dict]:
    """Download the tarball; return its path and npm's metadata (integrity, resolved)."""
    spec = f"{pkg.name}@{pkg.version}"
    result = subprocess.run(
        [npm(), "pack", spec, "--json", "--ignore-scripts", "--pack-destination", str(workdir)],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=True,
    )
    info = json.loads(result.stdout)[0]
    if info.get("name") != pkg.name or info.get("version") != pkg.version:
        sys.exit(f"npm pack {spec} returned {info.get('name')}@{info.get('version')}")
    tarball = workdir / info["filename"]
    # npm 7+ no longer puts "resolved" in `npm pack --json`; the registry's dist metadata has it.
    if not info.get("resolved"):
        dist = json.loads(
            subprocess.run(
                [npm(), "view", spec, "dist", "--json"], cwd=workdir, capture_output=True, text=True, check=True
            ).stdout
        )
        info["resolved"] = dist["tarball"]
        if dist.get("integrity") and dist["integrity"] != info["integrity"]:
            sys.exit(f"{spec}: npm pack and npm view disagree on integrity")
    algorithm, _, expected = info["integrity"].partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if actual != expected:
        sys.exit(f"{spec}: tarball does not match its integrity {info['integrity']}")
    return tarball, info


def extract(pkg: Package, tarball: Path) -> dict[str, str]:
    """Write the package's needed files and licence; return {path relative to static/: sha256}."""
    dest_root = VENDOR / pkg.name
    written: dict[str, str] = {}
    with tarfile.open(tarball, "r:gz") as tar:
        members = {
            m.name.split("/", 1)[1]: m for m in tar.getmembers() if m.isfile() and "/" in m.name
        }  # strip the top directory ("package/")
        wanted: list[tuple[str, str]] = []
        for pattern, dest in pkg.files:
            matches = sorted(n for n in members if fnmatch.fnmatchcase(n, pattern))
            if not matches:
                sys.exit(f"{pkg.name}@{pkg.version}: nothing matches {pattern}")
            for name in matches:
                wanted.append((name, dest + name.rsplit("/", 1)[-1] if dest.endswith("/") else dest))
        licence = next((n for n in LICENSE_NAMES if n in members), None)
        if licence is None:
            sys.exit(f"{pkg.name}@{pkg.version}: no LICENSE file in the package")
        wanted.append((licence, "LICENSE"))
        for name, dest in wanted:
            data = tar.extractfile(members[name]).read()  # type: ignore[union-attr]
            target = dest_root / dest
            write_if_changed(target, data)
            written[rel(target)] = sha256(data)
    return written


def remove_stale(directory: Path, keep: set[str]) -> None:
    if not directory.is_dir():
        return
    for path in sorted(directory.rglob("*"), reverse=True):
        if path.is_file() and rel(path) not in keep:
            print(f"  removing stale {rel(path)}")
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def write_local_files() -> dict[str, str]:
    out = {}
    for relpath, text in LOCAL_FILES.items():
        data = text.encode("utf-8")
        write_if_changed(STATIC / relpath, data)
        out[relpath] = sha256(data)
    return out


def build_basemaps() -> list[dict]:
    derived = []
    for resolution in basemap.RESOLUTIONS:
        source = VENDOR / "world-atlas" / f"countries-{resolution}.json"
        topology = json.loads(source.read_text(encoding="utf-8"))
        tolerance = topojson_basemap.BUILD_TOLERANCE[resolution]
        collection = topojson_basemap.build_basemap(topology, precision=topojson_basemap.DEFAULT_PRECISION, tolerance=tolerance)
        data = (topojson_basemap.dumps_compact(collection) + "\n").encode("utf-8")
        target = basemap.basemap_path(resolution)
        changed = write_if_changed(target, data)
        print(f"  {rel(target)}: {len(collection['features'])} countries, {len(data):,} bytes"
              + ("" if changed else " (unchanged)"))
        derived.append(
            {
                "path": rel(target),
                "from": rel(source),
                "precision": topojson_basemap.DEFAULT_PRECISION,
                "simplify_tolerance_deg": tolerance,
                "sha256": sha256(data),
            }
        )
    keep = {d["path"] for d in derived}
    for path in basemap.BASEMAP_DIR.glob("countries-*.pacific.geojson"):
        if rel(path) not in keep:
            path.unlink()
    return derived


def write_manifest(manifest: dict) -> None:
    old = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.is_file() else None
    if old is not None and {k: v for k, v in old.items() if k != "date"} == {
        k: v for k, v in manifest.items() if k != "date"
    }:
        manifest["date"] = old.get("date", manifest["date"])
    ordered = {"date": manifest.pop("date"), **manifest}
    changed = write_if_changed(MANIFEST, (json.dumps(ordered, indent=2, ensure_ascii=False) + "\n").encode())
    print(f"  {rel(MANIFEST)}" + ("" if changed else " (unchanged)"))


def vendor() -> None:
    packages = []
    with tempfile.TemporaryDirectory(prefix="c2c-vendor-") as tmp:
        for pkg in PACKAGES:
            print(f"{pkg.name}@{pkg.version}")
            tarball, info = npm_pack(pkg, Path(tmp))
            files = extract(pkg, tarball)
            remove_stale(VENDOR / pkg.name, set(files) | set(LOCAL_FILES))
            for path in files:
                print(f"  {path}")
            entry = {
                "name": pkg.name,
                "version": pkg.version,
                "license": pkg.license,
                "resolved": info["resolved"],
                "integrity": info["integrity"],
                "files": dict(sorted(files.items())),
            }
            if pkg.note:
                entry["note"] = pkg.note
            packages.append(entry)
    local = write_local_files()
    print("basemap")
    derived = build_basemaps()
    write_manifest(
        {
            "date": dt.date.today().isoformat(),
            "generated_by": "scripts/vendor_assets.py",
            "paths": "relative to static/",
            "packages": packages,
            "local": dict(sorted(local.items())),
            "derived": derived,
        }
    )


def rebuild_basemap_only() -> None:
    if not MANIFEST.is_file():
        sys.exit(f"{rel(MANIFEST)} is missing: run without --basemap-only first")
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    manifest["local"] = dict(sorted(write_local_files().items()))
    print("basemap")
    manifest["derived"] = build_basemaps()
    write_manifest(manifest)


def check() -> int:
    """Compare every file under static/vendor and static/basemap with the manifest."""
    if not MANIFEST.is_file():
        print(f"{rel(MANIFEST)} is missing")
        return 1
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    expected: dict[str, str] = {}
    for pkg in manifest["packages"]:
        expected.update(pkg["files"])
    expected.update(manifest.get("local", {}))
    expected.update({d["path"]: d["sha256"] for d in manifest.get("derived", [])})
    problems = []
    for relpath, digest in sorted(expected.items()):
        path = STATIC / relpath
        if not path.is_file():
            problems.append(f"missing: {relpath}")
        elif sha256(path.read_bytes()) != digest:
            problems.append(f"changed: {relpath}")
    present = {rel(p) for d in (VENDOR, basemap.BASEMAP_DIR) for p in d.rglob("*") if p.is_file()}
    for relpath in sorted(present - set(expected) - {rel(MANIFEST)}):
        problems.append(f"not in manifest: {relpath}")
    for line in problems:
        print(line)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--basemap-only", action="store_true", help="rebuild static/basemap/ without npm")
    group.add_argument("--check", action="store_true", help="verify static/ against the manifest")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    if args.basemap_only:
        rebuild_basemap_only()
    else:
        vendor()
    return 0


if __name__ == "__main__":
    sys.exit(main())
