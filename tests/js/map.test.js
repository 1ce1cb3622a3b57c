// Unit tests of the map runtime's pure parts (static/js/c2c-map.js): arcs, escaping, tooltips, popups, legend,
// and the per-year numbers the timeline shows. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const A = require("../../static/js/c2c-map.js");

const data = {
  places: [
    {id: "jp-toyama", lat: 36.7, lon: 137.21667, side: "japan", name: "Toyama City", label: "Toyama City / 富山市", country: 0},
    {id: "cl-renca", lat: -33.4019, lon: 289.29381, side: "partner", name: "Renca", label: "Renca / レンカ区", country: 1},
    {id: "vn-hai-phong", lat: 20.86, lon: 106.68, side: "partner", name: "<img src=x onerror=alert(1)>", label: "x", country: 2},
  ],
  countries: ["Japan", "Chile", "Viet {{7*7}} Nam"],
  projects: [
    {id: "fy2022-07", year: 2022, title: "SDGs future city", lead: "Nippon Koei"},
    {id: "fy2015-a", year: 2015, title: "Study <b>", lead: ""},
    {id: "pl-x", year: null, title: "Participation", lead: ""},
  ],
  lines: [
    {jp: 0, partner: 1, count: 1, years: [2022], projects: [0]},
    {jp: 0, partner: 2, count: 1, years: [2015], projects: [1]},
    {jp: 0, partner: 2, count: 0, years: [], projects: [2]},
  ],
  text: {lead: "Lead", undated: "undated", links_n: "{n} links", more: "+{n} more", fy: "FY{year}", sep: ", "},
};

test("esc neutralises HTML and template delimiters", () => {
  assert.strictEqual(A.esc('<a href="x">{{1}}</a>&\''), "&lt;a href=&quot;x&quot;&gt;&#123;&#123;1&#125;&#125;&lt;/a&gt;&amp;&#x27;");
  assert.strictEqual(A.esc(null), "");
});

test("the Japan-Chile arc goes east across the Pacific without a jump", () => {
  const pts = A.arc(data.places[0], data.places[1]);
  assert.ok(pts.length > 20 && pts.length <= 64);
  assert.deepStrictEqual(pts[0], [137.21667, 36.7]);
  assert.ok(Math.abs(pts[pts.length - 1][0] - 289.29381) < 1e-6);
  for (let i = 1; i < pts.length; i++) {
    const step = pts[i][0] - pts[i - 1][0];
    assert.ok(step > 0 && step < 20, `step ${step} at ${i}`);
  }
});

test("an arc between one point and itself has its two ends", () => {
  assert.strictEqual(A.arc(data.places[0], data.places[0]).length, 2);
});

test("line titles name both places, the country and the years", () => {
  assert.strictEqual(A.lineTitle(data, data.lines[0]), "Toyama City \u2013 Renca (Chile) \u00b7 FY2022");
  assert.ok(!A.lineTitle(data, data.lines[2]).includes("FY"));
});

test("years read as the payload's language says: 2022年度 in Japanese", () => {
  const ja = {...data, text: {...data.text, fy: "{year}年度", sep: "、"}};
  const two = {...data.lines[0], years: [2013, 2014]};
  assert.ok(A.lineTitle(ja, two).endsWith("\u00b7 2013年度、2014年度"), A.lineTitle(ja, two));
  assert.ok(A.pairPopupHtml(ja, data.lines[0], true).includes("2022年度"));
  assert.ok(!A.pairPopupHtml(ja, data.lines[0], true).includes("FY"));
});

test("pair popups escape data text and link projects only when interactive", () => {
  const html = A.pairPopupHtml(data, data.lines[1], true);
  assert.ok(!html.includes("<img"), html);
  assert.ok(html.includes("&lt;img src=x onerror=alert(1)&gt;"));
  assert.ok(html.includes("Study &lt;b&gt;"));
  assert.ok(html.includes("Viet &#123;&#123;7*7&#125;&#125; Nam"));
  assert.ok(html.includes('data-c2c-project="fy2015-a"'));
  assert.ok(!A.pairPopupHtml(data, data.lines[1], false).includes("data-c2c-project"));
  assert.ok(A.pairPopupHtml(data, data.lines[2], true).includes("undated"));
});

test("node popups count the place's links", () => {
  const html = A.nodePopupHtml(data, 0, A.neighboursOf(data));
  assert.ok(html.includes("3 links"), html);
  assert.ok(html.includes("Toyama City / 富山市"));
});

test("the legend lists only what is drawn", () => {
  const text = {legend_title: "Legend", legend_jp: "JP", legend_partner: "Partner", legend_dated: "Dated",
                legend_undated: "Undated", legend_jcm: "JCM", legend_weight: "width", legend_highlight: "This year"};
  const colors = {jp: "#1", partner: "#2", dated: "#3", undated: "#4", jcm: "#5", highlight: "#6"};
  const plain = A.legendHtml(text, colors, {});
  assert.ok(plain.includes("Dated") && !plain.includes("Undated") && !plain.includes("JCM") && !plain.includes("This year"));
  const all = A.legendHtml(text, colors, {undated: true, jcm: true, timeline: true});
  assert.ok(all.includes("Undated") && all.includes("JCM") && all.includes("This year"));
  assert.ok(plain.includes("<details") && plain.includes(" open>"));
  assert.ok(!A.legendHtml(text, colors, {collapsed: true}).includes(" open>"));
});

test("a dense network is drawn with 1 px lines, and the legend says so", () => {
  const colors = {dated: "#3", undated: "#4"};
  const dated = {count: 4, years: [2020, 2021], projects: []}, undated = {count: 1, years: [], projects: []};
  assert.ok(A.lineStyle(dated, false, colors).weight > A.lineStyle({...dated, count: 1}, false, colors).weight);
  assert.strictEqual(A.lineStyle(dated, true, colors).weight, 1);
  assert.strictEqual(A.lineStyle(undated, true, colors).weight, 1);
  assert.ok(A.lineStyle(undated, false, colors).dashArray && A.lineStyle(undated, true, colors).dashArray);
  assert.strictEqual(A.lineStyle(dated, false, colors).dashArray, undefined);
  const text = {legend_title: "Legend", legend_weight: "width = projects", legend_weight_dense: "More than {n} lines: thin"};
  assert.ok(A.legendHtml(text, colors, {}).includes("width = projects"));
  const dense = A.legendHtml(text, colors, {dense: true});
  assert.ok(dense.includes("More than 2,000 lines: thin") && !dense.includes("width = projects"), dense);
});

test("year numbers count the pairs, places and projects of that year only", () => {
  assert.deepStrictEqual(A.yearNumbers(data, 2022),
    {countries: 1, partner_places: 1, jp_municipalities: 1, projects: 1, links: 1});
  assert.deepStrictEqual(A.yearNumbers(data, 2015),
    {countries: 1, partner_places: 1, jp_municipalities: 1, projects: 1, links: 1});
  assert.deepStrictEqual(A.yearNumbers(data, 2019),
    {countries: 0, partner_places: 0, jp_municipalities: 0, projects: 0, links: 0});
});

test("numbersHtml escapes labels", () => {
  const html = A.numbersHtml([{key: "links", label: "<pairs>"}], {links: 3});
  assert.strictEqual(html, '<span class="c2c-num"><b>3</b> &lt;pairs&gt;</span>');
});
