"""The page shell: header, view switch, the active view's controls and containers, footer.

The shell is rebuilt only when the view or the language changes (or a pasted/back-forward URL needs the
controls reset); figures and panels are filled by their own callbacks from the state in the URL.
"""

from __future__ import annotations

from functools import cache

from dash import dash_table, dcc, html

from dashboard import DEFAULT_DATA_DIR, geo
from dashboard.i18n import METRICS, label, t
from dashboard.metrics import Aggregates
from dashboard.state import BASES, DOC_TYPES, KINDS, LEVELS, PROFILES, UNITS, VIEWS, State

GRAPH_CONFIG = {
    # plotly.js fetches a world topojson for every geo subplot; ours (empty layers) is served locally.
    "topojsonURL": "/assets/topojson/",
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def ctl(name: str) -> dict:
    """The id of a control whose value is part of the URL state."""
    return {"type": "ctl", "name": name}


def vid(name: str) -> dict:
    """The id of a component that only exists in one view. Callbacks address it with ``i: ALL``, so
    when its view is not on the page they update nothing instead of failing."""
    return {"vid": name, "i": 0}


def base_layout() -> html.Div:
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="state"),
            dcc.Store(id="last-pushed"),
            dcc.Store(id="rendered"),
            dcc.Store(id="map-meta"),
            dcc.Store(id="panel-meta"),
            dcc.Interval(id="player", interval=900, disabled=True),
            html.Div(id="url-note", role="status", className="url-note"),
            html.Div(id="error-note", role="alert", className="url-note error-note"),
            html.Div(id="shell"),
        ]
    )


def _field(text: str, control, wrapper_id: dict | None = None, hidden: bool = False) -> html.Div:
    kwargs = {"id": wrapper_id} if wrapper_id else {}
    return html.Div(
        [html.Label(text, className="control-label"), control],
        className="control",
        style={"display": "none"} if hidden else {},
        **kwargs,
    )


def _options(enum: str, values, lang: str, all_label: str) -> list[dict]:
    return [{"label": all_label if v == "all" else label(enum, v, lang), "value": v} for v in values]


def region_options(agg: Aggregates, lang: str) -> list[dict]:
    """Every province (one without plans still answers "searched, none found" or "not searched"), then
    the cities and districts that have plans."""
    provinces = agg.province_summary
    options = [{"label": f"{r.name_zh} {r.name_en}", "value": code} for code, r in provinces.iterrows()]
    markers = agg.markers()
    for m in markers.sort_values("adcode").itertuples():
        options.append({"label": f"　{m.name_zh}", "value": m.adcode})
    return options


def _metric_option(name: str, values, value: str, all_label: str, metric: str, state: State, lang: str):
    """A dropdown that refines one map metric (subsidy kind, industry basis), shown only with that metric."""
    return _field(
        t(name, lang),
        dcc.Dropdown(
            id=ctl(name),
            options=_options(name, values, lang, all_label),
            value=value,
            clearable=False,
            searchable=False,
        ),
        wrapper_id=vid(f"{name}-field"),
        hidden=state.metric != metric,
    )


def _map_controls(state: State, agg: Aggregates, lang: str) -> list:
    months = agg.months
    date_index = months.index(state.date) if state.date in months else len(months) - 1
    marks = {i: {"label": m} for i, m in enumerate(months) if m.endswith("-01") or i in (0, len(months) - 1)}
    return [
        _field(
            t("metric", lang),
            dcc.RadioItems(
                id=ctl("metric"),
                options=[{"label": spec[lang], "value": key} for key, spec in METRICS.items()],
                value=state.metric,
                className="radio-list",
            ),
        ),
        _metric_option("kind", KINDS, state.kind, t("all_kinds", lang), "max_subsidy_cny", state, lang),
        _metric_option("basis", BASES, state.basis, t("all_bases", lang), "industry_scale_cny", state, lang),
        _field(
            t("announced_by_date", lang),
            html.Div(
                [
                    dcc.Slider(id=ctl("date"), min=0, max=len(months) - 1, step=1, value=date_index, marks=marks, included=True),
                    html.Button(t("play", lang), id="play-button", n_clicks=0, className="button"),
                ]
            ),
            wrapper_id=vid("date-field"),
            hidden=state.metric != "announced_by",
        ),
        _field(
            t("select_region", lang),
            dcc.Dropdown(id=ctl("region"), options=region_options(agg, lang), value=state.region or None, placeholder=t("region", lang)),
        ),
        dcc.Checklist(
            id=ctl("markers"), options=[{"label": t("markers", lang), "value": "1"}], value=["1"] if state.markers == "1" else [], className="check"
        ),
        dcc.Input(id=ctl("drill"), type="hidden", value=state.drill),
    ]  # fmt: skip


