// Unit tests of the map's accessibility runtime's pure parts (static/js/c2c-a11y.js): the text twin's items, the
// announcement, the description and the lang="ja" marking. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const A = require("../../static/js/c2c-a11y.js");
const strings = {
  en: require("../../c2c/text/strings/en/a11y.json"),
  ja: require("../../c2c/text/strings/ja/a11y.json"),
};

function textFor(lang) {
  return {...strings[lang], legend_jp: lang === "ja" ? "日本の自治体" : "Japanese municipality",
          legend_partner: lang === "ja" ? "パートナー都市・地域" : "Partner city/region",
          legend_undated: lang === "ja" ? "参加リストのみ（年度不明）" : "Participation list only (undated)"};
}
const t = textFor("en");

const data = {
  places: [
    {id: "jp-toyama", lat: 36.7, lon: 137.2, side: "japan", name: "Toyama City", label: "Toyama City / 富山市", country: 0},
    {id: "cl-renca", lat: -33.4, lon: 289.3, side: "partner", name: "Renca", label: "Renca / レンカ区", country: 1},
    {id: "vn-hai-phong", lat: 20.86, lon: 106.68, side: "partner", name: "Hai Phong <b>", label: "Hai Phong <b>", country: 2},
    {id: "jp-osaka", lat: 34.7, lon: 135.5, side: "japan", name: "Osaka City", label: "Osaka City / 大阪市", country: 0},
    {id: "jp-nowhere", lat: 35, lon: 139, side: "japan", name: "Unlinked", label: "Unlinked", country: 0},
  ],
  countries: ["Japan", "Chile", "Viet Nam"],
  projects: [
    {id: "fy2022-07", year: 2022, title: "SDGs future city", lead: "Nippon Koei"},
    {id: "fy2015-a", year: 2015, title: "Study", lead: ""},
    {id: "fy2016-a", year: 2016, title: "Study 2", lead: ""},
    {id: "pl-x", year: null, title: "Participation", lead: ""},
  ],
  lines: [
    {jp: 0, partner: 1, count: 1, years: [2022], projects: [0]},
    {jp: 3, partner: 2, count: 2, years: [2015, 2016], projects: [1, 2]},
    {jp: 0, partner: 2, count: 0, years: [], projects: [3]},
  ],
  text: {lang: "en", lead: "Lead", undated: "undated", links_n: "{n} links", more: "+{n} more", fy: "FY{year}", sep: ", "},
};

test("the list has one item per line drawn, with its years, project count or undated status", () => {
  const items = A.pairItems(data, t, null);
  assert.deepStrictEqual(items.map(i => i.key),
    ["pair:jp-osaka|vn-hai-phong", "pair:jp-toyama|vn-hai-phong", "pair:jp-toyama|cl-renca"]);  // by names
  const byKey = Object.fromEntries(items.map(i => [i.key, i]));
  assert.strictEqual(byKey["pair:jp-toyama|cl-renca"].text, "Toyama City \u2013 Renca (Chile) \u00b7 FY2022 \u00b7 1 project");
  assert.ok(byKey["pair:jp-osaka|vn-hai-phong"].text.endsWith("FY2015, FY2016 \u00b7 2 projects"));
  assert.ok(byKey["pair:jp-toyama|vn-hai-phong"].text.endsWith("Participation list only (undated)"));
  assert.strictEqual(byKey["pair:jp-toyama|cl-renca"].kind, "pair");
  assert.strictEqual(byKey["pair:jp-toyama|cl-renca"].code, "jp-toyama|cl-renca");  // what a click sends
});

test("places are those with a line, Japanese municipalities first, each with its side and links", () => {
  const items = A.placeItems(data, t, null);
  assert.deepStrictEqual(items.map(i => i.code), ["jp-osaka", "jp-toyama", "cl-renca", "vn-hai-phong"]);
  assert.strictEqual(items[1].text, "Toyama City / 富山市 (Japan) \u00b7 Japanese municipality \u00b7 2 links");
  assert.ok(items[2].text.includes("Partner city/region"));
});

