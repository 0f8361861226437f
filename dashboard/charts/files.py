"""Charts as files: PNG/SVG/PDF through kaleido (which drives a local Chromium), standalone HTML that
works offline, and the data behind the chart as CSV. Used by the export command and the app's downloads.
"""

from __future__ import annotations

import atexit
import html
import json
import logging
import threading
import warnings
from functools import cache
from pathlib import Path

import kaleido
import plotly.io as pio

from dashboard import ASSETS_DIR
from dashboard.charts import plotlyjs
from dashboard.charts.presets import chart_data, presented_figure
from dashboard.data.csvfile import csv_text
from dashboard.model.aggregates import Aggregates
from dashboard.state import SIZES, State

FORMATS = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
DEFAULT_SIZE = {
    "map": (1000, 750),
    "ranking": (1100, None),
    "timeline": (1100, None),
    "subsidies": (1000, None),
    "compare": (1100, None),
}
TOPOJSON_DIR = ASSETS_DIR / "topojson"


# Sizes a slide or a page can use; beyond them Chromium returns an empty image (12000 × 9000 gave 3 bytes).
MIN_SIDE, MAX_SIDE = 200, 4000
SIGNATURES = {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<svg"}
# One Chromium per server process renders one image at a time; one more request may wait for it, the
# rest are told to come back (503, Retry-After) instead of each starting a browser.
RENDER_SLOTS = 2
RETRY_AFTER_SECONDS = 5


class ExportError(RuntimeError):
    """An export that cannot be made here, with what to do about it."""


class ExportBusy(ExportError):
    """Every render slot of this process is taken: try again shortly."""


class ImageRenderer:
    """Renders images for the server: one shared browser, one render at a time, a bounded queue."""

    def __init__(self, slots: int = RENDER_SLOTS):
        self._slots = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._browser_started = False

    def _start_browser(self) -> None:
        if self._browser_started:
            return
        _configure_kaleido()
        try:
            # The options plotly would pass per image (its request headers; no MathJax) are the server's.
            kaleido.start_sync_server(silence_warnings=True, headers=pio.defaults.headers, mathjax=False)
            warnings.filterwarnings("ignore", message="The kopts argument is ignored if using a server")
            atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        except Exception:  # no browser here: static_image says what to install
            return
        self._browser_started = True

    def render(self, fig, fmt: str, width: int, height: int) -> bytes:
        if not self._slots.acquire(blocking=False):
            raise ExportBusy("the server is busy drawing other images: try again in a few seconds")
        try:
            with self._lock:
                self._start_browser()
                return static_image(fig, fmt, width, height)
        finally:
            self._slots.release()


def _configure_kaleido() -> None:
    # plotly.js fetches a world topojson for geo maps and MathJax from CDNs; offline, use ours / none.
    pio.defaults.topojson = TOPOJSON_DIR.resolve().as_uri() + "/"
    pio.defaults.mathjax = None
    # choreographer logs a full traceback for browser messages it ignores (seen on large SVGs); the
    # export still succeeds, so keep those out of the user's terminal. Failures still raise.
    logging.getLogger("choreographer").setLevel(logging.CRITICAL)


def check_size(width: int | None, height: int | None) -> None:
    for name, value in (("width", width), ("height", height)):
        if value is not None and not MIN_SIDE <= value <= MAX_SIDE:
            raise ExportError(f"{name} must be between {MIN_SIDE} and {MAX_SIDE} pixels, not {value}")


def figure_size(chart: str, fig, width: int | None, height: int | None, size: str = "") -> tuple[int, int]:
    check_size(width, height)
    if size in SIZES and not (width or height):  # a presenter's preset: the slide or page decides
        return SIZES[size]
    default_w, default_h = DEFAULT_SIZE[chart]
    w = width or default_w
    h = height or default_h or int((fig.layout.height or 600) + 130)  # rows + title and source line
    return w, min(h, MAX_SIDE)  # a long timeline is cut at the largest size, not handed to Chromium whole


def static_image(fig, fmt: str, width: int, height: int) -> bytes:
    _configure_kaleido()
    try:
        image = pio.to_image(fig, format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1)
    except Exception as exc:  # kaleido/choreographer raise their own types; name the cure either way
        if "chrome" in str(exc).lower() or "browser" in str(exc).lower():
            raise ExportError(
                "static export needs Chromium: install it (Debian: apt-get install chromium) "
                "or point BROWSER_PATH at a Chrome/Chromium binary"
            ) from exc
        raise
    if not image or SIGNATURES[fmt] not in image[:4096]:
        raise ExportError(f"the browser returned no {fmt.upper()} image ({len(image or b'')} bytes)")
    return image


@cache
def world_topojson() -> str:
    """plotly.js's world layer for geo maps (ours is empty: the map draws only our outlines), read once."""
    return (TOPOJSON_DIR / "world_110m.json").read_text(encoding="utf-8")


@cache
def _topojson_script() -> str:
    return f"window.PlotlyGeoAssets={{topojson:{{world_110m:{world_topojson()}}}}};"


def html_page(
    figure_json: str,
    title: str,
    plotlyjs_src: str | None = None,
    extra_body: str = "",
    after_body: str = "",
) -> str:
    """A page drawing ``fig`` full-size and responsive. With ``plotlyjs_src`` None, plotly.js and the
    topojson are inlined, so the file works with no network at all. ``extra_body`` goes above the chart,
    ``after_body`` below it (escaped HTML, built by the caller)."""
    plotly_tag = (
        f'<script src="{html.escape(plotlyjs_src)}"></script>'
        if plotlyjs_src
        else f"<script>{plotlyjs.script()}</script>"
    )
    # No camera (an untitled screenshot) and no cloud link: the page's chart is already the finished one.
    config = {
        "responsive": True,
        "displaylogo": False,
        "showSendToCloud": False,
        "showLink": False,
        "modeBarButtonsToRemove": ["toImage", "sendDataToCloud", "select2d", "lasso2d"],
    }
    if plotlyjs_src:
        config["topojsonURL"] = "/assets/topojson/"
    figure_json = figure_json.replace("</", "<\\/")  # never close the script tag early
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
html, body {{ margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }}
#chart {{ width: 100%; height: 100%; min-height: 320px; }}
.embed-bar {{ font-size: 13px; padding: 4px 8px; color: #616161; }}
.embed-bar a {{ color: #08519c; margin-right: 10px; }}
.embed-table {{ border-collapse: collapse; font-size: 13px; margin: 8px; }}
.embed-table th, .embed-table td {{ border: 1px solid #e0e0e0; padding: 4px 6px; text-align: left; vertical-align: top; }}
body.with-table #chart {{ height: 100vh; }}  /* the chart fills the frame; the table follows below it */
</style>
<script>{_topojson_script()}</script>
{plotly_tag}
</head>
<body{' class="with-table"' if after_body else ""}>
{extra_body}
<div id="chart"></div>
{after_body}
<script>
(function () {{
  var fig = {figure_json};
  fig.layout.autosize = true;
  delete fig.layout.width;
  delete fig.layout.height;
  Plotly.newPlot("chart", fig.data, fig.layout, {json.dumps(config)});
}})();
</script>
</body>
</html>
"""


def render(
    agg: Aggregates, chart: str, state: State, fmt: str, data_date: str, width=None, height=None, renderer=None
) -> bytes:
    """The chart for ``state`` as a ``fmt`` file's bytes; images through ``renderer`` when one is given
    (the server's shared browser), else a browser of their own (the command line)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if fmt == "csv":
        return csv_text(chart_data(agg, chart, state), bom=True).encode("utf-8")
    fig = presented_figure(agg, chart, state, data_date)
    if fmt == "html":
        title = html.unescape(fig.layout.title.text.replace("<b>", "").replace("</b>", ""))  # html_page escapes
        return html_page(fig.to_json(), title).encode()
    w, h = figure_size(chart, fig, width, height, state.size)
    return renderer.render(fig, fmt, w, h) if renderer else static_image(fig, fmt, w, h)


def filename(chart: str, state: State, fmt: str) -> str:
    """A name that carries what the file shows, so two downloads never overwrite each other:
    metaverse-timeline-310000-en.png, metaverse-map-industry_scale_cny-related-2023-zh.png."""
    default = State()
    details = {
        "map": [state.metric, state.kind, state.basis, state.date, state.drill, state.announced],
        "ranking": [state.target, state.basis, state.year, state.level, state.status, state.announced, state.highlight],
        "timeline": [state.province or "all", state.level, state.doctype, state.announced],
        "subsidies": [state.kind, state.scale],
        "compare": [state.regions],
    }[chart]
    defaults = {"all", default.kind, default.basis, default.level, default.doctype, default.status, default.scale}
    kept = [d for i, d in enumerate(details) if d and (i == 0 or d not in defaults)]  # the first always
    parts = "-".join(d.replace(",", "_") for d in kept)
    return f"metaverse-{chart}-{parts}-{state.lang}.{fmt}" if parts else f"metaverse-{chart}-{state.lang}.{fmt}"


def write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
