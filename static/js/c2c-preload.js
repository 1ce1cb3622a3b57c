/* C2C Atlas: fetch the map frame's other files at once instead of one after another.
 *
 * streamlit-folium loads a map's scripts strictly in turn (each <script> waits for the previous one's onload) and
 * adds the style sheets only after the last script, and our runtime asks for the basemap only when it attaches:
 * six round trips in a row before the countries are drawn (bench/README.md, "first load"). This file is the first
 * script of the app's base map (c2c/map/mapview.py); its own URL's fragment lists the rest
 * ("#js=URL|URL&css=URL&fetch=URL", each URL-encoded). It adds a <link rel="preload"> for each, so the browser
 * fetches them in parallel while the chain runs; every later <script>, style sheet and fetch is then served from
 * what was preloaded. It changes nothing else: if a preload fails, the normal request still happens.
 */
(function (root) {
  "use strict";

  // "#js=a|b&css=c&fetch=d" -> [{href, as}] in that order (only same-origin paths and http(s) URLs)
  function parseFragment(fragment) {
    var out = [];
    String(fragment || "").replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 0) { return; }
      var kind = part.slice(0, eq), as = {js: "script", css: "style", fetch: "fetch"}[kind];
      if (!as) { return; }
      part.slice(eq + 1).split("|").forEach(function (encoded) {
        if (!encoded) { return; }
        var href = decodeURIComponent(encoded);
        if (/^(\/(?!\/)|https?:\/\/)/.test(href)) { out.push({href: href, as: as}); }
      });
    });
    return out;
  }

  function preload(doc, items) {
    items.forEach(function (item) {
      var link = doc.createElement("link");
      link.rel = "preload";
      link.as = item.as;
      link.href = item.href;
      // fetch() of a same-origin URL is a CORS-mode request with credentials: the preload must match it to be used
      if (item.as === "fetch") { link.crossOrigin = "anonymous"; }
      doc.head.appendChild(link);
    });
    return items.length;
  }

  var api = {parseFragment: parseFragment, preload: preload};
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  var script = root.document && root.document.currentScript;
  if (script && script.src) {
    var hash = script.src.indexOf("#");
    if (hash >= 0) { preload(root.document, parseFragment(script.src.slice(hash))); }
  }
  root.C2CPreload = api;
})(typeof self !== "undefined" ? self : this);
