// Unit tests of the view's echo guard (static/js/c2c-view.js): streamlit-folium's setView of a view this map
// reported is an echo and is not applied; a view from elsewhere, and Leaflet's own calls, are.
// Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const A = require("../../static/js/c2c-view.js");

// what streamlit-folium does on a render whose props differ from the last ones it applied
function folium(g, zoom, center, current) {
  let newZoom = current.zoom, newCenter = current.center;
  if (zoom && zoom !== g.last_zoom) { newZoom = zoom; g.last_zoom = zoom; }
  if (center && JSON.stringify(center) !== JSON.stringify(g.last_center)) { newCenter = center; g.last_center = center; }
  return [newCenter, newZoom];
}

test("the code is the report's and the URL's: zoom and three decimals", () => {
  assert.strictEqual(A.viewCode(3, 14.12345, 289.2938), "3/14.123/289.294");
  assert.strictEqual(A.viewCode(2, -0.0001, 140), "2/-0.000/140.000");
});

test("a stale prop this map reported is an echo, whether zoom, centre or both changed", () => {
  const reported = ["3/14.123/139.600", "6/40.000/160.000", "2/1.200/139.600"];
  const here = {zoom: 2, center: {lat: 1.2, lng: 139.6}};
  const g = {last_zoom: 2, last_center: [1.2, 139.6]};
  // the zoom-in's rerun arrives after the fit: both props differ from the last applied
  assert.ok(A.isViewEcho(folium(g, 3, [14.123, 139.6], here), g, reported));
  // only the zoom differs: streamlit-folium passes the map's own centre with the prop's zoom
  const g2 = {last_zoom: 6, last_center: [14.123, 139.6]};
  assert.ok(A.isViewEcho(folium(g2, 3, [14.123, 139.6], here), g2, reported));
});

test("a view from elsewhere (a shared link, a new frame) is applied", () => {
  const g = {last_zoom: null, last_center: null};
  const args = folium(g, 5, [35.0, 135.0], {zoom: 2, center: {lat: 0, lng: 140}});
  assert.strictEqual(A.isViewEcho(args, g, ["3/14.123/139.600"]), false);
  assert.strictEqual(A.isViewEcho(args, g, []), false);
});

test("Leaflet's and the atlas's own setView calls (with options) are never taken for echoes", () => {
  const g = {last_zoom: 3, last_center: [14.123, 139.6]};
  const args = [[14.123, 139.6], 3, {animate: false}];
  assert.strictEqual(A.isViewEcho(args, g, ["3/14.123/139.600"]), false);
  // two arguments that are not the props just stored (a call of someone else's)
  assert.strictEqual(A.isViewEcho([{lat: 1, lng: 2}, 4], g, ["3/14.123/139.600"]), false);
});
