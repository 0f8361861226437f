"""对比 / Compare: two to four regions side by side (plans, target years, targets, subsidies) and their
timeline."""

from __future__ import annotations

from dash import Dash, Input, Output, dcc, html

from dashboard.charts.presets import ChartError
from dashboard.i18n import t
from dashboard.model.aggregates import Aggregates
from dashboard.model.compare import compare_rows
from dashboard.state import State
from dashboard.web.components import (
    GRAPH_CONFIG,
    VALL,
    View,
    ctl,
    dropdown,
    empty_figure,
    field,
    graph_height,
    region_heading,
    region_options,
    vid,
)
from dashboard.web.context import AppContext


def controls(state: State, agg: Aggregates) -> list:
    lang = state.lang
    picker = dropdown(
        lang,
        id=ctl("regions"),
        options=region_options(agg),
        value=state.compare_regions,
        multi=True,
    )
    return [field(t("compare_pick", lang), html.Div([picker, html.Div(id=vid("compare-chosen"))]))]


def content(state: State, agg: Aggregates) -> list:
    return [
        html.Div(id=vid("compare-content")),
        dcc.Loading(dcc.Graph(id=vid("compare-timeline"), config=GRAPH_CONFIG)),
    ]


def _cell(items: list[str], single: bool) -> html.Td:
    if not items:
        return html.Td("—")
    return html.Td(items[0] if single and len(items) == 1 else html.Ul([html.Li(i) for i in items]))


def compare_table(agg: Aggregates, codes: list[str], lang: str) -> html.Table:
    """Two to four regions side by side: plans, target years, targets and subsidies."""
    headings, rows = compare_rows(agg, codes, lang)
    header = html.Tr([html.Th("")] + [html.Th(region_heading(agg, code), scope="col") for code in codes])
    body = [
        html.Tr([html.Th(heading, scope="row"), *(_cell(items, i < 2) for items in cells)])
        for i, (heading, cells) in enumerate(rows)
    ]
    return html.Table([html.Thead(header), html.Tbody(body)], className="compare-table")


def chosen_list(agg: Aggregates, codes: list[str], lang: str) -> html.Ul:
    """The regions being compared, by name: the picker alone shows only the first and a count."""
    return html.Ul([html.Li(region_heading(agg, code)) for code in codes], className="chosen-regions")


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output(VALL("compare-content"), "children"),
        Output(VALL("compare-timeline"), "figure"),
        Output(VALL("compare-timeline"), "style"),
        Output(VALL("compare-chosen"), "children"),
        Input("state", "data"),
    )
    def update_compare(state_data):
        state = app_ctx.state_for("compare", state_data)
        chosen = chosen_list(app_ctx.agg, state.compare_regions, state.lang)
        try:
            fig = app_ctx.figure("compare", state)
        except ChartError as exc:
            return [str(exc)], [empty_figure()], [{"height": "10px"}], [chosen]
        table = compare_table(app_ctx.agg, state.compare_regions, state.lang)
        return [table], [fig], [graph_height(fig)], [chosen]


VIEW = View("compare", controls, content, register)
