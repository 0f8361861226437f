"""Routes beside the Dash app: bare embeddable charts, file downloads, and the security headers.

- ``/embed/<chart>?<same query as the app>``: the chart alone (title, legend, source line), sized to
  its frame; ``controls=1`` adds a small bar of links. Any site may frame these pages.
- ``/export/<chart>.<png|svg|pdf|html|csv>?<query>``: the chart as a file.
- ``/download/<name>``: the plans joined to the boundaries for GIS (a GeoPackage, GeoJSON layers).
- ``/geo/<name>.<version>.json|.js``, ``/vendor/plotly-….js``: the versioned files the page loads.
- The headers every response carries are set in :mod:`dashboard.web.headers`.
"""

from __future__ import annotations

import html
import json
from functools import cache, lru_cache
from urllib.parse import parse_qs, urlencode

from flask import Response, request

from dashboard.charts import plotlyjs
from dashboard.charts.files import (
    FORMATS,
    RETRY_AFTER_SECONDS,
    ExportBusy,
    ExportError,
    ImageRenderer,
    filename,
    html_page,
    render,
)
from dashboard.charts.presets import CHARTS, ChartError, chart_title, export_state, presented_figure
from dashboard.geo import boundaries
from dashboard.i18n import METRICS, t
from dashboard.model.compare import compare_rows
from dashboard.model.dataset_export import GIS_FILES, GIS_MEDIA_TYPES, gis_bytes
from dashboard.state import State
from dashboard.web.caching import cacheable, content_version, etag_for, versioned_file
from dashboard.web.context import AppContext
from dashboard.web.headers import LONG_CACHE, allow_inline_scripts


def _plain(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, content_type="text/plain; charset=utf-8")


def _parse(app_ctx: AppContext, raw_query: str) -> tuple[State, list[str], bool]:
    """The app's URL state from an embed or export query, the ignored names, and ``controls=1``."""
    params = parse_qs(raw_query, keep_blank_values=True)
    controls = params.pop("controls", ["0"])[-1] == "1"
    state, ignored = app_ctx.parse(urlencode(params, doseq=True))
    return state, ignored, controls


def _request_query() -> str:
    return request.query_string.decode("utf-8", errors="replace")


def _controls_bar(chart: str, state: State) -> str:
    """``controls=1``: links that switch the metric (map), the scale (subsidies) and the language, and
    one that opens the same view in the app."""
    links = []
    if chart == "map":
        for key, spec in METRICS.items():
            links.append((spec[state.lang], state.with_(metric=key)))
    if chart == "subsidies":
        links += [(t(s, state.lang), state.with_(scale=s)) for s in ("linear", "log")]
    other = "en" if state.lang == "zh" else "zh"
    links.append((t("lang_switch", state.lang), state.with_(lang=other)))
    anchors = [
        f'<a href="/embed/{chart}{html.escape(s.to_query() or "?")}&amp;controls=1">{html.escape(text)}</a>'
        for text, s in links
    ]
    app_link = f'<a href="/{html.escape(state.with_(view=chart).to_query())}" target="_blank" rel="noopener">{html.escape(t("title", state.lang))} ↗</a>'
    return f'<nav class="embed-bar">{"".join(anchors)}{app_link}</nav>'


def _compare_html(agg, state: State) -> str:
    """The compare embed carries the comparison itself (plans, targets, subsidies), not only the timeline."""
    headings, rows = compare_rows(agg, state.compare_regions, state.lang)

    def cell(items: list[str]) -> str:
        return "<td>" + ("<br>".join(html.escape(i) for i in items) if items else "—") + "</td>"

    head = "<tr><th></th>" + "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headings) + "</tr>"
    body = "".join(
        f'<tr><th scope="row">{html.escape(heading)}</th>{"".join(cell(c) for c in cells)}</tr>'
        for heading, cells in rows
    )
    return f'<table class="embed-table"><thead>{head}</thead><tbody>{body}</tbody></table>'


def register_embed(app, app_ctx: AppContext, version: str) -> None:
    agg, data_date = app_ctx.agg, app_ctx.data_date

    @lru_cache(maxsize=32)  # ≤ 32 × ~0.4 MB
    def figure_json(chart: str, state: State) -> str:
        return presented_figure(agg, chart, state, data_date).to_json()

    def embed_page(chart: str, state: State, ignored: list[str], controls: bool) -> str:
        # The figure is cached per state; the page around it is cheap (and carries the ignored names).
        figure = figure_json(chart, state)
        title = state.title or chart_title(agg, chart, state)[0]
        bar = _controls_bar(chart, state) if controls else ""
        if ignored:
            note = html.escape(t("url_note", state.lang) + ", ".join(ignored))
            bar += f'<p class="embed-bar" role="status">{note}</p>'
        after = _compare_html(agg, state) if chart == "compare" else ""
        return html_page(figure, title, plotlyjs_src=plotlyjs.url_path(), extra_body=bar, after_body=after)

    @app.server.route("/embed/<chart>")
    def embed(chart: str):
        if chart not in CHARTS:
            return _plain(404, f"unknown chart: one of {', '.join(CHARTS)}")
        state, ignored, controls = _parse(app_ctx, _request_query())

        def build() -> Response:
            try:
                page = embed_page(chart, state, ignored, controls)
            except ChartError as exc:
                return _plain(400, str(exc))
            except boundaries.GeodataError:  # a boundary file went missing or bad after start-up
                return _plain(503, "the boundaries for this map cannot be read on the server right now")
            allow_inline_scripts(page)  # by their hashes: the same page may be served from a cache
            return Response(page, mimetype="text/html")

        return cacheable(etag_for(version, "embed", chart, state, tuple(ignored), controls), build)


