/* C2C Atlas map runtime: draws a selection's network on the constant base map.
 *
 * Loaded once by the base map (c2c/map/mapview.py), after Leaflet and c2c-geometry.js; inlined in the HTML export.
 * Everything the page needs is on one object, window.C2CAtlas:
 *   C2CAtlas.attach(map, config)   once per base map: panes, legend, overlay, hover and click handling
 *   C2CAtlas.render(group, data)   for every selection (the feature group streamlit-folium re-evaluates)
 *   C2CAtlas.current               what is drawn now: {dated, undated, nodes, timeline, data}
 * The pure helpers (esc, arc, lineTitle, popups, legend, yearNumbers) are exported for Node's tests (tests/js/).
 *
 * This file is the core: the api object, attach, events (api.on), drawing a selection, hover, click and popups.
 * The rest of the runtime is in files loaded after it (c2c/map/mapview.py RUNTIME_SCRIPTS), one job each, that
 * register functions on the api which render calls by name: c2c-labels.js (updateLabels, scheduleLabels),
 * c2c-fit.js (fitWhenSized, reopenSelection, fitSelection, controlBoxes), c2c-years.js (yearView, pickYear, the
 * year control and the timeline); c2c-view.js (the view's report) and c2c-a11y.js listen to the events. A call keeps render's order of work explicit.
 *
 * Lines and nodes are not interactive Leaflet layers: hover and click pick the nearest lines within a few pixels
 * (C2CGeometry.pickLines), so a pair hidden under another one is still found, and streamlit-folium's own click
 * handler never sees them. A click is returned to Streamlit through streamlit-folium's component value
 * (last_object_clicked_popup = "pair:JP|PARTNER#n", "place:ID#n" or "project:ID#n"): a link inside the sandboxed
 * iframe cannot navigate the page. The same channel carries the view once the map is at rest (c2c-view.js).
 */
