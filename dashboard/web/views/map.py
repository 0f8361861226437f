"""地图 / Map: the choropleth of the 34 provincial-level divisions (or a province's cities or counties),
its controls, the region panel beside it and the map as a table below it.

The national map's geometry is sent once; later metric, kind, basis, date, marker and language changes
go out as a ``Patch`` of z values, hover text and colour bar.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache

import orjson
from dash import Dash, Input, Output, Patch, ctx, dcc, html, no_update, set_props
from dash import State as Current
from dash.exceptions import PreventUpdate

from dashboard.charts import map as map_fig
from dashboard.charts import presets
from dashboard.geo import boundaries
from dashboard.i18n import METRICS, t
from dashboard.model.aggregates import Aggregates
from dashboard.state import BASES, KINDS, UNITS, State
from dashboard.web.components import (
    GRAPH_CONFIG,
    VALL,
    View,
    announced_field,
    any_open,
    ctl,
    dropdown,
    enum_options,
    field,
    region_options,
    vid,
)
from dashboard.web.context import AppContext
from dashboard.web.views.map_panel import map_table, region_panel

log = logging.getLogger("dashboard")


# --------------------------------------------------------------------------- layout


def _metric_option(name: str, values, value: str, all_label: str, metric: str, state: State) -> html.Div:
    """A dropdown that refines one map metric (subsidy kind, industry basis), shown only with that metric."""
    lang = state.lang
    menu = dropdown(
        lang,
        id=ctl(name),
        options=enum_options(name, values, lang, all_label),
        value=value,
        clearable=False,
        searchable=False,
    )
    return field(t(name, lang), menu, wrapper_id=vid(f"{name}-field"), hidden=state.metric != metric)


def _date_slider(state: State, months: list[str]) -> html.Div:
    lang = state.lang
    date_index = months.index(state.date) if state.date in months else len(months) - 1
    marks = {i: {"label": m} for i, m in enumerate(months) if m.endswith("-01") or i in (0, len(months) - 1)}
    slider = dcc.Slider(
        id=ctl("date"), min=0, max=len(months) - 1, step=1, value=date_index, marks=marks, included=True
    )
    play = html.Button(t("play", lang), id="play-button", n_clicks=0, className="button")
    return field(
        t("announced_by_date", lang),
        html.Div([slider, play]),
        wrapper_id=vid("date-field"),
        hidden=state.metric != "announced_by",
    )


def controls(state: State, agg: Aggregates) -> list:
    lang = state.lang
    metric = dcc.RadioItems(
        id=ctl("metric"),
        options=[{"label": spec[lang], "value": key} for key, spec in METRICS.items()],
        value=state.metric,
        className="radio-list",
    )
    region = dropdown(
        lang,
        id=ctl("region"),
        options=region_options(agg),
        value=state.region or None,
        placeholder=t("region", lang),
    )
    markers = dcc.Checklist(
        id=ctl("markers"),
        options=[{"label": t("markers", lang), "value": "1"}],
        value=["1"] if state.markers == "1" else [],
        className="check",
    )
    return [
        field(t("metric", lang), metric),
        _metric_option("kind", KINDS, state.kind, t("all_kinds", lang), "max_subsidy_cny", state),
        _metric_option("basis", BASES, state.basis, t("all_bases", lang), "industry_scale_cny", state),
        _date_slider(state, agg.months),
        announced_field(state, agg),
        field(t("select_region", lang), region),
        markers,
        dcc.Input(id=ctl("drill"), type="hidden", value=state.drill),
    ]


def content(state: State, agg: Aggregates) -> list:
    lang = state.lang
    units = html.Div(
        dcc.RadioItems(
            id=ctl("units"),
            options=[{"label": t(f"units_{u}", lang), "value": u} for u in UNITS],
            value=state.units,
            className="radio-inline",
        ),
        id=vid("units-field"),
        className="units-field",
        role="group",
        **{"aria-label": t("units", lang)},
        hidden=not (state.drill and boundaries.has_counties(state.drill)),
    )
    graph = dcc.Graph(
        id=vid("map"), config=GRAPH_CONFIG, className="map-graph", style={"aspectRatio": "4 / 3", "width": "100%"}
    )
    back = html.Button(
        t("back_national", lang), id=vid("back-button"), n_clicks=0, className="button back", hidden=not state.drill
    )
    return [
        back,
        units,
        html.P(t("drill_note", lang), id=vid("drill-note"), className="note", hidden=not state.drill),
        html.Figure(
            [dcc.Loading(graph, type="default"), html.Figcaption(id=vid("map-caption"), className="sr-only")],
            className="map-figure",
        ),
        html.Details(
            [
                html.Summary(t("map_table_caption", lang), id=vid("map-table-toggle"), n_clicks=0),
                html.Div(id=vid("map-table")),
            ],
            className="map-table",
        ),
    ]


def aside(state: State) -> list:
    return [html.Aside(id=vid("panel"), className="panel", **{"aria-live": "polite"})]


# --------------------------------------------------------------------------- the map figure


def map_key(state: State) -> State:
    """The settings the map depends on (``presets.CHART_FIELDS``): each distinct combination is computed
    once (bounded caches). Outside a drill-down the unit switch does not matter."""
    key = presets.chart_state("map", state)
    return key if key.drill else key.with_(units="city")


class MapFigures:
    """The map's figure, its values and its table for each map key, cached; a Patch when only the
    values change under the geometry the page already has."""

    def __init__(self, agg: Aggregates):
        self.agg = agg
        self.parts = lru_cache(maxsize=256)(self._parts)
        self.full = lru_cache(maxsize=16)(self._full)

    def _parts(self, key: State):
        view = presets.map_view(self.agg, key)
        summary, values, metric, _, _ = view
        markers = map_fig.markers_values(presets.shown_markers(self.agg, key), key.lang)
        # What the markers show depends on the year, the date and the language, not on the metric: their
        # digest tells a metric switch it need not send them again.
        digest = hashlib.sha256(orjson.dumps(markers, option=orjson.OPT_SERIALIZE_NUMPY)).hexdigest()[:16]
        return view, map_table(summary, values, metric, key.lang, key.basis), markers, digest

    def _full(self, key: State) -> dict:
        # A plain dict: serialising a go.Figure deep-copies on every response; the dict goes out with orjson.
        # The outlines are a static file (boundaries.geometry_path) the browser fetches once and keeps; the
        # inset draws its provinces from the same file, so they are never sent twice.
        fig = presets.map_figure(self.agg, key, self.parts(key)[0])
        outlines = boundaries.geometry_path(boundaries.geometry_name(key.drill, key.units == "county"))
        choropleths = [i for i, trace in enumerate(fig.data) if trace.type == "choropleth"]
        for i in choropleths:
            fig.data[i].geojson = None
        figure = fig.to_plotly_json()
        for i in choropleths:
            figure["data"][i]["geojson"] = outlines
        return figure

    def output(self, state: State, meta):
        """(figure or Patch, the geometry it carries) for ``state``."""
        key = map_key(state)
        (summary, _, _, _, shown), _, markers, digest = self.parts(key)
        geometry = {"drill": state.drill, "units": key.units}
        new_meta = {**geometry, "markers": digest}
        line = map_fig.outline(list(summary.index), state.region)
        if not isinstance(meta, dict) or {k: meta.get(k) for k in geometry} != geometry:
            # first render or another geometry: the whole figure
            return _with_outline(self.full(key), line), new_meta
        patch = _values_patch(state, summary, shown, markers if meta.get("markers") != digest else None)
        patch["data"][map_fig.MAIN]["marker"]["line"] = line
        return patch, (new_meta if meta != new_meta else no_update)


def _with_outline(figure: dict, line: dict) -> dict:
    """The cached figure with the selected region outlined: shallow copies, the cache stays untouched."""
    data = list(figure["data"])
    main = data[map_fig.MAIN]
    data[map_fig.MAIN] = {**main, "marker": {**main.get("marker", {}), "line": line}}
    return {**figure, "data": data}


def _values_patch(state: State, summary, shown: dict, markers: dict | None) -> Patch:
    """The values of a map whose geometry the page has; the markers only when they changed (``None``: not)."""
    patch = Patch()
    main = patch["data"][map_fig.MAIN]
    main["z"] = shown["z"]
    main["hovertext"] = shown["hovertext"]
    main["colorbar"]["tickvals"] = shown["colorbar"]["tickvals"]
    main["colorbar"]["ticktext"] = shown["colorbar"]["ticktext"]
    main["colorbar"]["title"]["text"] = shown["colorbar"]["title"]["text"]
    dots = patch["data"][map_fig.MARKERS]
    dots["visible"] = state.markers == "1"
    if markers is not None:
        for name in ("lon", "lat", "customdata", "hovertext"):  # the markers follow the year and the date
            dots[name] = markers[name]
        dots["marker"]["size"] = markers["size"]
    if not state.drill:
        inset = map_fig.inset_values(shown, list(summary.index))
        patch["data"][map_fig.INSET_MAP]["z"] = inset["z"]
        patch["data"][map_fig.INSET_MAP]["hovertext"] = inset["hovertext"]
    return patch


# --------------------------------------------------------------------------- callbacks


def _register_map(app: Dash, app_ctx: AppContext) -> None:
    figures = MapFigures(app_ctx.agg)
    figures.full(map_key(State()))  # the first page's map is ready before the first request
    app_ctx.first_map = lambda state: figures.output(state, None)[0]  # the page draws it before Dash starts
    _register_table(app, app_ctx, figures)

    # The figure alone: an answer of plain data goes out through plotly's fast JSON path (orjson); Dash
    # components beside it (the table) would send every coordinate through a Python loop.
    @app.callback(
        Output(VALL("map"), "figure"),
        Output("map-meta", "data", allow_duplicate=True),
        Input("state", "data"),
        Current("map-meta", "data"),
        prevent_initial_call="initial_duplicate",
    )
    def update_map(state_data, meta):
        state = app_ctx.state_for("map", state_data)
        try:
            figure, new_meta = figures.output(state, meta)
        except boundaries.GeodataError as exc:  # a boundary file went missing or bad after start-up
            log.error("%s", exc)
            set_props("error-note", {"children": t("geodata_unavailable", state.lang)})
            return [no_update] * len(ctx.outputs_list[0]), no_update
        return [figure], new_meta

    @app.callback(Output(VALL("map-caption"), "children"), Input("state", "data"))
    def map_caption(state_data):
        """What the map shows, for screen readers: its title and subtitle, as exports carry them."""
        state = app_ctx.state_for("map", state_data)
        title, subtitle = presets.chart_title(app_ctx.agg, "map", state)
        return [t("map_caption", state.lang).format(title=title, subtitle=subtitle.rstrip("。."))]

    @app.callback(
        Output(VALL("kind-field"), "style"),
        Output(VALL("basis-field"), "style"),
        Output(VALL("date-field"), "style"),
        Output(VALL("back-button"), "hidden"),
        Output(VALL("drill-note"), "hidden"),
        Output(VALL("units-field"), "hidden"),
        Input("state", "data"),
        Current(VALL("kind-field"), "style"),
    )
    def map_controls(state_data, present):
        state = app_ctx.state(state_data)
        shown, hidden = {}, {"display": "none"}
        n = len(present)
        return (
            [shown if state.metric == "max_subsidy_cny" else hidden] * n,
            [shown if state.metric == "industry_scale_cny" else hidden] * n,
            [shown if state.metric == "announced_by" else hidden] * n,
            [not state.drill] * n,
            [not state.drill] * n,
            [not (state.drill and boundaries.has_counties(state.drill))] * n,
        )


def _register_table(app: Dash, app_ctx: AppContext, figures: MapFigures) -> None:
    @app.callback(
        Output(VALL("map-table"), "children"), Input("state", "data"), Input(VALL("map-table-toggle"), "n_clicks")
    )
    def update_map_table(state_data, toggles):
        """The map as a table (its text alternative), from the same cached values as the figure; sent only
        while it is open (an odd number of clicks or key presses on its summary), so a metric switch with
        the table closed carries the figure's patch alone."""
        if not any_open(toggles):
            raise PreventUpdate
        state = app_ctx.state_for("map", state_data)
        try:
            return [figures.parts(map_key(state))[1]]
        except boundaries.GeodataError:  # told once, by the map's callback
            raise PreventUpdate from None


