"""Shared fixtures: a small valid data directory that tests copy and break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DATA = REPO_ROOT / "data"
# The shared reference compilation sits beside the checkout (main) or two levels up (a worktree under wt/).
SHARED_REFERENCE = next((p for p in (REPO_ROOT.parent / "shared" / "reference",
                                     REPO_ROOT.parent.parent / "shared" / "reference") if p.is_dir()),
                        REPO_ROOT.parent / "shared" / "reference")

MINI_FILES = {
    "countries.csv": """code,name_ja,name_en,jcm_partner,notes
JP,日本,Japan,false,
VN,ベトナム,Viet Nam,true,
CL,チリ,Chile,true,
MY,マレーシア,Malaysia,false,
""",
    "cities.csv": """id,side,name_ja,name_en,aliases,country_code,kind,lat,lon,geo_source,geo_note
jp-kitakyushu,japan,北九州市,Kitakyushu City,Kitakyushu,JP,city,33.85181,130.85034,geonames,
jp-toyama,japan,富山市,Toyama City,Toyama,JP,city,36.7,137.21667,geonames,
vn-hai-phong,partner,ハイフォン市,Hai Phong City,Haiphong,VN,city,20.86481,106.68345,geonames,
cl-renca,partner,サンティアゴ市レンカ区,Municipality of Renca,Renca,CL,municipality,-33.4019,-70.70619,geonames,
my-iskandar,partner,イスカンダル開発地域,Iskandar Malaysia,,MY,special_zone,1.425,103.632,manual,Representative point
""",
    "projects.csv": """project_id,fiscal_year,jp_ids,partner_ids,title_ja,title_en,title_en_origin,lead_org_ja,lead_org_en,co_implementers_ja,summary_ja,summary_en,evidence,source,notes
fy2022-07,2022,jp-toyama,cl-renca,サンティアゴ市レンカ区におけるSDGs未来都市推進事業,Promoting an SDGs future city in Renca,translation,日本工営株式会社,Nippon Koei,富山市;北酸(株),要約,Summary,listed,brochure#07,
fy2022-21,2022,jp-kitakyushu,vn-hai-phong,ハイフォン市のエコ工業団地推進事業,Eco-industrial parks in Hai Phong,translation,IGES,IGES,北九州市,要約,Summary,listed,brochure#21,
fy2015-kk-hp,2015,jp-kitakyushu,vn-hai-phong,,,,,,,,,narrative,page-a,
fy2022-09,2022,jp-toyama;jp-kitakyushu,my-iskandar,脱炭素交通,Zero-carbon transport,translation,JANUS,JANUS,,,,listed,brochure#09,
pl-toyama--vn-hai-phong,,jp-toyama,vn-hai-phong,,,,,,,,,participation_list,brochure#list,
""",
    "fiscal_years.csv": """fiscal_year,adopted_official,applications_official,cumulative_countries,cumulative_partner_places,cumulative_jp_municipalities,programme_name_ja,source,notes
2015,16,29,,,,名前,release-fy,
2022,22,,13,45,20,名前,release-fy,
""",
    "sources.csv": """id,kind,publisher_ja,publisher_en,title_ja,title_en,date,url,mirror_of,notes
