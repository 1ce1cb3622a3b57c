// A line that rests on a word of the title or a header's parenthetical (data/notes/line_basis.csv) says so in its
// tooltip and its popup; other lines are unchanged. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const A = require("../../static/js/c2c-map.js");

const data = {
  places: [
    {id: "jp-osaka", lat: 34.69, lon: 135.5, side: "japan", name: "Osaka City", label: "Osaka City / 大阪市", country: 0},
    {id: "th-bangkok", lat: 13.75, lon: 100.5, side: "partner", name: "Bangkok", label: "Bangkok / バンコク都", country: 1},
    {id: "th-eastern-region", lat: 13.25, lon: 101.25, side: "partner", name: "Eastern Thailand", label: "x", country: 1},
  ],
  countries: ["Japan", "Thailand"],
  projects: [{id: "fy2022-14", year: 2022, title: "BCG model", lead: "Nippon Koei"}],
  lines: [
    {jp: 0, partner: 1, count: 1, years: [2022], projects: [0], basis: ["line from the header's parenthetical"],
     basis_notes: ["The Bangkok line rests only on the parenthetical <EEC>"]},
    {jp: 0, partner: 2, count: 1, years: [2022], projects: [0]},
  ],
  text: {lead: "Lead", undated: "undated", links_n: "{n} links", more: "+{n} more", fy: "FY{year}", sep: ", "},
};

test("the tooltip of a line from a header's parenthetical says so", () => {
  assert.strictEqual(A.lineTitle(data, data.lines[0]),
                     "Osaka City \u2013 Bangkok (Thailand) \u00b7 FY2022 \u00b7 \u203b line from the header's parenthetical");
  assert.strictEqual(A.lineTitle(data, data.lines[1]), "Osaka City \u2013 Eastern Thailand (Thailand) \u00b7 FY2022");
});

test("the popup carries the note, escaped, and only on that line", () => {
  const html = A.pairPopupHtml(data, data.lines[0], true);
  assert.ok(html.includes('<div class="c2c-basis">\u203b The Bangkok line rests only on the parenthetical &lt;EEC&gt;</div>'), html);
  assert.ok(!A.pairPopupHtml(data, data.lines[1], true).includes("c2c-basis"));
});
