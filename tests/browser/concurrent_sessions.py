"""Many browser sessions against one server, each changing its own filters: shared by the test and the benchmark.

Each session checks what its own map draws against the data for its own filters, so a cache or object shared
and mutated across sessions would show up as a wrong line in somebody else's map.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from c2c.core.dataset import Dataset

COUNTRY_CYCLE = ["VN", "ID", "MY", "TH", "PH", "MM", "KH", "MN", "PW", "CL", "MV", "IN"]


@dataclass
class SessionReport:
    index: int
    checks: int = 0
    errors: list[str] = field(default_factory=list)


def expected_pairs(dataset: Dataset, country: str, year: int | None) -> set[str]:
    links = dataset.links[dataset.links["country_code"] == country]
    if year is not None:
        links = links[links["fiscal_year"] == year]
    return {f"{j}|{q}" for j, q in links[["jp_id", "partner_id"]].drop_duplicates().itertuples(index=False)}


READ_PAIRS = """() => { const fg = window.feature_group; if (!fg || !fg.length || !fg[fg.length-1].c2c) return null;
    const g = fg[fg.length-1].c2c, out = [];
    g.dated.eachLayer(l => out.push(l.feature.properties.jp + '|' + l.feature.properties.partner));
    g.undated.eachLayer(l => out.push(l.feature.properties.jp + '|' + l.feature.properties.partner));
    return out; }"""


async def _map_pairs(page, expected: set[str], timeout: float) -> set[str]:
    deadline = time.monotonic() + timeout
    last: set[str] = set()
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "st_folium" in (frame.url or ""):
                try:
                    pairs = await frame.evaluate(READ_PAIRS)
                except Exception:  # the frame is being replaced
                    pairs = None
                if pairs is not None:
                    last = set(pairs)
                    if last == expected:
                        return last
        await asyncio.sleep(0.25)
    return last


async def run_session(browser, base: str, dataset: Dataset, index: int, rounds: int, timeout: float,
                      stop_at: float | None = None) -> SessionReport:
    report = SessionReport(index)
    await asyncio.sleep(0.25 * index)  # people do not all press Enter in the same millisecond
    context = await browser.new_context(viewport={"width": 1200, "height": 800})
    page = await context.new_page()
    outside: list[str] = []

    async def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            await r.continue_()
        else:
            outside.append(r.request.url)
            await r.abort()

    await page.route("**/*", route)
    try:
        for step in range(rounds):
            if stop_at is not None and time.monotonic() > stop_at:
                break
            country = COUNTRY_CYCLE[(index + step) % len(COUNTRY_CYCLE)]
            year = 2022 if (index + step) % 2 == 0 else None
            expected = expected_pairs(dataset, country, year)
            query = f"?country={country}" + (f"&fy={year}" if year else "")
            await page.goto(base + "/" + query, wait_until="commit", timeout=timeout * 1000)
            got = await _map_pairs(page, expected, timeout)
            report.checks += 1
            if got != expected:
                report.errors.append(f"session {index} {query}: drew {sorted(got)[:4]}... expected {sorted(expected)[:4]}...")
        if outside:
            report.errors.append(f"session {index} requested outside hosts: {outside[:3]}")
    except Exception as exc:  # a crashed session is a failure to report, not to hide
        report.errors.append(f"session {index}: {type(exc).__name__}: {exc}")
    finally:
        await context.close()
    return report


async def run_sessions(executable: str, args: list[str], base: str, dataset: Dataset, sessions: int, rounds: int,
                       timeout: float = 60.0, duration: float | None = None) -> list[SessionReport]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=args)
        stop_at = time.monotonic() + duration if duration else None
        try:
            return await asyncio.gather(*(run_session(browser, base, dataset, i, rounds, timeout, stop_at)
                                          for i in range(sessions)))
        finally:
            await browser.close()
