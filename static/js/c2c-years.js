/* C2C Atlas map runtime, years: the one-year view's year control (◀ FY ▶, switched in the browser) and the
 * timeline that plays the years. Loaded after c2c-map.js (c2c/map/mapview.py RUNTIME_SCRIPTS); inlined in the
 * HTML export.
 *
 * It registers C2CAtlas.pickedYearData, yearView, updateYearControl and timeline, which the core's render calls
 * while it draws a selection (calls, not "render" listeners: the year decides which lines are drawn, and the
 * timeline is part of what clear() stops), and C2CAtlas.pickYear for the control and tests. A timeline frame
 * redraws the overlay and the labels through C2CAtlas.updateOverlay and updateLabels and emits "year".
 * yearView is pure and exported for Node's tests (tests/js/yearpick.test.js, tests/map/test_year_pick.py).
 */
(function (root) {
  "use strict";

  var api = root.C2CAtlas || (typeof require === "function" ? require("./c2c-map.js") : null);
  var esc = api.esc, fmt = api.fmt, yearNumbers = api.yearNumbers, numbersHtml = api.numbersHtml;
  var emit = api.emit, send = api.send, updateOverlay = api.updateOverlay;
  // The timeline's earlier years: thinner than the year shown, and still 3:1 against the basemap (WCAG 1.4.11).
  var PAST_OPACITY = 0.8;

  // ---- year pick: the one-year view switches its year in the browser -----------------------------------------
  // With year_pick ({year, years, labels}) the payload holds every dated line of the other filters; the chosen
  // year's lines are drawn at once, and the year goes to Streamlit ("fy:YYYY#n"), whose rerun brings the URL, the
  // headline and the panel along (and the same payload again, for the new year). No round trip before the lines.

  // The payload as the one-year view of `year`: that year's lines, each with that year's projects (as the server
  // builds a one-year selection), and the overlay's period and numbers for the year.
  function yearView(data, year) {
    var lines = [];
    data.lines.forEach(function (l) {
      if (l.years.indexOf(year) < 0) { return; }
      var projects = l.projects.filter(function (k) { return data.projects[k].year === year; });
      var line = {jp: l.jp, partner: l.partner, count: projects.length, years: [year], projects: projects};
      var basis = l.basis_by_year ? l.basis_by_year[year] : l;
      if (basis && basis.basis) { line.basis = basis.basis; }
      if (basis && basis.basis_notes) { line.basis_notes = basis.basis_notes; }
      lines.push(line);
    });
    var view = {};
    Object.keys(data).forEach(function (k) { view[k] = data[k]; });
    view.lines = lines;
    if (data.overlay && year !== data.year_pick.server_year) {
      var overlay = {}, period = fmt(data.year_pick.labels.fy, {year: year}), old = data.overlay.period || "";
      Object.keys(data.overlay).forEach(function (k) { overlay[k] = data.overlay[k]; });
      overlay.numbers = yearNumbers(data, year);
      overlay.period = period;
      if (old && String(overlay.summary || "").indexOf(old) === 0) { overlay.summary = period + overlay.summary.slice(old.length); }
      view.overlay = overlay;
    }
    return view;
  }

  // A rerun that still carries the year before the user's last pick (picked again while Streamlit was running)
  // keeps the picked year: its own rerun follows.
  function pickedYearData(data) {
    var pick = data.year_pick, pending = api.pendingYear, year = pick.year;
    if (pending && pending.year !== pick.year && Date.now() - pending.at < 4000 && pick.years.indexOf(pending.year) >= 0) {
      year = pending.year;
    } else {
      api.pendingYear = null;
    }
    var out = {}, p = {};
    Object.keys(data).forEach(function (k) { out[k] = data[k]; });
    Object.keys(pick).forEach(function (k) { p[k] = pick[k]; });
    p.server_year = p.server_year === undefined ? pick.year : p.server_year;
    p.year = year;
    out.year_pick = p;
    return out;
  }

  function pickYear(year) {
    var cur = api.current;
    if (!cur || !cur.full || cur.full.year_pick.years.indexOf(year) < 0 || year === cur.full.year_pick.year) { return false; }
    api.pendingYear = {year: year, at: Date.now()};
    var data = {}, pick = {};
    Object.keys(cur.full).forEach(function (k) { data[k] = cur.full[k]; });
    Object.keys(cur.full.year_pick).forEach(function (k) { pick[k] = cur.full.year_pick[k]; });
    pick.year = year; data.year_pick = pick; data.bounds = null;
    cur.group.clearLayers();
    api.render(cur.group, data);
    send("fy", String(year));
    return true;
  }

  // ◀ [FY select] ▶, kept across renders (keyboard focus stays on it); hidden without a year_pick.
  function updateYearControl(map, full) {
    var c = api.yearControl;
    if (!full) { if (c) { c.box.style.display = "none"; } return; }
    var pick = full.year_pick, labels = pick.labels, years = pick.years;
    if (!c) {
      c = api.yearControl = {box: L.DomUtil.create("div", "c2c-yearpick c2c-legend")};
      var row = L.DomUtil.create("div", "c2c-timeline-row", c.box);
      var button = function (text, step) {
        var b = L.DomUtil.create("button", "c2c-tl-btn", row); b.type = "button"; b.textContent = text;
        L.DomEvent.on(b, "click", function (e) {
          L.DomEvent.stop(e);
          var ys = api.yearControl.years, i = ys.indexOf(api.yearControl.year) + step;
          if (i >= 0 && i < ys.length) { pickYear(ys[i]); }
        });
        return b;
      };
      c.prev = button("\u25c0", -1);
      c.select = L.DomUtil.create("select", "c2c-yearpick-select", row);
      L.DomEvent.on(c.select, "change", function () { pickYear(parseInt(c.select.value, 10)); });
      c.next = button("\u25b6", 1);
      L.DomEvent.disableClickPropagation(c.box); L.DomEvent.disableScrollPropagation(c.box);
      var ctl = L.control({position: "topright"});
      ctl.onAdd = function () { return c.box; };
      ctl.addTo(map);
    }
    c.box.style.display = "";
    if (c.yearsKey !== years.join()) {
      c.yearsKey = years.join();
      c.select.innerHTML = years.slice().reverse().map(function (y) {
        return '<option value="' + esc(y) + '">' + esc(fmt(labels.fy, {year: y})) + "</option>";
      }).join("");
    }
    c.years = years; c.year = pick.year;
    c.select.value = String(pick.year);
    c.select.setAttribute("aria-label", labels.pick || "");
    c.prev.title = labels.prev; c.prev.setAttribute("aria-label", labels.prev);
    c.next.title = labels.next; c.next.setAttribute("aria-label", labels.next);
    c.prev.disabled = years.indexOf(pick.year) <= 0;
    c.next.disabled = years.indexOf(pick.year) >= years.length - 1;
  }

  // ---- timeline: plays the years in the browser ----------------------------------------------------------------

  function timeline(map, cur, data) {
    var years = data.timeline.years, labels = data.timeline.labels, current = years[years.length - 1], timer = null;
    var first = {};
    var markFirst = function (id, y) { if (first[id] === undefined || y < first[id]) { first[id] = y; } };
    cur.dated.eachLayer(function (l) {
      var p = l.feature.properties, y0 = Math.min.apply(null, p.years);
      l.c2cFirst = y0; markFirst(p.jp, y0); markFirst(p.partner, y0);
      l.c2cStyle = {color: l.options.color, weight: l.options.weight, opacity: l.options.opacity};
    });
    var box = L.DomUtil.create("div", "c2c-timeline c2c-legend");
    var badge = L.DomUtil.create("div", "c2c-year-badge", box);
    var nums = L.DomUtil.create("div", "c2c-year-numbers", box);
    var row = L.DomUtil.create("div", "c2c-timeline-row", box);
    var slider;
    var draw = function () {
      cur.dated.eachLayer(function (l) {
        var p = l.feature.properties;
        if (l.c2cFirst > current) { l.setStyle({opacity: 0}); return; }
        var now = p.years.indexOf(current) >= 0;
        l.setStyle({color: now ? data.colors.highlight : data.colors.dated, opacity: now ? 0.95 : PAST_OPACITY,
                    weight: now ? l.c2cStyle.weight + 1.5 : l.c2cStyle.weight});
        if (now) { l.bringToFront(); }
      });
      cur.nodes.eachLayer(function (l) {
        var y0 = first[l.feature.properties.id];
        var on = y0 !== undefined && y0 <= current;
        l.setStyle(on ? {opacity: 1, fillOpacity: 1} : {opacity: 0, fillOpacity: 0});
        if (on) { l.bringToFront(); }
      });
      var numbers = yearNumbers(data, current);
      badge.textContent = fmt(labels.fy, {year: current});
      nums.innerHTML = numbersHtml(data.overlay.metrics, numbers);
      slider.value = current;
      updateOverlay(data, numbers, fmt(labels.fy, {year: current}));
      api.updateLabels();
      emit("year", current, numbers, !!timer, data);
    };
    var button = function (text, title, fn) {
      var b = L.DomUtil.create("button", "c2c-tl-btn", row); b.type = "button"; b.textContent = text; b.title = title;
      b.setAttribute("aria-label", title);
      L.DomEvent.on(b, "click", function (e) { L.DomEvent.stop(e); fn(); }); return b;
    };
    var stop = function () { if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; play.setAttribute("aria-pressed", "false"); } };
    var step = function (d) { var i = years.indexOf(current) + d; if (i >= 0 && i < years.length) { current = years[i]; draw(); return true; } return false; };
    button("|\u25c0", labels.first, function () { stop(); current = years[0]; draw(); });
    button("\u25c0", labels.prev, function () { stop(); step(-1); });
    var play = button("\u25b6", labels.play, function () {
      if (timer) { stop(); return; }
      if (current === years[years.length - 1]) { current = years[0]; draw(); }
      play.textContent = "\u275a\u275a"; play.setAttribute("aria-pressed", "true");  // a visible pause
      timer = setInterval(function () { if (!step(1)) { stop(); } }, data.timeline.interval_ms || 1200);
    });
    play.setAttribute("aria-pressed", "false");
    button("\u25b6\u2759", labels.next, function () { stop(); step(1); });
    slider = L.DomUtil.create("input", "c2c-tl-slider", box);
    slider.type = "range"; slider.min = years[0]; slider.max = years[years.length - 1]; slider.step = 1;
    slider.setAttribute("aria-label", labels.fy.replace("{year}", ""));
    L.DomEvent.on(slider, "input", function () { stop(); current = parseInt(slider.value, 10); draw(); });
    L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
    var ctl = L.control({position: "topright"});
    ctl.onAdd = function () { return box; };
    ctl.onRemove = function () { stop(); };
    ctl.addTo(map);
    draw();
    return {control: ctl, stop: stop, years: years, get year() { return current; },
            go: function (y) { stop(); current = y; draw(); }, play: function () { play.click(); }};
  }
  api.yearView = yearView;
  api.pickedYearData = pickedYearData;
  api.pickYear = pickYear;
  api.updateYearControl = updateYearControl;
  api.timeline = timeline;
  if (typeof module === "object" && module.exports) { module.exports = api; }
})(typeof self !== "undefined" ? self : this);
