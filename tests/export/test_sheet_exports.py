"""The A4 briefing sheet (PDF), the xlsx workbook and the GeoJSON export (issue #20, items 2 and 3)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

import pytest

from c2c.cli import main as cli_main
from c2c.core.dataset import load_dataset
from c2c.core.selection import FiscalYearSpec, Selection, select_links
from c2c.export import export_bytes
from c2c.map.network import build_network
from tests.conftest import HOSTILE, REPO_ROOT, SHIPPED_DATA, write_hostile_copy

POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext") and shutil.which("pdffonts")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed (make test installs it as root)")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def run(*args) -> str:
    return subprocess.run(list(args), check=True, capture_output=True, text=True).stdout


SHEETS = [("place", "jp-kitakyushu", ["北九州市", "ハイフォン市"], ["Kitakyushu City", "Hai Phong City"]),
          ("pair", "jp-toyama~cl-renca", ["富山市", "サンティアゴ市レンカ区", "日本工営"], ["Toyama City", "Renca"]),
          ("country", "VN", ["ベトナム", "ホーチミン市"], ["Viet Nam", "Ho Chi Minh City"]),
          ("place", "mv-male", ["マレ"], ["Mal"])]  # a place with one project


@needs_poppler
@pytest.mark.parametrize(("kind", "code", "ja", "en"), SHEETS)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_sheet_is_a4_at_most_two_pages_fonts_embedded_text_extractable(tmp_path, kind, code, ja, en, lang):
    dataset = load_dataset(SHIPPED_DATA)
    if code not in dataset.cities.index and kind == "place":
        pytest.skip(f"{code} not in the data")
    out = tmp_path / f"{lang}.pdf"
    option = {"place": "--place", "pair": "--pair", "country": "--country"}[kind]
    assert cli_main(["export", "--format", "pdf", option, code, "--lang", lang, "--out", str(out)]) == 0
    info = run("pdfinfo", str(out))
    assert "(A4)" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 1 <= pages <= 2
    fonts = run("pdffonts", str(out)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    text = " ".join(run("pdftotext", str(out), "-").split())
    for name in ja if lang == "ja" else en:
        assert name in text
    from c2c.report.profile import Subject, build_profile

    profile = build_profile(dataset, Subject(kind, code), Selection(), lang)
    for _key, label, value in profile.counts:
        assert label in text and f" {value} " in f" {text} "
    assert "profile?" in text  # the page's URL
    assert ("出典の最新日付" if lang == "ja" else "latest source dated") in text or "as of" in text or "時点" in text


@pytest.mark.parametrize(("args", "message"), [
    (["--place", "jp-nowhere"], "--place"),
    (["--pair", "jp-toyama~xx-nowhere"], "--pair"),
    (["--pair", "not a pair"], "--pair"),
    (["--country", "ZZ"], "--country"),
    ([], "needs --place"),
])
def test_unknown_subject_is_exit_2_and_writes_nothing(tmp_path, capsys, args, message):
    out = tmp_path / "sheet.pdf"
    assert cli_main(["export", "--format", "pdf", *args, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_cli_exit_code_in_a_real_process(tmp_path):
    out = tmp_path / "x.pdf"
    result = subprocess.run([sys.executable, "-m", "c2c", "export", "--format", "pdf", "--place", "jp-nowhere",
                             "--out", str(out)], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr and not out.exists()


def test_stats_with_place_and_pair(capsys, dataset):
    from c2c.core.stats import compute_stats

    assert cli_main(["stats", "--pair", "jp-toyama~cl-renca"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == compute_stats(dataset, Selection(jp_ids=("jp-toyama",), place_id="cl-renca"))
    assert cli_main(["stats", "--place", "jp-kitakyushu", "--fiscal-year", "2022"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == compute_stats(dataset, Selection(place_id="jp-kitakyushu", fiscal_years=FiscalYearSpec(2022, 2022)))


# ---- xlsx --------------------------------------------------------------------------------------------------------

def test_xlsx_sheets_values_only_japanese_intact(dataset):
    from openpyxl import load_workbook

    selection = Selection(fiscal_years=FiscalYearSpec(2022, 2022))
    book = load_workbook(io.BytesIO(export_bytes(dataset, selection, "xlsx", "ja")))
    assert book.sheetnames == ["事業", "連携ペア", "出典", "README"]
    projects = book["事業"]
    assert projects.max_row - 1 == 22  # FY2022 is complete: 22 projects
    values = [c.value for row in book["事業"].iter_rows() for c in row]
    assert any(isinstance(v, str) and "北九州市" in v for v in values)
    links = select_links(dataset, selection)
    assert book["連携ペア"].max_row - 1 == len(links[["jp_id", "partner_id"]].drop_duplicates())
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f"
    readme = " ".join(str(c.value) for row in book["README"].iter_rows() for c in row if c.value)
    assert "2022年度" in readme and "22 件のうち 22 件" in readme


def test_xlsx_neutralises_hostile_text(tmp_path):
    from openpyxl import load_workbook

    hostile = load_dataset(write_hostile_copy(tmp_path / "hostile"))
    book = load_workbook(io.BytesIO(export_bytes(hostile, Selection(), "xlsx", "en")))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f"
                assert not (isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")))
    texts = [c.value for row in book["projects"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(HOSTILE["formula"] in t for t in texts)  # kept as inert text, behind a quote


# ---- GeoJSON -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("selection", [Selection(), Selection(fiscal_years=FiscalYearSpec(2022, 2022)),
                                       Selection(countries=("VN",))])
def test_geojson_lines_equal_the_links_drawn(dataset, selection):
    collection = json.loads(export_bytes(dataset, selection, "geojson", "en"))
    assert collection["type"] == "FeatureCollection"
    lines = [f for f in collection["features"] if f["geometry"]["type"] == "LineString"]
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    layers = build_network(dataset, select_links(dataset, selection), "en")
    assert len(lines) == layers.line_count
    assert {(f["properties"]["jp_id"], f["properties"]["partner_id"]) for f in lines} == layers.pairs()
    assert len(points) == len(layers.nodes["features"])
    renca = [f for f in lines if f["properties"]["partner_id"] == "cl-renca"]
    if renca:  # the great circle as the map draws it: Pacific-centred, no jump across the world
        lons = [c[0] for c in renca[0]["geometry"]["coordinates"]]
        assert max(abs(a - b) for a, b in zip(lons, lons[1:])) < 20 and len(lons) > 10
    kk = next(f for f in points if f["id"] == "jp-kitakyushu") if any(f["id"] == "jp-kitakyushu" for f in points) \
        else None
    if kk:
        assert kk["properties"]["name_ja"] == "北九州市" and kk["properties"]["name_en"] == "Kitakyushu City"
