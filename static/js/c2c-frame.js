/* C2C Atlas: where the selection goes inside the map frame (pure geometry, no Leaflet; tests/js/frame.test.js).
 *
 * Leaflet's fitBounds keeps one rectangle clear; the atlas has controls in every corner (zoom and list buttons,
 * the legend, the scale, the disclaimer, the timeline, the title card), and a dot under one of them loses its label.
 * fitView looks for the largest whole zoom at which a shift of the network puts every dot inside the frame and
 * clear of every control's box, trying shifts nearest to the centred one first.
 *
 * Coordinates: points are in Leaflet's world pixels at zoom 0 (map.project(latlng, 0)); at zoom z a point sits on
 * screen at p * 2^z + t. Boxes and the frame are in container pixels. The result's t gives the centre:
 * unproject((size / 2 - t) / 2^z) at zoom z.
 */
(function (root) {
  "use strict";

  var MAX_CANDIDATES = 6000;
  var FALLBACK_CANDIDATES = 400;

  // The whole-pixel shifts of one axis in [lo, hi], nearest to the middle first.
  function shifts(lo, hi, step) {
    var mid = (lo + hi) / 2, out = [mid];
    for (var d = step; mid - d >= lo || mid + d <= hi; d += step) {
      if (mid - d >= lo) { out.push(mid - d); }
      if (mid + d <= hi) { out.push(mid + d); }
    }
    return out;
  }

  // The range of t on one axis that keeps every point (with its radius and the margin) inside [0, length], and
  // inside the map's maxBounds ([b0, b1] in world pixels at zoom 0; Leaflet centres a view larger than them).
  function axisRange(values, radii, length, margin, scale, b0, b1) {
    var lo = -Infinity, hi = Infinity;
    for (var i = 0; i < values.length; i++) {
      var v = values[i] * scale, r = radii[i] + margin;
      lo = Math.max(lo, r - v);
      hi = Math.min(hi, length - r - v);
    }
    if (b0 !== undefined && b1 !== undefined) {
      if ((b1 - b0) * scale <= length) {
        var fixed = length / 2 - (b0 + b1) / 2 * scale;
        return fixed >= lo - 0.5 && fixed <= hi + 0.5 ? [fixed, fixed] : null;
      }
      lo = Math.max(lo, length - b1 * scale);
      hi = Math.min(hi, -b0 * scale);
    }
    return lo <= hi ? [lo, hi] : null;
  }

  // How many points touch a box (the fallback's measure when no shift keeps them all clear)
  function hidden(points, boxes, scale, tx, ty, gap) {
    var n = 0;
    for (var i = 0; i < points.length; i++) {
      if (!clearOf([points[i]], boxes, scale, tx, ty, gap)) { n += 1; }
    }
    return n;
  }

  function clearOf(points, boxes, scale, tx, ty, gap) {
    for (var i = 0; i < points.length; i++) {
      var p = points[i], x = p.x * scale + tx, y = p.y * scale + ty, r = (p.r || 0) + gap;
      for (var k = 0; k < boxes.length; k++) {
        var b = boxes[k];
        if (x + r > b.x0 && x - r < b.x1 && y + r > b.y0 && y - r < b.y1) { return false; }
      }
    }
    return true;
  }

  /* points: [{x, y, r}] (zoom-0 world pixels, radius in screen pixels); boxes: [{x0, y0, x1, y1}];
   * size: {x, y}; opts: {minZoom, maxZoom, margin (to the frame's edge), gap (to a box), bounds: {x0, y0, x1, y1}}.
   * Returns {zoom, tx, ty, clear}: clear is false when no zoom keeps every dot off the controls (then the view, with
   * every dot in the frame, that leaves the fewest under a control; with `hidden`, how many). */
  function fitView(points, boxes, size, opts) {
    var o = opts || {}, minZoom = o.minZoom === undefined ? 0 : o.minZoom, maxZoom = o.maxZoom === undefined ? 18 : o.maxZoom;
    var margin = o.margin === undefined ? 8 : o.margin, gap = o.gap === undefined ? 4 : o.gap, b = o.bounds || {};
    if (!points.length) { return null; }
    var xs = points.map(function (p) { return p.x; }), ys = points.map(function (p) { return p.y; });
    var rs = points.map(function (p) { return p.r || 0; });
    var fallback = null;
    for (var z = maxZoom; z >= minZoom; z--) {
      var s = Math.pow(2, z);
      var rx = axisRange(xs, rs, size.x, margin, s, b.x0, b.x1), ry = axisRange(ys, rs, size.y, margin, s, b.y0, b.y1);
      if (!rx || !ry) { continue; }
      var area = (rx[1] - rx[0] + 1) * (ry[1] - ry[0] + 1);
      var step = Math.max(2, Math.ceil(Math.sqrt(area / MAX_CANDIDATES)));
      var cx = shifts(rx[0], rx[1], step), cy = shifts(ry[0], ry[1], step), cands = [];
      var mx = cx[0], my = cy[0];
      for (var i = 0; i < cx.length; i++) {
        for (var j = 0; j < cy.length; j++) { cands.push([cx[i], cy[j], (cx[i] - mx) * (cx[i] - mx) + (cy[j] - my) * (cy[j] - my)]); }
      }
      cands.sort(function (a, c) { return a[2] - c[2]; });
      for (var k = 0; k < cands.length; k++) {
        if (clearOf(points, boxes, s, cands[k][0], cands[k][1], gap)) {
          return {zoom: z, tx: cands[k][0], ty: cands[k][1], clear: true};
        }
      }
      // none clear at this zoom: remember the shift that hides the fewest dots (the nearest ones to the centred
      // shift first), over every zoom; a lower zoom only wins with fewer hidden
      for (var f = 0; f < Math.min(cands.length, FALLBACK_CANDIDATES); f++) {
        var n = hidden(points, boxes, s, cands[f][0], cands[f][1], gap);
        if (!fallback || n < fallback.hidden) { fallback = {zoom: z, tx: cands[f][0], ty: cands[f][1], clear: false, hidden: n}; }
      }
    }
    if (fallback) { return fallback; }
    // nothing fits even at the lowest zoom: centre the points there
    var s0 = Math.pow(2, minZoom), span = function (v) { return [Math.min.apply(null, v) * s0, Math.max.apply(null, v) * s0]; };
    var sx = span(xs), sy = span(ys);
    return {zoom: minZoom, tx: size.x / 2 - (sx[0] + sx[1]) / 2, ty: size.y / 2 - (sy[0] + sy[1]) / 2, clear: false};
  }

  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }

  // Where a tooltip w x h opens at the pointer (x, y) to stay inside the frame: above the pointer while there is
  // room, else below it, else beside it; shifted sideways (top, bottom) or up and down (beside) to keep within
  // the edges. Returns Leaflet's tooltip {direction, offset: [dx, dy]} and whether it was shifted off centre.
  function tooltipPlacement(x, y, w, h, size, margin, gap) {
    var m = margin === undefined ? 8 : margin, off = gap === undefined ? 10 : gap, dx = 0, dy = 0, direction;
    if (y - off - h >= m || y + off + h > size.y - m && y > size.y / 2) {
      direction = "top"; dy = -off;
    } else if (y + off + h <= size.y - m) {
      direction = "bottom"; dy = off;
    } else {
      direction = x + off + w <= size.x - m || x < size.x / 2 ? "right" : "left";
      dx = direction === "right" ? off : -off;
    }
    if (direction === "top" || direction === "bottom") {
      dx = clamp(0, m - (x - w / 2), size.x - m - (x + w / 2));
      if (x - w / 2 + dx < m) { dx = m - (x - w / 2); }  // wider than the frame: its start stays visible
    } else {
      dy = clamp(0, m - (y - h / 2), size.y - m - (y + h / 2));
      if (y - h / 2 + dy < m) { dy = m - (y - h / 2); }
    }
    return {direction: direction, offset: [Math.round(dx), Math.round(dy)], shifted: Math.abs(direction === "top" || direction === "bottom" ? dx : dy) > 0.5};
  }

  var api = {fitView: fitView, tooltipPlacement: tooltipPlacement};
  if (typeof module === "object" && module.exports) { module.exports = api; }
  root.C2CFrame = api;
})(typeof self !== "undefined" ? self : this);
