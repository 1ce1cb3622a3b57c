/* Page-load and update probe for bench/load_profile.py: added to every frame (Playwright's add_init_script), it
 * stamps what happens on the way from navigation to the map's lines, on one clock (epoch ms, so the top page
 * and the component iframe can be read together):
 *   top page:   the websocket (created, open, each message with its size), the map iframe inserted, key presses
 *   map iframe: Streamlit's render message, C2CAtlas.attach / render / updateLabels (start and end), the
 *               basemap's fetch, and the first frame in which the network holds lines
 * Nothing here changes what the page does; it only wraps and listens. */
(function () {
  "use strict";
  var now = function () { return performance.timeOrigin + performance.now(); };
  var log = window.__c2cProbe = {origin: performance.timeOrigin, events: []};
  var mark = function (name, extra) { var e = {t: now(), name: name}; if (extra) { e.extra = extra; } log.events.push(e); };
  var inMapFrame = function () { return /streamlit_folium|st_folium/.test(location.pathname + location.search); };
  var isTop = window === window.top;
  mark(isTop ? "top:navigation" : "frame:navigation", location.pathname);
  document.addEventListener("DOMContentLoaded", function () { mark(isTop ? "top:dom" : "frame:dom"); });
  window.addEventListener("load", function () { mark(isTop ? "top:load" : "frame:load"); });

  if (isTop) {
    var RealWS = window.WebSocket;
    window.WebSocket = function (url, protocols) {
      var ws = protocols === undefined ? new RealWS(url) : new RealWS(url, protocols);
      mark("ws:create");
      ws.addEventListener("open", function () { mark("ws:open"); });
      ws.addEventListener("message", function (e) {
        var size = e.data && (e.data.byteLength !== undefined ? e.data.byteLength : (e.data.size || e.data.length)) || 0;
        mark("ws:message", {bytes: size});
      });
      var send = ws.send.bind(ws);
      ws.send = function (data) { mark("ws:send", {bytes: data && (data.byteLength || data.size || data.length) || 0}); return send(data); };
      return ws;
    };
    window.WebSocket.prototype = RealWS.prototype;
    ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { window.WebSocket[k] = RealWS[k]; });
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        r.addedNodes.forEach(function (n) {
          if (n.tagName === "IFRAME" && /folium/.test(n.getAttribute("title") || "")) { mark("top:iframe-inserted"); }
          else if (n.querySelectorAll) {
            n.querySelectorAll("iframe").forEach(function (f) {
              if (/folium/.test(f.getAttribute("title") || "")) { mark("top:iframe-inserted"); }
            });
          }
        });
      });
    }).observe(document, {childList: true, subtree: true});
    window.addEventListener("pointerdown", function () { mark("top:press"); }, {capture: true});
    // the address bar following a change (Streamlit writes the query string with the History API)
    ["pushState", "replaceState"].forEach(function (name) {
      var real = history[name];
      history[name] = function () { var out = real.apply(this, arguments); mark("top:url", {search: location.search}); return out; };
    });
    return;
  }

  window.addEventListener("input", function () { mark("frame:pick"); }, {capture: true});  // the map's year control
  window.addEventListener("message", function (e) {
    if (e.data && e.data.type === "streamlit:render") { mark("frame:render-message"); }
  });
  var realFetch = window.fetch;
  if (realFetch) {
    window.fetch = function (url) {
      var name = String(url && url.url || url);
      var basemap = /basemap/.test(name);
      if (basemap) { mark("frame:basemap-fetch"); }
      return realFetch.apply(this, arguments).then(function (r) {
        if (basemap) { r.clone().text().then(function () { mark("frame:basemap-loaded"); }); }
        return r;
      });
    };
  }
  var wrap = function (api, name) {
    var fn = api[name];
    if (typeof fn !== "function" || fn.__probed) { return; }
    api[name] = function () {
      mark("atlas:" + name + ":start");
      var out = fn.apply(this, arguments);
      mark("atlas:" + name + ":end");
      return out;
    };
    api[name].__probed = true;
  };
  var atlas;
  try {
    Object.defineProperty(window, "C2CAtlas", {
      configurable: true,
      get: function () { return atlas; },
      set: function (value) {
        atlas = value; mark("frame:runtime-loaded");
        ["attach", "render", "updateLabels"].forEach(function (n) { wrap(atlas, n); });
      }
    });
  } catch (err) { /* not the map frame */ }
  Object.defineProperty(window, "L", {
    configurable: true,
    get: function () { return window.__probeL; },
    set: function (value) { window.__probeL = value; mark("frame:leaflet-loaded"); }
  });
  // the first frame in which the map holds lines (ours: the network layer; the naive page: folium polylines)
  var seen = false;
  var watch = function () {
    if (!seen && window.map && window.__probeL) {
      var n = 0;
      window.map.eachLayer(function (l) { if (l instanceof window.__probeL.Polyline) { n++; } });
      if (n > 0) { seen = true; mark("frame:lines-in-map", {layers: n}); requestAnimationFrame(function () { mark("frame:lines-painted"); }); }
    }
    if (!seen) { requestAnimationFrame(watch); }
  };
  requestAnimationFrame(watch);
  if (!inMapFrame()) { mark("frame:other"); }
})();
