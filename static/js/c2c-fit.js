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

  function keyOpenByItself() {
    var key = api.labelKey && api.labelKey.getContainer();
    return !!key && key.style.display !== "none" && !key.classList.contains("c2c-key-folded") && api.keyOpen === undefined;
  }

  // How many dots shown are outside the frame or on a control at the current view (as fitView counts them)
  function dotsHidden(map, cur) {
    var size = map.getSize(), boxes = controlBoxes(map), n = 0;
    cur.nodes.eachLayer(function (m) {
      if (!visible(m)) { return; }
      var p = map.latLngToContainerPoint(m.getLatLng()), r = m.getRadius() + 1.5, e = r + FRAME_MARGIN_PX, g = r + CONTROL_GAP_PX;
      if (p.x < e || p.y < e || p.x > size.x - e || p.y > size.y - e ||
          boxes.some(function (b) { return p.x + g > b.x0 && p.x - g < b.x1 && p.y + g > b.y0 && p.y - g < b.y1; })) { n += 1; }
    });
    return n;
  }

  // Sets the largest whole zoom (at most 7) at which every dot is in the frame and off every control
  // (C2CFrame.fitView); the view is not animated, so a link's view and a test read it at once (unless a zoom is
  // still animating: then the fit follows it, and this returns null).
  function fitSelection(map, cur, maxZoom, hiddenNow) {
    if (map._animatingZoom) {
      // Leaflet drops a setView made while a zoom animates and ends at the animation's target (a fit pressed
      // right after a zoom button did nothing): fit once the zoom is over
      map.once("zoomend", function () { if (api.current === cur) { api.fitted = fitSelection(map, cur, maxZoom) || api.fitted; } });
      return null;
    }
    var pts = dotPoints(map, cur);
    if (!pts.length) { return null; }
    var size = map.getSize(), mb = map.options.maxBounds, bounds;
    if (mb) {
      var nw = map.project(mb.getNorthWest(), 0), se = map.project(mb.getSouthEast(), 0);
      bounds = {x0: nw.x, y0: nw.y, x1: se.x, y1: se.y};
    }
    var v = root.C2CFrame.fitView(pts, controlBoxes(map), size, {minZoom: map.getMinZoom(), maxZoom: maxZoom === undefined ? 7 : maxZoom,
      margin: FRAME_MARGIN_PX, gap: CONTROL_GAP_PX, bounds: bounds});
    if (!v.clear && hiddenNow !== undefined && v.hidden >= hiddenNow) { return v; }
    var s = Math.pow(2, v.zoom);
    var center = map.unproject(L.point((size.x / 2 - v.tx) / s, (size.y / 2 - v.ty) / s), 0);
    // the same view again (a refit that found nothing better) is not set: its moveend would place the labels
    // again, whose key would resize, which asks for a refit...
    // (Leaflet truncates a pan to whole pixels: under one pixel it only fires moveend)
    var same = v.zoom === map.getZoom() && map.latLngToContainerPoint(center).distanceTo(L.point(size.x / 2, size.y / 2)) < 1;
    if (same) { return v; }
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
      api.keyAutoFolded = false;    // and is open unless this fit finds it too large
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
    if (api.controlWatch) { api.controlWatch.stop(); }
    // a move of someone else's (a drag, a key, a zoom button, a link's view) ends the watch; a resize of the frame
    // moves the map without a movestart, and the fit's own moves are flagged (api.fitting)
    var moved = false, onMoveStart = function () { if (!api.fitting) { moved = true; } };
    var timer = null, until = Date.now() + REFIT_WINDOW_MS, obs = null;
    var stop = function () { obs.disconnect(); map.off("movestart", onMoveStart); if (timer) { clearTimeout(timer); } };
    var settle = function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(function () {
        timer = null;
        if (api.current !== cur || moved || Date.now() > until) { stop(); return; }
        // A view still clear of every control stays; one that is not is fitted again at its zoom or below: a
        // refit that zoomed in again made the label key grow or shrink, and the two chased each other
        // (and only to a view that hides fewer: without a clear one, the view it has may be the best there is)
        var now = dotsHidden(map, cur);
        if (now > 0) {
          var v = fitSelection(map, cur, map.getZoom(), now);
          api.fitted = v || api.fitted;
          // no view clear of the label key as it is: fold it to its title (c2c-labels.js), and look again
          if (v && !v.clear && keyOpenByItself()) { api.keyAutoFolded = true; api.updateLabels(); }
        }
        if (home) { api.homeView = {zoom: map.getZoom(), center: [map.getCenter().lat, map.getCenter().lng]}; }
      }, 60);
    };
    obs = new root.ResizeObserver(settle);
    map.on("movestart", onMoveStart);
    // a control that moves or appears after the fit without a resize of its own (the label key, c2c-labels.js)
    api.controlsChanged = settle;
    Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control, .c2c-overlay"), function (el) { obs.observe(el); });
    obs.observe(map.getContainer());  // and the frame itself, which presentation mode's CSS may still be sizing
    api.controlWatch = {stop: stop};
    setTimeout(stop, REFIT_WINDOW_MS);
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
