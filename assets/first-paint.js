// The first map before Dash starts. The page for a map URL carries that map's figure
// (<script id="first-figure" type="application/json">, written by dashboard/web/app.py), this script, the
// outlines as a script (/geo/<name>.<version>.js files them where plotly.js looks first,
// window.PlotlyGeoAssets[url]), plotly.js, and a call to firstPaint(): the map is drawn at once, in that
// call. Dash's own scripts wait in <template id="dash-scripts"> until then, so they neither compete with
// plotly.js for the network and the CPU nor run before the drawing; firstPaint() starts them in every case
// (drawn, failed, or no plotly.js). When Dash has laid out the page, the drawing moves over the live map's
// place; when the live map has drawn its provinces, the drawing goes. It is a picture (static, hidden from
// screen readers): the live map underneath is the one to use.
//
// Earlier still, firstPicture() (called between the outlines' script and plotly.js) draws the provinces,
// markers, lines and frames from the outlines alone, exactly where plotly.js will draw them (its conic equal
// area projection, its fit to the lon/lat ranges and the margin its colour bar takes, computed here), so
// the map is on screen while plotly.js still loads; plotly.js's drawing covers it and it goes. The colour
// bar, legend and notes come with plotly.js. A figure it cannot place exactly gets no picture.
(function () {
  var holder = document.getElementById("first-paint");
  var plot = holder && holder.querySelector("div"); // where plotly.js draws (the picture goes before it)
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

  window.firstPicture = function () {
    try {
      if (!window.Plotly && payload && holder && assets[url]) {
        var svg = picture(payload.figure, assets, plot);
        if (svg) holder.insertBefore(svg, holder.firstChild); // below plotly.js's drawing, which covers it
      }
    } catch (e) { /* no picture: the map comes with plotly.js */ }
  };
  window.firstPicture.draw = picture; // (figure, outlines by URL, element) → <svg> or null; tests compare it

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

  function dropPicture() {
    var svg = holder && holder.querySelector("svg.first-picture");
    if (svg) svg.remove();
  }

  function draw() {
    var figure = payload.figure;
    figure.layout.autosize = true;
    delete figure.layout.width;
    delete figure.layout.height;
    var config = { staticPlot: true, responsive: false, displayModeBar: false, topojsonURL: "/assets/topojson/" };
    Plotly.newPlot(plot, figure.data, figure.layout, config).then(dropPicture, dropPicture);
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
  // ---- The picture: plotly.js's geometry for this figure, without plotly.js --------------------------

  var RAD = Math.PI / 180, SVG = "http://www.w3.org/2000/svg";
  var CLIP_PAD = 1e-3; // plotly.js's geo constants.clipPad
  var FROM_TL = { left: 0, center: 0.5, right: 1 }, FROM_BR = { left: 1, center: 0.5, right: 0 };

  function picture(figure, outlines, plot) {
    var layout = figure.layout || {}, data = figure.data || [];
    var style = window.getComputedStyle(plot);
    var width = parseFloat(style.width), height = parseFloat(style.height);
    if (!(width > 0 && height > 0)) return null;
    var size = plotSize(layout, data, width, height);
    if (!size) return null;
    var svg = element("svg", { "class": "first-picture", width: width, height: height, "aria-hidden": "true" });
    svg.style.cssText = "position:absolute;left:0;top:0;pointer-events:none";
    var geos = [];
    data.forEach(function (trace) {
      var id = trace.geo || "geo";
      if (trace.type !== "choropleth" && trace.type !== "scattergeo") throw new Error("not a map");
      if (geos.indexOf(id) < 0) geos.push(id);
    });
    for (var g = 0; g < geos.length; g++) {
      var geo = projector(layout[geos[g]] || {}, size);
      if (!geo) return null;
      var clip = element("clipPath", { id: "first-picture-" + geos[g] });
      clip.appendChild(element("rect", { x: geo.box[0], y: geo.box[1], width: geo.box[2] - geo.box[0], height: geo.box[3] - geo.box[1] }));
      svg.appendChild(clip);
      var group = element("g", { "clip-path": "url(#first-picture-" + geos[g] + ")" });
      var traces = data.filter(function (t) { return (t.geo || "geo") === geos[g] && (t.visible === undefined || t.visible === true); });
      // plotly.js's layers: choropleths below scattergeo traces, the frame on top
      traces.filter(function (t) { return t.type === "choropleth"; }).forEach(function (t) {
        if (!provinces(group, t, outlines[t.geojson], geo)) throw new Error("outlines missing");
      });
      traces.filter(function (t) { return t.type === "scattergeo"; }).forEach(function (t) { points(group, t, geo); });
      if (geo.frame) group.appendChild(geo.frame);
      svg.appendChild(group);
    }
    return svg;
  }

  function element(name, attributes) {
    var node = document.createElementNS(SVG, name);
    for (var key in attributes) node.setAttribute(key, attributes[key]);
    return node;
  }

  // The plot area plotly.js will use: the figure's margins, widened on the right by what its colour bar
  // needs (plotly.js's colorbar draw + Plots.autoMargin + doAutoMargin, for a vertical bar at a paper x).
  function plotSize(layout, data, width, height) {
    var m = layout.margin || {};
    var margin = { l: num(m.l, 80), r: num(m.r, 80), t: num(m.t, 100), b: num(m.b, 80) };
    var ml = margin.l, mr = margin.r;
    var maxSpace = Math.max(0, width - Math.min(Math.max(width - margin.l - margin.r, 2), num(layout.minreducedwidth, 64)));
    var pushers = [{ l: [0, margin.l], r: [1, margin.r] }];
    var pad = Math.min(12, margin.l, margin.r, margin.t, margin.b);
    if (m.autoexpand !== false) {
      for (var i = 0; i < data.length; i++) {
        var trace = data[i];
        if (trace.type !== "choropleth" || trace.showscale === false) continue;
        var bar = trace.colorbar || {};
        if ((bar.orientation || "v") !== "v" || (bar.thicknessmode || "pixels") !== "pixels" ||
            (bar.xref || "paper") !== "paper" || !bar.ticktext || (bar.ticklabelposition || "outside") !== "outside") return null;
        var font = layout.font || {}, tickFont = bar.tickfont || {}, titleFont = (bar.title || {}).font || {};
        var family = tickFont.family || font.family || "sans-serif";
        var tickSize = num(tickFont.size, num(font.size, 12));
        var labels = 0;
        bar.ticktext.forEach(function (text) { labels = Math.max(labels, textWidth(text, tickSize, family)); });
        var outline = num(bar.outlinewidth, 1);
        var inner = num(bar.thickness, 30) + outline / 2 + labels;
        var title = (bar.title || {}).text;
        if (title) inner = Math.max(inner, textWidth(title, num(titleFont.size, Math.round(1.2 * tickSize)), titleFont.family || family));
        var outer = 2 * num(bar.xpad, 10) + inner + num(bar.borderwidth, 0) + outline / 2;
        var anchor = bar.xanchor || "left", x = num(bar.x, 1.02);
        var l = outer * FROM_TL[anchor], r = outer * FROM_BR[anchor];
        if (maxSpace && (l + r) / maxSpace > 1) { var f = (l + r) / maxSpace; l /= f; r /= f; }
        pushers.push({ l: [x, l + pad], r: [x, r + pad] });
      }
      pushers.forEach(function (left) {
        pushers.forEach(function (right) {
          var fl = left.l[0], pl = left.l[1], fr = right.r[0], pr = right.r[1];
          if (fr > fl) {
            var newL = (pl * fr + (pr - width) * fl) / (fr - fl);
            var newR = (pr * (1 - fl) + (pl - width) * (1 - fr)) / (fr - fl);
            if (newL + newR > ml + mr) { ml = newL; mr = newR; }
          }
        });
      });
    }
    if (maxSpace && (ml + mr) / maxSpace > 1) { var rW = (ml + mr) / maxSpace; ml /= rW; mr /= rW; }
    var l0 = Math.round(ml), r0 = Math.round(mr);
    return { l: l0, t: Math.round(margin.t), w: Math.round(width) - l0 - r0, h: Math.round(height) - Math.round(margin.t) - Math.round(margin.b) };
  }

  function num(value, fallback) { return typeof value === "number" && isFinite(value) ? value : fallback; }

  var measure = null;
  function textWidth(text, size, family) {
    measure = measure || document.createElement("canvas").getContext("2d");
    measure.font = size + "px " + family;
    return measure.measureText(String(text).replace(/<[^>]*>/g, "")).width;
  }

  // A geo subplot's projection as plotly.js sets it up (geo.js updateProjection, without fitbounds): d3's
  // conicEqualArea rotated in longitude, fitted to the lon/lat range box in the subplot's domain, then
  // moved so that the subplot's centre is the middle of that box; paths clipped to the box's bounds.
  function projector(geo, size) {
    var proj = geo.projection || {}, rotation = proj.rotation || {};
    var lon = (geo.lonaxis || {}).range, lat = (geo.lataxis || {}).range;
    if (proj.type !== "conic equal area" || geo.fitbounds || !lon || !lat || !proj.parallels ||
        rotation.lat || rotation.roll || (proj.scale !== undefined && proj.scale !== 1) || lon[0] >= lon[1]) return null;
    var rotate = num(rotation.lon, (lon[0] + lon[1]) / 2);
    var center = geo.center || {};
    var cLon = num(center.lon, rotate) - rotate, cLat = num(center.lat, (lat[0] + lat[1]) / 2);
    var sy0 = Math.sin(proj.parallels[0] * RAD), n = (sy0 + Math.sin(proj.parallels[1] * RAD)) / 2;
    if (Math.abs(n) < 1e-6) return null;
    var c = 1 + sy0 * (2 * n - sy0), r0 = Math.sqrt(c) / n;
    function raw(lambda, phi) {
      var r = Math.sqrt(c - 2 * n * Math.sin(phi)) / n;
      return [r * Math.sin(lambda * n), r0 - r * Math.cos(lambda * n)];
    }
    var origin = raw(cLon * RAD, cLat * RAD), ox = origin[0], oy = origin[1] - r0;
    function unit(point) { // rotated, projected, relative to the centre, y down (d3's scale 1)
      var lambda = (point[0] - rotate) * RAD;
      if (lambda > Math.PI) lambda -= 2 * Math.PI; else if (lambda < -Math.PI) lambda += 2 * Math.PI;
      var r = Math.sqrt(c - 2 * n * Math.sin(point[1] * RAD)) / n, a = lambda * n;
      return [r * Math.sin(a) - ox, oy + r * Math.cos(a)];
    }
    var domain = geo.domain || {}, dx = domain.x || [0, 1], dy = domain.y || [0, 1];
    var x0 = size.l + size.w * dx[0], x1 = size.l + size.w * dx[1];
    var y0 = size.t + size.h * (1 - dy[1]), y1 = size.t + size.h * (1 - dy[0]);
    var box = rangeBox(lon, lat).map(unit);
    var bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity;
    box.forEach(function (p) { bx0 = Math.min(bx0, p[0]); bx1 = Math.max(bx1, p[0]); by0 = Math.min(by0, p[1]); by1 = Math.max(by1, p[1]); });
    var k = Math.min((x1 - x0) / (bx1 - bx0), (y1 - y0) / (by1 - by0));
    var mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
    var bw = k * (bx1 - bx0) / 2, bh = k * (by1 - by0) / 2;
    function project(point) { var u = unit(point); return [mx + k * u[0], my + k * u[1]]; }
    // A ring as SVG path data: unit() inlined, as this runs for every vertex before plotly.js may start.
    function ring(points) {
      var d = "", kx = mx - k * ox, ky = my + k * oy, kn = k / n;
      for (var i = 0; i < points.length; i++) {
        var p = points[i], lambda = (p[0] - rotate) * RAD;
        if (lambda > Math.PI) lambda -= 2 * Math.PI; else if (lambda < -Math.PI) lambda += 2 * Math.PI;
        var r = kn * Math.sqrt(c - 2 * n * Math.sin(p[1] * RAD)), a = lambda * n;
        d += (i ? "L" : "M") + Math.round((kx + r * Math.sin(a)) * 10) / 10 + "," + Math.round((ky + r * Math.cos(a)) * 10) / 10;
      }
      return d;
    }
    var frame = null;
    if (geo.showframe) {
      frame = element("path", { d: ring(rangeBox(lon, lat)) + "Z", fill: "none",
        stroke: geo.framecolor || "#444", "stroke-width": num(geo.framewidth, 1) });
    }
    return { project: project, ring: ring, box: [mx - bw, my - bh, mx + bw, my + bh], frame: frame };
  }

  // plotly.js's range box (geo.js makeRangeBox), its edges followed along great circles as d3 draws them.
  function rangeBox(lon, lat) {
    var lon0 = lon[0] + CLIP_PAD, lon1 = lon[1] - CLIP_PAD, lat0 = lat[0] + CLIP_PAD, lat1 = lat[1] - CLIP_PAD;
    var d = (lon1 - lon0) / 4, corners = [[lon0, lat0], [lon0, lat1], [lon0 + d, lat1], [lon0 + 2 * d, lat1],
      [lon0 + 3 * d, lat1], [lon1, lat1], [lon1, lat0], [lon1 - d, lat0], [lon1 - 2 * d, lat0], [lon1 - 3 * d, lat0], [lon0, lat0]];
    var points = [];
    for (var i = 0; i + 1 < corners.length; i++) points = points.concat(arc(corners[i], corners[i + 1], 32));
    points.push(corners[corners.length - 1]);
    return points;
  }

  function arc(a, b, steps) { // points along the great circle from a to b (b excluded)
    function vector(p) { var l = p[0] * RAD, f = p[1] * RAD; return [Math.cos(f) * Math.cos(l), Math.cos(f) * Math.sin(l), Math.sin(f)]; }
    var va = vector(a), vb = vector(b);
    var omega = Math.acos(Math.min(1, va[0] * vb[0] + va[1] * vb[1] + va[2] * vb[2]));
    if (omega < 1e-9) return [a];
    var out = [];
    for (var s = 0; s < steps; s++) {
      var t = s / steps, wa = Math.sin((1 - t) * omega) / Math.sin(omega), wb = Math.sin(t * omega) / Math.sin(omega);
      var v = [wa * va[0] + wb * vb[0], wa * va[1] + wb * vb[1], wa * va[2] + wb * vb[2]];
      out.push([Math.atan2(v[1], v[0]) / RAD, Math.asin(Math.max(-1, Math.min(1, v[2]))) / RAD]);
    }
    return out;
  }

  function provinces(group, trace, outlines, geo) {
    if (!outlines || !outlines.features) return false;
    var key = (trace.featureidkey || "id").split(".");
    var byId = {};
    outlines.features.forEach(function (feature) {
      var id = feature;
      for (var i = 0; i < key.length && id !== undefined; i++) id = id[key[i]];
      byId[id] = feature;
    });
    var marker = trace.marker || {}, line = marker.line || {};
    var zmin = num(trace.zmin, Math.min.apply(null, trace.z)), zmax = num(trace.zmax, Math.max.apply(null, trace.z));
    trace.locations.forEach(function (location, i) {
      var feature = byId[location], z = trace.z[i];
      if (!feature || !feature.geometry || typeof z !== "number") return;
      var geometry = feature.geometry, polygons = geometry.type === "Polygon" ? [geometry.coordinates]
        : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
      var d = "";
      polygons.forEach(function (polygon) { polygon.forEach(function (r) { d += geo.ring(r) + "Z"; }); });
      group.appendChild(element("path", {
        "class": "province", "data-id": location, d: d,
        fill: colour(trace.colorscale, zmax > zmin ? (z - zmin) / (zmax - zmin) : 0),
        stroke: pick(line.color, i, "#444"), "stroke-width": pick(line.width, i, 1),
        "fill-opacity": pick(marker.opacity, i, 1)
      }));
    });
    return true;
  }

  function pick(value, i, fallback) {
    var v = Array.isArray(value) ? value[i] : value;
    return v === undefined || v === null ? fallback : v;
  }

  function points(group, trace, geo) {
    var lons = trace.lon || [], lats = trace.lat || [], mode = trace.mode || "markers";
    if (mode.indexOf("lines") >= 0) {
      var line = trace.line || {}, d = "", run = [];
      var flush = function () { if (run.length > 1) d += geo.ring(run); run = []; };
      for (var i = 0; i < lons.length; i++) {
        if (lons[i] === null || lats[i] === null) flush(); else run.push([lons[i], lats[i]]);
      }
      flush();
      if (d) group.appendChild(element("path", { d: d, fill: "none", stroke: line.color || "#444", "stroke-width": num(line.width, 2) }));
    }
    if (mode.indexOf("markers") >= 0) {
      var marker = trace.marker || {}, border = marker.line || {};
      for (var j = 0; j < lons.length; j++) {
        if (lons[j] === null || lats[j] === null) continue;
        var xy = geo.project([lons[j], lats[j]]);
        group.appendChild(element("circle", {
          "class": "point", cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: pick(marker.size, j, 6) / 2,
          fill: pick(marker.color, j, "#1f77b4"), opacity: pick(marker.opacity, j, 1),
          stroke: pick(border.color, j, "#444"), "stroke-width": pick(border.width, j, 0)
        }));
      }
    }
  }

  // A value in [0, 1] through a plotly.js colour scale (linear in RGB between stops, as plotly.js does).
  function colour(scale, v) {
    v = Math.max(0, Math.min(1, v));
    for (var i = 1; i < scale.length; i++) {
      if (v <= scale[i][0] || i === scale.length - 1) {
        var a = rgb(scale[i - 1][1]), b = rgb(scale[i][1]);
        var span = scale[i][0] - scale[i - 1][0], t = span > 0 ? (v - scale[i - 1][0]) / span : 1;
        return "rgb(" + [0, 1, 2].map(function (c) { return Math.round(a[c] + (b[c] - a[c]) * t); }).join(", ") + ")";
      }
    }
    return scale[0][1];
  }

  function rgb(text) {
    if (text.length === 7 && text.charAt(0) === "#") { // no regular expression for the usual case: cheaper cold
      var hex = [1, 3, 5].map(function (i) { return parseInt(text.slice(i, i + 2), 16); });
      if (hex.every(function (v) { return v >= 0; })) return hex;
    }
    var fn = /^rgba?\(([^)]*)\)$/.exec(text);
    if (fn) return fn[1].split(",").slice(0, 3).map(parseFloat);
    throw new Error("colour " + text);
  }
})();