brochure,publication,環境省,Ministry of the Environment,2022年度 パンフレット,FY2022 brochure,,http://example.org/moe/,,
page-a,mirror,example.org,example.org,［写し］,[Copy],,http://example.org/a,report-a,
report-a,publication,北九州市,Kitakyushu City,報告書,Report,2016-03,,,
release-fy,press release,環境省,Ministry of the Environment,［採択結果］,[Adoption results],2022-04-05,http://example.org/fy,,
""",
}


def year_view(payload: dict) -> dict:
    """What the map draws of a payload: with ``year_pick`` (the one-year view, every year sent) the picked year's
    lines, as C2CAtlas.yearView builds them (static/js/c2c-years.js; tests/map/test_year_pick.py checks the two
    agree); any other payload as it is."""
    pick = payload.get("year_pick")
    if not pick:
        return payload
    year, projects, lines = pick["year"], payload["projects"], []
    for line in payload["lines"]:
        if year not in line["years"]:
            continue
        refs = [k for k in line["projects"] if projects[k]["year"] == year]
        out = {"jp": line["jp"], "partner": line["partner"], "count": len(refs), "years": [year], "projects": refs}
        basis = line["basis_by_year"].get(str(year), {}) if "basis_by_year" in line else line
        out.update({key: basis[key] for key in ("basis", "basis_notes") if basis.get(key)})
        lines.append(out)
    return {**payload, "lines": lines}


def payload_lines(payload: dict, kind: str) -> list[dict]:
    """The "dated" (with fiscal years) or "undated" lines of a compact map payload."""
    return [line for line in payload["lines"] if bool(line["years"]) == (kind == "dated")]


def compact_pairs(payload: dict, kinds: tuple[str, ...] = ("dated", "undated")) -> set[tuple[str, str]]:
    """(jp_id, partner_id) of the lines in a compact map payload (c2c.map.network.build_compact_network)."""
    places = payload["places"]
    return {(places[line["jp"]]["id"], places[line["partner"]]["id"]) for kind in kinds
            for line in payload_lines(payload, kind)}


def write_mini_data(directory: Path, overrides: dict[str, str] | None = None, encoding: str = "utf-8") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    files = dict(MINI_FILES)
    files.update(overrides or {})
    for name, text in files.items():
        if text is None:
            continue
        (directory / name).write_bytes(text.encode(encoding))
    return directory


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    return write_mini_data(tmp_path / "data")


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    target = tmp_path / "shipped"
    shutil.copytree(SHIPPED_DATA, target, ignore=shutil.ignore_patterns("*.md"))
    return target


HOSTILE = {
    "img": "<img src=x onerror=\"window.__xss=1;alert(1)\">",
    "script": "</script><script>window.__xss=2;alert(2)</script>",
    "attr": "\"><svg onload=\"window.__xss=3;alert(3)\">",
    "quote": "' onmouseover='window.__xss=4' x='",
    "formula": "=HYPERLINK(\"http://evil.example\",\"click\")",
    "math": "$\\frac{1}{2}$ \\$",
    # markdown makes links of these even when escaped, and an emoji and an icon of the shortcodes (issue #23)
    "autolink": "www.evil-example.com/gov-login gov@evil-example.com http://evil-example.com/x :smile: :material/home:",
}


def write_hostile_copy(target: Path) -> Path:
    """The shipped data with hostile text in every free-text field of Toyama and of FY2022 project 07."""
    import csv

    shutil.copytree(SHIPPED_DATA, target, ignore=shutil.ignore_patterns("*.md"))
    payload = " ".join(HOSTILE.values())

    def rewrite(name: str, key: str, wanted: str, fields: dict[str, str]) -> None:
        path = target / name
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = reader.fieldnames, list(reader)
        for row in rows:
            if row[key] == wanted:
                row.update(fields)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    rewrite("cities.csv", "id", "jp-toyama", {"name_ja": "富山市" + HOSTILE["img"], "name_en": "Toyama" + HOSTILE["script"],
                                              "aliases": HOSTILE["quote"], "geo_note": payload})
    rewrite("projects.csv", "project_id", "fy2022-07", {
        "title_ja": HOSTILE["script"] + HOSTILE["math"] + HOSTILE["autolink"], "title_en": HOSTILE["attr"], "lead_org_ja": HOSTILE["img"],
        "lead_org_en": HOSTILE["quote"], "co_implementers_ja": HOSTILE["formula"] + ";" + HOSTILE["img"],
        "summary_ja": payload, "summary_en": payload, "notes": payload,
        "source": "hostile-source#07"})
    with (target / "sources.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["hostile-source", "news", HOSTILE["img"], HOSTILE["quote"], HOSTILE["script"] + HOSTILE["formula"],
             HOSTILE["attr"] + HOSTILE["math"] + HOSTILE["autolink"], "", "", "", payload])
    return target
