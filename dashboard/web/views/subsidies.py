"""补贴 / Subsidies: the calculator (what a firm could receive, region by region, under each plan's own
rules), then every subsidy with a stated amount as a chart and a sortable table."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output, dash_table, dcc, html

from dashboard.charts.subsidies import calculator_chart
from dashboard.i18n import format_cny, label, t
from dashboard.model.aggregates import Aggregates
from dashboard.model.calculator import Firm, InputError, calculate
from dashboard.model.regions import subsidy_rows
from dashboard.model.subsidy_text import conditions
from dashboard.state import KINDS, PROFILES, State
from dashboard.web.components import (
    GRAPH_CONFIG,
    TABLE_HEADER_STYLE,
    VALL,
    View,
    ctl,
    dropdown,
    enum_dropdown,
    field,
    graph_height,
    in_chinese,
    vid,
)
from dashboard.web.context import AppContext

# --------------------------------------------------------------------------- layout


def _number(name: str, value: str, low: float, high: float, step: float) -> dcc.Input:
    return dcc.Input(
        id=ctl(name), type="number", min=low, max=high, step=step, value=float(value) if value else None, debounce=True
    )


def _calculator_controls(state: State) -> list:
    lang = state.lang
    years = dropdown(
        lang,
        id=ctl("years"),
        options=[{"label": str(y), "value": str(y)} for y in range(1, 6)],
        value=state.years or None,
    )
    profiles = dcc.Checklist(
        id=ctl("profiles"),
        options=[{"label": label("profile", p, lang), "value": p} for p in PROFILES],
        value=state.profile_list,
        className="radio-list",
    )
    return [
        html.H2(t("calculator", lang), className="control-heading"),
        field(t("calc_area", lang), _number("area", state.area, 1, 1_000_000, 1)),
        field(t("calc_rent", lang), _number("rent", state.rent, 0, 1000, 0.1)),
        field(t("calc_years", lang), years),
        field(t("calc_profiles", lang), profiles),
        field(t("calc_price", lang), _number("price", state.price, 0, 100_000_000_000, 10_000)),
    ]


def controls(state: State, agg: Aggregates) -> list:
    lang = state.lang
    scale = dcc.RadioItems(
        id=ctl("scale"),
        options=[{"label": t(s, lang), "value": s} for s in ("linear", "log")],
        value=state.scale,
        className="radio-list",
    )
    return _calculator_controls(state) + [
        enum_dropdown("kind", "kind", KINDS, state.kind, lang),
        field(t("scale", lang), scale),
    ]


def content(state: State, agg: Aggregates) -> list:
    lang = state.lang
    calculator = html.Section(
        [
            html.H2(t("calculator", lang)),
            html.P(t("calc_banner", lang), className="banner", role="note"),
            dcc.Loading(html.Div(id=vid("calc-results"))),
        ],
        className="calculator",
        **{"aria-label": t("calculator", lang)},
    )
    table = dash_table.DataTable(
        id=vid("subsidy-table"),
        sort_action="native",
        style_table={"overflowX": "auto"},
        style_cell={
            "fontFamily": "inherit",
            "fontSize": "0.85rem",
            "textAlign": "left",
            "whiteSpace": "normal",
            "maxWidth": "420px",
        },
        style_header=TABLE_HEADER_STYLE,
    )
    return [
        calculator,
        html.H2(t("subsidies_title", lang)),
        dcc.Loading(dcc.Graph(id=vid("subsidy-chart"), config=GRAPH_CONFIG)),
        html.P(t("no_amount", lang), className="note"),
        table,
    ]


# --------------------------------------------------------------------------- the table and the calculator


def subsidy_table(rows: pd.DataFrame, lang: str) -> tuple[list[dict], list[dict]]:
    """DataTable columns and records: region, kind, whom for, amount (元, sortable), conditions, quote."""
    columns = [
        {"id": "region", "name": t("region", lang)},
        {"id": "kind", "name": t("kind", lang)},
        {"id": "applies_to", "name": t("applies_to", lang)},
        {"id": "amount_cny", "name": f"{t('amount', lang)} ({'元' if lang == 'zh' else 'CNY'})", "type": "numeric",
         "format": {"specifier": ",.0f"}},
        {"id": "conditions", "name": t("conditions", lang)},
        {"id": "quote", "name": t("quote_note", lang)},
        {"id": "source_id", "name": t("source", lang)},
    ]  # fmt: skip
    records = [
        {
            "region": r["region"],
            "kind": label("kind", r["kind"], lang),
            "applies_to": label("applies_to", r["applies_to"], lang),
            "amount_cny": None if pd.isna(r["amount_cny"]) else float(r["amount_cny"]),
            "conditions": conditions(r, lang),
            "quote": r["quote"],
            "source_id": r["source_id"],
        }
        for _, r in rows.sort_values("amount_cny", ascending=False, na_position="last").iterrows()
    ]
    return columns, records


def _measure_facts(item: dict) -> html.Div:
    """When it was announced and how long it is valid, in the page language; an ended period stands out."""
    return html.Div(
        f"{item['announced']} · {item['validity']}", className="calc-dates" + (" calc-ended" if item["ended"] else "")
    )


def _measure(item: dict, lang: str, amount: str = "") -> html.Li:
    """One measure: what it is, for whom, its terms (the conditions in full), dates, and the quote."""
    head = f"{item['kind_label']} ({item['subsidy_id']})" + (f": {amount}" if amount else "")
    parts = [
        html.Strong(head),
        html.Div(f"{item['description']} · {item['applies_to']}", className="calc-description"),
        html.Div(item["terms"], className="calc-terms"),
    ]
    if item.get("formula"):
        parts.append(html.Div(item["formula"], className="calc-formula"))
    parts += [html.Div(c, className="calc-na") for c in item.get("conditions", [])]
    if item.get("note"):
        parts.append(html.Div(item["note"], className="calc-na"))
    parts += [_measure_facts(item), in_chinese(item["quote"], html.Blockquote, className="quote")]
    return html.Li(parts)


def _group(title: str, items: list, lang: str, amount=None, open_: bool = True) -> html.Details | None:
    if not items:
        return None
    body = html.Ul([_measure(i, lang, amount(i) if amount else "") for i in items])
    return html.Details([html.Summary(f"{title} ({len(items)})"), body], open=open_, className="calc-group")


def _range(low: float, high: float, lang: str) -> str:
    return format_cny(low, lang) if low == high else f"{format_cny(low, lang)} – {format_cny(high, lang)}"


def _region_card(region: dict, lang: str) -> html.Div:
    """One region's result: computable amounts (counted), caps and unstated measures beside them (never
    counted), funds, drafts, and what does not apply with the reason."""
    computable = (
        _range(region["min_cny"], region["max_cny"], lang) if region["rules"] else t("calc_none_computable", lang)
    )
    head = f"{region['region_name']}: {computable}"
    if region["caps"]:
        head += f" · {t('calc_largest_cap', lang)} {format_cny(region['cap_max_cny'], lang)}"
    not_applicable = [
        html.Li(f"{r['kind_label']} ({r['subsidy_id']}): {r['reason']}") for r in region["not_applicable"]
    ]
    groups = [
        _group(t("calc_computable", lang), region["rules"], lang, lambda i: _range(i["min_cny"], i["max_cny"], lang)),
        _group(t("calc_caps", lang), region["caps"], lang, lambda i: f"≤ {format_cny(i['max_cny'], lang)}"),
        _group(t("calc_unstated", lang), region["unstated"], lang),
        _group(t("calc_funds", lang), region["funds"], lang, open_=False),
        _group(t("calc_drafts", lang), region["drafts"], lang, open_=False),
    ]
    missing = html.Details(
        [html.Summary(f"{t('calc_not_applicable', lang)} ({len(not_applicable)})"), html.Ul(not_applicable)],
        className="calc-na",
    )
    return html.Div(
        [html.H4(head), *[g for g in groups if g is not None], missing if not_applicable else None],
        className="calc-region",
        **{"data-region": region["region_code"]},
    )


def calculator_panel(agg: Aggregates, state: State) -> list:
    """The calculator's result for the firm described in ``state``: the computable amounts ranked, then
    each region's card."""
    lang = state.lang
    if not (state.area and state.years and state.profiles):
        return [html.P(t("calc_prompt", lang), className="note")]
    try:
        price = float(state.price) if state.price else None
        firm = Firm(float(state.area), float(state.rent or 0), int(state.years), tuple(state.profile_list), price)
    except InputError as exc:
        return [html.P(str(exc), className="banner", role="alert")]
    result = calculate(agg, firm, lang)
    figure = calculator_chart(result["regions"], lang)
    ranked = any(r["rules"] for r in result["regions"])
    chart = dcc.Graph(figure=figure, config=GRAPH_CONFIG, style={"height": f"{figure.layout.height}px"})
    return [
        html.H3(t("calc_chart_title", lang)),
        html.P(t("calc_chart_note", lang), className="note"),
        chart if ranked else html.P(t("calc_no_region", lang), className="note", role="status"),
        html.Div([_region_card(region, lang) for region in result["regions"]], className="calc-regions"),
    ]


# --------------------------------------------------------------------------- callbacks


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output(VALL("subsidy-chart"), "figure"),
        Output(VALL("subsidy-chart"), "style"),
        Output(VALL("subsidy-table"), "columns"),
        Output(VALL("subsidy-table"), "data"),
        Input("state", "data"),
    )
    def update_subsidies(state_data):
        state = app_ctx.state_for("subsidies", state_data)
        columns, records = subsidy_table(subsidy_rows(app_ctx.agg, state.kind, state.lang), state.lang)
        fig = app_ctx.figure("subsidies", state)
        return [fig], [graph_height(fig)], [columns], [records]

    @app.callback(Output(VALL("calc-results"), "children"), Input("state", "data"))
    def update_calculator(state_data):
        state = app_ctx.state_for("subsidies", state_data)
        return [calculator_panel(app_ctx.agg, state)]


VIEW = View("subsidies", controls, content, register)
