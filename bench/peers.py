"""The two pages the app's time to map is measured against, in the same run:

- **floor**: a static page drawing the same map figure (values, colours, inset, markers) the way the app's
  first drawing does (outlines once for both geo subplots, a static plot) with the same partial plotly.js
  bundle and nothing else: no Dash, no callbacks. What plotly.js itself costs.
- **ECharts**: an Apache ECharts canvas choropleth of the same geometry and values (echarts from npm,
  installed by the bench into a temporary folder): the peer a Chinese team would otherwise pick.

Both are served by a small static HTTP server on loopback (gzip, like the app's responses, compressed once).
"""

from __future__ import annotations

import functools
import gzip
import json
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from plotly.io.json import to_json_plotly

from dashboard.charts import plotlyjs
from dashboard.charts.files import world_topojson
from dashboard.charts.presets import map_figure, map_view
from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries
from dashboard.model.aggregates import Aggregates
from dashboard.state import State

ECHARTS_VERSION = "6.1.0"

ECHARTS_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>ECharts</title>
<style>html, body {{ margin: 0; height: 100%; }} #chart {{ width: 100%; height: 100%; }}</style>
<script src="echarts.min.js"></script></head>
<body><div id="chart"></div>
<script>
fetch("provinces.json").then(r => r.json()).then(function (geo) {{
  echarts.registerMap("china", geo);
  var chart = echarts.init(document.getElementById("chart"), null, {{ renderer: "canvas" }});
  chart.on("finished", function () {{ if (!window.__drawn) window.__drawn = performance.now(); }});
  chart.setOption({{
    title: {{ text: {title}, left: "center" }},
    tooltip: {{ trigger: "item" }},
    visualMap: {{ min: 0, max: {max}, left: "right", inRange: {{ color: ["#deebf7", "#08519c"] }}, calculable: true }},
    series: [{{ type: "map", map: "china", nameProperty: "id", roam: true, data: {data} }}]
  }});
}});
</script></body></html>
"""


FLOOR_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>floor</title>
<style>html, body {{ margin: 0; height: 100%; }} #chart {{ width: 100%; height: 100%; }}</style></head>
<body><div id="chart"></div>
<script>window.PlotlyGeoAssets = {{topojson: {{world_110m: {world}}}}};</script>
<script src="provinces.js"></script>
<script src="plotly.min.js"></script>
<script>
var figure = {figure};
Plotly.newPlot("chart", figure.data, figure.layout, {{staticPlot: true, displayModeBar: false}});
</script></body></html>
"""


def floor_figure(agg: Aggregates, state: State) -> str:
    """The map's figure as the app's first drawing has it: both geo subplots reference one outlines file."""
    fig = map_figure(agg, state)
    for trace in fig.data:
        if trace.type == "choropleth":
            trace.geojson = None
    figure = fig.to_plotly_json()
    for trace in figure["data"]:
        if trace["type"] == "choropleth":
            trace["geojson"] = "provinces.json"
    figure["layout"].update(autosize=True, width=None, height=None)
    return to_json_plotly(figure).replace("</", "<\\/")


@functools.cache
def _gzipped(path: Path) -> bytes:
    """Compressed once, as a static server with gzip_static would: the peers pay no compression time."""
    return gzip.compress(path.read_bytes(), 6)


class _Gzip(SimpleHTTPRequestHandler):
    """Static files, gzipped like the app's answers; quiet."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().send_head()
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


def build_pages(folder: Path) -> None:
    """floor.html (+ the partial bundle) and echarts.html (+ echarts from npm, + the outlines)."""
    agg = Aggregates(load_dataset(), boundaries.province_codes(), boundaries.places())
    state = State()
    (folder / "plotly.min.js").write_text(plotlyjs.script(), encoding="utf-8")
    outlines = json.dumps(boundaries.provinces_geojson())
    # The outlines as the app's page loads them: a script handing plotly.js the parsed file (JSON.parse).
    outlines_script = f'window.PlotlyGeoAssets["provinces.json"] = JSON.parse({json.dumps(outlines)});\n'
    (folder / "provinces.js").write_text(outlines_script, encoding="utf-8")
    floor = FLOOR_PAGE.format(world=world_topojson(), figure=floor_figure(agg, state))
    (folder / "floor.html").write_text(floor, encoding="utf-8")
    summary, values, *_ = map_view(agg, state)
    data = [{"name": code, "value": float(v)} for code, v in values.dropna().items()]
    (folder / "provinces.json").write_text(outlines, encoding="utf-8")
    (folder / "echarts.html").write_text(
        ECHARTS_PAGE.format(
            title=json.dumps("China by province: Number of plans"),
            max=max(d["value"] for d in data),
            data=json.dumps(data),
        ),
        encoding="utf-8",
    )
    npm = folder / "npm"
    npm.mkdir()
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", f"echarts@{ECHARTS_VERSION}"],
        cwd=npm, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    (folder / "echarts.min.js").write_bytes((npm / "node_modules" / "echarts" / "dist" / "echarts.min.js").read_bytes())


def serve(root_for_assets: Path) -> tuple[str, Path, ThreadingHTTPServer]:
    """Build the pages in a temporary folder and serve it; returns (base URL, folder, server)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-peers-"))
    build_pages(folder)
    # plotly.js asks for its (empty) world topojson under /assets/topojson/: serve the app's copy.
    assets = folder / "assets"
    assets.mkdir()
    (assets / "topojson").symlink_to(root_for_assets / "topojson")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", folder, server
