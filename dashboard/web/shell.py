"""The page: the stores behind it (``base_layout``) and its shell: header, view switch, the active view's
controls and content (from its module in ``views/``), footer.

The shell is rebuilt only when the view or the language changes (or a pasted/back-forward URL needs the
controls reset); figures and panels are filled by their views' callbacks from the state in the URL.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.i18n import t
from dashboard.model.aggregates import Aggregates
from dashboard.state import SIZES, VIEWS, State
from dashboard.web.components import View, ctl, dropdown, field, vid
from dashboard.web.views import compare, data, ranking, subsidies, timeline
from dashboard.web.views import map as map_view

# The views in the order of the switch; each module declares its own (a new view goes in views/ and here).
VIEW_MODULES: dict[str, View] = {v.VIEW.name: v.VIEW for v in (map_view, ranking, timeline, subsidies, compare, data)}


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


def _presenter_fields(state: State) -> html.Div:
    """A title of one's own, a note, and a size preset for the chart that leaves the app (in the URL)."""
    lang = state.lang
    sizes = [{"label": t("size_default", lang), "value": ""}] + [
        {"label": t(f"size_{name}", lang), "value": name} for name in SIZES
    ]
    return html.Div(
        [
            field(t("own_title", lang), dcc.Input(id=ctl("title"), type="text", value=state.title, debounce=True, maxLength=120)),
            field(t("own_note", lang), dcc.Input(id=ctl("note"), type="text", value=state.note, debounce=True, maxLength=200)),
            field(t("size", lang), dropdown(lang, id=ctl("size"), options=sizes, value=state.size, clearable=False, searchable=False)),
        ],
        className="presenter-fields",
    )  # fmt: skip


def _share(state: State) -> list:
    """Embed code and downloads for the current chart; filled from the state by a callback (routing)."""
    lang = state.lang

    def popover(summary: str, toggle: str, body: list) -> html.Details:
        # Filled while open (routing.share counts the summary's clicks; Esc closes it by a click, share.js).
        return html.Details(
            [
                html.Summary(summary, id=vid(toggle), n_clicks=0, className="button"),
                html.Div(body, className="popover"),
            ],
            className="share",
        )

    return [
        popover(
            t("embed", lang),
            "embed-toggle",
            [
                html.P(t("embed_help", lang)),
                dcc.Textarea(id=vid("embed-code"), readOnly=True, className="embed-code", rows=4),
                html.Div(
                    [
                        # Copies the code (assets/share.js); its label says "copied" for a moment.
                        html.Button(
                            t("copy_code", lang), className="button copy-embed", **{"data-copied": t("copied", lang)}
                        ),
                        html.A(
                            t("preview", lang),
                            id=vid("embed-preview"),
                            target="_blank",
                            rel="noopener",
                            className="button",
                        ),
                    ],
                    className="button-row",
                ),
            ],
        ),
        popover(
            t("download", lang),
            "download-toggle",
            [html.P(t("download_help", lang)), _presenter_fields(state), html.Div(id=vid("download-links"))],
        ),
    ]


def _header(state: State, data_date: str) -> html.Header:
    lang = state.lang
    other = "en" if lang == "zh" else "zh"
    languages = dcc.RadioItems(
        id=ctl("lang"),
        # Each language named in itself, and marked so: 中文 is Chinese on the English page.
        options=[
            {"label": html.Span("中文", lang="zh-CN"), "value": "zh"},
            {"label": html.Span("English", lang="en"), "value": "en"},
        ],
        value=lang,
        className="lang-switch",
        inline=True,
    )
    titles = html.Div(
        [
            html.H1(
                [
                    html.Span(t("title", lang)),
                    " / ",
                    html.Span(t("title", other), className="title-en", lang="zh-CN" if other == "zh" else "en"),
                ]
            ),
            html.P(f"{t('subtitle', lang)}", className="subtitle"),
            html.P(f"{t('data_date', lang)}: {data_date}", className="data-date"),
        ]
    )
    tools = [*(_share(state) if state.view != "data" else []), languages]
    return html.Header([titles, html.Div(tools, className="header-tools")], className="page-header")


def _view_switch(state: State) -> html.Nav:
    lang = state.lang
    tabs = dcc.RadioItems(
        id=ctl("view"),
        options=[{"label": t(f"view_{v}", lang), "value": v} for v in VIEWS],
        value=state.view,
        className="view-tabs",
        inline=True,
    )
    return html.Nav(tabs, **{"aria-label": t("views", lang)})


def shell(state: State, agg: Aggregates, data_date: str) -> html.Div:
    lang = state.lang
    view = VIEW_MODULES[state.view]
    grid = html.Div(
        [
            html.Aside(view.controls(state, agg), className="controls", **{"aria-label": t("metric", lang)}),
            html.Main(view.content(state, agg), className=f"view view-{state.view}", id="main-content", tabIndex="-1"),
            *(view.aside(state) if view.aside else []),
        ],
        className=f"grid grid-{state.view}",
    )
    return html.Div(
        [
            html.A(t("skip_to_chart", lang), href="#main-content", className="skip-link"),
            _header(state, data_date),
            _view_switch(state),
            grid,
            html.Footer([html.P(t("source_line", lang), className="source-line")]),
        ],
        className="page",
        lang="zh-CN" if lang == "zh" else "en",
    )
