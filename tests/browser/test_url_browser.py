"""Page aliases, the language caption and invalid URL values in a real browser (issue #11 item 6, #14 item 12)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang,heading", [("ja", "C2C アトラス"), ("en", "C2C Atlas")])
def test_map_alias_opens_the_map_in_the_language(app_server, offline_page, lang, heading):
    page = offline_page.page
    page.goto(f"{app_server}/map?lang={lang}")
    page.get_by_text(heading).first.wait_for(timeout=30_000)
    assert page.get_by_text("Page not found").count() == 0
    offline_page.map_frame()  # the map itself is drawn


def test_clicking_the_language_caption_switches_and_invalid_values_leave_the_url(app_server, offline_page):
    page = offline_page.page
    page.goto(f"{app_server}/?fy=1999&country=VN,ZZ&lang=fr")
    page.get_by_text("fy=1999").first.wait_for(timeout=30_000)
    page.wait_for_url("**/?country=VN", timeout=10_000)
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    page.get_by_text("Countries", exact=True).first.wait_for(timeout=30_000)
    assert "lang=en" in page.url and "country=VN" in page.url


def test_the_projects_table_toolbar_offers_no_unsafe_csv(app_server, offline_page):
    """Issue #14 item 3: the table's own "Download as CSV" wrote formulas as they are; it is not offered."""
    page = offline_page.page
    page.goto(f"{app_server}/projects?lang=en")
    table = page.locator("[data-testid='stDataFrame']").first
    table.wait_for(timeout=30_000)
    table.hover()
    page.wait_for_timeout(500)
    page.screenshot(path="/tmp/c2c_projects_toolbar.png")
    assert page.locator("[data-testid='stElementToolbar']").count() >= 1  # the toolbar is there (search, fullscreen)
    assert page.get_by_role("button", name="Download as CSV").count() == 0
    assert page.get_by_role("button", name="Download as CSV", include_hidden=True).count() == 0


def test_quick_successive_filter_edits_all_stay(app_server, offline_page):
    """Issue #14 item 2: a second edit made at once must not undo the first (three quick edits, no waiting)."""
    page = offline_page.page
    page.goto(f"{app_server}/?lang=ja")
    sidebar = page.locator("[data-testid='stSidebar']")
    offline_page.map_frame()
    sidebar.locator("[data-testid='stMultiSelect']").first.click()
    page.get_by_role("option", name="ベトナム").click()
    page.keyboard.press("Escape")
    sidebar.locator("[data-testid='stMultiSelect']").nth(1).click()
    page.get_by_role("option", name="北九州市").click()
    page.keyboard.press("Escape")
    sidebar.get_by_text("単年度", exact=True).click()  # FY2022, the latest complete year
    page.wait_for_url("**fy=2022**", timeout=30_000)
    page.wait_for_timeout(1500)
    assert "fy=2022" in page.url and "country=VN" in page.url and "jp=jp-kitakyushu" in page.url, page.url
