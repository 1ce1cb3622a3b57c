/*
 * C2C Atlas: screen-space geometry for the map (label placement, line hit-testing).
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

  // Does segment p->q pass through the open interior of box b? (Liang-Barsky on a box shrunk
  // by a hair, so a leader that ends exactly on a box edge, or runs along it, is not a crossing.)
  var EPS = 1e-7;
  function segmentCrossesBox(x1, y1, x2, y2, b) {
    var bx0 = b.x0 + EPS, by0 = b.y0 + EPS, bx1 = b.x1 - EPS, by1 = b.y1 - EPS;
    if (bx0 >= bx1 || by0 >= by1) { return false; }
    var dx = x2 - x1, dy = y2 - y1, t0 = 0, t1 = 1;
    var p = [-dx, dx, -dy, dy], q = [x1 - bx0, bx1 - x1, y1 - by0, by1 - y1];
    for (var i = 0; i < 4; i++) {
      if (p[i] === 0) {
        if (q[i] <= 0) { return false; }
      } else {
        var t = q[i] / p[i];
        if (p[i] < 0) { if (t > t0) { t0 = t; } } else if (t < t1) { t1 = t; }
        if (t0 >= t1) { return false; }
      }
    }
    return t1 > t0;
  }

  function orient(ax, ay, bx, by, cx, cy) {
    var v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    return v > EPS ? 1 : (v < -EPS ? -1 : 0);
  }
  function onSegment(ax, ay, bx, by, px, py) {
    return Math.min(ax, bx) - EPS <= px && px <= Math.max(ax, bx) + EPS &&
           Math.min(ay, by) - EPS <= py && py <= Math.max(ay, by) + EPS;
  }
  // Inclusive (touching counts): two leaders meeting at a point read as one bent line.
  function segmentsIntersect(a, b) {
    var o1 = orient(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1), o2 = orient(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
    var o3 = orient(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1), o4 = orient(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
    if (o1 !== o2 && o3 !== o4) { return true; }
    if (o1 === 0 && onSegment(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1)) { return true; }
    if (o2 === 0 && onSegment(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2)) { return true; }
    if (o3 === 0 && onSegment(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1)) { return true; }
    if (o4 === 0 && onSegment(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2)) { return true; }
    return false;
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

  // 16 ring directions as unit vectors (y down). Axis and diagonal directions first so that a
  // leadered label still prefers the familiar sides; rings are tried innermost first.
  var RING_VECS = [0, 8, 12, 4, 14, 10, 2, 6, 1, 15, 7, 9, 3, 13, 5, 11].map(function (k) {
    var c = Math.cos(k * Math.PI / 8), s = Math.sin(k * Math.PI / 8);
    return [Math.abs(c) < 1e-9 ? 0 : c, Math.abs(s) < 1e-9 ? 0 : s];
  });
  var S = Math.SQRT1_2;
  var ADJ_DIRS = [[1, 0], [-1, 0], [0, -1], [0, 1], [S, -S], [-S, -S], [S, S], [-S, S]];

  // Stable sort of unit vectors by angle to `away` (ties keep the conventional order).
  function byAngle(vecs, away) {
    return vecs.map(function (v, i) { return [v, i, v[0] * away[0] + v[1] * away[1]]; })
      .sort(function (a, b) { return (b[2] - a[2]) || (a[1] - b[1]); })
      .map(function (e) { return e[0]; });
  }

  // Box whose point nearest to the node sits at (px, py), lying away from the node in
  // direction (cx, cy). Axis directions centre the box on the axis.
  function boxAt(px, py, cx, cy, w, h) {
    var x0, y0;
    if (cx > 1e-9) { x0 = px; } else if (cx < -1e-9) { x0 = px - w; } else { x0 = px - w / 2; }
    if (cy > 1e-9) { y0 = py; } else if (cy < -1e-9) { y0 = py - h; } else { y0 = py - h / 2; }
    return { x0: x0, y0: y0, x1: x0 + w, y1: y0 + h };
  }

  /*
   * placeLabels(items, options) -> [{id, visible, x0, y0, x1, y1, leader}] in input order.
   *   items:   [{id, x, y, r, w, h, priority}] node centre/radius and label size in px.
   *   options: {width, height, margin=2, gap=4, maxLeader=80, step=8, crowdRadius=24, obstacles=[]}
   * Greedy by priority (desc), then id, then input index. Hidden labels have visible=false and
   * null coordinates. leader is null (label adjacent to the node) or {x1,y1,x2,y2} from the
   * node's edge to the nearest point of the label box. margin is kept between labels, and from
   * labels to the viewport edges, obstacles, node circles and leader lines.
   */
  function placeLabels(items, options) {
    options = options || {};
    var W = num(options.width, 0), H = num(options.height, 0);
    var margin = Math.max(0, num(options.margin, 2));
    var gap = Math.max(0, num(options.gap, 4));
    var maxLeader = Math.max(0, num(options.maxLeader, 80));
    var step = Math.max(1, num(options.step, 8));
    var obstacles = (options.obstacles || []).filter(function (o) {
      return o && isFinite(o.x0) && isFinite(o.y0) && isFinite(o.x1) && isFinite(o.y1);
    });
    items = items || [];

    // Small cells (measured fastest at 24-32 px): dense clusters of nodes then spread over
    // several cells instead of every candidate test scanning all of them.
    var grid = new Grid(W, H, 32);
    // Coincident nodes (same place in several data rows, or zoomed far out) share one obstacle,
    // so a stack of them does not multiply the work of every test near it.
    var nodeOf = [], byPos = new Map();
    items.forEach(function (it, i) {
      var x = num(it.x, NaN), y = num(it.y, NaN), r = Math.max(0, num(it.r, 0));
      if (isNaN(x) || isNaN(y)) { return; }
      var key = x + "," + y, n = byPos.get(key);
      if (n) {
        if (r > n.r) { n.r = r; grid.insert(n, x - r, y - r, x + r, y + r); }
      } else {
        n = { kind: 0, x: x, y: y, r: r };
        byPos.set(key, n);
        grid.insert(n, x - r, y - r, x + r, y + r);
      }
      nodeOf[i] = n;
    });

    var out = items.map(function (it) {
      return { id: it.id, visible: false, x0: null, y0: null, x1: null, y1: null, leader: null };
    });

    var order = items.map(function (_, i) { return i; });
    order.sort(function (a, b) {
      var pa = num(items[a].priority, 0), pb = num(items[b].priority, 0);
      if (pa !== pb) { return pb - pa; }
      var c = compareIds(items[a].id, items[b].id);
      return c !== 0 ? c : a - b;
    });

    // Unit vector pointing away from the other nodes within crowdRadius, or null when the node
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

    function fits(box, leader) {
      var m = { x0: box.x0 - margin, y0: box.y0 - margin, x1: box.x1 + margin, y1: box.y1 + margin };
      if (m.x0 < 0 || m.y0 < 0 || m.x1 > W || m.y1 > H) { return false; }
      for (var i = 0; i < obstacles.length; i++) {
        if (boxesOverlap(m, obstacles[i])) { return false; }
        if (leader && segmentCrossesBox(leader.x1, leader.y1, leader.x2, leader.y2, obstacles[i])) { return false; }
      }
      var bad = grid.any(m.x0, m.y0, m.x1, m.y1, function (e) {
        if (e.kind === 0) { return circleOverlapsBox(e.x, e.y, e.r, m); }
        if (e.kind === 1) { return boxesOverlap(m, e.m); }
        // An earlier leader must not run through the new box.
        return segmentCrossesBox(e.l.x1, e.l.y1, e.l.x2, e.l.y2, m);
      });
      if (bad) { return false; }
      if (!leader) { return true; }
      var lx0 = Math.min(leader.x1, leader.x2), lx1 = Math.max(leader.x1, leader.x2);
      var ly0 = Math.min(leader.y1, leader.y2), ly1 = Math.max(leader.y1, leader.y2);
      return !grid.any(lx0, ly0, lx1, ly1, function (e) {
        if (e.kind === 1) { return segmentCrossesBox(leader.x1, leader.y1, leader.x2, leader.y2, e.m); }
        if (e.kind === 2) { return segmentsIntersect(leader, e.l); }
        return false;
      });
    }

    function commit(idx, box, leader) {
      var o = out[idx];
      o.visible = true;
      o.x0 = box.x0; o.y0 = box.y0; o.x1 = box.x1; o.y1 = box.y1;
      o.leader = leader;
      var m = { x0: box.x0 - margin, y0: box.y0 - margin, x1: box.x1 + margin, y1: box.y1 + margin };
      grid.insert({ kind: 1, m: m }, m.x0, m.y0, m.x1, m.y1);
      if (leader) {
        grid.insert({ kind: 2, l: leader }, Math.min(leader.x1, leader.x2), Math.min(leader.y1, leader.y2),
                    Math.max(leader.x1, leader.x2), Math.max(leader.y1, leader.y2));
      }
    }

    function tryPlace(idx, box, leader) {
      if (!fits(box, leader)) { return false; }
      commit(idx, box, leader);
      return true;
    }

    for (var oi = 0; oi < order.length; oi++) {
      var idx = order[oi], it = items[idx];
      var x = num(it.x, NaN), y = num(it.y, NaN), r = Math.max(0, num(it.r, 0));
      var w = num(it.w, 0), h = num(it.h, 0);
      // Off-screen nodes get no label: a label pointing at nothing visible only confuses.
      if (!(w > 0 && h > 0) || !(x >= 0 && x <= W && y >= 0 && y <= H)) { continue; }

      var d = r + gap, self = nodeOf[idx];
      // Adjacent candidates: right, left, above, below, then the diagonals (corner at r+gap).
      var adj = ADJ_DIRS, ring = RING_VECS;
      // Inside a cluster, labels hugging the node in the conventional order wall in the
      // neighbours, whose leaders then have nowhere to go; facing away from the crowd first
      // keeps the gaps between labels open.
      var away = outward(self, x, y, crowd);
      if (away) { adj = byAngle(ADJ_DIRS, away); ring = byAngle(RING_VECS, away); }
      var done = false;
      for (var a = 0; a < adj.length && !done; a++) {
        done = tryPlace(idx, boxAt(x + adj[a][0] * d, y + adj[a][1] * d, adj[a][0], adj[a][1], w, h), null);
      }
      // Rings further out, each with a leader from the node edge to the nearest box point. Per
      // ring, first boxes whose corner faces the node, then boxes centred on the facing side:
      // the second set fills gaps between diagonal neighbours that corner-anchoring misses.
      for (var k = 1; !done; k++) {
        var dist = d + k * step;
        if (dist - r > maxLeader + 1e-9) { break; }
        for (var pass = 0; pass < 2 && !done; pass++) {
          for (var di = 0; di < ring.length && !done; di++) {
            var cx = ring[di][0], cy = ring[di][1], ax = cx, ay = cy;
            if (pass === 1) {
              if (cx === 0 || cy === 0) { continue; }  // axis boxes are already centred
              if (Math.abs(cx) > Math.abs(cy)) { ay = 0; } else { ax = 0; }
            }
            var b = boxAt(x + cx * dist, y + cy * dist, ax, ay, w, h);
            var qx = clamp(x, b.x0, b.x1), qy = clamp(y, b.y0, b.y1);
            var len = Math.sqrt((qx - x) * (qx - x) + (qy - y) * (qy - y));
            if (len - r > maxLeader + 1e-9 || len <= r) { continue; }
            done = tryPlace(idx, b, { x1: x + (qx - x) * r / len, y1: y + (qy - y) * r / len, x2: qx, y2: qy });
          }
        }
      }
    }
    return out;
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
    pickLines: pickLines,
    withBBoxes: withBBoxes,
    distanceToPolyline: distanceToPolyline,
    boxesOverlap: boxesOverlap
  };
});