def _register_navigation(app: Dash, app_ctx: AppContext) -> None:
    """A click on a region picks it; the drill button opens its province; back returns to the nation."""

    @app.callback(Output(ctl("region"), "value"), Input(VALL("map"), "clickData"), prevent_initial_call=True)
    def map_click(clicks):
        click = clicks[0] if isinstance(clicks, list) and clicks else None
        points = click.get("points") if isinstance(click, dict) else None
        point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
        code = point.get("customdata") or point.get("location")
        if not isinstance(code, str) or code not in app_ctx.places:
            raise PreventUpdate
        return code

    @app.callback(
        Output(ctl("drill"), "value"),
        Input("drill-button", "n_clicks"),
        Current("state", "data"),
        prevent_initial_call=True,
    )
    def drill_in(clicks, state_data):
        province = app_ctx.state(state_data).region[:2] + "0000"
        if not clicks or province not in app_ctx.drillable:
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


def _register_panel(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output(VALL("panel"), "children"),
        Output("panel-meta", "data", allow_duplicate=True),
        Input("state", "data"),
        Current("panel-meta", "data"),
        prevent_initial_call="initial_duplicate",
    )
    def update_panel(state_data, meta):
        state = app_ctx.state_for("map", state_data)
        key = {"region": state.region, "lang": state.lang, "drill": state.drill}
        if meta == key:
            raise PreventUpdate
        can_drill = state.region in app_ctx.drillable and state.drill != state.region
        return [region_panel(app_ctx.agg, state.region, state.lang, can_drill)], key


