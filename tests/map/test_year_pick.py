"""The one-year view's year control: the browser's year view of the all-years payload (C2CAtlas.yearView in
static/js/c2c-years.js, run in Node) draws for every year exactly what the server builds for that year alone, and
the tests' mirror of it (tests/conftest.year_view) agrees."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import ALL_YEARS, Selection, parse_fiscal_year, select_links
from c2c.map.mapview import network_payload, pack_tables, unpack_tables, year_pick_options
from c2c.map.network import build_compact_network
from tests.conftest import REPO_ROOT, SHIPPED_DATA, year_view

NODE = shutil.which("node")


def drawn(payload: dict) -> list[tuple]:
    """Each line as the map draws it: the pair, count, years, project ids and what it rests on."""
    places, projects = payload["places"], payload["projects"]
    return sorted((places[line["jp"]]["id"], places[line["partner"]]["id"], line["count"], tuple(line["years"]),
                   tuple(projects[k]["id"] for k in line["projects"]), tuple(line.get("basis", ())),
                   tuple(line.get("basis_notes", ()))) for line in payload["lines"])


@pytest.mark.skipif(NODE is None, reason="node not installed")
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_browsers_year_view_is_the_servers_one_year_network(lang):
    dataset = load_dataset(SHIPPED_DATA)
    everything = select_links(dataset, Selection(fiscal_years=ALL_YEARS, include_undated=False))
    network = build_compact_network(dataset, everything, lang, by_year=True)
    years = list(dataset.all_years)
    payload = network_payload(network, year_pick=year_pick_options(years[-1], years, lang))
    # as sent: the tables packed (pack_tables), unpacked by the runtime before anything is drawn
    script = ("const A = require(process.argv[1]); const data = A.unpack(JSON.parse(require('fs').readFileSync(0, 'utf8')));"
              "const out = {}; data.year_pick.years.forEach(y => { out[y] = A.yearView(data, y).lines; });"
              "process.stdout.write(JSON.stringify(out));")
    result = subprocess.run([NODE, "-e", script, str(REPO_ROOT / "static" / "js" / "c2c-years.js")],
                            input=json.dumps(pack_tables(payload)), capture_output=True, text=True, check=True, timeout=60)
    browser = json.loads(result.stdout)
    assert unpack_tables(pack_tables(payload)) == payload
    based = 0
    for year in years:
        alone = build_compact_network(dataset, select_links(dataset, Selection(fiscal_years=parse_fiscal_year(str(year)))),
                                      lang).payload
        expected = drawn(alone)
        assert drawn({**payload, "lines": browser[str(year)]}) == expected, year
        pick = {**payload, "year_pick": {**payload["year_pick"], "year": year}}
        assert drawn(year_view(pick)) == expected, year
        based += sum(1 for line in alone["lines"] if line.get("basis"))
    assert based > 0  # some year has a line that rests on a title word: the per-year basis is exercised
