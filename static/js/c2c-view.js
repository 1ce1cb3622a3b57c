/* C2C Atlas map runtime, view: the map's zoom and centre go to Streamlit, and so into the URL, once the map is at
 * rest ("view:Z/LAT/LNG#n"), and a stale echo of one of those reports never moves the map back. Loaded after
 * c2c-map.js (c2c/map/mapview.py RUNTIME_SCRIPTS); the HTML export inlines it and, not being interactive, reports
 * nothing.
 *
 * Why the echo guard: Streamlit writes a reported view into the URL and the next run passes it back to
 * streamlit-folium as the map's zoom and centre, which sets the view whenever they differ from the last ones it
 * set. A rerun ends ~1 s after the report; a person (or a fit) who moved the map in that second was sent back to
 * where the map had been (zoom in, fit, and the map jumped back to the zoom-in). A view the map itself reported is
 * where the map has already been: it is never applied again. A view Streamlit has from elsewhere (a shared link,
 * a new frame after a language switch) is not one of them and is applied as before.
 */
(function (root) {
  "use strict";

  var api = root.C2CAtlas || (typeof require === "function" ? require("./c2c-map.js") : null);
  var REPORT_DELAY_MS = 1200;
  var REMEMBERED = 64;  // reports an echo may still arrive for (a rerun answers in about a second)

  // The view's code as the report and the URL carry it (ui/map_view.py write_view keeps three decimals).
  function viewCode(zoom, lat, lng) { return zoom + "/" + Number(lat).toFixed(3) + "/" + Number(lng).toFixed(3); }

  // A [lat, lng] pair or a Leaflet LatLng
  function latLngOf(c) { return Array.isArray(c) ? {lat: c[0], lng: c[1]} : c; }

  // Whether streamlit-folium's setView(centre, zoom) is the echo of a report: it calls setView with two arguments
  // right after storing the props it applies in last_zoom and last_center (Leaflet's own calls and ours pass
  // options), and the props it stored are a view this map reported.
  function isEcho(args, g, reported) {
    if (args.length !== 2 || !g || !g.last_zoom || !g.last_center) { return false; }
    if (args[1] !== g.last_zoom && args[0] !== g.last_center) { return false; }
    var c = latLngOf(g.last_center);
    return reported.indexOf(viewCode(g.last_zoom, c.lat, c.lng)) >= 0;
  }

  function guardEchoes(map, state) {
    var setView = map.setView;
    map.setView = function () {
      if (isEcho(arguments, root.__GLOBAL_DATA__, state.reported)) { return this; }
      return setView.apply(this, arguments);
    };
  }

  function reportView(map, state) {
    var start = api.homeView || api.config.startView, c = map.getCenter(), z = map.getZoom();
    state.timer = null;
    var code = viewCode(z, c.lat, c.lng);
    if (code === state.reported[state.reported.length - 1]) { return; }
    // a resize of the frame moves the centre by a fraction of a pixel: that is still the start view
    var off = map.project(c, z).distanceTo(map.project(root.L.latLng(start.center[0], start.center[1]), z));
    if (!state.reported.length && z === start.zoom && off < 3) { return; }  // the start view is not written into links
    state.reported.push(code);
    if (state.reported.length > REMEMBERED) { state.reported.shift(); }
    state.sending = true;
    try { api.send("view", code); } finally { state.sending = false; }  // (send fires a moveend of its own)
  }

  function watchView(map, config) {
    if (!config.interactive) { return; }
    var state = {reported: [], timer: null, sending: false};
    guardEchoes(map, state);
    map.on("moveend", function () {
      if (state.sending) { return; }
      if (state.timer) { clearTimeout(state.timer); }
      state.timer = setTimeout(function () { reportView(map, state); }, REPORT_DELAY_MS);
    });
  }

  if (api.on) { api.on("attach", watchView); }
  api.viewCode = viewCode;
  api.isViewEcho = isEcho;
  if (typeof module === "object" && module.exports) { module.exports = api; }
})(typeof self !== "undefined" ? self : this);
