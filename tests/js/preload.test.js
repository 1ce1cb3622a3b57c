// The frame's preloader (static/js/c2c-preload.js): which files it asks for, and how. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const P = require("../../static/js/c2c-preload.js");

test("the fragment lists scripts, style sheets and fetches, in order", () => {
  const items = P.parseFragment("#js=/app/static/a.js|/app/static/b%20c.js&css=/app/static/x.css&fetch=/app/static/basemap/w.geojson");
  assert.deepStrictEqual(items, [
    {href: "/app/static/a.js", as: "script"}, {href: "/app/static/b c.js", as: "script"},
    {href: "/app/static/x.css", as: "style"}, {href: "/app/static/basemap/w.geojson", as: "fetch"},
  ]);
});

test("nothing but same-origin paths and http(s) URLs is preloaded", () => {
  const items = P.parseFragment("#js=javascript%3Aalert(1)|%2F%2Fevil.example%2Fx.js|data%3Atext%2Fjs,1|/ok.js&img=/x.png");
  assert.deepStrictEqual(items, [{href: "/ok.js", as: "script"}]);
  assert.deepStrictEqual(P.parseFragment(""), []);
});

test("each file becomes a <link rel=preload>; the fetch is a CORS-mode one, as fetch() makes it", () => {
  const added = [];
  const doc = {createElement: () => ({}), head: {appendChild: (el) => added.push(el)}};
  const n = P.preload(doc, [{href: "/a.js", as: "script"}, {href: "/w.geojson", as: "fetch"}]);
  assert.strictEqual(n, 2);
  assert.deepStrictEqual(added.map(l => [l.rel, l.as, l.href, l.crossOrigin]),
    [["preload", "script", "/a.js", undefined], ["preload", "fetch", "/w.geojson", "anonymous"]]);
});
