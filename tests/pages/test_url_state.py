"""The URL codes live in the session and are written to the URL (ui/state.py): issue #14 items 2, 9, 12 and
issue #11 item 6."""

from __future__ import annotations

from tests.pages.conftest import drawn_pairs, map_payload, run_app


def url(at) -> dict[str, str]:
    return {key: at.query_params[key][-1] if isinstance(at.query_params[key], list) else at.query_params[key]
            for key in at.query_params}


def test_a_second_quick_filter_edit_keeps_the_first_even_if_the_browser_url_is_stale():
    at = run_app()
    at.radio(key="fy_mode").set_value("single").run()
    at.selectbox(key="fy_single").set_value(2022).run()
    # the browser sends the next rerun with its address bar from before the first edit was applied
    for key in list(at.query_params):
        del at.query_params[key]
    at.multiselect(key="country_pick").select("ベトナム").run()
    assert at.session_state["fy"] == "2022" and at.session_state["country"] == "VN"
    assert url(at).get("fy") == "2022" and url(at).get("country") == "VN"
    partners = {q for _, q in drawn_pairs(map_payload(at))}
    assert partners and all(q.startswith("vn-") for q in partners)


def test_every_invalid_url_value_gets_a_notice_and_leaves_the_url():
    at = run_app({"lang": "fr", "fy": "1999", "country": "VN,ZZ", "undated": "maybe", "jp": "jp-nowhere"})
    notices = " ".join(w.value for w in at.warning)
    for name in ("lang=", "fy=", "country=", "undated=", "jp="):
        assert name in notices, notices
    assert url(at) == {"country": "VN"}  # what was good stays, the rest has left the URL
    assert at.session_state["fy"] == ""


def test_an_underscore_id_from_the_data_is_a_valid_url_code(tmp_path, monkeypatch):
    import shutil

    from tests.conftest import SHIPPED_DATA

    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns("*.md"))
    for name in ("cities.csv", "projects.csv", "notes/unlinked.csv"):  # unlinked rows name places by id too
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace("jp-toyama", "jp_toyama"), encoding="utf-8")
    monkeypatch.setenv("C2C_DATA_DIR", str(data))
    at = run_app({"jp": "jp_toyama"})
    assert not at.warning
    assert at.multiselect(key="jp_pick").value == ["jp_toyama"]


def test_one_year_starts_at_the_latest_complete_year():
    at = run_app()
    at.radio(key="fy_mode").set_value("single").run()
    assert at.session_state["fy"] == "2022"  # FY2022 is complete; FY2023-2025 are not
    assert at.selectbox(key="fy_single").value == 2022


def test_the_language_caption_is_the_option_so_clicking_it_switches():
    at = run_app()
    radio = at.radio(key="lang_pick")
    assert radio.options == ["日本語", "English"]
    radio.set_value("en").run()
    assert any("Countries" in m.value for m in at.markdown) and url(at) == {"lang": "en"}
