// The first map before Dash starts. The page for a map URL carries that map's figure
// (<script id="first-figure" type="application/json">, written by dashboard/web/app.py); the inline call
// after the page's scripts (plotly.js is loaded by then, Dash's renderer not yet started) draws it at
// once in #first-paint. When Dash has laid out the page, the drawing moves over the map's place; when
// Dash's own map has drawn its provinces, the drawing goes. It is a picture (static, hidden from screen
// readers and from the tab order): the live map underneath is the one to use.
window.firstPaint = function () {
  var holder = document.getElementById("first-paint");
  var source = document.getElementById("first-figure");
  if (!holder || !source || !window.Plotly) return;
  var figure;
  try { figure = JSON.parse(source.textContent); } catch (e) { holder.remove(); return; }
  var plot = holder.firstElementChild;
  figure.layout.autosize = true;
  delete figure.layout.width;
  delete figure.layout.height;
  // The same (empty) world layer as the live map: plotly.js would otherwise fetch it from its CDN.
  var config = { staticPlot: true, responsive: false, displayModeBar: false, topojsonURL: "/assets/topojson/" };
  Plotly.newPlot(plot, figure.data, figure.layout, config);

  var done = false;
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
    var s = holder.style;
    var moved = s.top !== rect.top + window.scrollY + "px" || s.width !== rect.width + "px";
    s.top = rect.top + window.scrollY + "px";
    s.left = rect.left + window.scrollX + "px";
    s.width = rect.width + "px";
    s.height = rect.height + "px";
    if (moved) Plotly.Plots.resize(plot);
  }
  function check() {
    var target = liveMap();
    if (!target) return;
    place();
    if (target.querySelectorAll("g.geo path.choroplethlocation").length >= 34) finish();
  }
  var observer = new MutationObserver(check);
  observer.observe(document.getElementById("react-entry-point") || document.body, { childList: true, subtree: true });
  window.addEventListener("resize", place);
  setTimeout(finish, 20000); // never outstay a map that failed to come (its error note says why)
};
