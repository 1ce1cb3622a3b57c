// C2CAtlas.yearView: the one-year view of an all-years payload (the map's own year control).
const test = require("node:test");
const assert = require("node:assert");
const A = require("../../static/js/c2c-years.js");

const data = {
  places: [{id: "jp-a", country: 0}, {id: "vn-b", country: 1}, {id: "th-c", country: 2}],
  projects: [{id: "p1", year: 2019}, {id: "p2", year: 2020}, {id: "p3", year: 2020}],
  lines: [
    {jp: 0, partner: 1, count: 3, years: [2019, 2020], projects: [0, 1, 2], basis: ["w19", "w20"],
     basis_by_year: {2019: {basis: ["w19"], basis_notes: ["n19"]}, 2020: {}}},
    {jp: 0, partner: 2, count: 1, years: [2020], projects: [2], basis: ["x"]},
  ],
  overlay: {period: "FY2019", summary: "FY2019 · all", numbers: {}, metrics: []},
  year_pick: {year: 2019, server_year: 2019, years: [2019, 2020], labels: {fy: "FY{year}"}},
};

test("a year's lines carry that year's projects, count and basis only", () => {
  const y19 = A.yearView(data, 2019);
  assert.deepStrictEqual(y19.lines, [{jp: 0, partner: 1, count: 1, years: [2019], projects: [0], basis: ["w19"], basis_notes: ["n19"]}]);
  const y20 = A.yearView(data, 2020);
  assert.deepStrictEqual(y20.lines.map((l) => [l.partner, l.count, l.projects, l.basis]),
                         [[1, 2, [1, 2], undefined], [2, 1, [2], ["x"]]]);
});

test("another year than the server's gets its own period and numbers in the overlay", () => {
  const y20 = A.yearView(data, 2020);
  assert.strictEqual(y20.overlay.period, "FY2020");
  assert.strictEqual(y20.overlay.summary, "FY2020 · all");
  assert.strictEqual(y20.overlay.numbers.links, 2);
  assert.strictEqual(y20.overlay.numbers.projects, 2);
  assert.strictEqual(A.yearView(data, 2019).overlay, data.overlay);  // the server's own year: its numbers
  assert.strictEqual(data.lines.length, 2);  // the payload itself is left as it is
});
