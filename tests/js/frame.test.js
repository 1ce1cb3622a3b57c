// Unit tests of where the selection and the hover text go in the map frame (static/js/c2c-frame.js).
// Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const F = require("../../static/js/c2c-frame.js");

const size = {x: 932, y: 470};
// Leaflet's zoom-0 world pixels of a few places (map.project(latlng, 0)) on the Pacific-centred map
const world = (lat, lon) => {
  const y = Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
  return {x: 256 * (lon + 180) / 360, y: 128 - 128 * y / Math.PI};
};
const dots = [[36.7, 137.2], [-33.4, 289.3], [47.9, 106.9], [-8.6, 115.2], [4.2, 73.5]]
  .map(([lat, lon]) => ({...world(lat, lon), r: 6}));
// the 1280 x 720 frame's controls: zoom + fullscreen + list (top left), legend and attribution (bottom right),
// disclaimer and scale (bottom left)
const boxes = [
  {x0: 10, y0: 10, x1: 42, y1: 72}, {x0: 10, y0: 82, x1: 42, y1: 114}, {x0: 10, y0: 128, x1: 232, y1: 158},
  {x0: 685, y0: 336, x1: 922, y1: 446}, {x0: 746, y0: 446, x1: 932, y1: 470},
  {x0: 10, y0: 404, x1: 471, y1: 420}, {x0: 5, y0: 425, x1: 89, y1: 470},
];

function onScreen(view, p) {
  const s = 2 ** view.zoom;
  return {x: p.x * s + view.tx, y: p.y * s + view.ty};
}

function hits(view, pts, bxs, gap) {
  return pts.filter(p => {
    const q = onScreen(view, p), r = p.r + gap;
    return bxs.some(b => q.x + r > b.x0 && q.x - r < b.x1 && q.y + r > b.y0 && q.y - r < b.y1);
  });
}

test("fitView keeps every dot inside the frame and off every control", () => {
  const v = F.fitView(dots, boxes, size, {minZoom: 2, maxZoom: 7, margin: 8, gap: 6});
  assert.ok(v.clear);
  assert.strictEqual(v.zoom, 2);
  for (const p of dots) {
    const q = onScreen(v, p);
    assert.ok(q.x - p.r >= 8 && q.x + p.r <= size.x - 8 && q.y - p.r >= 8 && q.y + p.r <= size.y - 8, JSON.stringify(q));
  }
  assert.deepStrictEqual(hits(v, dots, boxes, 6), []);
  // the plain centred fit at that zoom puts Renca (bottom right) under the legend: the shift is what helps
  const centred = {zoom: 2, tx: 0, ty: 0};
  const xs = dots.map(p => p.x * 4), ys = dots.map(p => p.y * 4);
  centred.tx = size.x / 2 - (Math.min(...xs) + Math.max(...xs)) / 2;
  centred.ty = size.y / 2 - (Math.min(...ys) + Math.max(...ys)) / 2;
  assert.ok(hits(centred, dots, boxes, 6).length > 0);
});

test("fitView takes the largest zoom that fits, and the shift nearest the centre", () => {
  const pts = [{x: 100, y: 100, r: 4}, {x: 101, y: 100.5, r: 4}];
  const v = F.fitView(pts, [], {x: 400, y: 300}, {minZoom: 0, maxZoom: 7});
  assert.strictEqual(v.zoom, 7);
  assert.ok(v.clear);
  const a = onScreen(v, pts[0]), b = onScreen(v, pts[1]);
  assert.ok(Math.abs((a.x + b.x) / 2 - 200) < 1 && Math.abs((a.y + b.y) / 2 - 150) < 1);
});

test("fitView goes a zoom lower when the controls leave no room", () => {
  const pts = [{x: 10, y: 10, r: 4}, {x: 100, y: 60, r: 4}];
  const free = F.fitView(pts, [], {x: 400, y: 300}, {minZoom: 0, maxZoom: 7});
  const wall = [{x0: 0, y0: 0, x1: 400, y1: 120}];  // a title card over the top 40 %
  const v = F.fitView(pts, wall, {x: 400, y: 300}, {minZoom: 0, maxZoom: 7});
  assert.ok(v.clear && v.zoom < free.zoom);
  assert.deepStrictEqual(hits(v, pts, wall, 4), []);
});

