"""Thin callbacks: URL ⇄ state ⇄ controls, and each view filled from the state by pure builders.

The URL query is the single source of truth. Controls write it (``controls_to_url``); ``route`` reads it,
rebuilding the page shell only when the view or language changes or when the URL came from outside
(a pasted link, back/forward). The national map's geometry is sent once; later metric, kind, date, marker
and language changes go out as a ``Patch`` of z values, hover text and colour bar.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
from dataclasses import fields
from functools import lru_cache
from urllib.parse import urlencode, urlsplit

import flask
import pandas as pd
from dash import ALL, Dash, Input, Output, Patch, State, ctx, html, no_update, set_props
from dash.exceptions import PreventUpdate

from dashboard import charts, geo
from dashboard.csvfile import csv_text
from dashboard.export_data import dataset_json
from dashboard.figures import map as map_fig
from dashboard.i18n import t
from dashboard.layout import ctl, shell, vid
from dashboard.metrics import Aggregates
from dashboard.panels import calculator_panel, region_panel
from dashboard.state import State as ViewState
from dashboard.state import format_number, parse_query
from dashboard.tables import compare_table, data_records, map_table, sources_list, subsidy_rows, subsidy_table

log = logging.getLogger("dashboard")


def VALL(name: str) -> dict:  # noqa: N802 - reads like the ALL wildcard it wraps
    """All components of one view-only id (none when its view is not on the page)."""
    return {**vid(name), "i": ALL}


STATE_FIELDS = frozenset(f.name for f in fields(ViewState))


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def control_values(refs: list, values: list) -> dict:
    """Control name → value, for the state fields among the controls a request names."""
    named = {}
    for ref, value in zip(refs, values, strict=False):
        control_id = ref.get("id") if isinstance(ref, dict) else None
        name = control_id.get("name") if isinstance(control_id, dict) else None
        if isinstance(name, str) and name in STATE_FIELDS:
            named[name] = value
    return named


def state_from_controls(state: ViewState, controls: dict, months: list[str]) -> ViewState:
    """Fold the current control values into the state (controls not on the page keep their state).

    Values arrive from the browser: anything of the wrong type counts as empty. The URL this makes is
    validated again when it is read (``route``)."""
    changes: dict[str, str] = {}
    for name, value in controls.items():
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        if number is not None and not math.isfinite(number):
            number = None
        if name == "date":
            index = int(number) if number is not None else len(months) - 1
            changes["date"] = "" if index >= len(months) - 1 else months[max(0, index)]
        elif name == "markers":
            changes["markers"] = "1" if "1" in _strings(value) else "0"
        elif name == "regions":
            changes["regions"] = ",".join(_strings(value)[:4])
        elif name == "profiles":
            changes["profiles"] = ",".join(_strings(value))
        elif number is not None:
            changes[name] = format_number(number)
        else:
            changes[name] = value if isinstance(value, str) else ""
    if changes.get("view") and changes["view"] != state.view:
        # Controls of the view being left are still on the page: keep only the switch itself.
        return state.with_(view=changes["view"])
    if "lang" in changes and changes["lang"] != state.lang:
        return state.with_(lang=changes["lang"])
    new = state.with_(**changes)
    if new.region and new.drill and new.region[:2] != new.drill[:2]:
        new = new.with_(drill="")
    defaults = ViewState()
    for name in ("kind", "basis", "level", "doctype", "scale", "table", "metric"):
        if getattr(new, name) == "":
            new = new.with_(**{name: getattr(defaults, name)})
    return new


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
PUBLIC_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(:\d+)?(/[A-Za-z0-9._~/\-]*)?")


def public_origin() -> str:
    """The address embed code points to: METAVERSE_MAP_PUBLIC_URL when the server is public (a request's
    Host header is the client's to choose), else this request's own origin on a loopback address, else
    none (relative links)."""
    configured = os.environ.get("METAVERSE_MAP_PUBLIC_URL", "").strip().rstrip("/")
    if PUBLIC_URL.fullmatch(configured):
        return configured
    try:
        host = urlsplit("//" + flask.request.host)
        loopback = host.hostname in LOOPBACK_HOSTS
    except ValueError:  # a malformed Host header
        return ""
    return flask.request.host_url.rstrip("/") if loopback else ""


def register(app: Dash, agg: Aggregates, data_date: str) -> None:
    all_places = set(agg.places)
    drillable = {code for code in agg.province_codes if geo.has_subdivisions(code)}

    def _state(data) -> ViewState:
        """The view state a request carries, validated again like a URL: a request may carry anything."""
        if not isinstance(data, dict):
            return ViewState()
        query = urlencode({k: v for k, v in data.items() if k in STATE_FIELDS and isinstance(v, str)})
        return parse_query(query, all_places, drillable, agg.months)[0]

    @app.callback(
        Output("state", "data"),
        Output("shell", "children"),
        Output("rendered", "data"),
        Output("url-note", "children"),
        Output("map-meta", "data"),
        Output("player", "disabled"),
        Output("panel-meta", "data"),
        Output("error-note", "children"),  # a new URL clears the note of a failed step
        Input("url", "search"),
        State("last-pushed", "data"),
        State("rendered", "data"),
    )
    def route(search, last_pushed, rendered):
        search = search if isinstance(search, str) else ""
        state, ignored = parse_query(search, all_places, drillable, agg.months)
        note = f"{t('url_note', state.lang)}{', '.join(ignored)}" if ignored else ""
        key = {"view": state.view, "lang": state.lang}
        if rendered == key and (search or "") == (last_pushed or ""):
            return state.__dict__, no_update, no_update, note, no_update, no_update, no_update, ""
        return state.__dict__, shell(state, agg, data_date), key, note, None, True, None, ""

    @app.callback(
        Output("url", "search"),
        Output("last-pushed", "data"),
        Input({"type": "ctl", "name": ALL}, "value"),
        State("state", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def controls_to_url(values, state_data, search):
        if state_data is None:
            raise PreventUpdate
        controls = control_values(ctx.inputs_list[0], values)
        new = state_from_controls(_state(state_data), controls, agg.months)
        query = new.to_query()
        if query == (search or ""):
            raise PreventUpdate
        return query, query

    @app.callback(
        Output(ctl("region"), "value"),
        Input(VALL("map"), "clickData"),
        prevent_initial_call=True,
    )
    def map_click(clicks):
        click = clicks[0] if isinstance(clicks, list) and clicks else None
        points = click.get("points") if isinstance(click, dict) else None
        point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
        code = point.get("customdata") or point.get("location")
        if not isinstance(code, str) or code not in all_places:
            raise PreventUpdate
        return code

    @app.callback(
        Output(ctl("drill"), "value"),
        Input("drill-button", "n_clicks"),
        State("state", "data"),
        prevent_initial_call=True,
    )
    def drill_in(clicks, state_data):
        province = _state(state_data).region[:2] + "0000"
        if not clicks or province not in drillable:
            raise PreventUpdate
        return province

    @app.callback(
        Output(ctl("drill"), "value", allow_duplicate=True),
        Input(VALL("back-button"), "n_clicks"),
        prevent_initial_call=True,
    )
    def drill_out(clicks):
        if not isinstance(clicks, list) or not any(isinstance(c, int) and c > 0 for c in clicks):
            raise PreventUpdate
        return ""

    @app.callback(
        Output(VALL("kind-field"), "style"),
        Output(VALL("basis-field"), "style"),
        Output(VALL("date-field"), "style"),
        Output(VALL("back-button"), "hidden"),
        Output(VALL("drill-note"), "hidden"),
        Output(VALL("units-field"), "hidden"),
        Input("state", "data"),
        State(VALL("kind-field"), "style"),
    )
    def map_controls(state_data, present):
        state = _state(state_data)
        shown, hidden = {}, {"display": "none"}
        n = len(present)
        return (
            [shown if state.metric == "max_subsidy_cny" else hidden] * n,
            [shown if state.metric == "industry_scale_cny" else hidden] * n,
            [shown if state.metric == "announced_by" else hidden] * n,
            [not state.drill] * n,
            [not state.drill] * n,
            [not (state.drill and geo.has_counties(state.drill))] * n,
        )

    @app.callback(
        Output(VALL("map"), "figure"),
        Output("map-meta", "data", allow_duplicate=True),
        Output(VALL("map-table"), "children"),
        Input("state", "data"),
        State("map-meta", "data"),
        prevent_initial_call="initial_duplicate",
    )
    def update_map(state_data, meta):
        state = _state(state_data)
        if state.view != "map":
            raise PreventUpdate
        try:
            figure, new_meta, table = _map_output(state, meta)
        except geo.GeodataError as exc:  # a boundary file went missing or bad after start-up
            log.error("%s", exc)
            set_props("error-note", {"children": t("geodata_unavailable", state.lang)})
            return [no_update] * len(ctx.outputs_list[0]), no_update, [no_update] * len(ctx.outputs_list[2])
        return [figure], new_meta, [table]

    # The map depends on these settings only; each distinct combination is computed once (bounded caches).
    def map_key(state: ViewState) -> ViewState:
        return ViewState(
            metric=state.metric,
            kind=state.kind,
            basis=state.basis,
            date=state.date,
            drill=state.drill,
            units=state.units if state.drill else "city",
            lang=state.lang,
            markers=state.markers,
        )

    @lru_cache(maxsize=256)
    def map_parts(key: ViewState):
        view = charts.map_view(agg, key)
        summary, values, metric, _, _ = view
        return view, map_table(summary, values, metric, key.lang, key.basis)

    @lru_cache(maxsize=16)
    def full_map(key: ViewState) -> dict:
        # A plain dict: serialising a go.Figure deep-copies the geometry on every response (~40 ms);
        # the dict goes out in ~2 ms with orjson. Its geometry is the loaded GeoJSON itself, shared by
        # every cached figure, so the cache holds z values and text, not 16 copies of the borders.
        fig = charts.map_figure(agg, key, map_parts(key)[0])
        geometry = {i: trace.geojson for i, trace in enumerate(fig.data) if trace.type == "choropleth"}
        for i in geometry:
            fig.data[i].geojson = None
        figure = fig.to_plotly_json()
        for i, geojson in geometry.items():
            figure["data"][i]["geojson"] = geojson
        return figure

    full_map(map_key(ViewState()))  # the first page's map is ready before the first request

    def _map_output(state: ViewState, meta):
        key = map_key(state)
        (summary, _, _, _, shown), table = map_parts(key)
        new_meta = {"drill": state.drill, "units": key.units}
        if meta != new_meta:  # first render or another geometry: the whole figure
            return full_map(key), new_meta, table
        show_markers = state.markers == "1"
        patch = Patch()
        patch["data"][map_fig.MAIN]["z"] = shown["z"]
        patch["data"][map_fig.MAIN]["hovertext"] = shown["hovertext"]
        patch["data"][map_fig.MAIN]["colorbar"]["tickvals"] = shown["colorbar"]["tickvals"]
        patch["data"][map_fig.MAIN]["colorbar"]["ticktext"] = shown["colorbar"]["ticktext"]
        patch["data"][map_fig.MAIN]["colorbar"]["title"]["text"] = shown["colorbar"]["title"]["text"]
        patch["data"][map_fig.MARKERS]["visible"] = show_markers
        if not state.drill:
            inset = map_fig.inset_values(shown, list(summary.index))
            patch["data"][map_fig.INSET_MAP]["z"] = inset["z"]
            patch["data"][map_fig.INSET_MAP]["hovertext"] = inset["hovertext"]
        return patch, no_update, table

    @app.callback(
        Output(VALL("panel"), "children"),
        Output("panel-meta", "data", allow_duplicate=True),
        Input("state", "data"),
        State("panel-meta", "data"),
        prevent_initial_call="initial_duplicate",
    )
    def update_panel(state_data, meta):
        state = _state(state_data)
        if state.view != "map":
            raise PreventUpdate
        key = {"region": state.region, "lang": state.lang, "drill": state.drill}
        if meta == key:
            raise PreventUpdate
        can_drill = state.region in drillable and state.drill != state.region
        return [region_panel(agg, state.region, state.lang, can_drill)], key

    @app.callback(
        Output("player", "disabled"),
        Output("play-button", "children"),
        Input("play-button", "n_clicks"),
        State("player", "disabled"),
        State("state", "data"),
        prevent_initial_call=True,
    )
    def toggle_play(clicks, disabled, state_data):
        if not clicks:  # the button was just rendered, not pressed
            raise PreventUpdate
        lang = _state(state_data).lang
        playing = bool(disabled)  # a click flips it
        return not playing, t("pause" if playing else "play", lang)

    @app.callback(
        Output(ctl("date"), "value"),
        Output("player", "disabled", allow_duplicate=True),
        Input("player", "n_intervals"),
        State(ctl("date"), "value"),
        prevent_initial_call=True,
    )
    def advance(_ticks, index):
        last = len(agg.months) - 1
        index = 0 if not isinstance(index, int) or index >= last else max(0, index) + 1
        return index, index >= last

    # Each chart for each distinct drawing state is built once (bounded): a repeated view costs a lookup.
    @lru_cache(maxsize=64)
    def view_figure(chart: str, key: ViewState):
        return charts.chart_figure(agg, chart, key)

    def figure_for(chart: str, state: ViewState):
        return view_figure(chart, charts.chart_state(chart, state))

    @app.callback(
        Output(VALL("timeline"), "figure"),
        Output(VALL("timeline"), "style"),
        Output(VALL("timeline-note"), "children"),
        Input("state", "data"),
    )
    def update_timeline(state_data):
        state = _state(state_data)
        if state.view != "timeline":
            raise PreventUpdate
        fig = figure_for("timeline", state)
        undated = fig.layout.meta["undated"] if fig.layout.meta else 0
        return [fig], [_height(fig)], [f"{undated} {t('undated', state.lang)}" if undated else ""]

    @app.callback(
        Output(VALL("subsidy-chart"), "figure"),
        Output(VALL("subsidy-chart"), "style"),
        Output(VALL("subsidy-table"), "columns"),
        Output(VALL("subsidy-table"), "data"),
        Input("state", "data"),
    )
    def update_subsidies(state_data):
        state = _state(state_data)
        if state.view != "subsidies":
            raise PreventUpdate
        rows = subsidy_rows(agg, state.kind, state.lang)
        columns, records = subsidy_table(rows, state.lang)
        fig = figure_for("subsidies", state)
        return [fig], [_height(fig)], [columns], [records]

    @app.callback(
        Output(VALL("calc-results"), "children"),
        Input("state", "data"),
    )
    def update_calculator(state_data):
        state = _state(state_data)
        if state.view != "subsidies":
            raise PreventUpdate
        return [calculator_panel(agg, state)]

    @app.callback(
        Output(VALL("compare-content"), "children"),
        Output(VALL("compare-timeline"), "figure"),
        Output(VALL("compare-timeline"), "style"),
        Input("state", "data"),
    )
    def update_compare(state_data):
        state = _state(state_data)
        if state.view != "compare":
            raise PreventUpdate
        try:
            fig = figure_for("compare", state)
        except charts.ChartError as exc:
            return [str(exc)], [_empty_figure()], [{"height": "10px"}]
        codes = state.compare_regions
        return [compare_table(agg, codes, state.lang)], [fig], [_height(fig)]

    @app.callback(
        Output(VALL("data-table"), "columns"),
        Output(VALL("data-table"), "data"),
        Output(VALL("data-table"), "tooltip_data"),
        Output(VALL("sources-list"), "children"),
        Input("state", "data"),
    )
    def update_data(state_data):
        state = _state(state_data)
        if state.view != "data":
            raise PreventUpdate
        columns, records = data_records(agg, state.table, state.q)
        # Long cells are cut to one line; the full text shows on hover.
        tooltips = [
            {k: {"value": str(v), "type": "text"} for k, v in r.items() if isinstance(v, str) and len(v) > 20}
            for r in records
        ]
        return [columns], [records], [tooltips], [sources_list(agg, state.lang)]

    @app.callback(
        Output(VALL("embed-code"), "value"),
        Output(VALL("download-links"), "children"),
        Input("state", "data"),
    )
    def share(state_data):
        state = _state(state_data)
        if state.view == "data":
            raise PreventUpdate
        origin = public_origin()
        query = state.with_(view=ViewState().view).to_query()
        code = (
            f'<iframe src="{origin}/embed/{state.view}{query}" title="{t("title", state.lang)}" '
            'width="100%" height="600" style="border:0" loading="lazy"></iframe>'
        )
        names = {"png": "PNG (2×)", "svg": "SVG", "html": "HTML", "csv": t("chart_data_csv", state.lang)}
        links = html.Ul(
            [
                html.Li(html.A(text, href=f"/export/{state.view}.{fmt}{query}", download=""))
                for fmt, text in names.items()
            ]
        )
        return [code], [links]

    @app.callback(
        Output("download", "data"),
        Input("download-csv-filtered", "n_clicks"),
        Input("download-json-filtered", "n_clicks"),
        Input("download-csv-all", "n_clicks"),
        Input("download-json-all", "n_clicks"),
        State(VALL("data-table"), "derived_virtual_indices"),
        State("state", "data"),
        prevent_initial_call=True,
    )
    def download(_a, _b, _c, _d, indices, state_data):
        state = _state(state_data)
        which = ctx.triggered_id or ""
        if which.endswith("-all"):
            if which.startswith("download-json"):
                text = json.dumps(dataset_json(agg.dataset), ensure_ascii=False, indent=2)
                return {"content": text, "filename": "china-metaverse-plans.json", "type": "application/json"}
            frame = getattr(agg.dataset, state.table)
            return {"content": csv_text(frame, bom=True), "filename": f"{state.table}.csv", "type": "text/csv"}
        # The rows are rebuilt here from the dataset and the URL state (table, search); the browser only
        # says which of them its column filters and sort keep, and in what order: never their content.
        columns, records = data_records(agg, state.table, state.q)
        rows = [
            records[i]
            for i in visible_rows(indices[0] if isinstance(indices, list) and indices else None, len(records))
        ]
        if which.startswith("download-json"):
            text = json.dumps({state.table: rows}, ensure_ascii=False, indent=2)
            return {"content": text, "filename": f"{state.table}-filtered.json", "type": "application/json"}
        frame = pd.DataFrame(rows, columns=[c["id"] for c in columns])
        return {"content": csv_text(frame, bom=True), "filename": f"{state.table}-filtered.csv", "type": "text/csv"}


def visible_rows(indices, count: int) -> list[int]:
    """The row positions a table's filters and sort show, as the browser reports them: whole numbers in
    range, each once, at most ``count`` of them; anything else means every row in table order."""
    if not isinstance(indices, list) or len(indices) > count:
        return list(range(count))
    seen: set[int] = set()
    out = []
    for i in indices:
        if type(i) is not int or not 0 <= i < count or i in seen:
            return list(range(count))
        seen.add(i)
        out.append(i)
    return out


def _height(fig) -> dict:
    """Charts whose height grows with their rows: size the graph to the figure (width stays fluid)."""
    return {"height": f"{fig.layout.height}px"}


def _empty_figure():
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=200, paper_bgcolor="#ffffff")
    return fig
