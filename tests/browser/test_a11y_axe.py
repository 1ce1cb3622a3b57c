"""axe-core (WCAG 2.0/2.1/2.2 A and AA rules) in Chromium on every page in both languages, inside the map's frame,
in the states a user opens (the list, a selection, the timeline, JCM shading, a project's detail, the charts'
tables) and on the standalone HTML export: no violation."""

from __future__ import annotations

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year
from c2c.export.html_page import standalone_html
from c2c.text import i18n
from tests.browser.a11y_support import (
    PAGES,
    axe_violations,
    describe,
    open_app_page,
    open_map_with_timeline,
)
from tests.browser.test_pages_browser import dashboard_opened_once, wait_until_drawn  # noqa: F401 (fixture)
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser



def _settle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(600)  # Streamlit fades stale elements in; axe reads colours as they are painted


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_has_no_wcag_violation(app_server, offline_page, name, lang):
    page = offline_page.page
    frame = open_app_page(app_server, offline_page, name, lang)
    if frame is not None:
        assert (found := axe_violations(frame)) == [], describe(found)
    _settle(page)
    assert (found := axe_violations(page)) == [], describe(found)
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert offline_page.blocked == []


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("subject", ["place=jp-kitakyushu", "pair=jp-toyama~cl-renca", "country=VN"])
def test_every_profile_kind_has_no_wcag_violation(app_server, offline_page, subject, lang):
    page = offline_page.page
    page.goto(f"{app_server}/profile?{subject}&lang={lang}")
    wait_until_drawn(page, i18n.t("page_profile", lang))
    page.wait_for_selector("[data-testid='stImage'] img, .c2c-profile img, img", timeout=30_000)
    _settle(page)
    assert (found := axe_violations(page)) == [], describe(found)
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert offline_page.blocked == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_map_with_its_list_a_selection_the_timeline_and_jcm_has_no_wcag_violation(app_server, offline_page, lang):
    page = offline_page.page
    frame = open_map_with_timeline(app_server, offline_page, f"fy=2022&lang={lang}&jcm=1&tl=1&sel=pair:jp-toyama~cl-renca")
    frame.locator(".c2c-twin-toggle").press("Enter")
    frame.locator("[data-c2c-key='pair:jp-toyama|cl-renca']").focus()
    frame.evaluate("() => window.C2CAtlas.a11y.select('pair:jp-toyama|cl-renca')")  # its popup is open too
    page.locator(".st-key-map_panel").wait_for(timeout=20_000)
    _settle(page)
    assert (found := axe_violations(frame)) == [], describe(found)
    assert (found := axe_violations(page)) == [], describe(found)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_projects_detail_and_the_countries_tables_have_no_wcag_violation(app_server, offline_page, lang):
    page = offline_page.page
    page.goto(f"{app_server}/projects?project=fy2022-07&lang={lang}")
    page.locator(".c2c-detail").wait_for(timeout=30_000)
    _settle(page)
    assert (found := axe_violations(page)) == [], describe(found)
    page.goto(f"{app_server}/countries?lang={lang}")
    wait_until_drawn(page, i18n.t("page_countries", lang))
    for summary in page.locator("[data-testid='stExpander'] summary").all():
        summary.click()
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stExpander\"] [data-testid=\"stDataFrame\"]')]"
                           ".every(d => d.querySelector('canvas'))", timeout=20_000)
    _settle(page)
    assert (found := axe_violations(page)) == [], describe(found)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_standalone_html_export_has_no_wcag_violation(offline_page, tmp_path, lang):
    dataset = load_dataset(SHIPPED_DATA)
    path = tmp_path / f"map_{lang}.html"
    path.write_bytes(standalone_html(dataset, Selection(fiscal_years=parse_fiscal_year("2022")), lang))
    page = offline_page.page
    page.goto(path.as_uri())
    page.wait_for_function("() => window.C2CAtlas && C2CAtlas.a11y.state && C2CAtlas.a11y.state.data", timeout=30_000)
    page.locator(".c2c-twin-toggle").press("Enter")
    assert (found := axe_violations(page)) == [], describe(found)
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert offline_page.blocked == []
