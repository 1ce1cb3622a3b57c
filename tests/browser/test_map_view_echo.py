"""The view a map reported comes back from Streamlit's rerun as the map's zoom and centre (the URL's z= and c=):
that echo must not move a map that has moved on since (static/js/c2c-view.js). Before the guard, a pan made in
the second a rerun takes was undone, and the URL kept the old view."""

from __future__ import annotations

import pytest

from tests.browser.a11y_support import map_frame_wait_settled

pytestmark = pytest.mark.browser

VIEW_A = (4, 20.0, 125.0)
VIEW_B = (5, 35.0, 139.0)


def _view(frame):
    return frame.evaluate("() => { const c = window.map.getCenter(); return [window.map.getZoom(), c.lat, c.lng]; }")


def test_a_move_made_while_streamlit_answers_the_last_report_stays(app_server, offline_page):
    page = offline_page.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_server}/?fy=2022&lang=en")
    frame = offline_page.map_frame()
    map_frame_wait_settled(frame)
    frame.wait_for_function("() => window.C2CAtlas && window.C2CAtlas.fitted", timeout=15_000)
    # view A; as soon as the map reports it (1.2 s at rest), move on to B, before Streamlit's rerun answers
    frame.evaluate("""([a, b]) => new Promise(done => {
        const send = C2CAtlas.send;
        C2CAtlas.send = function (kind, code) {
            const sent = send.apply(this, arguments);
            if (kind === 'view') { C2CAtlas.send = send; setTimeout(() => { map.setView([b[1], b[2]], b[0], {animate: false}); done(); }, 0); }
            return sent;
        };
        map.setView([a[1], a[2]], a[0], {animate: false});
    })""", [VIEW_A, VIEW_B])
    page.wait_for_url("**z=4**", timeout=15_000)  # Streamlit took A
    # B is reported in its turn and the URL follows; the map never went back to A
    page.wait_for_url("**z=5**", timeout=15_000)
    page.wait_for_timeout(2000)
    assert _view(frame) == pytest.approx(list(VIEW_B), abs=0.01)
    assert offline_page.blocked == []
