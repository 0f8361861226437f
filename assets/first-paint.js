// The first map before Dash starts. The page for a map URL carries that map's figure
// (<script id="first-figure" type="application/json">, written by dashboard/web/app.py), this script, the
// outlines as a script (/geo/<name>.<version>.js files them where plotly.js looks first,
// window.PlotlyGeoAssets[url]), plotly.js, and a call to firstPaint(): the map is drawn at once, in that
// call. Dash's own scripts wait in <template id="dash-scripts"> until then, so they neither compete with
// plotly.js for the network and the CPU nor run before the drawing; firstPaint() starts them in every case
// (drawn, failed, or no plotly.js). When Dash has laid out the page, the drawing moves over the live map's
// place; when the live map has drawn its provinces, the drawing goes. It is a picture (static, hidden from
// screen readers): the live map underneath is the one to use.
(function () {
  var holder = document.getElementById("first-paint");
  var source = document.getElementById("first-figure");
  var payload = null;
  try { payload = JSON.parse(source.textContent); } catch (e) { /* no drawing; Dash still starts */ }
  var url = payload && payload.outlines;
  // window.PlotlyGeoAssets only with its world layer: plotly.js reads PlotlyGeoAssets.topojson once it exists.
  var assets = payload ? (window.PlotlyGeoAssets = window.PlotlyGeoAssets || {}) : {};
  if (payload) {
    assets.topojson = assets.topojson || {};
    assets.topojson.world_110m = assets.topojson.world_50m = payload.world;
  }

  window.firstPaint = function () {
    try {
      if (!window.Plotly || !payload || !holder) { if (holder) holder.remove(); }
      else if (assets[url]) draw(); // the outlines' script ran: draw now
      else {
        fetch(url, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
          .then(function (geojson) { assets[url] = geojson; draw(); }, function () { holder.remove(); });
      }
    } finally {
      // Dash reads its config from the page's end: start it once the page is parsed.
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startDash);
      else startDash();
    }
  };

  // Dash's scripts, in their order (async = false: fetched together, run in turn), then its inline
  // start-up (allowed by its hash, as when the page carries it) once the last of them has run.
  function startDash() {
    var waiting = document.getElementById("dash-scripts");
    if (!waiting) return;
    waiting.remove();
    var scripts = Array.prototype.slice.call(waiting.content.querySelectorAll("script"));
    var last = null;
    function copy(old) {
      var script = document.createElement("script");
      for (var i = 0; i < old.attributes.length; i++) script.setAttribute(old.attributes[i].name, old.attributes[i].value);
      script.textContent = old.textContent;
      return script;
    }
    scripts.filter(function (s) { return s.src; }).forEach(function (old) {
      last = copy(old);
      last.async = false;
      document.body.appendChild(last);
    });
    function inline() {
      scripts.filter(function (s) { return !s.src; }).forEach(function (old) { document.body.appendChild(copy(old)); });
    }
    if (last) {
      last.addEventListener("load", inline);
      last.addEventListener("error", inline); // as a page that carried them would: the renderer says what failed
    } else inline();
  }

  function draw() {
    var figure = payload.figure, plot = holder.firstElementChild;
    figure.layout.autosize = true;
    delete figure.layout.width;
    delete figure.layout.height;
    var config = { staticPlot: true, responsive: false, displayModeBar: false, topojsonURL: "/assets/topojson/" };
    Plotly.newPlot(plot, figure.data, figure.layout, config);
    var done = false;
    var observer = new MutationObserver(check);
    observer.observe(document.getElementById("react-entry-point") || document.body, { childList: true, subtree: true });
    window.addEventListener("resize", place);
    setTimeout(finish, 20000); // never outstay a live map that failed to come (its error note says why)
    check();

    function liveMap() { return document.querySelector("#react-entry-point .map-graph"); }
    function finish() {
      if (done) return;
      done = true;
      observer.disconnect();
      window.removeEventListener("resize", place);
      Plotly.purge(plot);
      holder.remove();
    }
    function place() {
      var target = liveMap();
      if (!target) return;
      var rect = target.getBoundingClientRect();
      if (!rect.width || !rect.height) return;
      var s = holder.style, top = rect.top + window.scrollY + "px", width = rect.width + "px";
      var moved = s.top !== top || s.width !== width;
      s.top = top;
      s.left = rect.left + window.scrollX + "px";
      s.width = width;
      s.height = rect.height + "px";
      if (moved) Plotly.Plots.resize(plot);
    }
    function check() {
      var target = liveMap();
      if (!target) return;
      place();
      if (target.querySelectorAll("g.geo path.choroplethlocation").length >= 34) finish();
    }
  }
})();
