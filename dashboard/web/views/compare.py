"""对比 / Compare: two to four regions side by side (plans, target years, targets, subsidies) and their
timeline."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.charts.presets import ChartError
from dashboard.i18n import METRICS, basis_tag, format_target, format_value, label, t
from dashboard.model.aggregates import Aggregates
from dashboard.model.regions import plans_of_region, region_title
from dashboard.model.subsidy_text import conditions
from dashboard.state import State
from dashboard.web.components import (
    GRAPH_CONFIG,
    VALL,
    View,
    ctl,
    empty_figure,
    field,
    graph_height,
    region_options,
    vid,
)
from dashboard.web.context import AppContext


def controls(state: State, agg: Aggregates) -> list:
    lang = state.lang
    picker = dcc.Dropdown(id=ctl("regions"), options=region_options(agg, lang), value=state.compare_regions, multi=True)
    return [field(t("compare_pick", lang), picker)]


def content(state: State, agg: Aggregates) -> list:
    return [
        html.Div(id=vid("compare-content")),
        dcc.Loading(dcc.Graph(id=vid("compare-timeline"), config=GRAPH_CONFIG)),
    ]


def _cell_list(items: list[str]) -> html.Td:
    return html.Td(html.Ul([html.Li(i) for i in items]) if items else "—")


def _target_text(row, lang: str) -> str:
    value_max = None if pd.isna(row.value_max) else row.value_max
    year = f" ({int(row.year)})" if pd.notna(row.year) else ""
    subject = row.subject_zh if lang == "zh" else row.description_en
    return f"{subject}: {format_target(row.value, value_max, row.unit, row.qualifier, lang)}{year}{basis_tag(row.basis, lang)}"


def compare_table(agg: Aggregates, codes: list[str], lang: str) -> html.Table:
    """Two to four regions side by side: plans, target years, targets and subsidies."""
    header = html.Tr([html.Th("")] + [html.Th(region_title(agg, code, lang), scope="col") for code in codes])
    plans_by_code = [plans_of_region(agg, code) for code in codes]

    def row(heading: str, cells: list) -> html.Tr:
        return html.Tr([html.Th(heading, scope="row"), *cells])

    def latest_year(plans) -> str:
        return format_value(plans["target_year"].max(), "year", lang) if plans["target_year"].notna().any() else "—"

    def announced(plans) -> list[str]:
        return [
            f"{a or t('date_unknown', lang)} 《{ti}》"
            for a, ti in zip(plans["announced"], plans["title_zh"], strict=True)
        ]

    def targets(plans) -> list[str]:
        return [_target_text(r, lang) for r in agg.targets[agg.targets["plan_id"].isin(plans["plan_id"])].itertuples()]

    def subsidies(plans) -> list[str]:
        rows = agg.subsidies[agg.subsidies["plan_id"].isin(plans["plan_id"])]
        return [f"{label('kind', r['kind'], lang)}: {conditions(r, lang)}" for _, r in rows.iterrows()]

    rows = [
        row(METRICS["plan_count"][lang], [html.Td(str(len(p))) for p in plans_by_code]),
        row(METRICS["latest_target_year"][lang], [html.Td(latest_year(p)) for p in plans_by_code]),
        row(t("announced", lang), [_cell_list(announced(p)) for p in plans_by_code]),
        row(t("targets", lang), [_cell_list(targets(p)) for p in plans_by_code]),
        row(t("subsidies", lang), [_cell_list(subsidies(p)) for p in plans_by_code]),
    ]
    return html.Table([html.Thead(header), html.Tbody(rows)], className="compare-table")


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output(VALL("compare-content"), "children"),
        Output(VALL("compare-timeline"), "figure"),
        Output(VALL("compare-timeline"), "style"),
        Input("state", "data"),
    )
    def update_compare(state_data):
        state = app_ctx.state(state_data)
        if state.view != "compare":
            raise PreventUpdate
        try:
            fig = app_ctx.figure("compare", state)
        except ChartError as exc:
            return [str(exc)], [empty_figure()], [{"height": "10px"}]
        return [compare_table(app_ctx.agg, state.compare_regions, state.lang)], [fig], [graph_height(fig)]


VIEW = View("compare", controls, content, register)
