/* C2C Atlas map runtime, place labels: which places are named on the map, which Japanese municipalities get a
 * numbered badge instead, and the key of those badges in a corner. Loaded after c2c-map.js (c2c/map/mapview.py
 * RUNTIME_SCRIPTS); inlined in the HTML export.
 *
 * It registers C2CAtlas.updateLabels and C2CAtlas.scheduleLabels, which the core (c2c-map.js) calls after a
 * selection is drawn and after each move or zoom, and the timeline (c2c-years.js) after each year: called
 * functions rather than "render" listeners, because labels are placed at fixed points of the core's work (before
 * the "render" listeners run, on every moveend) and tests count the passes (C2CAtlas.labelRuns).
 */
(function (root) {
  "use strict";

  var api = root.C2CAtlas || (typeof require === "function" ? require("./c2c-map.js") : null);
  var esc = api.esc, control = api.control, visible = api.visible;
  var MAX_LABELS = 80;
  var LABEL_DELAY_MS = 120;

  // ---- place labels --------------------------------------------------------------------------------------------
  // A label is shown only where its own dot is the nearest one to it (C2CGeometry.placeLabels); a Japanese
  // municipality whose label cannot be placed so gets a numbered badge on its dot instead, listed in a key in the
  // map's corner. Partner places without room simply go unlabelled (their names are in the tooltips and the list).

  var BADGE_R = 9;      // px: the badge's radius (c2c-map.css: .c2c-badge is 2 * BADGE_R wide)
  var MAX_JP_LABELS = 80;  // more Japanese dots on screen than this (synthetic 10,000-link data): the rest are numbered
  var MAX_KEY_ROWS = 60;
  var MAX_KEY_NAMES = 40;  // per row (the shipped data has 21 municipalities in all; synthetic data stacks hundreds)

  function obstacles() {
    var map = api.map, box = map.getContainer().getBoundingClientRect(), out = [];
    var els = map.getContainer().querySelectorAll(".leaflet-control, .c2c-overlay");
    Array.prototype.forEach.call(els, function (el) {
      var r = el.getBoundingClientRect();
      if (r.width && r.height) { out.push({x0: r.left - box.left, y0: r.top - box.top, x1: r.right - box.left, y1: r.bottom - box.top}); }
    });
    return out;
  }

  function underAny(p, boxes) {
    return boxes.some(function (b) { return p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1; });
  }

  // Labels wait until the lines are painted and the view has settled: a pan or a filter change shows the network
  // at once, and a burst of moves places the labels once (bench/README.md: pans of 10,000 links).
  var labelTimer = null;
  function scheduleLabels() {
    if (labelTimer) { clearTimeout(labelTimer); }
    labelTimer = setTimeout(function () { labelTimer = null; root.requestAnimationFrame(updateLabels); }, LABEL_DELAY_MS);
  }

  // The key goes to the corner where it hides the fewest dots (bottom left first, then the others).
  var KEY_CORNERS = ["bottomleft", "topright", "bottomright", "topleft"];
  function keyBox(div) {
    var box = api.map.getContainer().getBoundingClientRect(), r = div.getBoundingClientRect();
    return {x0: r.left - box.left - 2, y0: r.top - box.top - 2, x1: r.right - box.left + 2, y1: r.bottom - box.top + 2};
  }
  // A dot this near the key counts as hidden by it, as the fit counts it (c2c-fit.js: the dot's radius + 1.5 and
  // CONTROL_GAP_PX 6 from a control's box; here p.r is the radius + 1, and keyBox adds 2 px): a key placed nearer
  // makes the fit look again
  var KEY_GAP_PX = 4.5;
  // What the key would hide: a partner's dot counts 1, a Japanese municipality's (its badge or label) 50, another
  // control (the disclaimer, the scale, the legend) 1000.
  function hidden(points, b, div) {
    var n = 0, box = api.map.getContainer().getBoundingClientRect();
    points.forEach(function (p) {
      var g = (p.r || 0) + KEY_GAP_PX;
      if (p.x + g > b.x0 && p.x - g < b.x1 && p.y + g > b.y0 && p.y - g < b.y1) { n += p.w; }
    });
    Array.prototype.forEach.call(api.map.getContainer().querySelectorAll(".leaflet-control, .c2c-overlay"), function (el) {
      if (el === div || div.contains(el) || el.contains(div)) { return; }
      var r = el.getBoundingClientRect();
      if (r.width && r.height && root.C2CGeometry.boxesOverlap(b, {x0: r.left - box.left, y0: r.top - box.top,
                                                                     x1: r.right - box.left, y1: r.bottom - box.top})) { n += 1000; }
    });
    return n;
  }
  function moveKey(div, corner) {
    var c = api.map._controlCorners[corner];
    if (!c || div.parentNode === c && api.labelKeyCorner === corner) { return; }
    // as Leaflet adds a control: at the top of a bottom corner, so it stacks above the legend or the scale
    if (corner.indexOf("bottom") >= 0) { c.insertBefore(div, c.firstChild); } else { c.appendChild(div); }
    api.labelKeyCorner = corner;
  }

  // The key of the numbered badges: a Leaflet control, so the placer, and any fit that keeps clear of
  // .leaflet-control boxes, treat it as an obstacle. Hidden (zero size) when no badge is drawn. Its title is a
  // button that folds the list away. The fit folds it (api.keyAutoFolded, c2c-fit.js) when no view keeps every
  // dot clear of it: the key of all years on a phone, or beside the title card and the legend of presentation mode
  // at 1366 px, is too large to share the frame with the network (and Leaflet centres a view smaller than its
  // bounds, so the dots cannot move off it). A person's open or fold is kept for the session (api.keyOpen).
  function labelKey(groups, data, points) {
    var map = api.map;
    if (!api.labelKey || api.labelKey._map !== map) {
      api.labelKey = control("bottomleft", "c2c-label-key c2c-legend");
      api.labelKey.addTo(map);
      api.labelKeyCorner = "bottomleft";
      var made = api.labelKey.getContainer();
      made.innerHTML = '<button type="button" class="c2c-key-title" aria-expanded="true"></button><ol></ol>';
      made.firstChild.addEventListener("click", function () {
        api.keyOpen = made.firstChild.getAttribute("aria-expanded") !== "true";
        updateLabels();
      });
    }
    var div = api.labelKey.getContainer(), button = div.firstChild, list = div.lastChild;
    if (!groups || !groups.length) { div.style.display = "none"; keyChanged(div, null); return null; }
    var shown = groups.slice(0, MAX_KEY_ROWS), sep = (data.text && data.text.sep) || ", ";
    var html = shown.map(function (g) {
      return '<li data-c2c-badge="' + g.n + '"><span class="c2c-badge-n">' + g.n + "</span>" +
        esc(g.ids.slice(0, MAX_KEY_NAMES).map(function (k) { return data.places[k].name; }).join(sep) +
            (g.ids.length > MAX_KEY_NAMES ? sep + "+" + (g.ids.length - MAX_KEY_NAMES) : "")) + "</li>";
    }).join("");
    // the same key as the last pass (or view) is not laid out again: a long key costs more than the placement
    if (div.c2cHtml !== html) {
      list.innerHTML = html; div.c2cHtml = html;
      div.classList.toggle("c2c-key-wide", shown.length > 8);
      var named = shown.reduce(function (n, g) { return n + g.ids.length; }, 0);  // places, not rows
      button.textContent = (api.config.text.label_key || "") + " (" + named + ")";
    }
    div.style.display = "";
    setKeyOpen(div, api.keyOpen !== false);
    var rect = keyBox(div), least = hidden(points || [], rect, div), where = api.labelKeyCorner || KEY_CORNERS[0];
    // one corner per fit: a key that changed corners at each zoom the fit tried would chase the dots it moved
    for (var i = 0; i < KEY_CORNERS.length && least > 0 && !api.keyCornerChosen; i++) {
      if (KEY_CORNERS[i] === where) { continue; }
      moveKey(div, KEY_CORNERS[i]);
      var r = keyBox(div), n = hidden(points, r, div);
      if (n < least) { least = n; rect = r; where = KEY_CORNERS[i]; }
    }
    moveKey(div, where);
    if (api.keyAutoFolded && api.keyOpen === undefined) {
      setKeyOpen(div, false);
      rect = keyBox(div);
    }
    api.keyCornerChosen = true;
    keyChanged(div, where);
    return rect;
  }

  function setKeyOpen(div, open) {
    div.firstChild.setAttribute("aria-expanded", open ? "true" : "false");
    div.lastChild.hidden = !open;
    div.classList.toggle("c2c-key-folded", !open);
  }

  // A key that appears, grows or changes corner after a fit (the labels are placed after the fit, and the key may push
  // the legend up in its corner) asks the fit to look again (c2c-fit.js), so no dot ends up under it.
  function keyChanged(div, corner) {
    var r = div.getBoundingClientRect(), state = corner ? corner + "/" + Math.round(r.width) + "x" + Math.round(r.height) : "";
    if (state === api.labelKeyState) { return; }
    api.labelKeyState = state;
    if (api.controlsChanged) { api.controlsChanged(); }
  }

  function updateLabels() {
    var map = api.map, cur = api.current, host = api.labels;
    if (!map || !host) { return; }
    api.labelRuns = (api.labelRuns || 0) + 1;  // tests wait for the labels of a view to settle
    host.innerHTML = "";
    if (!cur || !cur.data.labels) { labelKey(null); return; }
    labelKey(null);  // a fresh key for this view, measured after the labels that fit without it
    var data = cur.data, size = map.getSize(), obs = obstacles(), reach = 40;
    var jp = [], partners = [], others = [];
    cur.nodes.eachLayer(function (m) {
      if (!visible(m)) { return; }
      var c = map.latLngToContainerPoint(m.getLatLng()), props = m.feature.properties;
      var isJp = props.side === "japan", r = m.getRadius() + 1;
      // a Japanese dot may get a badge, a little larger than the smallest dots: labels keep clear of it
      var dot = {marker: m, point: c, index: props.index, degree: props.degree, jp: isJp, r: isJp ? Math.max(r, BADGE_R + 1) : r};
      if (c.x < -reach || c.y < -reach || c.x > size.x + reach || c.y > size.y + reach) { return; }
      var onScreen = c.x >= 0 && c.y >= 0 && c.x <= size.x && c.y <= size.y && !underAny(c, obs);
      if (!onScreen) { others.push(dot); return; }
      (isJp ? jp : partners).push(dot);
    });
    var byDegree = function (a, b) { return b.degree - a.degree; };
    jp.sort(byDegree); partners.sort(byDegree);
    // only the best-connected partners on screen are candidates: a 10,000-link map must still pan smoothly
    others = others.concat(jp.slice(MAX_JP_LABELS), partners.slice(MAX_LABELS));
    var cands = jp.slice(0, MAX_JP_LABELS).concat(partners.slice(0, MAX_LABELS)), divs = [], items = [];
    cands.forEach(function (dot) {
      var place = data.places[dot.index];
      var div = L.DomUtil.create("div", "c2c-label c2c-label-" + place.side, host);
      div.textContent = place.name;
      div.setAttribute("data-c2c-place", place.id);
      divs.push(div);
      // Japanese municipalities first: each one not labelled costs a row in the key
      items.push({id: place.id, x: dot.point.x, y: dot.point.y, r: dot.r, w: 0, h: 0, priority: dot.degree + (dot.jp ? 1e6 : 0)});
    });
    // the box is a pixel larger than the text on each side: the rendered text never leaves the box that was checked
    divs.forEach(function (div, k) { items[k].w = div.offsetWidth + 2; items[k].h = div.offsetHeight + 2; });
    var nodes = others.map(function (dot) { return {x: dot.point.x, y: dot.point.y, r: dot.r}; });
    var place = function (extra) {
      return root.C2CGeometry.placeLabels(items, {width: size.x, height: size.y, obstacles: obs.concat(extra), nodes: nodes});
    };
    var beyond = jp.slice(MAX_JP_LABELS).map(function (dot) {
      return {id: dot.index, x: dot.point.x, y: dot.point.y, priority: dot.degree};
    });
    var badgesFor = function (placed) {
      var pts = beyond.slice();
      placed.forEach(function (pl, k) {
        if (!pl.visible && cands[k].jp) { pts.push({id: cands[k].index, x: items[k].x, y: items[k].y, priority: cands[k].degree}); }
      });
      return root.C2CGeometry.badgeGroups(pts, {radius: BADGE_R, width: size.x, height: size.y});
    };
    var points = jp.concat(partners).map(function (dot) { return {x: dot.point.x, y: dot.point.y, r: dot.r, w: dot.jp ? 50 : 1}; });
    var placed = place([]), groups = badgesFor(placed), key = labelKey(groups, data, points);
    if (key) {
      // again with the key in its corner, then until no label is left under the (growing) key
      placed = place([key]); groups = badgesFor(placed); key = labelKey(groups, data, points);
      for (var tries = 0; key && tries < 5; tries++) {
        var moved = false;
        placed.forEach(function (pl) {
          if (pl.visible && root.C2CGeometry.boxesOverlap(pl, key)) { pl.visible = false; moved = true; }
        });
        if (!moved) { break; }
        groups = badgesFor(placed); key = labelKey(groups, data, points);
      }
    }
    var origin = map.containerPointToLayerPoint([0, 0]);
    placed.forEach(function (pl, k) {
      var div = divs[k];
      if (!pl.visible) { div.style.display = "none"; return; }
      L.DomUtil.setPosition(div, L.point(origin.x + pl.x0 + 1, origin.y + pl.y0 + 1));
    });
    groups.slice(0, MAX_KEY_ROWS).forEach(function (g) {
      var b = L.DomUtil.create("div", "c2c-badge", host);
      b.textContent = g.n;
      b.setAttribute("data-c2c-badge", g.n);
      b.setAttribute("data-c2c-place", g.ids.map(function (k) { return data.places[k].id; }).join(" "));
      L.DomUtil.setPosition(b, L.point(origin.x + g.x - BADGE_R, origin.y + g.y - BADGE_R));
    });
  }

  api.updateLabels = updateLabels;
  api.scheduleLabels = scheduleLabels;
  if (typeof module === "object" && module.exports) { module.exports = api; }
})(typeof self !== "undefined" ? self : this);
