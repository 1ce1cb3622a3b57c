"""The profile page in Chromium, offline: each kind in both languages, links between profiles, the sheet's
download, and the print stylesheet (Ctrl+P: no sidebar, no widgets). Screenshots go to /work/shots/profiles/
(or $C2C_SHOTS) at 1280×720, 1366×768, 1920×1080 and 390×844."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection
from c2c.core.stats import compute_stats
from c2c.text import i18n
from tests.browser.test_pages_browser import dashboard_opened_once, wait_until_drawn  # noqa: F401
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("C2C_SHOTS", "/tmp/c2c_shots/profiles"))
SIZES = [(1280, 720), (1366, 768), (1920, 1080), (390, 844)]
CASES = {"kitakyushu": ("place=jp-kitakyushu", Selection(place_id="jp-kitakyushu")),
         "hai-phong": ("place=vn-hai-phong", Selection(place_id="vn-hai-phong")),
         "toyama-renca": ("pair=jp-toyama~cl-renca", Selection(jp_ids=("jp-toyama",), place_id="cl-renca")),
         "viet-nam": ("country=VN", Selection(countries=("VN",)))}


def open_profile(page, base, query, lang):
    page.goto(f"{base}/profile?{query}&lang={lang}")
    page.get_by_role("heading", name=i18n.t("page_profile", lang)).first.wait_for(timeout=30_000)
    page.locator("table.c2c-years").first.wait_for(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.locator("[data-testid='stImage'] img").first.wait_for(timeout=30_000)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", list(CASES))
def test_profile_shows_the_numbers_of_c2c_stats(app_server, offline_page, name, lang):
    query, selection = CASES[name]
    page = offline_page.page
    open_profile(page, app_server, query, lang)
    stats = compute_stats(load_dataset(SHIPPED_DATA), selection)
    metrics = page.locator("[data-testid='stMetric']")
    shown = {}
    for i in range(metrics.count()):
        label = metrics.nth(i).locator("[data-testid='stMetricLabel']").inner_text().strip()
        shown[label] = metrics.nth(i).locator("[data-testid='stMetricValue']").inner_text().strip()
    assert shown[i18n.t("metric_projects", lang)] == str(stats["projects"])
    for key, label in (("partner_places", "metric_partner_places"), ("jp_municipalities", "metric_jp"),
                       ("links", "metric_links")):
        if i18n.t(label, lang) in shown:
            assert shown[i18n.t(label, lang)] == str(stats[key])
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(600)
        page.screenshot(path=str(SHOTS / f"{name}_{lang}_{width}x{height}.png"))
    assert offline_page.blocked == []


def test_a_partner_link_opens_its_profile_and_the_pair(app_server, offline_page):
    page = offline_page.page
    open_profile(page, app_server, "place=jp-kitakyushu", "en")
    page.locator("table.c2c-counterparts a", has_text="Hai Phong City").first.click()
    page.wait_for_function("() => location.search.includes('place=vn-hai-phong')", timeout=20_000)
    page.get_by_role("heading", name="Hai Phong City").first.wait_for(timeout=30_000)
    page.locator("table.c2c-counterparts a.c2c-pair").first.click()
    page.wait_for_function("() => location.search.includes('pair=')", timeout=20_000)
    page.get_by_role("heading", name=i18n.t("profile_history_heading", "en"), exact=False).first.wait_for(
        timeout=30_000)
    assert offline_page.blocked == []


def test_unknown_id_is_a_notice(app_server, offline_page):
    page = offline_page.page
    page.goto(f"{app_server}/profile?place=jp-nowhere")
    page.get_by_text("place=jp").first.wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def test_sheet_download(app_server, offline_page):
    page = offline_page.page
    open_profile(page, app_server, "pair=jp-toyama~cl-renca", "ja")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=i18n.t("download_pdf", "ja")).click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF") and info.value.suggested_filename.endswith(".pdf")


@pytest.mark.parametrize("path", ["profile?place=jp-kitakyushu", "projects?fy=2022", ""])
def test_print_has_no_sidebar_or_widgets(app_server, offline_page, path):
    page = offline_page.page
    page.goto(f"{app_server}/{path}")
    page.locator("[data-testid='stMainBlockContainer']").first.wait_for(timeout=30_000)
    page.wait_for_timeout(3000)
    page.emulate_media(media="print")
    for selector in ("[data-testid='stSidebar']", "[data-testid='stDownloadButton']", "[data-testid='stSelectbox']",
                     "[data-testid='stHeader']"):
        hidden = page.evaluate(f"() => [...document.querySelectorAll(\"{selector}\")].every(e => !e.checkVisibility())")
        assert hidden, selector
    overflow = page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')).overflow")
    assert overflow == "visible"
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = (path.split("?")[0] or "map")
    page.screenshot(path=str(SHOTS / f"print_{name}.png"), full_page=True)
    pdf = page.pdf(format="A4")
    (SHOTS / f"print_{name}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
