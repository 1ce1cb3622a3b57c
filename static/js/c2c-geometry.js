/*
 * C2C Atlas: screen-space geometry for the map (label placement, numbered badges, line hit-testing).
 *
 * Pure functions on numbers and arrays: no DOM, no Leaflet, no network, so Node can unit-test
 * them (tests/js/geometry.test.js). All coordinates are CSS pixels in the map container's
 * frame (Leaflet's containerPoint): x grows right, y grows down.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  root.C2CGeometry = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // ---------------------------------------------------------------- primitives

  // Exclusive edges: labels that merely touch are fine and must not push each other around.
  function boxesOverlap(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }

  function clamp(v, lo, hi) { return v < lo ? lo : (v > hi ? hi : v); }

  // Strict: a circle whose edge only touches the box does not count (gap/margin already separate them).
  function circleOverlapsBox(cx, cy, r, b) {
    if (!(r > 0)) { return false; }
    var dx = cx - clamp(cx, b.x0, b.x1), dy = cy - clamp(cy, b.y0, b.y1);
    return dx * dx + dy * dy < r * r;
  }

  // ---------------------------------------------------------------- uniform grid

  // Buckets keep each candidate test local, so placement stays ~linear in the number of items.
  // Cell indices are clamped to one ring around the viewport: far-off objects share the border
  // cells instead of allocating unbounded keys, and clamping is monotone so no overlap is missed.
  function Grid(width, height, cell) {
    this.cell = cell;
    this.nx = Math.max(1, Math.ceil(width / cell));
    this.ny = Math.max(1, Math.ceil(height / cell));
    this.cells = new Map();
    this.stamp = 0;
  }
  Grid.prototype._range = function (x0, y0, x1, y1) {
    var c = this.cell;
    return [clamp(Math.floor(x0 / c), -1, this.nx), clamp(Math.floor(y0 / c), -1, this.ny),
            clamp(Math.floor(x1 / c), -1, this.nx), clamp(Math.floor(y1 / c), -1, this.ny)];
  };
  Grid.prototype.insert = function (entry, x0, y0, x1, y1) {
    var r = this._range(x0, y0, x1, y1), w = this.nx + 3;
    entry._seen = 0;
    for (var i = r[0]; i <= r[2]; i++) {
      for (var j = r[1]; j <= r[3]; j++) {
        var k = (j + 1) * w + (i + 1), list = this.cells.get(k);
        if (!list) { list = []; this.cells.set(k, list); }
        list.push(entry);
      }
    }
  };
  // Calls fn(entry) once per entry near the rectangle; stops and returns true as soon as fn does.
  Grid.prototype.any = function (x0, y0, x1, y1, fn) {
    var r = this._range(x0, y0, x1, y1), w = this.nx + 3, s = ++this.stamp;
    for (var i = r[0]; i <= r[2]; i++) {
      for (var j = r[1]; j <= r[3]; j++) {
        var list = this.cells.get((j + 1) * w + (i + 1));
        if (!list) { continue; }
        for (var n = 0; n < list.length; n++) {
          var e = list[n];
          if (e._seen === s) { continue; }
          e._seen = s;
          if (fn(e)) { return true; }
        }
      }
    }
    return false;
  };

  // ---------------------------------------------------------------- label placement

  function compareIds(a, b) {
    if (typeof a === "number" && typeof b === "number") { return a - b; }
    var sa = String(a), sb = String(b);
    return sa < sb ? -1 : (sa > sb ? 1 : 0);
  }

  function num(v, dflt) { return typeof v === "number" && isFinite(v) ? v : dflt; }

  // Distance from a point to a box (0 inside it): how near a reader's eye puts a dot to a label.
  function distanceToBox(x, y, b) {
    var dx = x - clamp(x, b.x0, b.x1), dy = y - clamp(y, b.y0, b.y1);
    return Math.sqrt(dx * dx + dy * dy);
  }

  // Candidate boxes around a dot, all at distance d from its centre: beside it on each side (centred, then slid
  // along that side, which keeps the distance), then at the diagonals (the box's corner at distance d).
  // Each is [x0, y0, dx, dy], (dx, dy) the unit direction from the dot to the box's centre.
  var SLIDES = [0.5, 0.15, 0.85];
  function candidates(x, y, d, w, h) {
    var out = [], k, c, s = Math.SQRT1_2;
    var push = function (x0, y0) {
      var cx = x0 + w / 2 - x, cy = y0 + h / 2 - y, len = Math.sqrt(cx * cx + cy * cy) || 1;
      out.push([x0, y0, cx / len, cy / len]);
    };
    for (k = 0; k < SLIDES.length; k++) {
      c = SLIDES[k];
      push(x + d, y - h * c);          // right
      push(x - d - w, y - h * c);      // left
      push(x - w * c, y - d - h);      // above
      push(x - w * c, y + d);          // below
      if (k === 0) {
        push(x + d * s, y - d * s - h);      // above right
        push(x - d * s - w, y - d * s - h);  // above left
        push(x + d * s, y + d * s);          // below right
        push(x - d * s - w, y + d * s);      // below left
      }
    }
    return out;
  }

  /*
   * placeLabels(items, options) -> [{id, visible, x0, y0, x1, y1}] in input order.
   *   items:   [{id, x, y, r, w, h, priority}] dot centre/radius and label size in px.
   *   options: {width, height, margin=2, gap=4, safety=3, rings=2, ringStep=5, crowdRadius=24,
   *             nodes=[{x, y, r}], obstacles=[]}
   * The rule a reader relies on: a label is shown only where its own dot is the nearest dot to the label's box, by
   * at least `safety` px over every other dot (the items' and `nodes`, the dots drawn without a label). Labels sit
   * beside their dot (gap px from its edge, or a ring or two further out when the rule holds there): no leader
   * lines, which a projector does not show. Greedy by priority (desc), then id, then input index. Hidden labels
   * have visible=false and null coordinates; margin is kept between labels, and from labels to the viewport edges,
   * obstacles and dots.
   */
  function placeLabels(items, options) {
    options = options || {};
    var W = num(options.width, 0), H = num(options.height, 0);
    var margin = Math.max(0, num(options.margin, 2));
    var gap = Math.max(0, num(options.gap, 4));
    var safety = Math.max(0, num(options.safety, 3));
    var rings = Math.max(1, Math.floor(num(options.rings, 2)));
    var ringStep = Math.max(1, num(options.ringStep, 5));
    var obstacles = (options.obstacles || []).filter(function (o) {
      return o && isFinite(o.x0) && isFinite(o.y0) && isFinite(o.x1) && isFinite(o.y1);
    });
    items = items || [];

    // Small cells (measured fastest at 24-32 px): dense clusters of nodes then spread over
    // several cells instead of every candidate test scanning all of them.
    var grid = new Grid(W, H, 32);
    // Coincident dots share one grid entry, so a stack of them does not multiply the work of every test near it;
    // the entry counts the places in it, and a dot shared by two places can label neither.
    var nodeOf = [], byPos = new Map();
    var addNode = function (x, y, r, key) {
      var pos = x + "," + y, n = byPos.get(pos);
      if (n) {
        if (n.keys.indexOf(key) < 0) { n.keys.push(key); }
        if (r > n.r) { n.r = r; grid.insert(n, x - r, y - r, x + r, y + r); }
      } else {
        n = { kind: 0, x: x, y: y, r: r, keys: [key] };
        byPos.set(pos, n);
        grid.insert(n, x - r, y - r, x + r, y + r);
      }
      return n;
    };
    items.forEach(function (it, i) {
      var x = num(it.x, NaN), y = num(it.y, NaN);
      if (isNaN(x) || isNaN(y)) { return; }
      nodeOf[i] = addNode(x, y, Math.max(0, num(it.r, 0)), "i" + String(it.id));
    });
    (options.nodes || []).forEach(function (nd, i) {
      var x = num(nd && nd.x, NaN), y = num(nd && nd.y, NaN);
      if (isNaN(x) || isNaN(y)) { return; }
      addNode(x, y, Math.max(0, num(nd.r, 0)), "n" + i);
    });

    var out = items.map(function (it) {
      return { id: it.id, visible: false, x0: null, y0: null, x1: null, y1: null };
    });

    var order = items.map(function (_, i) { return i; });
    order.sort(function (a, b) {
      var pa = num(items[a].priority, 0), pb = num(items[b].priority, 0);
      if (pa !== pb) { return pb - pa; }
      var c = compareIds(items[a].id, items[b].id);
      return c !== 0 ? c : a - b;
    });

    // Unit vector pointing away from the other dots within crowdRadius, or null when the dot
    // is alone (or sits at the cluster's centre, where no side is better than another).
    var crowd = Math.max(0, num(options.crowdRadius, 24));
    function outward(self, x, y, R) {
      if (!(R > 0)) { return null; }
      var sx = 0, sy = 0;
      grid.any(x - R, y - R, x + R, y + R, function (e) {
        if (e.kind !== 0 || e === self) { return false; }
        var dx = x - e.x, dy = y - e.y, dd = Math.sqrt(dx * dx + dy * dy);
        if (dd > R || dd === 0) { return false; }
        // Closer neighbours push harder.
        sx += dx / dd * (R - dd); sy += dy / dd * (R - dd);
        return false;
      });
      var len = Math.sqrt(sx * sx + sy * sy);
      return len > 1e-6 ? [sx / len, sy / len] : null;
    }

    function fits(box, self) {
      var m = { x0: box.x0 - margin, y0: box.y0 - margin, x1: box.x1 + margin, y1: box.y1 + margin };
      if (m.x0 < 0 || m.y0 < 0 || m.x1 > W || m.y1 > H) { return false; }
      for (var i = 0; i < obstacles.length; i++) {
        if (boxesOverlap(m, obstacles[i])) { return false; }
      }
      if (grid.any(m.x0, m.y0, m.x1, m.y1, function (e) {
        return e.kind === 0 ? circleOverlapsBox(e.x, e.y, e.r, m) : boxesOverlap(m, e.m);
      })) { return false; }
      // The rule: every other dot is at least `safety` further from the box than the label's own dot. Only dots
      // within that reach of the box can break it, and the grid finds them locally.
      var reach = distanceToBox(self.x, self.y, box) + safety;
      return !grid.any(box.x0 - reach, box.y0 - reach, box.x1 + reach, box.y1 + reach, function (e) {
        return e.kind === 0 && e !== self && distanceToBox(e.x, e.y, box) < reach;
      });
    }

    for (var oi = 0; oi < order.length; oi++) {
      var idx = order[oi], it = items[idx], self = nodeOf[idx];
      var w = num(it.w, 0), h = num(it.h, 0);
      // Off-screen dots get no label: a label pointing at nothing visible only confuses.
      if (!self || !(w > 0 && h > 0) || !(self.x >= 0 && self.x <= W && self.y >= 0 && self.y <= H)) { continue; }
      if (self.keys.length > 1) { continue; }  // two places on one dot: no side of it names only one
      var x = self.x, y = self.y, d = Math.max(0, num(it.r, 0)) + gap;
      // Inside a cluster, labels facing away from the crowd keep the gaps between labels open for the neighbours.
      var away = outward(self, x, y, crowd);
      for (var ring = 0; ring < rings; ring++) {
        var cands = candidates(x, y, d + ring * ringStep, w, h), done = false;
        if (away) {
          cands = cands.map(function (c, i) { return [c, i, c[2] * away[0] + c[3] * away[1]]; })
            .sort(function (a, b) { return (b[2] - a[2]) || (a[1] - b[1]); })
            .map(function (e) { return e[0]; });
        }
        for (var ci = 0; ci < cands.length; ci++) {
          var c = cands[ci], box = { x0: c[0], y0: c[1], x1: c[0] + w, y1: c[1] + h };
          if (!fits(box, self)) { continue; }
          var o = out[idx];
          o.visible = true; o.x0 = box.x0; o.y0 = box.y0; o.x1 = box.x1; o.y1 = box.y1;
          var mb = { x0: box.x0 - margin, y0: box.y0 - margin, x1: box.x1 + margin, y1: box.y1 + margin };
          grid.insert({ kind: 1, m: mb }, mb.x0, mb.y0, mb.x1, mb.y1);
          done = true;
          break;
        }
        if (done) { break; }
      }
    }
    return out;
  }

  /*
   * badgeGroups(points, options) -> [{n, x, y, ids}] numbered 1.. north to south, then west to east.
   *   points:  [{id, x, y, priority}] the dots that need a number (their labels did not fit).
   *   options: {radius=8, width, height}
   * A badge is a circle of `radius` drawn on its dot. A dot whose badge would overlap an earlier badge (higher
   * priority first) joins that badge: the key then lists both places under one number, as they are one spot at
   * this zoom. Dots outside width x height get no badge.
   */
  function badgeGroups(points, options) {
    options = options || {};
    var R = Math.max(1, num(options.radius, 8)), W = num(options.width, Infinity), H = num(options.height, Infinity);
    var grid = new Grid(isFinite(W) ? W : 4096, isFinite(H) ? H : 4096, 32), groups = [];
    var pts = (points || []).filter(function (p) {
      return p && isFinite(p.x) && isFinite(p.y) && p.x >= 0 && p.y >= 0 && p.x <= W && p.y <= H;
    }).slice().sort(function (a, b) {
      return (num(b.priority, 0) - num(a.priority, 0)) || compareIds(a.id, b.id);
    });
    pts.forEach(function (p) {
      var host = null, best = Infinity;
      grid.any(p.x - 2 * R, p.y - 2 * R, p.x + 2 * R, p.y + 2 * R, function (g) {
        var dd = Math.sqrt((g.x - p.x) * (g.x - p.x) + (g.y - p.y) * (g.y - p.y));
        if (dd < 2 * R && dd < best) { best = dd; host = g; }
        return false;
      });
      if (host) { host.ids.push(p.id); return; }
      var g = { n: 0, x: p.x, y: p.y, ids: [p.id] };
      groups.push(g);
      grid.insert(g, p.x - R, p.y - R, p.x + R, p.y + R);
    });
    groups.sort(function (a, b) { return (a.y - b.y) || (a.x - b.x); });
    return groups.map(function (g, i) { return { n: i + 1, x: g.x, y: g.y, ids: g.ids }; });
  }

  // ---------------------------------------------------------------- line hit-testing

  function bboxOf(points) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var i = 0; i < points.length; i++) {
      var p = points[i];
      if (p[0] < x0) { x0 = p[0]; }
      if (p[0] > x1) { x1 = p[0]; }
      if (p[1] < y0) { y0 = p[1]; }
      if (p[1] > y1) { y1 = p[1]; }
    }
    return [x0, y0, x1, y1];
  }

  // Precompute bboxes once per redraw so repeated mousemove picks only pay for the prefilter.
  function withBBoxes(lines) {
    return (lines || []).map(function (l) {
      var c = {};
      for (var k in l) { if (Object.prototype.hasOwnProperty.call(l, k)) { c[k] = l[k]; } }
      c.bbox = bboxOf(l.points || []);
      return c;
    });
  }

  function segDist2(ax, ay, bx, by, px, py) {
    var dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, t = 0;
    if (l2 > 0) { t = clamp(((px - ax) * dx + (py - ay) * dy) / l2, 0, 1); }
    var ex = ax + t * dx - px, ey = ay + t * dy - py;
    return ex * ex + ey * ey;
  }

  function distanceToPolyline(points, x, y) {
    if (!points || points.length === 0) { return Infinity; }
    var p0 = points[0];
    if (points.length === 1) { return Math.sqrt(segDist2(p0[0], p0[1], p0[0], p0[1], x, y)); }
    var best = Infinity;
    for (var i = 1; i < points.length; i++) {
      var a = points[i - 1], b = points[i];
      var d2 = segDist2(a[0], a[1], b[0], b[1], x, y);
      if (d2 < best) { best = d2; }
    }
    return Math.sqrt(best);
  }

  // pickLines(lines, x, y, tolerance) -> [{index, distance}] for every line within tolerance px
  // (inclusive), nearest first, ties by index. lines: [{points: [[x, y], ...], bbox?}].
  function pickLines(lines, x, y, tolerance) {
    var tol = Math.max(0, num(tolerance, 0)), hits = [];
    (lines || []).forEach(function (l, index) {
      if (!l || !l.points || l.points.length === 0) { return; }
      var bb = l.bbox || bboxOf(l.points);
      if (x < bb[0] - tol || x > bb[2] + tol || y < bb[1] - tol || y > bb[3] + tol) { return; }
      var d = distanceToPolyline(l.points, x, y);
      if (d <= tol) { hits.push({ index: index, distance: d }); }
    });
    hits.sort(function (a, b) { return a.distance - b.distance || a.index - b.index; });
    return hits;
  }

  return {
    placeLabels: placeLabels,
    badgeGroups: badgeGroups,
    distanceToBox: distanceToBox,
    pickLines: pickLines,
    withBBoxes: withBBoxes,
    distanceToPolyline: distanceToPolyline,
    boxesOverlap: boxesOverlap
  };
});
