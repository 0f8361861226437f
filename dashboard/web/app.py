"""The Dash app factory. ``dashboard.web.app:server`` is the WSGI object for gunicorn."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from dash import Dash
from flask import request
from plotly.io.json import to_json_plotly

from dashboard import ASSETS_DIR, DEFAULT_DATA_DIR
from dashboard.charts import plotlyjs
from dashboard.charts.files import world_topojson
from dashboard.data.dataset import DatasetError, load_dataset
from dashboard.geo import boundaries
from dashboard.i18n import t
from dashboard.model.aggregates import Aggregates
from dashboard.web import embed, guard, headers, routing
from dashboard.web.context import AppContext
from dashboard.web.headers import FIRST_PAINT_CALL, FIRST_PAINT_SCRIPT, FIRST_PICTURE_CALL
from dashboard.web.shell import VIEW_MODULES, base_layout
from dashboard.web.views.data import codebook_text

INDEX = """<!DOCTYPE html>
<html lang="zh-CN">
<head>{%metas%}<title>{%title%}</title>{%favicon%}{%css%}</head>
<body>{%app_entry%}<footer>{%config%}{%scripts%}{%renderer%}</footer></body>
</html>"""


def first_paint(app_ctx: AppContext) -> tuple[str, bool]:
    """What goes after Dash's entry point, and whether it draws a first map: plotly.js on its own, and for
    a map URL the map's figure, a place to draw it, the script that draws it (assets/first-paint.js) and
    the outlines it references as a script, all before Dash's scripts (which then wait for the drawing)."""
    state, _ = app_ctx.parse(request.query_string.decode("utf-8", "replace"))
    # plotly.js first, on its own (Dash's graphs use this window.Plotly): a map page draws with it at once.
    plotly_tag = f'<script src="{plotlyjs.url_path()}"></script>'
    if state.view != "map" or app_ctx.first_map is None:
        return plotly_tag, False
    try:
        figure = app_ctx.first_map(state)
    except boundaries.GeodataError:  # the map's own callback tells the user
        return plotly_tag, False
    outlines = next(t["geojson"] for t in figure["data"] if isinstance(t.get("geojson"), str))
    payload = {"figure": figure, "outlines": outlines, "world": json.loads(world_topojson())}
    text = to_json_plotly(payload).replace("</", "<\\/")  # never close the script element early
    # first-paint.js (inline, allowed by its hash), the outlines and plotly.js load together; once the
    # outlines have run, the picture is drawn (while plotly.js still loads); after plotly.js, the first map.
    return (
        '<div id="first-paint" class="first-paint" aria-hidden="true"><div></div></div>'
        f'<script id="first-figure" type="application/json">{text}</script>'
        f"<script>{FIRST_PAINT_SCRIPT}</script>"
        f'<script src="{outlines.removesuffix(".json")}.js"></script><script>{FIRST_PICTURE_CALL}</script>'
        f"{plotly_tag}<script>{FIRST_PAINT_CALL}</script>"
    ), True


VERSION_KEYS = ("dash_version", "dash_version_url", "python_version", "plotly_version", "ddk_version")


def hide_versions(app: Dash) -> None:
    """Dash writes its, plotly's and Python's versions (with the build date) into every page's config;
    a visitor has no use for them and an attacker a shortcut. The renderer's version check goes too."""
    config = app._config

    def without_versions() -> dict:
        return {k: v for k, v in config().items() if k not in VERSION_KEYS} | {"disable_version_check": True}

    app._config = without_versions


def create_app(data_dir: Path | str = DEFAULT_DATA_DIR) -> Dash:
    """Validate the dataset, compute the aggregates once, and build the app.

    Raises :class:`DatasetError` (every problem listed) when the data is invalid.
    """
    dataset = load_dataset(Path(data_dir))
    agg = Aggregates(dataset, boundaries.province_codes(), boundaries.places())
    agg.province_summary, agg.markers(), codebook_text("zh"), codebook_text("en")  # noqa: B018 - once here, not on the first request

    app = Dash(
        __name__,
        title=f"{t('title', 'zh')} / {t('title', 'en')}",
        assets_folder=str(ASSETS_DIR),
        # plotly.js and the first map's script are written into the page ahead of Dash's (first_paint).
        assets_ignore=r"plotly-partial|first-paint",
        serve_locally=True,
        update_title=None,
        suppress_callback_exceptions=True,
        compress=True,  # gzip/brotli responses: the geometry and patches shrink 4-5x
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        on_error=guard.callback_failed,  # logged for us, a note for the user, never a 500
    )
    app.index_string = INDEX
    app_ctx = AppContext(agg, dataset.data_date)
    interpolate = app.interpolate_index

    def interpolate_with_first_paint(**parts) -> str:
        drawing, draws = first_paint(app_ctx)
        if draws:  # Dash's scripts wait until the first map is drawn (first-paint.js starts them)
            drawing = f'<template id="dash-scripts">{parts["scripts"]}{parts["renderer"]}</template>{drawing}'
            parts = {**parts, "scripts": "", "renderer": ""}
        return interpolate(**{**parts, "app_entry": parts["app_entry"] + drawing})

    app.interpolate_index = interpolate_with_first_paint
    hide_versions(app)
    app.layout = base_layout()
    routing.register(app, app_ctx)
    for view in VIEW_MODULES.values():
        view.register(app, app_ctx)
    embed.register(app, app_ctx)
    guard.register(app)
    headers.register(app)
    set_up_before_serving(app)
    return app


def set_up_before_serving(app: Dash) -> None:
    """Dash finishes its set-up (registering its script files, merging callbacks) on a worker's first
    request, and marks it done before doing it: a second request arriving meanwhile on another thread
    (gunicorn's gthread workers) finds no script registered and fails, and that visitor's page never
    starts. One request here, before the server takes any, does the set-up in this process."""
    app.server.test_client().get("/_dash-layout")


def _server():
    # gunicorn takes no app arguments: an edited copy of the dataset is named by this variable.
    data_dir = os.environ.get("METAVERSE_MAP_DATA_DIR") or DEFAULT_DATA_DIR
    try:
        return create_app(data_dir).server
    except DatasetError as exc:
        sys.stderr.write(f"refusing to start: {exc}\n")
        raise SystemExit(1) from None


def __getattr__(name: str):
    # `gunicorn dashboard.web.app:server` builds the app on first access, not at import.
    if name == "server":
        server = _server()
        globals()["server"] = server
        return server
    raise AttributeError(name)