@lru_cache(maxsize=128)  # the provinces, and each province's cities and counties
def outlines_script(name: str, version: str) -> bytes | None:
    """A geometry file as a script that files it where plotly.js looks first (window.PlotlyGeoAssets,
    under the file's own URL): the first map's page loads it beside plotly.js, so the drawing needs no
    fetch and starts at once."""
    found = boundaries.geometry_file(name)
    if found is None or found[0] != version:
        return None
    url = json.dumps(f"/geo/{name}.{version}.json")
    text = json.dumps(found[1].decode("utf-8"), ensure_ascii=False)  # JSON.parse of a string: V8's fast path
    # plotly.js reads PlotlyGeoAssets.topojson once PlotlyGeoAssets exists: never create it without one.
    assets = "(window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}})"
    return f"{assets}[{url}] = JSON.parse({text});\n".encode()


@cache
def plotly_bytes() -> bytes:
    return plotlyjs.script().encode("utf-8")


def register_static(app) -> None:
    """Files the app's page loads by versioned URL, kept a year: the outlines and plotly.js."""

    @app.server.route("/geo/<name>.<version>.json")
    def geometry(name: str, version: str):
        """The map's outlines by URL (boundaries.geometry_path), versioned by content."""
        found = boundaries.geometry_file(name)
        if found is None or found[0] != version:
            return _plain(404, "no such geometry file")
        return versioned_file(f"{name}.{version}.json", found[1], "application/json", LONG_CACHE)

    @app.server.route("/geo/<name>.<version>.js")
    def geometry_script(name: str, version: str):
        body = outlines_script(name, version)
        if body is None:
            return _plain(404, "no such geometry file")
        return versioned_file(f"{name}.{version}.js", body, "application/javascript", LONG_CACHE)

    @app.server.route(plotlyjs.url_path())
    def plotly_script():
        return versioned_file(plotlyjs.url_path(), plotly_bytes(), "application/javascript", LONG_CACHE)


def register_export(app, app_ctx: AppContext, version: str) -> None:
    renderer = ImageRenderer()

    @lru_cache(maxsize=8)  # files up to ~2 MB (offline HTML); keyed on what draws the chart
    def export_bytes(chart: str, state: State, fmt: str) -> bytes:
        return render(app_ctx.agg, chart, state, fmt, app_ctx.data_date, renderer=renderer)

    @app.server.route("/export/<chart>.<fmt>")
    def export_file(chart: str, fmt: str):
        if chart not in CHARTS or fmt not in FORMATS:
            return _plain(404, f"unknown export: /export/<{'|'.join(CHARTS)}>.<{'|'.join(FORMATS)}>")
        state, _, _ = _parse(app_ctx, _request_query())
        drawn = export_state(chart, state)

        def build() -> Response:
            try:
                content = export_bytes(chart, drawn, fmt)
            except ChartError as exc:
                return _plain(400, str(exc))
            except boundaries.GeodataError:  # a boundary file went missing or bad after start-up
                return _plain(503, "the boundaries for this map cannot be read on the server right now")
            except ExportBusy as exc:
                response = _plain(503, str(exc))
                response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
                return response
            except ExportError as exc:
                return _plain(503, str(exc))
            response = Response(content, content_type=FORMATS[fmt])
            response.headers["Content-Disposition"] = f'attachment; filename="{filename(chart, state, fmt)}"'
            return response

        # The file name carries the state beyond what is drawn (the language, the region): part of the tag.
        return cacheable(etag_for(version, "export", chart, drawn, fmt, filename(chart, state, fmt)), build)


def register_gis_downloads(app, app_ctx: AppContext, version: str) -> None:
    """The data view's GIS files (dataset_export.GIS_FILES): the plans joined to the boundaries, built
    with geopandas on the first request for each (never at start-up), cacheable like exports."""

    @lru_cache(maxsize=len(GIS_FILES))
    def file_bytes(name: str) -> bytes:
        fmt, layer = GIS_FILES[name]
        return gis_bytes(app_ctx.agg, fmt, layer)

    @app.server.route("/download/<name>")
    def gis_download(name: str):
        if name not in GIS_FILES:
            return _plain(404, f"no such download: one of {', '.join(GIS_FILES)}")

        def build() -> Response:
            response = Response(file_bytes(name), content_type=GIS_MEDIA_TYPES[GIS_FILES[name][0]])
            response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
            return response

        return cacheable(etag_for(version, "download", name), build)


def register(app, app_ctx: AppContext) -> None:
    version = content_version(app_ctx.agg.dataset.data_dir)
    register_embed(app, app_ctx, version)
    register_export(app, app_ctx, version)
    register_gis_downloads(app, app_ctx, version)
    register_static(app)
