/* C2C Atlas map runtime, fit: a selection's view puts every dot inside the frame and clear of the controls, and
 * a link's selection (sel= in the URL) opens its popup again as the click showed it. Loaded after c2c-map.js
 * (c2c/map/mapview.py RUNTIME_SCRIPTS); inlined in the HTML export. The geometry itself is pure and lives in
 * c2c-frame.js (C2CFrame.fitView, tested in Node); this file is the Leaflet and DOM side of it.
 *
 * It registers C2CAtlas.fitWhenSized and C2CAtlas.reopenSelection, which the core's render calls for every
 * selection (a call, not a "render" listener: the fit must be scheduled before the labels and the listeners
 * run), and C2CAtlas.fitSelection and C2CAtlas.controlBoxes for the fit button (c2c-a11y.js) and tests.
 */
(function (root) {
  "use strict";

  var api = root.C2CAtlas || (typeof require === "function" ? require("./c2c-map.js") : null);
  var visible = api.visible, openPlacePopup = api.openPlacePopup, openPairPopup = api.openPairPopup;
  var FRAME_MARGIN_PX = api.FRAME_MARGIN_PX;  // the same margin as the core's tooltips and popups
  var CONTROL_GAP_PX = 6;    // a dot keeps this far from a control's box


  // ---- fit: the selection inside the frame, clear of the controls -----------------------------------------------

  // The boxes a dot must keep clear of, in container pixels: every control (zoom, fullscreen, list, legend, scale,
  // attribution, disclaimer, timeline), the title card, and the part of the frame outside the browser's window (at
  // 1280 x 720 the page puts the frame's last pixels under the window's edge).
  function controlBoxes(map) {
    var container = map.getContainer(), box = container.getBoundingClientRect(), size = map.getSize(), out = [];
    var els = container.querySelectorAll(".leaflet-control, .c2c-overlay");
    Array.prototype.forEach.call(els, function (el) {
      var r = el.getBoundingClientRect();
      if (r.width && r.height) { out.push({x0: r.left - box.left, y0: r.top - box.top, x1: r.right - box.left, y1: r.bottom - box.top}); }
    });
    try {
      var fe = root.frameElement, view = root.parent;
      if (fe && view && view !== root) {
        var top = -fe.getBoundingClientRect().top, bottom = view.innerHeight + top;
        if (bottom - Math.max(0, top) > size.y / 2) {
          if (bottom < size.y) { out.push({x0: -1e4, y0: bottom, x1: 1e4, y1: 1e4}); }
          if (top > 0) { out.push({x0: -1e4, y0: -1e4, x1: 1e4, y1: top}); }
        }
      }
    } catch (e) { /* another origin: the frame is all there is */ }
    return out;
  }

  // The fit button sits under the map on a phone: pressing it scrolls the map mostly out of the window, so a fit
  // first brings the frame back into view (the page is the same origin as the component's frame).
  function revealFrame(map) {
    try {
      var fe = root.frameElement, view = root.parent, r = fe && fe.getBoundingClientRect();
      if (!r || !view || view === root) { return; }
      var hidden = Math.max(0, -r.top) + Math.max(0, r.bottom - view.innerHeight);
      if (hidden > r.height / 4) { fe.scrollIntoView({block: r.height <= view.innerHeight ? "nearest" : "start", behavior: "instant"}); }
    } catch (e) { /* another origin: nothing to scroll */ }
  }

  // Every dot shown (the timeline's year and those before it), with its radius
  function dotPoints(map, cur) {
    var pts = [];
    cur.nodes.eachLayer(function (m) {
      if (!visible(m)) { return; }
      var p = map.project(m.getLatLng(), 0);
      pts.push({x: p.x, y: p.y, r: m.getRadius() + 1.5});
    });
    return pts;
  }

  // Sets the largest whole zoom (at most 7) at which every dot is in the frame and off every control
  // (C2CFrame.fitView); the view is not animated, so a link's view and a test read it at once (unless a zoom is
  // still animating: then the fit follows it, and this returns null).
  function fitSelection(map, cur) {
    if (map._animatingZoom) {
      // Leaflet drops a setView made while a zoom animates and ends at the animation's target (a fit pressed
      // right after a zoom button did nothing): fit once the zoom is over
      map.once("zoomend", function () { if (api.current === cur) { api.fitted = fitSelection(map, cur) || api.fitted; } });
      return null;
    }
    var pts = dotPoints(map, cur);
    if (!pts.length) { return null; }
    var size = map.getSize(), mb = map.options.maxBounds, bounds;
    if (mb) {
      var nw = map.project(mb.getNorthWest(), 0), se = map.project(mb.getSouthEast(), 0);
      bounds = {x0: nw.x, y0: nw.y, x1: se.x, y1: se.y};
    }
    var v = root.C2CFrame.fitView(pts, controlBoxes(map), size, {minZoom: map.getMinZoom(), maxZoom: 7,
      margin: FRAME_MARGIN_PX, gap: CONTROL_GAP_PX, bounds: bounds});
    var s = Math.pow(2, v.zoom);
    var center = map.unproject(L.point((size.x / 2 - v.tx) / s, (size.y / 2 - v.ty) / s), 0);
    api.fitting = true;
    try { map.setView(center, v.zoom, {animate: false}); } finally { api.fitting = false; }
    return v;
  }

  // Fits once the page's CSS has given the frame its height (a fit into a frame Leaflet still thinks is tiny lands
  // at the maximum zoom over empty sea), and after the controls are drawn (their boxes are what the dots avoid).
  // The start view (no view in the URL) is fitted too, unless something moves the map first: streamlit-folium
  // setting a link's view, or the user.
  function fitWhenSized(map, cur, tries, onlyIfStill) {
    var cancelled = false, cancel = function () { if (!api.fitting) { cancelled = true; } };
    if (onlyIfStill) { map.once("movestart", cancel); }
    setTimeout(function () {
      if (onlyIfStill) { map.off("movestart", cancel); }
      if (api.current !== cur) { return; }
      map.invalidateSize({animate: false});
      var g = root.__GLOBAL_DATA__;
      if (cancelled || (onlyIfStill && g && g.last_zoom)) { reopenSelection(cur); return; }  // the URL gave a view
      if (map.getSize().y < 200 && tries > 0) { fitWhenSized(map, cur, tries - 1, onlyIfStill); return; }
      if (!onlyIfStill) { revealFrame(map); }
      api.keyCornerChosen = false;  // the label key picks its corner once for this fit, then stays (c2c-labels.js)
      var v = fitSelection(map, cur);
      if (v && onlyIfStill) { api.homeView = {zoom: map.getZoom(), center: [map.getCenter().lat, map.getCenter().lng]}; }
      api.fitted = v;
      if (v) { refitWhileControlsSettle(map, cur, onlyIfStill); }
      reopenSelection(cur);
    }, tries === 20 ? 0 : 100);
  }

  // A control (or the frame) that changes size just after the fit (the basemap's attribution comes with its data,
  // web fonts arrive) fits the view again, as long as nobody has moved it and for a few seconds only: a legend opened by hand
  // later does not move the map.
  var REFIT_WINDOW_MS = 6000;
  function refitWhileControlsSettle(map, cur, home) {
    if (!root.ResizeObserver) { return; }
    if (api.controlWatch) { api.controlWatch.disconnect(); }
    var key = function () { var c = map.getCenter(); return map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4); };
    var fitted = key(), timer = null, until = Date.now() + REFIT_WINDOW_MS;
    var settle = function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(function () {
        if (api.current !== cur || key() !== fitted || Date.now() > until) { obs.disconnect(); return; }
        api.fitted = fitSelection(map, cur) || api.fitted;
        fitted = key();
        if (home) { api.homeView = {zoom: map.getZoom(), center: [map.getCenter().lat, map.getCenter().lng]}; }
      }, 60);
    };
    var obs = new root.ResizeObserver(settle);
    // a control that moves or appears after the fit without a resize of its own (the label key, c2c-labels.js)
    api.controlsChanged = settle;
    Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control, .c2c-overlay"), function (el) { obs.observe(el); });
    obs.observe(map.getContainer());  // and the frame itself, which presentation mode's CSS may still be sizing
    api.controlWatch = obs;
    setTimeout(function () { obs.disconnect(); }, REFIT_WINDOW_MS);
  }

  api.fitSelection = function () { return api.current ? fitSelection(api.map, api.current) : null; };
  api.controlBoxes = function () { return controlBoxes(api.map); };

  // ---- the selection of a link: its popup reopens as a click showed it ---------------------------------------------

  // "pair:jp-toyama~cl-renca", "place:jp-kitakyushu" or "project:ID" (ui/map_view.py); a project opens its pair.
  function reopenSelection(cur) {
    var sel = cur.data.selected;
    if (!sel || sel === api.shownSel || api.current !== cur) { return; }
    api.shownSel = sel;
    var kind = sel.slice(0, sel.indexOf(":")), code = sel.slice(sel.indexOf(":") + 1), data = cur.data, found = null;
    if (kind === "place") {
      cur.nodes.eachLayer(function (m) { if (m.feature.properties.id === code) { found = m; } });
      if (found) { openPlacePopup(found); }
      return;
    }
    cur.lineLayers.forEach(function (l) {
      var line = l.c2cLine;
      if (found) { return; }
      if (kind === "pair" ? data.places[line.jp].id + "~" + data.places[line.partner].id === code :
          line.projects.some(function (k) { return data.projects[k].id === code; })) { found = l; }
    });
    if (found) {
      var ll = found.getLatLngs();
      openPairPopup([found], ll[Math.floor(ll.length / 2)]);
    }
  }

  api.fitWhenSized = fitWhenSized;
  api.reopenSelection = reopenSelection;
  if (typeof module === "object" && module.exports) { module.exports = api; }
})(typeof self !== "undefined" ? self : this);
