"use strict";
// Unit tests for static/js/c2c-geometry.js (run: node --test tests/js/).
const test = require("node:test");
const assert = require("node:assert");
const G = require("../../static/js/c2c-geometry.js");

// Seeded PRNG so every random layout is reproducible.
function mulberry32(seed) {
  return function () {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- independent checkers (deliberately not reusing the module's internals)
const TOL = 1e-6;

function circleHitsBox(c, b) {
  const nx = Math.max(b.x0, Math.min(c.x, b.x1));
  const ny = Math.max(b.y0, Math.min(c.y, b.y1));
  return (c.x - nx) ** 2 + (c.y - ny) ** 2 < c.r * c.r - TOL;
}

// Best of three runs after a warm-up: one cold run on a loaded 2-core machine says more about the machine.
function fastestMs(fn) {
  fn();
  let best = Infinity, result;
  for (let k = 0; k < 3; k++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return [best, result];
}

// The reader's rule: each visible label's own dot is the nearest dot to its box, by at least `safety` px over every
// other dot (other items at another position, and options.nodes). Brute force over all dots, on purpose.
function boxDist(x, y, b) {
  const dx = x - Math.max(b.x0, Math.min(x, b.x1)), dy = y - Math.max(b.y0, Math.min(y, b.y1));
  return Math.hypot(dx, dy);
}

function checkRule(items, opts, res) {
  const safety = opts.safety ?? 3;
  const dots = items.map((it) => ({ id: it.id, x: it.x, y: it.y })).concat((opts.nodes || []).map((n, i) => ({ id: "#" + i, x: n.x, y: n.y })));
  res.forEach((p, i) => {
    if (!p.visible) return;
    const own = boxDist(items[i].x, items[i].y, p);
    for (const d of dots) {
      if (d.id === items[i].id) continue;
      const other = boxDist(d.x, d.y, p);
      assert.ok(other >= own + safety - TOL,
        `label ${p.id} is ${other.toFixed(2)} px from dot ${d.id} but ${own.toFixed(2)} px from its own`);
    }
  });
}

function checkLayout(items, opts, res) {
  assert.strictEqual(res.length, items.length);
  const vis = res.filter((p) => p.visible);
  res.forEach((p, i) => {
    assert.strictEqual(p.id, items[i].id, "same order as input");
    assert.strictEqual(p.leader, undefined, "no leader lines");
    if (!p.visible) return;
    assert.ok(p.x0 >= -TOL && p.y0 >= -TOL && p.x1 <= opts.width + TOL && p.y1 <= opts.height + TOL,
      `label ${p.id} inside viewport`);
    assert.ok(Math.abs(p.x1 - p.x0 - items[i].w) < TOL && Math.abs(p.y1 - p.y0 - items[i].h) < TOL, "box has w x h");
    for (const it of items.concat(opts.nodes || [])) assert.ok(!circleHitsBox(it, p), `label ${p.id} covers a dot`);
    for (const o of opts.obstacles || []) assert.ok(!G.boxesOverlap(p, o), `label ${p.id} covers obstacle`);
  });
  for (let a = 0; a < vis.length; a++) {
    for (let b = a + 1; b < vis.length; b++) {
      assert.ok(!G.boxesOverlap(vis[a], vis[b]), `labels ${vis[a].id} and ${vis[b].id} overlap`);
    }
  }
  checkRule(items, opts, res);
  return vis.length;
}

function randomItems(rnd, n, W, H) {
  const items = [];
  for (let i = 0; i < n; i++) {
    items.push({
      id: "n" + i, x: rnd() * W, y: rnd() * H, r: 2 + rnd() * 6,
      w: 20 + rnd() * 80, h: 12 + Math.floor(rnd() * 4), priority: Math.floor(rnd() * 10),
    });
  }
  return items;
}

// A Kanto-like cluster: 8 nodes within a 20 px disc.
function cluster(cx, cy) {
  const names = ["Tokyo", "Kawasaki", "Yokohama", "Saitama", "Chiba", "Sagamihara", "Funabashi", "Kawaguchi"];
  return names.map((name, i) => ({
    id: name, x: cx + 7 * Math.cos(i * 0.8), y: cy + 7 * Math.sin(i * 1.3), r: 4,
    w: 7 * name.length, h: 14, priority: 20 - i,
  }));
}

// ---------------------------------------------------------------- boxesOverlap

test("boxesOverlap: overlap, touching edges, disjoint, containment", () => {
  const a = { x0: 0, y0: 0, x1: 10, y1: 10 };
  assert.strictEqual(G.boxesOverlap(a, { x0: 5, y0: 5, x1: 15, y1: 15 }), true);
  assert.strictEqual(G.boxesOverlap(a, { x0: 10, y0: 0, x1: 20, y1: 10 }), false, "touching right edge");
  assert.strictEqual(G.boxesOverlap(a, { x0: 0, y0: 10, x1: 10, y1: 20 }), false, "touching bottom edge");
  assert.strictEqual(G.boxesOverlap(a, { x0: 10, y0: 10, x1: 11, y1: 11 }), false, "touching corner");
  assert.strictEqual(G.boxesOverlap(a, { x0: 20, y0: 20, x1: 30, y1: 30 }), false);
  assert.strictEqual(G.boxesOverlap(a, { x0: 2, y0: 2, x1: 3, y1: 3 }), true, "contained");
  assert.strictEqual(G.boxesOverlap({ x0: 2, y0: 2, x1: 3, y1: 3 }, a), true, "symmetric");
});

// ---------------------------------------------------------------- placeLabels

test("placeLabels: isolated node gets an adjacent label on the right", () => {
  const items = [{ id: "a", x: 400, y: 300, r: 5, w: 50, h: 14, priority: 1 }];
  const [p] = G.placeLabels(items, { width: 800, height: 600 });
  assert.strictEqual(p.visible, true);
  assert.strictEqual(p.x0, 400 + 5 + 4, "gap 4 px from the circle");
  assert.strictEqual(p.y0, 300 - 7, "vertically centred");
  checkLayout(items, { width: 800, height: 600 }, [p]);
});

test("placeLabels: node at the right edge flips its label to the left", () => {
  const items = [{ id: "a", x: 790, y: 300, r: 5, w: 50, h: 14, priority: 1 }];
  const [p] = G.placeLabels(items, { width: 800, height: 600 });
  assert.strictEqual(p.visible, true);
  assert.strictEqual(p.x1, 790 - 5 - 4);
});

test("placeLabels: obstacle (legend) blocks the right side", () => {
  const opts = { width: 800, height: 600, obstacles: [{ x0: 405, y0: 250, x1: 600, y1: 350 }] };
  const items = [{ id: "a", x: 400, y: 300, r: 3, w: 50, h: 14, priority: 1 }];
  const res = G.placeLabels(items, opts);
  assert.strictEqual(res[0].visible, true);
  assert.ok(res[0].x1 <= 400, "went to the left");
  checkLayout(items, opts, res);
});

test("placeLabels: off-screen node and zero-size label are hidden", () => {
  const items = [
    { id: "off", x: -50, y: 300, r: 3, w: 50, h: 14, priority: 9 },
    { id: "empty", x: 300, y: 300, r: 3, w: 0, h: 14, priority: 9 },
  ];
  const res = G.placeLabels(items, { width: 800, height: 600 });
  assert.deepStrictEqual(res.map((p) => p.visible), [false, false]);
  assert.deepStrictEqual(res[0], { id: "off", visible: false, x0: null, y0: null, x1: null, y1: null });
});

test("placeLabels: higher priority wins a 2-item conflict, regardless of input order", () => {
  // A strip so narrow that the two long labels, each on the only side it has, would overlap: one fits.
  const opts = { width: 160, height: 24, margin: 0, gap: 2 };
  const lo = { id: "lo", x: 10, y: 12, r: 3, w: 100, h: 14, priority: 1 };
  const hi = { id: "hi", x: 150, y: 12, r: 3, w: 100, h: 14, priority: 5 };
  for (const items of [[lo, hi], [hi, lo]]) {
    const res = G.placeLabels(items, opts);
    const byId = Object.fromEntries(res.map((p) => [p.id, p]));
    assert.strictEqual(byId.hi.visible, true);
    assert.strictEqual(byId.lo.visible, false);
    checkLayout(items, opts, res);
  }
  // Equal priority: tie broken by id, deterministically.
  const a = { ...lo, id: "a", priority: 3 }, b = { ...hi, id: "b", priority: 3 };
  for (const items of [[a, b], [b, a]]) {
    const res = G.placeLabels(items, opts);
    assert.strictEqual(res.find((p) => p.id === "a").visible, true);
    assert.strictEqual(res.find((p) => p.id === "b").visible, false);
  }
});

test("placeLabels: two places on one dot: neither is labelled (no side of the dot names only one)", () => {
  const items = [{ id: "a", x: 300, y: 300, r: 4, w: 40, h: 14, priority: 2 },
                 { id: "b", x: 300, y: 300, r: 4, w: 40, h: 14, priority: 1 }];
  assert.deepStrictEqual(G.placeLabels(items, { width: 800, height: 600 }).map((p) => p.visible), [false, false]);
  // the same place twice (several data rows) is still one place
  const same = [items[0], { ...items[0] }];
  assert.strictEqual(G.placeLabels(same, { width: 800, height: 600 })[0].visible, true);
});

test("placeLabels: a label is never nearer another dot than its own (the old placer put it beside the other)", () => {
  // Dot b sits just below the spot right of a, outside a's circle and label margin: the old placer put a's
  // label there, 5 px from b and 9 px from a.
  const items = [{ id: "a", x: 100, y: 100, r: 5, w: 60, h: 14, priority: 2 },
                 { id: "b", x: 139, y: 112, r: 3, w: 30, h: 14, priority: 1 }];
  const opts = { width: 400, height: 300 };
  const res = G.placeLabels(items, opts);
  assert.ok(res[0].visible);
  assert.ok(res[0].x1 <= 100 || res[0].y1 <= 100 - 5, `a's label must leave b's side: ${JSON.stringify(res[0])}`);
  checkLayout(items, opts, res);
});

test("placeLabels: dots drawn without a label (options.nodes) count for the rule too", () => {
  const items = [{ id: "a", x: 100, y: 100, r: 5, w: 60, h: 14, priority: 2 }];
  const opts = { width: 400, height: 300, nodes: [{ x: 139, y: 112, r: 3 }, { x: 61, y: 112, r: 3 }] };
  const res = G.placeLabels(items, opts);
  assert.ok(res[0].visible);
  assert.ok(res[0].y1 <= 100, `above the dot, away from both neighbours: ${JSON.stringify(res[0])}`);
  checkLayout(items, opts, res);
  // boxed in by unlabelled dots on every side: no label rather than a misleading one
  const ring = [];
  for (let k = 0; k < 16; k++) ring.push({ x: 100 + 14 * Math.cos(k * Math.PI / 8), y: 100 + 14 * Math.sin(k * Math.PI / 8), r: 2 });
  assert.strictEqual(G.placeLabels(items, { width: 400, height: 300, nodes: ring })[0].visible, false);
});

test("placeLabels: an unlabelled far cluster does not borrow an isolated dot's side (Sapporo case)", () => {
  // An isolated dot (Sapporo) with room around it, and a tight cluster 60 px away whose labels have no room at home.
  const items = [{ id: "sapporo", x: 500, y: 100, r: 5, w: 80, h: 14, priority: 1 }].concat(cluster(470, 150));
  const opts = { width: 800, height: 600 };
  const res = G.placeLabels(items, opts);
  checkLayout(items, opts, res);
  assert.ok(res[0].visible, "Sapporo keeps its label");
});

test("placeLabels: label never covers its own or another node", () => {
  // A node sits exactly where the right-hand label would go.
  const items = [
    { id: "a", x: 300, y: 300, r: 4, w: 60, h: 14, priority: 2 },
    { id: "b", x: 330, y: 300, r: 4, w: 10, h: 10, priority: 1 },
  ];
  const opts = { width: 800, height: 600 };
  const res = G.placeLabels(items, opts);
  assert.ok(res[0].visible && res[1].visible);
  assert.ok(!(res[0].x0 > 300 && res[0].y0 < 300 && res[0].y1 > 300), "a's label is not on the right");
  checkLayout(items, opts, res);
});

test("placeLabels: two nodes 3 px apart (Ho Chi Minh City / Thu Duc) are both labelled", () => {
  const items = [
    { id: "Ho Chi Minh City", x: 500, y: 320, r: 4, w: 110, h: 14, priority: 6 },
    { id: "Thu Duc", x: 503, y: 320, r: 4, w: 55, h: 14, priority: 1 },
  ];
  const opts = { width: 800, height: 600 };
  const res = G.placeLabels(items, opts);
  assert.ok(res.every((p) => p.visible));
  // Each faces away from the other: the city on the left gets its label on the left.
  assert.ok(res[0].x1 <= 500 && res[1].x0 >= 503, JSON.stringify(res));
  checkLayout(items, opts, res);
});

test("placeLabels: a dense cluster of 8 nodes within 20 px: the few labels it gets obey the rule", () => {
  const items = cluster(400, 300);
  for (const a of items) for (const b of items) assert.ok(Math.hypot(a.x - b.x, a.y - b.y) <= 20);
  const opts = { width: 800, height: 600, obstacles: [{ x0: 10, y0: 10, x1: 200, y1: 150 }] };
  const res = G.placeLabels(items, opts);
  const shown = checkLayout(items, opts, res);
  assert.ok(shown >= 1 && shown < 8, `${shown} of 8 labelled`);  // the rest get numbered badges (c2c-map.js)
});

test("placeLabels: cluster near a viewport corner still respects the viewport", () => {
  const items = cluster(25, 25);
  const opts = { width: 800, height: 600 };
  const res = G.placeLabels(items, opts);
  const shown = checkLayout(items, opts, res);
  // Only a quarter of the surroundings is available here, so fewer than in open space.
  assert.ok(shown >= 1, `only ${shown} labelled`);
});

test("placeLabels: random layouts satisfy all invariants (seeded)", () => {
  for (let seed = 1; seed <= 25; seed++) {
    const rnd = mulberry32(seed);
    const W = 400 + Math.floor(rnd() * 800), H = 300 + Math.floor(rnd() * 500);
    const n = 10 + Math.floor(rnd() * 150);
    const items = randomItems(rnd, n, W, H);
    // Some exact duplicates and near-duplicates, as real data has.
    for (let i = 0; i < 5; i++) {
      const s = items[Math.floor(rnd() * n)];
      items.push({ ...s, id: s.id + "dup" + i, x: s.x + rnd() * 3, priority: s.priority });
    }
    const opts = {
      width: W, height: H, margin: Math.floor(rnd() * 4), gap: 2 + Math.floor(rnd() * 4),
      maxLeader: 30 + rnd() * 80,
      obstacles: [{ x0: W - 180, y0: H - 120, x1: W - 10, y1: H - 10 }],
    };
    const res = G.placeLabels(items, opts);
    const shown = checkLayout(items, opts, res);
    assert.ok(shown > 0, `seed ${seed}: nothing shown`);
  }
});

test("placeLabels: margin keeps labels at least margin px apart", () => {
  const rnd = mulberry32(77);
  const items = randomItems(rnd, 120, 600, 400);
  const res = G.placeLabels(items, { width: 600, height: 400, margin: 3 });
  const vis = res.filter((p) => p.visible);
  for (let a = 0; a < vis.length; a++) {
    for (let b = a + 1; b < vis.length; b++) {
      const A = vis[a], B = vis[b];
      const grown = { x0: A.x0 - 6, y0: A.y0 - 6, x1: A.x1 + 6, y1: A.y1 + 6 };
      assert.ok(!G.boxesOverlap(grown, B), `labels ${A.id}/${B.id} closer than 2*margin`);
    }
  }
});

test("placeLabels: deterministic, and independent of input order", () => {
  const rnd = mulberry32(42);
  const items = randomItems(rnd, 150, 800, 600).concat(cluster(300, 300));
  const opts = { width: 800, height: 600 };
  const r1 = G.placeLabels(items, opts), r2 = G.placeLabels(items, opts);
  assert.deepStrictEqual(r1, r2);
  const shuffled = items.slice().reverse();
  const r3 = G.placeLabels(shuffled, opts);
  const byId = (rs) => Object.fromEntries(rs.map((p) => [p.id, p]));
  assert.deepStrictEqual(byId(r3), byId(r1));
});

test("placeLabels: does not mutate its inputs", () => {
  const items = cluster(200, 200);
  const opts = { width: 800, height: 600, obstacles: [{ x0: 0, y0: 0, x1: 50, y1: 50 }] };
  const before = JSON.stringify([items, opts]);
  G.placeLabels(items, opts);
  assert.strictEqual(JSON.stringify([items, opts]), before);
});

test("placeLabels: 300 items well under the time bound", () => {
  const rnd = mulberry32(300);
  const items = randomItems(rnd, 260, 1200, 800);
  for (let c = 0; c < 5; c++) items.push(...cluster(100 + rnd() * 1000, 100 + rnd() * 600).map((it) => ({ ...it, id: it.id + c })));
  assert.strictEqual(items.length, 300);
  const opts = { width: 1200, height: 800, obstacles: [{ x0: 900, y0: 600, x1: 1190, y1: 790 }] };
  G.placeLabels(items, opts); // warm-up (JIT)
  const [ms, res] = fastestMs(() => G.placeLabels(items, opts));
  assert.ok(ms < 500, `took ${ms.toFixed(1)} ms`);
  checkLayout(items, opts, res);
});

test("placeLabels: worst case (all 300 in one spot, nothing fits) stays bounded", () => {
  const items = [];
  for (let i = 0; i < 300; i++) items.push({ id: i, x: 400, y: 300, r: 4, w: 80, h: 14, priority: i % 7 });
  const opts = { width: 800, height: 600 };
  const [ms, res] = fastestMs(() => G.placeLabels(items, opts));
  assert.ok(ms < 500, `took ${ms.toFixed(1)} ms`);
  const shown = checkLayout(items, opts, res);
  assert.strictEqual(shown, 0, "300 places on one dot: no label can name one of them");
});

test("placeLabels: 300 labels among 3,000 unlabelled dots stay fast", () => {
  const rnd = mulberry32(3000);
  const items = randomItems(rnd, 300, 1920, 1080);
  const nodes = [];
  for (let i = 0; i < 3000; i++) nodes.push({ x: rnd() * 1920, y: rnd() * 1080, r: 2 + rnd() * 4 });
  const opts = { width: 1920, height: 1080, nodes };
  const [ms, res] = fastestMs(() => G.placeLabels(items, opts));
  assert.ok(ms < 300, `took ${ms.toFixed(1)} ms`);
  checkLayout(items, opts, res);
});

// ---------------------------------------------------------------- badgeGroups

test("badgeGroups: numbered north to south, then west to east; off-screen dots get none", () => {
  const pts = [{ id: "south", x: 100, y: 300, priority: 9 }, { id: "north", x: 300, y: 50, priority: 1 },
               { id: "west", x: 50, y: 300, priority: 1 }, { id: "off", x: -5, y: 10, priority: 5 }];
  const g = G.badgeGroups(pts, { radius: 8, width: 800, height: 600 });
  assert.deepStrictEqual(g.map((b) => [b.n, b.ids]), [[1, ["north"]], [2, ["west"]], [3, ["south"]]]);
  assert.deepStrictEqual([g[2].x, g[2].y], [100, 300], "a badge sits on its dot");
});

test("badgeGroups: dots whose badges would overlap share one number, on the best-connected dot", () => {
  const pts = [{ id: "kawasaki", x: 205, y: 100, priority: 2 }, { id: "tokyo", x: 200, y: 100, priority: 7 },
               { id: "yokohama", x: 200, y: 114, priority: 3 }, { id: "chiba", x: 220, y: 100, priority: 1 }];
  const g = G.badgeGroups(pts, { radius: 8, width: 800, height: 600 });
  assert.strictEqual(g.length, 2);
  assert.deepStrictEqual(g[0], { n: 1, x: 200, y: 100, ids: ["tokyo", "yokohama", "kawasaki"] });
  assert.deepStrictEqual(g[1].ids, ["chiba"], "18 px away: a badge of its own (badges 2 * radius apart do not overlap)");
  // no two badges overlap, and every dot is within 2 * radius of its badge
  for (const a of g) for (const b of g) if (a !== b) assert.ok(Math.hypot(a.x - b.x, a.y - b.y) >= 16);
  assert.deepStrictEqual(G.badgeGroups([], {}), []);
});

// ---------------------------------------------------------------- pickLines

test("distanceToPolyline: segments, vertices, degenerate inputs", () => {
  const pts = [[0, 0], [10, 0], [10, 10]];
  assert.strictEqual(G.distanceToPolyline(pts, 5, 3), 3);
  assert.strictEqual(G.distanceToPolyline(pts, 13, 5), 3);
  assert.strictEqual(G.distanceToPolyline(pts, -3, -4), 5, "beyond the first vertex");
  assert.strictEqual(G.distanceToPolyline(pts, 5, 0), 0, "on the line");
  assert.strictEqual(G.distanceToPolyline([[1, 1]], 4, 5), 5, "single point");
  assert.strictEqual(G.distanceToPolyline([[2, 2], [2, 2]], 2, 5), 3, "zero-length segment");
  assert.strictEqual(G.distanceToPolyline([], 0, 0), Infinity);
});

test("pickLines: two nearly coincident lines are both returned, nearest first", () => {
  const lines = [
    { points: [[0, 101], [200, 101]] },
    { points: [[0, 100], [100, 100], [200, 100]] },
  ];
  const hits = G.pickLines(lines, 50, 100, 4);
  assert.deepStrictEqual(hits.map((h) => h.index), [1, 0]);
  assert.strictEqual(hits[0].distance, 0);
  assert.strictEqual(hits[1].distance, 1);
  // Midway: equal distance, tie broken by index.
  const mid = G.pickLines(lines, 50, 100.5, 4);
  assert.deepStrictEqual(mid.map((h) => h.index), [0, 1]);
});

test("pickLines: far point returns [], tolerance boundary is inclusive", () => {
  const lines = [{ points: [[0, 0], [100, 0]] }, { points: [[0, 50], [100, 50]] }];
  assert.deepStrictEqual(G.pickLines(lines, 500, 500, 5), []);
  assert.deepStrictEqual(G.pickLines(lines, 50, 25, 5), []);
  assert.deepStrictEqual(G.pickLines(lines, 50, 5, 5), [{ index: 0, distance: 5 }]);
  assert.deepStrictEqual(G.pickLines([], 0, 0, 5), []);
});

test("pickLines: orders by distance across many lines, with and without bboxes", () => {
  const lines = [];
  for (let i = 0; i < 10; i++) lines.push({ points: [[0, i * 2], [100, i * 2]], id: "L" + i });
  // Point at y = 7.2: nearest are y=8 (0.8), y=6 (1.2), y=10 (2.8), y=4 (3.2).
  const expect = [4, 3, 5, 2];
  const hits = G.pickLines(lines, 50, 7.2, 3.5);
  assert.deepStrictEqual(hits.map((h) => h.index), expect);
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].distance <= hits[i].distance);
  const boxed = G.withBBoxes(lines);
  assert.deepStrictEqual(boxed[3].bbox, [0, 6, 100, 6]);
  assert.strictEqual(boxed[3].id, "L3", "other properties kept");
  assert.strictEqual(lines[3].bbox, undefined, "input not mutated");
  assert.deepStrictEqual(G.pickLines(boxed, 50, 7.2, 3.5), hits);
});

test("pickLines: degenerate one-point line and empty line", () => {
  const lines = [{ points: [[10, 10]] }, { points: [] }, { points: [[0, 0], [0, 100]] }];
  const hits = G.pickLines(lines, 12, 10, 3);
  assert.deepStrictEqual(hits.map((h) => h.index), [0]);
  assert.strictEqual(hits[0].distance, 2);
  assert.deepStrictEqual(G.pickLines(G.withBBoxes(lines), 12, 10, 3), hits);
});

test("pickLines: bbox prefilter does not drop a hit within tolerance of the bbox edge", () => {
  const lines = G.withBBoxes([{ points: [[0, 0], [10, 10]] }]);
  const hits = G.pickLines(lines, 12, 10, 2.5);
  assert.strictEqual(hits.length, 1);
  assert.ok(Math.abs(hits[0].distance - 2) < 1e-12);
});

test("pickLines: random lines agree with a brute-force scan", () => {
  const rnd = mulberry32(9);
  const lines = [];
  for (let i = 0; i < 200; i++) {
    const pts = [];
    const k = 1 + Math.floor(rnd() * 6);
    for (let j = 0; j < k; j++) pts.push([rnd() * 800, rnd() * 600]);
    lines.push({ points: pts });
  }
  const boxed = G.withBBoxes(lines);
  for (let q = 0; q < 200; q++) {
    const x = rnd() * 800, y = rnd() * 600, tol = rnd() * 10;
    const brute = lines.map((l, index) => ({ index, distance: G.distanceToPolyline(l.points, x, y) }))
      .filter((h) => h.distance <= tol)
      .sort((a, b) => a.distance - b.distance || a.index - b.index);
    assert.deepStrictEqual(G.pickLines(lines, x, y, tol), brute);
    assert.deepStrictEqual(G.pickLines(boxed, x, y, tol), brute);
  }
});

test("UMD: module attaches C2CGeometry to the global object when loaded as a script", () => {
  const fs = require("node:fs"), vm = require("node:vm"), path = require("node:path");
  const src = fs.readFileSync(path.join(__dirname, "../../static/js/c2c-geometry.js"), "utf8");
  const sandbox = { self: {} };
  vm.runInNewContext(src, sandbox);
  assert.strictEqual(typeof sandbox.self.C2CGeometry.placeLabels, "function");
  assert.strictEqual(typeof sandbox.self.C2CGeometry.pickLines, "function");
});
