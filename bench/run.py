"""C2C Atlas map benchmark: our map against the naive folium map and the floor page, at today's size, 1,000 and
10,000 links.

    .venv/bin/python -m bench.run                      # full run, prints the table
    .venv/bin/python -m bench.run --json bench/results.json
    .venv/bin/python -m bench.run --quick              # fewer repetitions
    .venv/bin/python -m bench.run --no-browser         # server-side figures only

Every comparison is measured in the same run, alternating the sides, and reported as the median of the repetitions.
Definitions: bench/README.md. The parts: bench/builds.py (server side), bench/browser.py (Chromium),
bench/report.py (targets and the table); bench/load_profile.py says where a load's time goes.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.browser import DATA_DIR, log, run_browser
from bench.builds import compare_builds, compare_reruns
from bench.report import check_targets, machine, table
from bench.synthetic import load_synthetic
from c2c.core.dataset import load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (about 3-5 minutes on 2 cores)")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # bare-mode st_folium calls warn about the missing ScriptRunContext
    started = time.perf_counter()
    quick = args.quick
    results: dict[str, Any] = {"meta": {"quick": quick, "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
                                        "machine": machine()}}
    with tempfile.TemporaryDirectory(prefix="c2c-bench-") as tmp_name:
        tmp = Path(tmp_name)
        log("real data: builds")
        real = load_dataset(DATA_DIR)
        results["real"] = compare_builds(real, reps=5 if quick else 11)
        log("real data: AppTest reruns")
        results["real"].update(compare_reruns(cycles=2 if quick else 6))
        log("synthetic 1k")
        results["synthetic_1k"] = compare_builds(load_synthetic(tmp / "s1k", 1_000), reps=3 if quick else 5)
        log("synthetic 10k (the naive build takes minutes)")
        results["synthetic_10k"] = compare_builds(load_synthetic(tmp / "s10k", 10_000), reps=3 if quick else 5,
                                                  naive_reps=1 if quick else 3)
        if args.no_browser:
            results["browser"] = {"skipped": "--no-browser"}
        else:
            try:
                results["browser"] = run_browser(quick, tmp)
            except Exception as exc:  # a broken browser run must not lose the server figures
                results["browser"] = {"error": f"{type(exc).__name__}: {exc}"}
    results["targets"] = check_targets(results)
    results["meta"]["wall_s"] = round(time.perf_counter() - started, 1)
    print(table(results))
    print(f"\nwall time {results['meta']['wall_s']} s ({'quick' if quick else 'full'} run)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
