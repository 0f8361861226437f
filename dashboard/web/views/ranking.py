"""排名 / Ranking: who set what, for which year. Regions ranked by one target metric, filtered by target
year, basis, document status, level and announcement year, with highlighted regions kept in view; the
ranking as a chart and as a table."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output, dash_table, dcc, html

from dashboard.charts.presets import ranking_filter
from dashboard.charts.ranking import value_text
from dashboard.i18n import label, t
from dashboard.model.aggregates import Aggregates
from dashboard.model.ranking import ranking_rows
from dashboard.model.regions import region_name
from dashboard.state import BASES, LEVELS, STATUSES, TARGET_METRICS, State
from dashboard.web.components import (
    GRAPH_CONFIG,
    TABLE_HEADER_STYLE,
    VALL,
    View,
    announced_field,
    ctl,
    dropdown,
    enum_dropdown,
    enum_options,
    field,
    graph_height,
    region_options,
    vid,
)
from dashboard.web.context import AppContext

TARGET_YEARS = ("2024", "2025", "2026", "2027")


def controls(state: State, agg: Aggregates) -> list:
    lang = state.lang
    target = dropdown(
        lang,
        id=ctl("target"),
        options=[{"label": label("target_metric", m, lang), "value": m} for m in TARGET_METRICS],
        value=state.target,
        clearable=False,
    )
    years = dropdown(
        lang,
        id=ctl("year"),
        options=[{"label": t("any_year", lang), "value": ""}] + [{"label": y, "value": y} for y in TARGET_YEARS],
        value=state.year if state.year in TARGET_YEARS else "",
        clearable=False,
        searchable=False,
    )
    basis = dropdown(
        lang,
        id=ctl("basis"), options=enum_options("basis", BASES, lang, t("all_bases", lang)), value=state.basis,
        clearable=False, searchable=False,
    )  # fmt: skip
    status = dropdown(
        lang,
        id=ctl("status"),
        options=enum_options("status", STATUSES, lang, t("all", lang)),
        value=state.status,
        clearable=False,
        searchable=False,
    )
    highlight = dropdown(
        lang,
        id=ctl("highlight"), options=region_options(agg), value=state.highlighted, multi=True,
        placeholder=t("highlight", lang),
    )  # fmt: skip
    hidden = state.target != "industry_scale_cny"
    return [
        field(t("target_metric", lang), target),
        field(t("target_year", lang), years),
        field(t("basis", lang), basis, wrapper_id=vid("rank-basis-field"), hidden=hidden),
        field(t("doc_status", lang), status),
        enum_dropdown("level", "level", LEVELS, state.level, lang),
        announced_field(state, agg),
        field(t("highlight", lang), highlight),
    ]


def content(state: State, agg: Aggregates) -> list:
    lang = state.lang
    table = dash_table.DataTable(
        id=vid("ranking-table"),
        sort_action="native",
        style_table={"overflowX": "auto"},
        style_cell={"fontFamily": "inherit", "fontSize": "0.85rem", "textAlign": "left", "whiteSpace": "normal",
                    "maxWidth": "360px"},
        style_header=TABLE_HEADER_STYLE,
    )  # fmt: skip
    return [
        html.H2(id=vid("ranking-title")),
        html.P(t("ranking_help", lang), className="note"),
        dcc.Loading(dcc.Graph(id=vid("ranking"), config=GRAPH_CONFIG)),
        html.H3(t("ranking_table", lang)),
        table,
    ]


def ranking_table(agg: Aggregates, state: State) -> tuple[list[dict], list[dict]]:
    """The ranking as DataTable columns and records: the same rows as the chart, with the quote."""
    lang = state.lang
    rows = ranking_rows(agg, ranking_filter(state))
    keys = ("rank", "region", "value", "basis", "plan", "doc_status", "announced", "quote", "source")
    columns = [{"id": key, "name": t("quote_note" if key == "quote" else key, lang)} for key in keys]
    records = []
    rank = 0
    for row in rows.itertuples():
        rank += 1 if row.stated else 0
        records.append(
            {
                "rank": rank if row.stated else None,
                "region": region_name(agg, row.region_code, lang),
                "value": value_text(row, lang) if row.stated else t("no_target_stated", lang),
                "basis": label("basis", row.basis, lang) if isinstance(row.basis, str) and row.basis else "",
                "plan": (f"{row.title_en} (translation) 《{row.title_zh}》" if lang == "en" else f"《{row.title_zh}》")
                if row.stated
                else "",
                "doc_status": label("status", row.status, lang) if row.stated else "",
                "announced": row.announced if isinstance(row.announced, str) else "",
                "quote": row.quote if row.stated else "",
                "source": row.source_id if row.stated and not pd.isna(row.source_id) else "",
            }
        )
    return columns, records


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output(VALL("ranking"), "figure"),
        Output(VALL("ranking"), "style"),
        Output(VALL("ranking-title"), "children"),
        Output(VALL("ranking-table"), "columns"),
        Output(VALL("ranking-table"), "data"),
        Output(VALL("rank-basis-field"), "style"),
        Input("state", "data"),
    )
    def update_ranking(state_data):
        state = app_ctx.state_for("ranking", state_data)
        fig = app_ctx.figure("ranking", state)
        columns, records = ranking_table(app_ctx.agg, state)
        title = app_ctx.title("ranking", state)
        basis_style = {} if state.target == "industry_scale_cny" else {"display": "none"}
        return [fig], [graph_height(fig)], [title], [columns], [records], [basis_style]


VIEW = View("ranking", controls, content, register)