def _register_player(app: Dash, app_ctx: AppContext) -> None:
    """▶ plays the month slider: one month per tick until the last, then stops."""

    @app.callback(
        Output("player", "disabled"),
        Output("play-button", "children"),
        Input("play-button", "n_clicks"),
        Current("player", "disabled"),
        Current("state", "data"),
        prevent_initial_call=True,
    )
    def toggle_play(clicks, disabled, state_data):
        if not clicks:  # the button was just rendered, not pressed
            raise PreventUpdate
        lang = app_ctx.state(state_data).lang
        playing = bool(disabled)  # a click flips it
        return not playing, t("pause" if playing else "play", lang)

    @app.callback(
        Output(ctl("date"), "value"),
        Output("player", "disabled", allow_duplicate=True),
        Input("player", "n_intervals"),
        Current(ctl("date"), "value"),
        prevent_initial_call=True,
    )
    def advance(_ticks, index):
        last = len(app_ctx.agg.months) - 1
        index = 0 if not isinstance(index, int) or index >= last else max(0, index) + 1
        return index, index >= last


def register(app: Dash, app_ctx: AppContext) -> None:
    _register_map(app, app_ctx)
    _register_navigation(app, app_ctx)
    _register_panel(app, app_ctx)
    _register_player(app, app_ctx)


VIEW = View("map", controls, content, register, aside)