test("with a timeline year the list shows what that year shows, and marks that year's pairs", () => {
  const y2015 = A.pairItems(data, t, 2015);
  assert.deepStrictEqual(y2015.map(i => i.key), ["pair:jp-osaka|vn-hai-phong"]);
  assert.ok(y2015[0].text.endsWith("in the year shown"));
  const y2019 = A.pairItems(data, t, 2019);
  assert.strictEqual(y2019.length, 1);
  assert.ok(!y2019[0].text.includes("in the year shown"));
  assert.deepStrictEqual(A.placeItems(data, t, 2015).map(i => i.code), ["jp-osaka", "vn-hai-phong"]);
  assert.strictEqual(A.pairItems(data, t, 2022).length, 2);
});

test("the announcement gives the period, the other filters, projects and countries, singular or plural", () => {
  const overlay = {period: "FY2017", filters: "", single: true};
  assert.strictEqual(A.announcement(t, overlay, {projects: 6, countries: 4}, null, true), "FY2017: 6 projects, 4 countries");
  assert.strictEqual(A.announcement(t, overlay, {projects: 1, countries: 1}, null, true), "FY2017: 1 project, 1 country");
  assert.strictEqual(A.announcement(t, {period: "FY2015–FY2018", filters: "Countries: Viet Nam"}, {projects: 9, countries: 1}, null, false),
    "FY2015–FY2018 \u00b7 Countries: Viet Nam: 9 project-years, 1 country");
  const ja = textFor("ja");
  assert.strictEqual(A.announcement(ja, {period: "2017年度"}, {projects: 6, countries: 4}, null, true), "2017年度：事業6件、4か国");
  // a timeline year replaces the selection's period
  assert.strictEqual(A.announcement(t, overlay, {projects: 2, countries: 2}, "FY2015", true), "FY2015: 2 projects, 2 countries");
});

test("the description names the headline numbers, what is drawn and the keys", () => {
  const overlay = {period: "FY2022", metrics: [{key: "countries", label: "Countries"}, {key: "links", label: "City pairs"}]};
  const text = A.description(t, overlay, {projects: 22, countries: 9, links: 26}, 26, 37, null, true);
  assert.ok(text.startsWith("FY2022: 22 projects, 9 countries. Countries 9, City pairs 26. 26 pairs and 37 places are drawn. "), text);
  assert.ok(text.includes("arrow keys"));
  // each count singular or plural on its own ("1 pair and 2 places", never "1 pairs")
  const one = A.description(t, overlay, {projects: 1, countries: 1, links: 1}, 1, 2, null, true);
  assert.ok(one.includes("1 pair and 2 places are drawn"), one);
  assert.ok(A.description(textFor("ja"), overlay, {projects: 1, countries: 1, links: 1}, 1, 2, null, true)
    .includes("ペア1件と地点2件を表示しています"));
  assert.ok(A.description(t, overlay, {projects: 0, countries: 0, links: 0}, 0, 0, null, true).includes("Nothing is drawn"));
});

test("Japanese inside English text is marked lang=ja, and data text is escaped", () => {
  assert.strictEqual(A.langHtml("Toyama City / 富山市 (Japan)", "en"),
    'Toyama City / <span lang="ja">富山市</span> (Japan)');
  assert.strictEqual(A.langHtml("Renca / レンカ区・サンティアゴ", "en"), 'Renca / <span lang="ja">レンカ区・サンティアゴ</span>');
  assert.strictEqual(A.langHtml("富山市 <b>", "ja"), "富山市 &lt;b&gt;");
  assert.strictEqual(A.langHtml("<img src=x>", "en"), "&lt;img src=x&gt;");
  assert.strictEqual(A.langHtml("Plain", "en"), "Plain");
});

test("every string the frame uses exists in both languages", () => {
  assert.deepStrictEqual(Object.keys(strings.ja).sort(), Object.keys(strings.en).sort());
});

test("the closed list counts what it would show without building it", () => {
  for (const year of [null, 2015, 2016, 2019, 2022]) {
    assert.deepStrictEqual(A.drawnCounts(data, year),
      {pairs: A.pairItems(data, t, year).length, places: A.placeItems(data, t, year).length}, `year ${year}`);
  }
});
