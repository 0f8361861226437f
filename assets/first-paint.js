// The first map before Dash starts. The page for a map URL carries that map's figure
// (<script id="first-figure" type="application/json">, written by dashboard/web/app.py) and loads this
// file, then plotly.js, then calls firstPaint(): the map is drawn as soon as plotly.js has run, before
// Dash's scripts. This file starts fetching the outlines at once and keeps them where plotly.js looks
// first (window.PlotlyGeoAssets[url]), so neither the drawing nor Dash's live map fetches them again; the
// (empty) world layer plotly.js wants goes there too. When Dash has laid out the page, the drawing moves
// over the live map's place; when the live map has drawn its provinces, the drawing goes. It is a picture
// (static, hidden from screen readers): the live map underneath is the one to use.
(function () {
  var holder = document.getElementById("first-paint");
  var source = document.getElementById("first-figure");
  if (!holder || !source) return;
  var assets = (window.PlotlyGeoAssets = window.PlotlyGeoAssets || {});
  var payload;
  try { payload = JSON.parse(source.textContent); } catch (e) { holder.remove(); return; }
  assets.topojson = assets.topojson || {};
  assets.topojson.world_110m = assets.topojson.world_50m = payload.world;
  var url = payload.outlines;
  var outlines = fetch(url, { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (geojson) { assets[url] = geojson; });

  window.firstPaint = function () {
    if (!window.Plotly) { holder.remove(); return; }
    outlines.then(draw, function () { holder.remove(); });
  };

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
