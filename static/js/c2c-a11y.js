/* C2C Atlas map runtime, accessibility: the map's text twin, its name and description, announcements and the
 * keyboard. Loaded after c2c-map.js (c2c/map/mapview.py RUNTIME_SCRIPTS); inlined in the HTML export.
 *
 * It listens to the map runtime (C2CAtlas.on: "attach", "render", "year") and adds, inside the map's frame:
 *   - the text twin: a "List" button (a disclosure) over the map that opens every pair (years, project count) and
 *     place drawn, in the UI language. Focusing an item highlights it on the map (highlight(key)); Enter (a
 *     native button) selects it exactly as a click on the map does: the popup opens and C2CAtlas.send returns it
 *     to Streamlit (the panel under the map, sel= in the URL). With the timeline on it lists what the year on
 *     screen shows. It is made here from the payload the frame already receives, so a filter change costs no
 *     Streamlit element, and focus, highlight and Enter need no scripting across frames.
 *   - the map's name (frame title, iframe label, region label) and a description with the headline numbers;
 *   - a polite live region that says the new headline after a filter change or a timeline step;
 *   - Space on Leaflet's link-buttons, a fit button, no map animations under prefers-reduced-motion.
 * Arrow keys pan and +/- zoom through Leaflet's own keyboard handler once the map has focus (a visible ring:
 * static/css/c2c-a11y.css).
 * The pure helpers (pairItems, placeItems, announcement, description, langHtml) are exported for Node's tests.
 */