def _map_view(state: State, lang: str) -> list:
    return [
        html.Button(
            t("back_national", lang), id=vid("back-button"), n_clicks=0, className="button back", hidden=not state.drill
        ),
        html.Div(
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
            hidden=not (state.drill and geo.has_counties(state.drill)),
        ),
        html.P(t("drill_note", lang), id=vid("drill-note"), className="note", hidden=not state.drill),
        dcc.Loading(
            dcc.Graph(
                id=vid("map"),
                config=GRAPH_CONFIG,
                className="map-graph",
                style={"aspectRatio": "4 / 3", "width": "100%"},
            ),
            type="default",
        ),
        html.Details(
            [html.Summary(t("map_table_caption", lang)), html.Div(id=vid("map-table"))], className="map-table"
        ),
    ]


def _timeline_controls(state: State, agg: Aggregates, lang: str) -> list:
    provinces = agg.province_summary.dropna(subset=["plan_count"])
    return [
        _field(
            t("province", lang),
            dcc.Dropdown(
                id=ctl("province"),
                options=[{"label": f"{r.name_zh} {r.name_en}", "value": c} for c, r in provinces.iterrows()],
                value=state.province or None,
                placeholder=t("all", lang),
            ),
        ),
        _field(t("level", lang), dcc.Dropdown(id=ctl("level"), options=_options("level", LEVELS, lang, t("all", lang)), value=state.level, clearable=False)),
        _field(
            t("doctype", lang),
            dcc.Dropdown(id=ctl("doctype"), options=_options("doc_type", DOC_TYPES, lang, t("all", lang)), value=state.doctype, clearable=False),
        ),
    ]  # fmt: skip


def _calculator_controls(state: State, lang: str) -> list:
    def number(name: str, value: str, low: float, high: float, step: float) -> dcc.Input:
        return dcc.Input(
            id=ctl(name),
            type="number",
            min=low,
            max=high,
            step=step,
            value=float(value) if value else None,
            debounce=True,
        )

    return [
        html.H3(t("calculator", lang), className="control-heading"),
        _field(t("calc_area", lang), number("area", state.area, 1, 1_000_000, 1)),
        _field(t("calc_rent", lang), number("rent", state.rent, 0, 1000, 0.1)),
        _field(
            t("calc_years", lang),
            dcc.Dropdown(id=ctl("years"), options=[{"label": str(y), "value": str(y)} for y in range(1, 6)], value=state.years or None),
        ),
        _field(
            t("calc_profiles", lang),
            dcc.Checklist(
                id=ctl("profiles"),
                options=[{"label": label("profile", p, lang), "value": p} for p in PROFILES],
                value=state.profile_list,
                className="radio-list",
            ),
        ),
        _field(t("calc_price", lang), number("price", state.price, 0, 100_000_000_000, 10_000)),
    ]  # fmt: skip


def _subsidy_controls(state: State, lang: str) -> list:
    return _calculator_controls(state, lang) + [
        _field(t("kind", lang), dcc.Dropdown(id=ctl("kind"), options=_options("kind", KINDS, lang, t("all", lang)), value=state.kind, clearable=False)),
        _field(
            t("scale", lang),
            dcc.RadioItems(id=ctl("scale"), options=[{"label": t(s, lang), "value": s} for s in ("linear", "log")], value=state.scale, className="radio-list"),
        ),
    ]  # fmt: skip


def _compare_controls(state: State, agg: Aggregates, lang: str) -> list:
    return [
        _field(
            t("compare_pick", lang),
            dcc.Dropdown(id=ctl("regions"), options=region_options(agg, lang), value=state.compare_regions, multi=True),
        )
    ]


def _data_controls(state: State, lang: str) -> list:
    tables = {
        "plans": ("规划", "Plans"),
        "targets": ("目标", "Targets"),
        "subsidies": ("补贴", "Subsidies"),
        "sources": ("来源", "Sources"),
        "coverage": ("检索范围", "Coverage"),
    }
    return [
        _field(
            t("table", lang),
            dcc.RadioItems(
                id=ctl("table"), options=[{"label": v[0 if lang == "zh" else 1], "value": k} for k, v in tables.items()],
                value=state.table, className="radio-list",
            ),
        ),
        _field(t("search", lang), dcc.Input(id=ctl("q"), type="search", value=state.q, debounce=True, maxLength=64)),
    ]  # fmt: skip


@cache
def codebook_text() -> str:
    """The codebook shown in the Data view (read once: a file removed later does not break the view)."""
    try:
        return (DEFAULT_DATA_DIR / "README.md").read_text(encoding="utf-8")
    except OSError:
        return "The codebook is not available on this server: see policy_data/README.md in the repository."


