/* C2C Atlas: a stand-in for the only two jQuery calls folium 0.20's templates make, so that jQuery need not
 * be loaded: `$(`<div ...>...</div>`)[0]` (folium.Popup with HTML content) and `$(document).ready(fn)`
 * (Map.keep_in_front). Not jQuery: anything else is unsupported. Does nothing when jQuery is present. */
(function (w, d) {
  "use strict";
  if (w.jQuery || w.$) { return; }
  function ready(fn) {
    if (d.readyState === "loading") { d.addEventListener("DOMContentLoaded", fn); } else { setTimeout(fn, 0); }
  }
  function $(x) {
    if (typeof x === "function") { ready(x); return undefined; }
    var nodes;
    if (typeof x === "string") {
      var t = d.createElement("template");
      t.innerHTML = x.trim();
      nodes = Array.prototype.filter.call(t.content.childNodes, function (n) { return n.nodeType === 1; });
    } else {
      nodes = x ? [x] : [];
    }
    nodes.ready = function (fn) { ready(fn); return nodes; };
    return nodes;
  }
  $.ready = ready;
  w.$ = $;
})(window, document);