(function (root) {
  "use strict";

  var atlas = root.C2CAtlas || (typeof require === "function" ? require("./c2c-map.js") : null);
  var esc = atlas.esc, fmt = atlas.fmt;
  // Han, kana, CJK punctuation and full-width forms: what reads as Japanese inside English text
  var JAPANESE = /[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]+(?:[\s\u30fb\u00b7-]*[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]+)*/g;
  var FOCUS_PANE = "c2cFocus";

  // ---- pure helpers ----------------------------------------------------------------------------------------

  // HTML of a text, escaped, with its Japanese runs marked lang="ja" when the page is in another language (so a
  // screen reader reads 富山市 with a Japanese voice inside English text).
  function langHtml(text, uiLang) {
    var s = String(text === null || text === undefined ? "" : text);
    if (uiLang === "ja") { return esc(s); }
    var out = "", last = 0, m;
    JAPANESE.lastIndex = 0;
    while ((m = JAPANESE.exec(s)) !== null) {
      out += esc(s.slice(last, m.index)) + '<span lang="ja">' + esc(m[0]) + "</span>";
      last = m.index + m[0].length;
    }
    return out + esc(s.slice(last));
  }

  function plural(t, key, n) { return fmt(n === 1 && t[key + "_one"] ? t[key + "_one"] : t[key], {n: n}); }

  // "1 pair, 12 places": each count with its own singular or plural.
  function countWords(t, pairs, places) {
    return {pairs: plural(t, "a11y_n_pairs", pairs), places: plural(t, "a11y_n_places", places)};
  }

  function firstYear(line) { return line.years.length ? Math.min.apply(null, line.years) : null; }

  // The pairs drawn, as the list shows them: every line, or with a timeline year the lines that year shows.
  function pairItems(data, t, year) {
    var items = [];
    data.lines.forEach(function (line) {
      var y0 = firstYear(line);
      if (year !== null && year !== undefined && (y0 === null || y0 > year)) { return; }
      var a = data.places[line.jp], b = data.places[line.partner];
      var parts = [atlas.lineTitle(data, line)];
      parts.push(line.years.length ? plural(t, "a11y_projects", line.count) : t.legend_undated);
      if (year !== null && year !== undefined && line.years.indexOf(year) >= 0) { parts.push(t.a11y_this_year); }
      items.push({key: "pair:" + a.id + "|" + b.id, kind: "pair", code: a.id + "|" + b.id, line: line,
                  text: parts.join(" \u00b7 "), sort: [a.name, b.name]});
    });
    return sortItems(items, data.text && data.text.lang);
  }

  // The places drawn (those with a line), Japanese municipalities first, then partners by country.
  function placeItems(data, t, year) {
    var degree = data.places.map(function () { return 0; }), first = data.places.map(function () { return null; });
    data.lines.forEach(function (line) {
      var y0 = firstYear(line);
      [line.jp, line.partner].forEach(function (i) {
        degree[i] += 1;
        if (y0 !== null && (first[i] === null || y0 < first[i])) { first[i] = y0; }
      });
    });
    var items = [];
    data.places.forEach(function (p, i) {
      if (!degree[i]) { return; }
      if (year !== null && year !== undefined && (first[i] === null || first[i] > year)) { return; }
      var japan = p.side === "japan";
      var text = p.label + " (" + data.countries[p.country] + ") \u00b7 " + (japan ? t.legend_jp : t.legend_partner) +
        " \u00b7 " + fmt(data.text.links_n, {n: degree[i]});
      items.push({key: "place:" + p.id, kind: "place", code: p.id, index: i, text: text,
                  sort: [japan ? "0" : "1", japan ? "" : data.countries[p.country], p.name]});
    });
    return sortItems(items, data.text && data.text.lang);
  }

  var collators = {};
  function sortItems(items, lang) {
    var locale = lang === "en" ? "en" : "ja";
    // one Intl.Collator: String.localeCompare builds one per call (10,000 lines took ~200 ms to sort)
    var compare = (collators[locale] = collators[locale] || new Intl.Collator(locale)).compare;
    return items.slice().sort(function (x, y) {
      for (var k = 0; k < x.sort.length; k++) {
        var c = compare(String(x.sort[k]), String(y.sort[k]));
        if (c) { return c; }
      }
      return x.key < y.key ? -1 : (x.key > y.key ? 1 : 0);
    });
  }

  // How many pairs and places the list would show (for its button and the description), without building it.
  function drawnCounts(data, year) {
    var pairs = 0, seen = {}, places = 0;
    data.lines.forEach(function (line) {
      var y0 = firstYear(line);
      if (year !== null && year !== undefined && (y0 === null || y0 > year)) { return; }
      pairs += 1;
      [line.jp, line.partner].forEach(function (i) { if (!seen[i]) { seen[i] = 1; places += 1; } });
    });
    return {pairs: pairs, places: places};
  }

  // "FY2017: 6 projects, 4 countries" (with the other filters after the period: "FY2017 · Viet Nam: ...").
  // A range counts project-years (a project of two years counts twice), one year counts projects.
  function announcement(t, overlay, numbers, period, single) {
    var o = overlay || {};
    var head = (period || o.period || o.summary || "") + (o.filters ? " \u00b7 " + o.filters : "");
    var projects = plural(t, single ? "a11y_announce_projects" : "a11y_announce_project_years", numbers.projects);
    return fmt(t.a11y_announce, {period: head, projects: projects, countries: plural(t, "a11y_announce_countries", numbers.countries)});
  }

  // What the map shows, for its description: the headline, the headline numbers, the pairs and places drawn,
  // and how to use the map and its list from the keyboard.
  function description(t, overlay, numbers, pairs, places, period, single) {
    var o = overlay || {}, sentences = [announcement(t, o, numbers, period, single)];
    if (o.metrics) {
      sentences.push(o.metrics.map(function (m) { return m.label + " " + numbers[m.key]; }).join(t.a11y_sep));
    }
    sentences.push(pairs || places ? fmt(t.a11y_drawn, countWords(t, pairs, places)) : t.a11y_empty);
    sentences.push(t.a11y_keys);
    return sentences.join(t.a11y_stop);
  }

  var api = {langHtml: langHtml, pairItems: pairItems, placeItems: placeItems, drawnCounts: drawnCounts,
             announcement: announcement, description: description, state: null};

  // ---- browser part ----------------------------------------------------------------------------------------

  function reducedMotion() {
    return !!(root.matchMedia && root.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function el(tag, className, parent) {
    var e = root.document.createElement(tag);
    if (className) { e.className = className; }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function onAttach(map, config) {
    var L = root.L, doc = root.document, t = config.a11y || {}, container = map.getContainer();
    var s = api.state = {map: map, config: config, t: t, data: null, year: null, yearNumbers: null, spoken: null,
                         items: {}, selected: null, open: false};
    doc.documentElement.lang = config.lang;
    doc.title = t.a11y_frame_title;
    // Leaflet's keyboard handler made the map focusable (arrows pan, +/- zoom); it gets a name and a description
    container.setAttribute("role", "region");
    container.setAttribute("aria-roledescription", t.a11y_roledescription);
    container.setAttribute("aria-label", t.a11y_map_name);
    s.desc = el("p", "c2c-sr-only", doc.body);
    s.desc.id = "c2c-map-description";
    container.setAttribute("aria-describedby", s.desc.id);
    s.live = el("div", "c2c-sr-only", doc.body);
    s.live.setAttribute("role", "status");
    s.live.setAttribute("aria-live", "polite");
    try {  // the page's iframe keeps Streamlit's title (tests and tools find it by it); its label names the map
      if (root.frameElement) { root.frameElement.setAttribute("aria-label", t.a11y_map_name); }
    } catch (e) { /* a cross-origin embedder: the frame's own title still names it */ }

    if (reducedMotion()) {
      map.options.zoomAnimation = false; map._zoomAnimated = false;
      map.options.fadeAnimation = false; map.options.markerZoomAnimation = false; map.options.inertia = false;
      container.classList.add("c2c-reduced-motion");
    }
    var pane = map.createPane(FOCUS_PANE);
    pane.style.zIndex = 640; pane.style.pointerEvents = "none";
    // What is drawn is read from the list and the description: the drawing itself (canvas, place names, the
    // basemap) would be an unlabelled image and a run of place names. Popups and tooltips stay readable.
    Object.keys(map._panes || {}).forEach(function (name) {
      if (name !== "popupPane" && name !== "tooltipPane" && name !== "mapPane") { map.getPane(name).setAttribute("aria-hidden", "true"); }
    });
    s.focusRenderer = L.svg({pane: FOCUS_PANE});
    s.focusLayer = L.layerGroup([], {pane: FOCUS_PANE}).addTo(map);

    buildControl(map, s);
    // Leaflet's zoom and fullscreen buttons are links with role=button: Space presses them too
    container.addEventListener("keydown", function (e) {
      var target = e.target;
      if ((e.key === " " || e.key === "Spacebar") && target.getAttribute && target.getAttribute("role") === "button" &&
          target.tagName === "A") {
        e.preventDefault(); target.click();
      }
    });
    map.on("enterFullscreen exitFullscreen", function () {
      var link = map.fullscreenControl && map.fullscreenControl.link;
      if (link) { link.setAttribute("aria-label", link.title); link.setAttribute("aria-pressed", map._isFullscreen ? "true" : "false"); }
    });
  }

  function buildControl(map, s) {
    var L = root.L, t = s.t;
    var ctl = L.control({position: "topleft"});
    ctl.onAdd = function () {
      var box = el("div", "c2c-twin leaflet-control");
      var bar = el("div", "c2c-twin-bar", box);
      s.toggle = el("button", "c2c-twin-toggle", bar);
      s.toggle.type = "button";
      s.toggle.setAttribute("aria-expanded", "false");
      s.toggle.setAttribute("aria-controls", "c2c-twin-panel");
      s.fit = el("button", "c2c-twin-fit", bar);
      s.fit.type = "button";
      s.fit.title = t.fit;
      s.fit.setAttribute("aria-label", t.fit);
      s.fit.innerHTML = '<span aria-hidden="true">\u2922</span>';
      s.panel = el("div", "c2c-twin-panel", box);
      s.panel.id = "c2c-twin-panel";
      s.panel.hidden = true;
      s.panel.setAttribute("role", "region");
      s.panel.setAttribute("aria-label", t.a11y_list_name);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      L.DomEvent.on(s.toggle, "click", function () { setOpen(s, !s.open); });
      L.DomEvent.on(s.fit, "click", function () { fitDrawn(s); });
      L.DomEvent.on(box, "keydown", function (e) { onListKey(s, e); });
      L.DomEvent.on(s.panel, "focusin", function (e) {
        var key = e.target && e.target.getAttribute && e.target.getAttribute("data-c2c-key");
        if (key) { highlight(key); }
      });
      L.DomEvent.on(s.panel, "focusout", function (e) {
        if (!e.relatedTarget || !s.panel.contains(e.relatedTarget)) { clearHighlight(); }
      });
      L.DomEvent.on(s.panel, "mouseover", function (e) {
        var b = e.target.closest && e.target.closest("[data-c2c-key]");
        if (b) { highlight(b.getAttribute("data-c2c-key")); }
      });
      L.DomEvent.on(s.panel, "mouseleave", function () {
        if (!s.panel.contains(root.document.activeElement)) { clearHighlight(); }
      });
      L.DomEvent.on(s.panel, "click", function (e) {
        var b = e.target.closest && e.target.closest("[data-c2c-key]");
        if (b) { select(s, b.getAttribute("data-c2c-key")); }
      });
      return box;
    };
    ctl.addTo(map);
    s.control = ctl;
    updateToggle(s, 0, 0);
  }

  function setOpen(s, open) {
    s.open = open;
    if (open) { rebuild(s); }
    s.panel.hidden = !open;
    s.toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) { clearHighlight(); }
  }

  function updateToggle(s, pairs, places) {
    var t = s.t;
    s.toggle.innerHTML = '<span aria-hidden="true">\u2630</span> ' + esc(t.a11y_list_button) +
      ' <span class="c2c-twin-count">' + esc(fmt(t.a11y_list_count, countWords(t, pairs, places))) + "</span>";
  }

  // Up/Down (and Home/End) move between the list's items as Tab does; Escape closes the list.
  function onListKey(s, e) {
    if (e.key === "Escape" && s.open) {
      setOpen(s, false); s.toggle.focus(); e.preventDefault(); e.stopPropagation(); return;
    }
    var buttons = Array.prototype.slice.call(s.panel.querySelectorAll("[data-c2c-key]"));
    var i = buttons.indexOf(root.document.activeElement);
    if (i < 0) { return; }
    var next = {ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1}[e.key];
    if (next === undefined) { return; }
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, next))].focus();
  }

  function itemButton(s, item, uiLang) {
    var selected = s.selected === item.key;
    return '<li><button type="button" class="c2c-twin-item c2c-twin-' + item.kind + '" data-c2c-key="' + esc(item.key) + '"' +
      (selected ? ' aria-current="true"' : "") + ">" + langHtml(item.text, uiLang) + "</button></li>";
  }

  // The list, from the payload: rebuilt on every render and timeline step while it is open (a 10,000-line map
  // would otherwise build 15,000 buttons on each filter change); the focused item keeps its focus.
  function rebuild(s) {
    var data = s.data, t = s.t;
    if (!data) { return; }
    var year = data.timeline ? s.year : null, counts;
    if (s.open) {
      counts = buildList(s, data, t, year);
    } else {
      counts = drawnCounts(data, year);
      s.items = {};
      s.panel.innerHTML = "";
      updateToggle(s, counts.pairs, counts.places);
    }
    var numbers = year !== null && s.yearNumbers ? s.yearNumbers : (data.overlay && data.overlay.numbers) || {};
    var period = year !== null ? fmt(data.timeline.labels.fy, {year: year}) : null;
    var single = year !== null || !!(data.overlay && data.overlay.single);
    s.desc.textContent = description(t, data.overlay, numbers, counts.pairs, counts.places, period, single);
    return announcement(t, data.overlay, numbers, period, single);
  }

  function buildList(s, data, t, year) {
    var doc = root.document;
    var pairs = pairItems(data, t, year), places = placeItems(data, t, year), uiLang = s.config.lang;
    var active = doc.activeElement, focusedKey = null, hadFocus = s.panel.contains(active);
    if (hadFocus && active.getAttribute) { focusedKey = active.getAttribute("data-c2c-key"); }
    s.items = {};
    pairs.concat(places).forEach(function (item) { s.items[item.key] = item; });
    var section = function (heading, items) {
      if (!items.length) { return ""; }
      return '<h2 class="c2c-twin-h">' + esc(heading) + '</h2><ul class="c2c-twin-list">' +
        items.map(function (item) { return itemButton(s, item, uiLang); }).join("") + "</ul>";
    };
    var hint = s.config.interactive ? t.a11y_list_hint : t.a11y_list_hint_export;
    s.panel.innerHTML = '<p class="c2c-twin-hint">' + esc(hint) + "</p>" +
      (pairs.length || places.length ? "" : '<p class="c2c-twin-hint">' + esc(t.a11y_empty) + "</p>") +
      section(fmt(t.a11y_pairs_heading, {n: pairs.length}), pairs) +
      section(fmt(t.a11y_places_heading, {n: places.length}), places);
    updateToggle(s, pairs.length, places.length);
    if (hadFocus) {
      var again = focusedKey && s.panel.querySelector('[data-c2c-key="' + cssEscape(focusedKey) + '"]');
      (again || s.toggle).focus();
    }
    if (s.highlighted && !s.items[s.highlighted]) { clearHighlight(); }
    return {pairs: pairs.length, places: places.length};
  }

  function cssEscape(v) { return root.CSS && root.CSS.escape ? root.CSS.escape(v) : String(v).replace(/["\\]/g, "\\$&"); }

  function say(s, text) {
    if (!text || text === s.spoken) { return; }
    s.spoken = text;
    s.live.textContent = text;
  }

  function onRender(data) {
    var s = api.state;
    if (!s) { return; }
    var first = s.data === null;
    s.data = data;
    if (!data.timeline) { s.year = null; s.yearNumbers = null; }
    var headline = rebuild(s);
    if (s.open && !s.items[s.selected]) { s.selected = null; }
    // the first headline is on the page already; after that each new one is announced
    if (first) { s.spoken = headline; } else { say(s, headline); }
  }

  function onYear(year, numbers, playing, data) {
    var s = api.state;
    if (!s) { return; }
    s.year = year; s.yearNumbers = numbers;
    var slider = s.map.getContainer().querySelector(".c2c-tl-slider");
    if (slider && data.timeline) { slider.setAttribute("aria-valuetext", fmt(data.timeline.labels.fy, {year: year})); }  // "FY2019", not "2019"
    if (s.data !== data) { return; }  // the timeline's first frame comes before "render": that call rebuilds
    var headline = rebuild(s);
    if (!playing) { say(s, headline); }  // not every frame of a playing timeline: the badge shows those
  }

  // ---- highlight and select --------------------------------------------------------------------------------

  function latLngs(data, line) {
    return atlas.arc(data.places[line.jp], data.places[line.partner]).map(function (p) { return [p[1], p[0]]; });
  }

  // Draws the item on the map above everything (a halo and a dark line or ring, the line dashed if undated) and
  // brings it into view if it is off screen (zooming out, never in).
  function highlight(key) {
    var s = api.state, L = root.L;
    if (!s || !s.data) { return false; }
    var item = s.items[key];
    clearHighlight();
    if (!item) { return false; }
    var data = s.data, map = s.map, colors = s.config.colors || {}, focus = colors.focus || "#0b3a53";
    var r = s.focusRenderer, group = s.focusLayer, bounds;
    if (item.kind === "pair") {
      var pts = latLngs(data, item.line), dashed = !item.line.years.length;
      L.polyline(pts, {renderer: r, pane: FOCUS_PANE, interactive: false, color: "#ffffff", weight: 10, opacity: 0.9}).addTo(group);
      L.polyline(pts, {renderer: r, pane: FOCUS_PANE, interactive: false, color: focus, weight: 4.5, opacity: 1,
                       dashArray: dashed ? "8 6" : null, className: "c2c-focus-line"}).addTo(group);
      [pts[0], pts[pts.length - 1]].forEach(function (p) {
        L.circleMarker(p, {renderer: r, pane: FOCUS_PANE, interactive: false, radius: 7, color: focus, weight: 3,
                           fillColor: "#ffffff", fillOpacity: 1}).addTo(group);
      });
      bounds = L.latLngBounds(pts);
    } else {
      var p = data.places[item.index], ll = L.latLng(p.lat, p.lon);
      L.circleMarker(ll, {renderer: r, pane: FOCUS_PANE, interactive: false, radius: 15, color: "#ffffff", weight: 7, fill: false, opacity: 0.9}).addTo(group);
      L.circleMarker(ll, {renderer: r, pane: FOCUS_PANE, interactive: false, radius: 15, color: focus, weight: 3.5, fill: false,
                          className: "c2c-focus-ring"}).addTo(group);
      bounds = L.latLngBounds([ll, ll]);
    }
    s.highlighted = key;
    var view = map.getBounds();
    if (!view.contains(bounds)) {
      var animate = !reducedMotion();
      if (item.kind === "place") { map.panTo(bounds.getCenter(), {animate: animate}); }
      else { map.fitBounds(bounds, {padding: [40, 40], maxZoom: map.getZoom(), animate: animate}); }
    }
    return true;
  }

  function clearHighlight() {
    var s = api.state;
    if (s && s.focusLayer) { s.focusLayer.clearLayers(); s.highlighted = null; }
  }

  // What a click on the map does: the popup opens and, in the app, Streamlit hears of it.
  function select(s, key) {
    var item = s.items[key], cur = atlas.current;
    if (!item || !cur) { return false; }
    if (item.kind === "pair") {
      var layer = null;
      cur.lineLayers.forEach(function (l) { if (l.c2cLine === item.line) { layer = l; } });
      if (layer) {
        var ll = layer.getLatLngs();
        atlas.openPairPopup([layer], ll[Math.floor(ll.length / 2)]);
      }
    } else {
      var marker = null;
      cur.nodes.eachLayer(function (m) { if (m.feature.properties.index === item.index) { marker = m; } });
      if (marker) { atlas.openPlacePopup(marker); }
    }
    s.selected = key;
    Array.prototype.forEach.call(s.panel.querySelectorAll("[aria-current]"), function (b) { b.removeAttribute("aria-current"); });
    var button = s.panel.querySelector('[data-c2c-key="' + cssEscape(key) + '"]');
    if (button) { button.setAttribute("aria-current", "true"); }
    highlight(key);
    atlas.send(item.kind, item.code);
    return true;
  }

  // The network drawn, fitted into view (the Streamlit button does the same, but is not on screen in fullscreen).
  function fitDrawn(s) {
    var L = root.L, data = s.data, pts = [];
    if (!data) { return; }
    var year = data.timeline ? s.year : null;
    placeItems(data, s.t, year).forEach(function (item) { var p = data.places[item.index]; pts.push([p.lat, p.lon]); });
    if (!pts.length) { return; }
    // clear of the controls, like the Streamlit button (c2c-fit.js); fitBounds where that is missing
    if (atlas.fitSelection) { atlas.fitSelection(); return; }
    s.map.fitBounds(L.latLngBounds(pts), {padding: [30, 30], maxZoom: 7, animate: !reducedMotion()});
  }

  api.highlight = highlight;
  api.clearHighlight = clearHighlight;
  api.select = function (key) { return api.state ? select(api.state, key) : false; };
  api.open = function (open) { if (api.state) { setOpen(api.state, open !== false); } };
  if (atlas.on) {
    atlas.on("attach", onAttach);
    atlas.on("render", onRender);
    atlas.on("year", onYear);
  }
  atlas.a11y = api;
  if (typeof module === "object" && module.exports) { module.exports = api; }
})(typeof self !== "undefined" ? self : this);