def _data_view(lang: str) -> list:
    codebook = codebook_text()
    return [
        html.Div(
            [
                html.Button(f"{t('download_csv', lang)} {t('filtered_rows', lang)}", id="download-csv-filtered", className="button"),
                html.Button(f"{t('download_json', lang)} {t('filtered_rows', lang)}", id="download-json-filtered", className="button"),
                html.Button(f"{t('download_csv', lang)} {t('all_rows', lang)}", id="download-csv-all", className="button"),
                html.Button(f"{t('download_json', lang)} {t('all_rows', lang)}", id="download-json-all", className="button"),
                dcc.Download(id="download"),
            ],
            className="button-row",
        ),
        dash_table.DataTable(
            id=vid("data-table"),
            page_size=15,
            filter_action="native",
            sort_action="native",
            style_table={"overflowX": "auto"},
            style_cell={"fontFamily": "inherit", "fontSize": "0.85rem", "textAlign": "left", "maxWidth": "260px",
                        "whiteSpace": "nowrap", "overflow": "hidden", "textOverflow": "ellipsis"},
            tooltip_duration=None,
            style_header={"fontWeight": "600", "backgroundColor": "#f5f5f5"},
        ),
        html.H3(t("sources_list", lang)),
        html.Div(id=vid("sources-list")),
        html.Details([html.Summary(t("codebook", lang)), dcc.Markdown(codebook, className="codebook")]),
        html.H3(t("licences", lang)),
        html.P(t("licence_text", lang)),
    ]  # fmt: skip


def _share(lang: str) -> list:
    """Embed code and downloads for the current chart; filled from the state by a callback."""
    return [
        html.Details(
            [
                html.Summary(t("embed", lang), className="button"),
                html.Div(
                    [
                        html.P(t("embed_help", lang)),
                        dcc.Textarea(id=vid("embed-code"), readOnly=True, className="embed-code", rows=4),
                    ],
                    className="popover",
                ),
            ],
            className="share",
        ),
        html.Details(
            [
                html.Summary(t("download", lang), className="button"),
                html.Div([html.P(t("download_help", lang)), html.Div(id=vid("download-links"))], className="popover"),
            ],
            className="share",
        ),
    ]


def shell(state: State, agg: Aggregates, data_date: str) -> html.Div:
    lang = state.lang
    view = state.view
    controls = {
        "map": lambda: _map_controls(state, agg, lang),
        "timeline": lambda: _timeline_controls(state, agg, lang),
        "subsidies": lambda: _subsidy_controls(state, lang),
        "compare": lambda: _compare_controls(state, agg, lang),
        "data": lambda: _data_controls(state, lang),
    }[view]()
    content = {
        "map": lambda: _map_view(state, lang),
        "timeline": lambda: [html.H2(t("timeline_title", lang)), dcc.Loading(dcc.Graph(id=vid("timeline"), config=GRAPH_CONFIG)), html.P(id=vid("timeline-note"), className="note")],
        "subsidies": lambda: [
            html.Section(
                [
                    html.H2(t("calculator", lang)),
                    html.P(t("calc_banner", lang), className="banner", role="note"),
                    dcc.Loading(html.Div(id=vid("calc-results"))),
                ],
                className="calculator",
                **{"aria-label": t("calculator", lang)},
            ),
            html.H2(t("subsidies_title", lang)),
            dcc.Loading(dcc.Graph(id=vid("subsidy-chart"), config=GRAPH_CONFIG)),
            html.P(t("no_amount", lang), className="note"),
            dash_table.DataTable(
                id=vid("subsidy-table"), sort_action="native", style_table={"overflowX": "auto"},
                style_cell={"fontFamily": "inherit", "fontSize": "0.85rem", "textAlign": "left", "whiteSpace": "normal", "maxWidth": "420px"},
                style_header={"fontWeight": "600", "backgroundColor": "#f5f5f5"},
            ),
        ],
        "compare": lambda: [html.Div(id=vid("compare-content")), dcc.Loading(dcc.Graph(id=vid("compare-timeline"), config=GRAPH_CONFIG))],
        "data": lambda: _data_view(lang),
    }[view]()  # fmt: skip
    other = "en" if lang == "zh" else "zh"
    return html.Div(
        [
            html.Header(
                [
                    html.Div(
                        [
                            html.H1([t("title", lang), html.Span(" / " + t("title", other), className="title-en")]),
                            html.P(f"{t('subtitle', lang)}", className="subtitle"),
                            html.P(f"{t('data_date', lang)}: {data_date}", className="data-date"),
                        ]
                    ),
                    html.Div(
                        [
                            *(_share(lang) if view != "data" else []),
                            dcc.RadioItems(
                                id=ctl("lang"),
                                options=[{"label": "中文", "value": "zh"}, {"label": "English", "value": "en"}],
                                value=lang,
                                className="lang-switch",
                                inline=True,
                            ),
                        ],
                        className="header-tools",
                    ),
                ],
                className="page-header",
            ),
            html.Nav(
                dcc.RadioItems(
                    id=ctl("view"),
                    options=[{"label": t(f"view_{v}", lang), "value": v} for v in VIEWS],
                    value=view,
                    className="view-tabs",
                    inline=True,
                ),
                **{"aria-label": t("views", lang)},
            ),
            html.Div(
                [
                    html.Aside(controls, className="controls", **{"aria-label": t("metric", lang)}),
                    html.Main(content, className=f"view view-{view}"),
                    *(
                        [html.Aside(id=vid("panel"), className="panel", **{"aria-live": "polite"})]
                        if view == "map"
                        else []
                    ),
                ],
                className=f"grid grid-{view}",
            ),
            html.Footer([html.P(t("source_line", lang), className="source-line")]),
        ],
        className="page",
        lang="zh-CN" if lang == "zh" else "en",
    )