(function (root) {
  "use strict";

  var R = Math.PI / 180;
  var HOVER_TOLERANCE_PX = 7;
  var HOVER_OFFSET_PX = 10;
  var FRAME_MARGIN_PX = 8;   // dots, tooltips and popups keep this far from the frame's edge
  var MAX_LISTED = 8;
  // Above this many lines every line is drawn 1 px wide: a wider stroke costs the browser several times more to
  // paint (a pan of 10,000 lines: bench/README.md), and at that density widths no longer read as project counts.
  var DENSE_LINES = 2000;

  function esc(s) {
    return String(s === null || s === undefined ? "" : s).replace(/[&<>"'{}]/g, function (ch) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "{": "&#123;", "}": "&#125;"}[ch];
    });
  }

  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return values[k] === undefined ? m : values[k]; });
  }

  // Great circle from a to b ({lat, lon}) as GeoJSON [lon, lat] points, with the rules of geo/geometry.py:
  // unwrapped from a's display longitude, one point per 400 km, at most 64 points.
  function arc(a, b) {
    var mod = function (x, m) { return ((x % m) + m) % m; };
    var unwrap = function (prev, lon) { return prev + (mod(lon - prev + 180, 360) - 180); };
    var vec = function (lat, lon) { return [Math.cos(lat * R) * Math.cos(lon * R), Math.cos(lat * R) * Math.sin(lon * R), Math.sin(lat * R)]; };
    var va = vec(a.lat, a.lon), vb = vec(b.lat, b.lon);
    var d = va[0] * vb[0] + va[1] * vb[1] + va[2] * vb[2];
    var p = [vb[0] - d * va[0], vb[1] - d * va[1], vb[2] - d * va[2]];
    var s = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    var out = [[a.lon, a.lat]], prev = a.lon;
    if (s > 1e-12) {
      var u = [p[0] / s, p[1] / s, p[2] / s], angle = Math.atan2(s, d);
      var segments = Math.max(1, Math.min(63, Math.ceil(angle * 6371.0088 / 400)));
      for (var i = 1; i < segments; i++) {
        var t = angle * i / segments, ct = Math.cos(t), st = Math.sin(t);
        var x = ct * va[0] + st * u[0], y = ct * va[1] + st * u[1], z = ct * va[2] + st * u[2];
        prev = unwrap(prev, Math.atan2(y, x) / R);
        out.push([prev, Math.atan2(z, Math.sqrt(x * x + y * y)) / R]);
      }
    }
    out.push([unwrap(prev, b.lon), b.lat]);
    return out;
  }

  // "FY2022" / "2022年度", in the payload's language
  function fyText(data, year) { return fmt(data.text.fy, {year: year}); }

  function yearsText(data, years) {
    return years.map(function (y) { return fyText(data, y); }).join(data.text.sep);
  }

  // "Osaka City – Ho Chi Minh City (Viet Nam) · FY2013, FY2014" (plain text; escape before use as HTML)
  function lineTitle(data, line) {
    var a = data.places[line.jp], b = data.places[line.partner];
    var text = a.name + " \u2013 " + b.name + " (" + data.countries[b.country] + ")";
    if (line.years.length) { text += " \u00b7 " + yearsText(data, line.years); }
    return text + basisTitle(line);
  }

  // A line that rests on a word of the title or a header's parenthetical says so (notes/line_basis.csv):
  // a short label in the tooltip, the note in the popup. Lines without one are unchanged.
  function basisTitle(line) {
    return line.basis && line.basis.length ? " \u00b7 \u203b " + line.basis.join(", ") : "";
  }

  function basisHtml(line) {
    return line.basis_notes && line.basis_notes.length ?
      '<div class="c2c-basis">\u203b ' + line.basis_notes.map(esc).join("<br>\u203b ") + "</div>" : "";
  }

  function projectItem(data, k, interactive) {
    var pr = data.projects[k], year = esc(pr.year === null ? data.text.undated : fyText(data, pr.year));
    var title = esc(pr.title);
    if (interactive) {
      title = '<a href="#" class="c2c-project-link" data-c2c-project="' + esc(pr.id) + '">' + title + "</a>";
    }
    var lead = pr.lead ? '<br><span class="c2c-lead">' + esc(data.text.lead) + ": " + esc(pr.lead) + "</span>" : "";
    return '<li><span class="c2c-fy">' + year + "</span> " + title + lead + "</li>";
  }

  function pairPopupHtml(data, line, interactive) {
    var a = data.places[line.jp], b = data.places[line.partner];
    return '<div class="c2c-popup" data-c2c-pair="' + esc(a.id + "|" + b.id) + '"><b>' + esc(a.name) + " \u2013 " +
      esc(b.name) + '</b> <span class="c2c-country">(' + esc(data.countries[b.country]) + ')</span><ul class="c2c-projects">' +
      line.projects.map(function (k) { return projectItem(data, k, interactive); }).join("") + "</ul>" +
      basisHtml(line) + "</div>";
  }

  function neighboursOf(data) {
    var out = data.places.map(function () { return []; });
    data.lines.forEach(function (l) { out[l.jp].push(l.partner); out[l.partner].push(l.jp); });
    return out;
  }

  function nodePopupHtml(data, i, neighbours) {
    var p = data.places[i];
    var names = neighbours[i].slice().sort(function (x, y) { return data.places[x].id < data.places[y].id ? -1 : 1; })
      .map(function (k) { return esc(data.places[k].name); }).join(", ");
    return '<div class="c2c-popup" data-c2c-place="' + esc(p.id) + '"><b>' + esc(p.label) + '</b> <span class="c2c-country">(' +
      esc(data.countries[p.country]) + ")</span><br>" + esc(fmt(data.text.links_n, {n: neighbours[i].length})) + ": " + names + "</div>";
  }

  // The legend lists only what is drawn: undated lines and JCM shading when shown, the timeline's colour while on.
  function legendHtml(text, colors, shown) {
    var row = function (swatch, label) { return "<div>" + swatch + esc(label) + "</div>"; };
    var rows = [
      row('<i class="dot" style="background:' + colors.jp + '"></i>', text.legend_jp),
      row('<i class="dot" style="background:' + colors.partner + '"></i>', text.legend_partner),
      row('<i class="line" style="border-top:3px solid ' + colors.dated + '"></i>', text.legend_dated)
    ];
    if (shown.timeline) { rows.push(row('<i class="line" style="border-top:4px solid ' + colors.highlight + '"></i>', text.legend_highlight)); }
    if (shown.undated) { rows.push(row('<i class="line" style="border-top:2px dashed ' + colors.undated + '"></i>', text.legend_undated)); }
    if (shown.jcm) { rows.push(row('<i class="box" style="background:' + colors.jcm + ";border:1.5px solid " + (colors.jcm_edge || colors.jcm) + '"></i>', text.legend_jcm)); }
    rows.push('<div class="hint">' + esc(shown.dense ? fmt(text.legend_weight_dense, {n: DENSE_LINES.toLocaleString("en-US")}) : text.legend_weight) + "</div>");
    return '<details class="c2c-legend-box"' + (shown.collapsed ? "" : " open") + "><summary>" + esc(text.legend_title) +
      "</summary>" + rows.join("") + "</details>";
  }

  // The headline numbers of one fiscal year, from the lines drawn (what the timeline shows in that year).
  function yearNumbers(data, year) {
    var pairs = 0, partners = {}, jps = {}, countries = {}, projects = {};
    data.lines.forEach(function (l) {
      if (l.years.indexOf(year) < 0) { return; }
      pairs += 1; partners[l.partner] = 1; jps[l.jp] = 1; countries[data.places[l.partner].country] = 1;
      l.projects.forEach(function (k) { if (data.projects[k].year === year) { projects[data.projects[k].id] = 1; } });
    });
    return {countries: Object.keys(countries).length, partner_places: Object.keys(partners).length,
            jp_municipalities: Object.keys(jps).length, projects: Object.keys(projects).length, links: pairs};
  }

  function numbersHtml(metrics, numbers) {
    return metrics.map(function (m) {
      return '<span class="c2c-num"><b>' + esc(numbers[m.key]) + "</b> " + esc(m.label) + "</span>";
    }).join("");
  }

  var api = {esc: esc, fmt: fmt, arc: arc, lineTitle: lineTitle, pairPopupHtml: pairPopupHtml, nodePopupHtml: nodePopupHtml,
             legendHtml: legendHtml, lineStyle: lineStyle, yearNumbers: yearNumbers, numbersHtml: numbersHtml, neighboursOf: neighboursOf,
             map: null, config: null, current: null, clicks: 0};

  // Other runtime files (c2c-a11y.js) follow the map through these: "attach" (map, config), "render" (data, current)
  // after each selection is drawn, "year" (year, numbers, playing, data) after each timeline frame.
  var listeners = {attach: [], render: [], year: []};
  api.on = function (kind, fn) { listeners[kind].push(fn); };
  function emit(kind) {
    var args = Array.prototype.slice.call(arguments, 1);
    listeners[kind].forEach(function (fn) {
      try { fn.apply(null, args); } catch (e) { if (root.console) { root.console.error("C2C Atlas " + kind + " listener:", e); } }
    });
  }

  // ---- browser part ----------------------------------------------------------------------------------------

  function weight(n) { return n > 0 ? 1.6 + 1.4 * Math.sqrt(n) : 1.4; }

  function isDense(data) { return data.lines.length > DENSE_LINES; }

  // Leaflet path options of one line: dated lines are as wide as their project count, undated ones dashed.
  function lineStyle(line, dense, colors) {
    if (line.years.length) {
      return {color: colors.dated, weight: dense ? 1 : weight(line.count), opacity: 0.9};  // 3:1 on the basemap
    }
    return {color: colors.undated, weight: dense ? 1 : 1.6, opacity: 0.9, dashArray: dense ? "3 4" : "5 6"};
  }
  function radius(degree) { return 4 + 2.2 * Math.sqrt(degree); }

  // Streamlit hears about a click through streamlit-folium's component value; "moveend" makes it send.
  function send(kind, code) {
    var g = root.__GLOBAL_DATA__;
    if (!g || !api.map || !api.config.interactive) { return false; }
    api.clicks += 1;
    g.last_object_clicked_popup = kind + ":" + code + "#" + api.clicks;
    if (kind !== "view") { api.shownSel = kind + ":" + String(code).replace("|", "~"); }  // its popup is open already
    api.map.fire("moveend");
    return true;
  }

  function control(position, className, html) {
    var c = L.control({position: position});
    c.onAdd = function () {
      var div = L.DomUtil.create("div", className);
      if (html) { div.innerHTML = html; }
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    return c;
  }

  function attach(map, config) {
    var L = root.L;
    api.map = map; api.config = config; api.current = null;
    // a phone's frame is narrower than the network at zoom 2: it may zoom out one more step (issue #19)
    map.setMinZoom(root.innerWidth < 560 && config.minZoomNarrow !== undefined ? config.minZoomNarrow : config.minZoom);
    map.options.maxBoundsViscosity = 1.0;
    map.setMaxBounds(L.latLngBounds(config.maxBounds));
    map.createPane("c2cJcm").style.zIndex = 350;       // under the network (overlayPane is 400)
    var labelPane = map.createPane("c2cLabels");
    labelPane.style.zIndex = 620; labelPane.style.pointerEvents = "none";
    api.jcmRenderer = L.svg({pane: "c2cJcm"});
    var container = map.getContainer();
    container.classList.add(config.interactive ? "c2c-app" : "c2c-export");
    if (config.interactive) { document.documentElement.classList.add("c2c-app-frame"); }
    if (root.innerWidth < 560) { container.classList.add("c2c-narrow"); }
    api.legend = control("bottomright", "c2c-legend");
    api.legend.addTo(map);
    api.overlay = L.DomUtil.create("div", "c2c-overlay", container);
    L.DomEvent.disableClickPropagation(api.overlay);
    api.labels = L.DomUtil.create("div", "c2c-labels leaflet-zoom-hide", labelPane);
    api.hover = L.tooltip({direction: "top", offset: [0, -HOVER_OFFSET_PX], className: "c2c-hover", opacity: 0.96});
    map.on("mousemove", onMove);
    map.on("mouseout", function () { map.closeTooltip(api.hover); });
    map.on("click", onClick);
    map.on("zoomend", function () { api.projected = null; });
    map.on("zoomend moveend resize", function () { api.scheduleLabels(); });
    map.on("popupopen", onPopupOpen);
    // The page's CSS sizes the map's frame (normal and presentation mode): keep Leaflet's idea of the size in step.
    // (keeping the centre: a link's view must reopen where it was)
    if (root.ResizeObserver) { new root.ResizeObserver(function () { map.invalidateSize({animate: false}); }).observe(container); }
    setTimeout(function () { map.invalidateSize({animate: false}); }, 0);
    emit("attach", map, config);
    return api;
  }

  // Screen positions of the lines, in layer points (they change only with the zoom), for picking.
  function projected() {
    if (api.projected) { return api.projected; }
    var map = api.map, cur = api.current, lines = [];
    if (cur) {
      cur.lineLayers.forEach(function (layer) {
        var pts = layer.getLatLngs().map(function (ll) { var p = map.latLngToLayerPoint(ll); return [p.x, p.y]; });
        lines.push({points: pts, layer: layer});
      });
    }
    api.projected = root.C2CGeometry.withBBoxes ? root.C2CGeometry.withBBoxes(lines) : lines;
    return api.projected;
  }

  function visible(layer) { return layer.options.opacity > 0; }

  function nodeAt(layerPoint) {
    var cur = api.current, best = null, bestD = Infinity;
    if (!cur) { return null; }
    cur.nodes.eachLayer(function (m) {
      if (!visible(m)) { return; }
      var p = api.map.latLngToLayerPoint(m.getLatLng());
      var d = Math.sqrt((p.x - layerPoint.x) * (p.x - layerPoint.x) + (p.y - layerPoint.y) * (p.y - layerPoint.y));
      if (d <= m.getRadius() + 3 && d < bestD) { best = m; bestD = d; }
    });
    return best;
  }

  function linesAt(layerPoint) {
    var lines = projected();
    return root.C2CGeometry.pickLines(lines, layerPoint.x, layerPoint.y, HOVER_TOLERANCE_PX)
      .map(function (hit) { return lines[hit.index].layer; })
      .filter(visible);
  }

  function hoverHtml(layers) {
    var data = api.current.data, shown = layers.slice(0, MAX_LISTED);
    var items = shown.map(function (l) { return "<div>" + esc(lineTitle(data, l.c2cLine)) + "</div>"; });
    if (layers.length > shown.length) { items.push("<div>" + esc(fmt(data.text.more, {n: layers.length - shown.length})) + "</div>"); }
    return items.join("");
  }

  var pendingMove = null;
  function onMove(e) {
    pendingMove = e;
    if (onMove.scheduled) { return; }
    onMove.scheduled = true;
    root.requestAnimationFrame(function () {
      onMove.scheduled = false;
      var ev = pendingMove, map = api.map, cur = api.current;
      if (!cur) { return; }
      var node = nodeAt(ev.layerPoint), html = null;
      if (node) {
        html = nodeHoverHtml(node.feature.properties.index);
      } else {
        var hits = linesAt(ev.layerPoint);
        if (hits.length) { html = hoverHtml(hits); }
      }
      map.getContainer().style.cursor = html ? "pointer" : "";
      if (!html) { map.closeTooltip(api.hover); return; }
      api.hover.setLatLng(ev.latlng).setContent(html);
      if (!map.hasLayer(api.hover)) { map.openTooltip(api.hover); }
      placeHover(ev.containerPoint);
    });
  }

  // Above the pointer while there is room, else below or beside it, shifted sideways to stay inside the frame:
  // a long list of overlapping pairs near the top edge ran off the frame.
  function placeHover(point) {
    var el = api.hover.getElement(), map = api.map;
    if (!el || !point) { return; }
    var size = map.getSize();
    var place = root.C2CFrame.tooltipPlacement(point.x, point.y, el.offsetWidth, el.offsetHeight, size, FRAME_MARGIN_PX, HOVER_OFFSET_PX);
    var o = api.hover.options;
    if (o.direction === place.direction && o.offset[0] === place.offset[0] && o.offset[1] === place.offset[1]) { return; }
    o.direction = place.direction; o.offset = place.offset;
    el.classList.toggle("c2c-hover-shifted", place.shifted);
    api.hover.update();
  }

  function nodeHoverHtml(i) {
    var data = api.current.data, p = data.places[i];
    return "<div>" + esc(p.label + " \u00b7 " + data.countries[p.country]) + "</div>";
  }

  // Popups stay inside the frame and clear of the title card: no wider or taller than the frame allows (the list
  // scrolls), panned clear of the edges, and opened below the point when the map cannot pan far enough (the
  // view is held inside the world's bounds, so near the top of a phone's frame a popup above was cut off).
  function popupOptions(extra) {
    var size = api.map.getSize(), top = FRAME_MARGIN_PX;
    var o = api.overlay;
    if (o && o.offsetHeight) { top = Math.max(top, o.offsetTop + o.offsetHeight + FRAME_MARGIN_PX); }
    if (top > size.y / 2) { top = FRAME_MARGIN_PX; }
    return L.extend({maxWidth: Math.min(380, size.x - 2 * FRAME_MARGIN_PX - 50), minWidth: Math.min(200, size.x - 80),
                     maxHeight: Math.max(120, size.y - top - 60), autoPan: true,
                     autoPanPaddingTopLeft: [FRAME_MARGIN_PX, top], autoPanPaddingBottomRight: [FRAME_MARGIN_PX, FRAME_MARGIN_PX]}, extra);
  }

  // Opened without panning first, to see whether the popup fits once the map has moved as far as its bounds allow
  // (the view is held inside the world, so a phone at zoom 1 can hardly pan): if not, it opens below its point, or
  // shifted sideways with its tip still on the point; then it pans into view.
  function keepPopupInside(popup) {
    var map = api.map, el = popup.getElement();
    if (!el || !popup.isOpen()) { return; }
    var size = map.getSize(), pad = popup.options.autoPanPaddingTopLeft[1], h = el.offsetHeight, w = el.offsetWidth;
    var anchor = map.latLngToContainerPoint(popup.getLatLng()), mb = map.options.maxBounds;
    var room = {up: 1e6, down: 1e6, left: 1e6, right: 1e6};  // how far the map can still move each way
    if (mb) {
      var nw = map.latLngToContainerPoint(mb.getNorthWest()), se = map.latLngToContainerPoint(mb.getSouthEast());
      room = {up: Math.max(0, -nw.y), down: Math.max(0, se.y - size.y), left: Math.max(0, -nw.x), right: Math.max(0, se.x - size.x)};
    }
    var m = FRAME_MARGIN_PX, dx = 0, dy = popup.options.offset[1];
    // above: the box ends 13 px over the point (Leaflet's tip); below, it starts 13 px under it, its bottom margin
    // (20 px) at the point + offset
    if (anchor.y - pad + room.up < h + 13 && size.y - m - anchor.y + room.down >= h + 13) {
      el.classList.add("c2c-popup-below");
      dy = h + 33;
    }
    var x0 = anchor.x - w / 2, x1 = anchor.x + w / 2;
    if (x0 < m) { dx = Math.max(0, m - x0 - room.left); }
    if (x1 > size.x - m) { dx = -Math.max(0, x1 - (size.x - m) - room.right); }
    var tipBox = el.querySelector(".leaflet-popup-tip-container");
    if (tipBox && dx) { tipBox.style.marginLeft = Math.max(-w / 2 + 4, Math.min(w / 2 - 44, -20 - dx)) + "px"; }
    popup.options.offset = [Math.round(dx), dy];
    popup.options.autoPan = true;
    popup.update();
  }

  function openPopup(options, latlng, html) {
    var popup = L.popup(L.extend(popupOptions(options), {autoPan: false})).setLatLng(latlng).setContent(html).openOn(api.map);
    keepPopupInside(popup);
    return popup;
  }

  function openPlacePopup(node) {
    var cur = api.current, i = node.feature.properties.index;
    return openPopup({}, node.getLatLng(), nodePopupHtml(cur.data, i, cur.neighbours));
  }

  // The pairs under the pointer (nearest first), each with its projects; the nearest is the one Streamlit hears of.
  function openPairPopup(layers, latlng) {
    var cur = api.current, interactive = api.config.interactive;
    var html = layers.slice(0, 3).map(function (l) { return pairPopupHtml(cur.data, l.c2cLine, interactive); }).join("<hr>");
    return openPopup({className: "c2c-pair-popup"}, latlng, html);
  }

  function onClick(e) {
    var cur = api.current;
    if (!cur) { return; }
    var node = nodeAt(e.layerPoint);
    if (node) {
      openPlacePopup(node);
      send("place", cur.data.places[node.feature.properties.index].id);
      return;
    }
    var hits = linesAt(e.layerPoint);
    if (!hits.length) { return; }
    openPairPopup(hits, e.latlng);
    var first = hits[0].c2cLine;
    send("pair", cur.data.places[first.jp].id + "|" + cur.data.places[first.partner].id);
  }

  function onPopupOpen(e) {
    var el = e.popup.getElement();
    if (!el) { return; }
    // on the popup's box, not on each link: keeping the popup inside the frame sets its content again (update())
    if (el.c2cProjectLinks) { return; }
    el.c2cProjectLinks = true;
    L.DomEvent.on(el, "click", function (ev) {
      var a = ev.target && ev.target.closest ? ev.target.closest("[data-c2c-project]") : null;
      if (!a) { return; }
      L.DomEvent.preventDefault(ev);
      send("project", a.getAttribute("data-c2c-project"));
    });
  }

  // ---- drawing a selection -------------------------------------------------------------------------------------

  function updateOverlay(data, numbers, yearLabel) {
    var o = data.overlay, el = api.overlay;
    if (!el || !o) { return; }
    el.innerHTML = '<div class="c2c-overlay-title">' + esc(o.title) + "</div>" +
      '<div class="c2c-overlay-summary">' + esc(yearLabel || o.summary) + "</div>" +
      '<div class="c2c-overlay-numbers">' + numbersHtml(o.metrics, numbers || o.numbers) + "</div>";
  }

  function updateLegend(data, timelineOn) {
    var div = api.legend && api.legend.getContainer();
    if (!div) { return; }
    var narrow = api.map.getContainer().classList.contains("c2c-narrow");
    div.innerHTML = legendHtml(api.config.text, api.config.colors,
      {undated: data.undated_drawn, jcm: !!data.jcm, timeline: timelineOn, collapsed: narrow, dense: isDense(data)});
  }

  function clear(group, keepPopup) {
    var cur = api.current;
    if (cur && cur.timeline) { cur.timeline.stop(); cur.timeline.control.remove(); }
    if (api.map && !keepPopup) { api.map.closePopup(); }  // the popup of the click that made this rerun stays
    if (api.map) { api.map.closeTooltip(api.hover); }
    api.current = null; api.projected = null;
  }

  function render(group, data) {
    var map = api.map, colors = api.config.colors;
    clear(group, !!data.selected && data.selected === api.shownSel);
    data = unpack(data);
    var full = null;
    if (data.year_pick) { full = api.pickedYearData(data); data = api.yearView(full, full.year_pick.year); } else { api.pendingYear = null; }
    data.undated_drawn = data.lines.some(function (l) { return !l.years.length; });
    var dense = isDense(data);
    var neighbours = neighboursOf(data), lineLayers = [];
    var lineLayer = function (dated) {
      return L.geoJSON({type: "FeatureCollection", features: data.lines.filter(function (l) { return !!l.years.length === dated; })
        .map(function (l) {
          return {type: "Feature", geometry: {type: "LineString", coordinates: arc(data.places[l.jp], data.places[l.partner])},
                  properties: {jp: data.places[l.jp].id, partner: data.places[l.partner].id, count: l.count, years: l.years, line: l}};
        })}, {
        interactive: false,
        style: function (f) { return lineStyle(f.properties.line, dense, colors); },
        onEachFeature: function (f, layer) { layer.c2cLine = f.properties.line; lineLayers.push(layer); }
      });
    };
    // undated first, so the dated lines (the programme's projects) are drawn on top of the dashed ones
    var undated = lineLayer(false), dated = lineLayer(true);
    var nodes = L.geoJSON({type: "FeatureCollection", features: data.places.map(function (p, i) {
      return {type: "Feature", geometry: {type: "Point", coordinates: [p.lon, p.lat]},
              properties: {id: p.id, side: p.side, degree: neighbours[i].length, index: i}};
    }).filter(function (f) { return f.properties.degree > 0; })}, {
      interactive: false,
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {radius: radius(f.properties.degree), weight: 1.5, color: "#ffffff", opacity: 1,
          fillColor: f.properties.side === "japan" ? colors.jp : colors.partner, fillOpacity: 1, interactive: false});
      }
    });
    if (data.jcm) {
      L.geoJSON(data.jcm, {pane: "c2cJcm", renderer: api.jcmRenderer, interactive: false,
        style: {stroke: !!colors.jcm_edge, color: colors.jcm_edge, weight: 1.2, opacity: 1, fill: true, fillColor: colors.jcm,
                fillOpacity: 0.55}}).addTo(group);
    }
    undated.addTo(group); dated.addTo(group); nodes.addTo(group);
    var cur = {dated: dated, undated: undated, nodes: nodes, lineLayers: lineLayers, neighbours: neighbours, data: data, timeline: null,
               full: full, group: group};
    group.c2c = cur;
    api.current = cur;
    var container = map.getContainer();
    container.classList.toggle("c2c-present", !!data.present);
    container.classList.toggle("c2c-timeline-on", !!data.timeline);
    updateOverlay(data);
    updateLegend(data, !!data.timeline);
    if (data.timeline) { cur.timeline = api.timeline(map, cur, data); }
    api.updateYearControl(map, full);
    var first = !api.started;
    api.started = true;
    if (data.bounds || first) { api.fitWhenSized(map, cur, 20, !data.bounds); } else { api.reopenSelection(cur); }
    api.scheduleLabels();
    emit("render", data, cur);
    root.dispatchEvent(new root.CustomEvent("c2c:drawn", {detail: {lines: data.lines.length}}));
    return cur;
  }

  // The payload's tables come as rows of values, their field names once in data.packed (c2c/map/mapview.py
  // pack_tables; a row's optional fields follow as one trailing object): named rows again, once per render.
  function unpack(data) {
    var fields = data.packed;
    if (!fields) { return data; }
    var out = {};
    Object.keys(data).forEach(function (k) { if (k !== "packed") { out[k] = data[k]; } });
    Object.keys(fields).forEach(function (table) {
      var names = fields[table], n = names.length;
      out[table] = (data[table] || []).map(function (row) {
        var o = {}, extra = row[n];
        for (var i = 0; i < n; i++) { o[names[i]] = row[i]; }
        if (extra) { Object.keys(extra).forEach(function (k) { o[k] = extra[k]; }); }
        return o;
      });
    });
    return out;
  }

  api.attach = attach;
  api.render = render;
  // for the runtime's other files (c2c-labels.js, c2c-fit.js, c2c-years.js, c2c-view.js)
  api.control = control;
  api.FRAME_MARGIN_PX = FRAME_MARGIN_PX;
  api.visible = visible;
  api.emit = emit;
  api.updateOverlay = updateOverlay;
  api.send = send;
  api.unpack = unpack;
  api.openPairPopup = openPairPopup;
  api.openPlacePopup = openPlacePopup;
  api.hoverHtml = hoverHtml;
  api.nodeHoverHtml = nodeHoverHtml;
  if (typeof module === "object" && module.exports) { module.exports = api; }
  root.C2CAtlas = api;
})(typeof self !== "undefined" ? self : this);