test("fitView respects the map's bounds (a view larger than them is centred, as Leaflet does)", () => {
  const pts = [{x: 20, y: 100, r: 4}, {x: 60, y: 120, r: 4}];
  const bounds = {x0: 0, y0: 10, x1: 256, y1: 200};
  // at zoom 0 the bounds (256 x 190 px) are smaller than the 300 px frame: centred both ways
  assert.deepStrictEqual(F.fitView(pts, [], {x: 300, y: 300}, {minZoom: 0, maxZoom: 0, bounds}), {zoom: 0, tx: 22, ty: 45, clear: true});
  // at zoom 2 the view stays inside them: centring these western points would show space west of the world
  const west = [{x: 6, y: 100, r: 4}, {x: 12, y: 120, r: 4}];
  const v = F.fitView(west, [], {x: 300, y: 300}, {minZoom: 2, maxZoom: 2, bounds});
  assert.ok(v.clear && v.tx <= 0 && v.tx >= -12, JSON.stringify(v));
  assert.ok(v.tx <= -bounds.x0 * 4 && 300 - v.tx <= bounds.x1 * 4, JSON.stringify(v));
  assert.ok(v.ty <= -bounds.y0 * 4 && 300 - v.ty <= bounds.y1 * 4, JSON.stringify(v));
});

test("fitView with no room anywhere still returns a view, marked not clear", () => {
  const pts = [{x: 0, y: 0, r: 4}, {x: 256, y: 256, r: 4}];
  const v = F.fitView(pts, [{x0: 0, y0: 0, x1: 100, y1: 100}], {x: 100, y: 100}, {minZoom: 0, maxZoom: 3});
  assert.strictEqual(v.clear, false);
  assert.strictEqual(v.zoom, 0);
  assert.strictEqual(F.fitView([], [], size, {}), null);
});

test("fitView with no clear view takes the one that hides the fewest dots, not the centred one", () => {
  // three dots in a row; a box over the frame's middle column: centred, the middle dot is under it; shifted
  // sideways (the frame is wider than the row), only one dot can be, and the fallback finds such a shift
  const pts = [{x: 10, y: 50, r: 2}, {x: 30, y: 50, r: 2}, {x: 50, y: 50, r: 2}];
  const box = [{x0: 45, y0: 0, x1: 55, y1: 100}, {x0: 0, y0: 0, x1: 100, y1: 5}];
  const v = F.fitView(pts, box, {x: 100, y: 100}, {minZoom: 0, maxZoom: 0, margin: 0, gap: 0});
  assert.strictEqual(v.clear, true, JSON.stringify(v));  // room beside the box: a clear shift exists
  const wall = [{x0: 20, y0: 0, x1: 80, y1: 100}];  // no shift keeps all three off it; one can be beside it
  const w = F.fitView(pts, wall, {x: 100, y: 100}, {minZoom: 0, maxZoom: 0, margin: 0, gap: 0});
  assert.strictEqual(w.clear, false);
  assert.strictEqual(w.hidden, 2, JSON.stringify(w));
  const onScreen = pts.map(p => p.x + w.tx);
  assert.strictEqual(onScreen.filter(x => x > 20 - 2 && x < 80 + 2).length, 2, JSON.stringify(onScreen));
});

test("tooltipPlacement: above with room, below near the top, shifted to stay inside the edges", () => {
  const frame = {x: 374, y: 523};
  assert.deepStrictEqual(F.tooltipPlacement(187, 300, 200, 60, frame, 8, 10), {direction: "top", offset: [0, -10], shifted: false});
  const below = F.tooltipPlacement(187, 40, 200, 160, frame, 8, 10);
  assert.strictEqual(below.direction, "bottom");
  const left = F.tooltipPlacement(20, 300, 300, 40, frame, 8, 10);
  assert.strictEqual(left.direction, "top");
  assert.ok(20 - 150 + left.offset[0] >= 8 && left.shifted);
  const right = F.tooltipPlacement(360, 300, 300, 40, frame, 8, 10);
  assert.ok(360 + 150 + right.offset[0] <= frame.x - 8);
  // too tall for above or below: beside the pointer, moved up or down into the frame
  const side = F.tooltipPlacement(60, 260, 200, 500, frame, 8, 10);
  assert.strictEqual(side.direction, "right");
  assert.ok(260 - 250 + side.offset[1] >= 8);
});
