"""The profile page through the real app.py (AppTest): each kind in both languages, numbers equal c2c stats,
an unknown id is a notice, the links name the right profiles."""

from __future__ import annotations

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import FiscalYearSpec, Selection
from c2c.core.stats import compute_stats
from c2c.text import i18n
from tests.conftest import SHIPPED_DATA
from tests.pages.conftest import run_app

PAGE = "pages/profile.py"
CASES = [
    ({"place": "jp-kitakyushu"}, Selection(place_id="jp-kitakyushu"), "北九州市", "Kitakyushu City"),
    ({"place": "vn-hai-phong"}, Selection(place_id="vn-hai-phong"), "ハイフォン市", "Hai Phong City"),
    ({"pair": "jp-toyama~cl-renca"}, Selection(jp_ids=("jp-toyama",), place_id="cl-renca"), "富山市 – サンティアゴ市レンカ区",
     "Toyama City – Municipality of Renca"),
    ({"country": "VN"}, Selection(countries=("VN",)), "ベトナム", "Viet Nam"),
]


def open_profile(params):
    at = run_app(params, page=PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def html_text(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


@pytest.mark.parametrize(("params", "selection", "ja", "en"), CASES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_profile_numbers_equal_c2c_stats(dataset, params, selection, ja, en, lang):
    at = open_profile({**params, "lang": lang})
    assert at.subheader[0].value == i18n.t("page_profile", lang)
    heading = next(m.value for m in at.markdown if m.value.startswith("### "))
    assert heading.replace("\\", "").startswith("### " + (ja if lang == "ja" else en))
    stats = compute_stats(dataset, selection)
    metrics = {m.label: m.value for m in at.metric}
    for key, label in (("partner_places", "metric_partner_places"), ("countries", "metric_countries"),
                       ("jp_municipalities", "metric_jp"), ("projects", "metric_projects"), ("links", "metric_links")):
        if i18n.t(label, lang) in metrics:
            assert metrics[i18n.t(label, lang)] == str(stats[key])
    assert metrics[i18n.t("metric_projects", lang)] == str(stats["projects"])
    assert at.get("imgs") or at.get("image"), "a map of its lines"
    assert "c2c-years" in html_text(at)


def test_filters_apply_and_are_named(dataset):
    at = open_profile({"place": "jp-kitakyushu", "fy": "2022", "lang": "en"})
    expected = compute_stats(dataset, Selection(place_id="jp-kitakyushu", fiscal_years=FiscalYearSpec(2022, 2022)))
    assert {m.label: m.value for m in at.metric}["Project-years"] == str(expected["projects"])
    captions = " ".join(c.value for c in at.caption)
    assert "Filters applied" in captions and "FY2022" in captions
    at.button(key="profile_clear").click().run()
    assert at.session_state["fy"] == "" and at.session_state["place"] == "jp-kitakyushu"
    whole = compute_stats(dataset, Selection(place_id="jp-kitakyushu"))
    assert {m.label: m.value for m in at.metric}["Project-years"] == str(whole["projects"])


def test_partners_link_to_their_profiles_and_pairs():
    at = open_profile({"place": "jp-kitakyushu", "lang": "en"})
    html = html_text(at)
    assert 'href="profile?lang=en&amp;place=vn-hai-phong"' in html
    assert 'href="profile?lang=en&amp;pair=jp-kitakyushu~vn-hai-phong"' in html or \
        'href="profile?lang=en&amp;pair=jp-kitakyushu%7Evn-hai-phong"' in html
    assert 'href="projects?project=fy2022-21&amp;lang=en"' in html or "projects?project=" in html


@pytest.mark.parametrize("params", [{"place": "jp-nowhere"}, {"pair": "jp-toyama~cl-nowhere"},
                                    {"pair": "<b>x</b>"}, {"country": "ZZ"}])
def test_unknown_id_is_a_notice_not_a_traceback(params):
    at = open_profile(params)
    warnings = " ".join(w.value for w in at.warning)
    (key, value), = params.items()
    assert f"`{key}`=`{value}`" in warnings  # the app's one notice of ignored values, each as inert code
    assert warnings.count("<b>") == warnings.count("`<b>")
    assert not at.metric  # no profile; the chooser instead
    assert at.selectbox(key="profile_pick_jp") is not None


def test_the_chooser_sets_the_codes():
    at = open_profile({})
    at.selectbox(key="profile_pick_country").set_value("VN").run()
    assert at.session_state["country"] == "VN"
    assert any(m.value.startswith("### ベトナム") for m in at.markdown)


def test_pair_code_is_emptied_on_other_pages():
    at = open_profile({"pair": "jp-toyama~cl-renca"})
    assert at.session_state["pair"] == "jp-toyama~cl-renca"
    at = run_app({"pair": "jp-toyama~cl-renca"})  # the map: the code means nothing there
    assert not at.exception and not at.session_state["pair"] and "pair" not in at.query_params
