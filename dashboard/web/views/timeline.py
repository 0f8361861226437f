"""时间线 / Timeline: every plan from announcement to the end of its target year, grouped by province,
filtered by province, level and document type."""

from __future__ import annotations

from dash import Dash, Input, Output, dcc, html

from dashboard.i18n import t
from dashboard.model.aggregates import Aggregates
from dashboard.state import DOC_TYPES, LEVELS, State
from dashboard.web.components import (
    GRAPH_CONFIG,
    VALL,
    View,
    announced_field,
    ctl,
    dropdown,
    enum_dropdown,
    field,
    graph_height,
    place_option,
    vid,
)
from dashboard.web.context import AppContext


def controls(state: State, agg: Aggregates) -> list:
    lang = state.lang
    provinces = agg.province_summary.dropna(subset=["plan_count"])
    province = dropdown(
        lang,
        id=ctl("province"),
        options=[place_option(r.name_zh, r.name_en, c) for c, r in provinces.iterrows()],
        value=state.province or None,
        placeholder=t("all", lang),
    )
    return [
        field(t("province", lang), province),
        enum_dropdown("level", "level", LEVELS, state.level, lang),
        enum_dropdown("doctype", "doc_type", DOC_TYPES, state.doctype, lang),
        announced_field(state, agg),
    ]


def content(state: State, agg: Aggregates) -> list:
    return [
        html.H2(t("timeline_title", state.lang), id=vid("timeline-title")),
        dcc.Loading(dcc.Graph(id=vid("timeline"), config=GRAPH_CONFIG)),
        html.P(id=vid("timeline-note"), className="note"),
    ]


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output(VALL("timeline"), "figure"),
        Output(VALL("timeline"), "style"),
        Output(VALL("timeline-note"), "children"),
        Output(VALL("timeline-title"), "children"),
        Input("state", "data"),
    )
    def update_timeline(state_data):
        state = app_ctx.state_for("timeline", state_data)
        fig = app_ctx.figure("timeline", state)
        undated = fig.layout.meta["undated"] if fig.layout.meta else 0
        note = f"{undated} {t('undated', state.lang)}" if undated else ""
        return [fig], [graph_height(fig)], [note], [app_ctx.title("timeline", state)]


VIEW = View("timeline", controls, content, register)
