"""The page: header, the map, its table alternative, and the source line."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.i18n import METRICS, t

GRAPH_CONFIG = {
    # plotly.js fetches a world topojson for every geo subplot; ours (empty layers) is served locally.
    "topojsonURL": "/assets/topojson/",
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def map_table(summary: pd.DataFrame, lang: str) -> html.Table:
    """The map's data as a table, for screen readers and for reading exact values."""
    rows = summary.sort_values(["plan_count", "name_zh"], ascending=[False, True], na_position="last")
    header = html.Tr([html.Th(t("province", lang)), html.Th(METRICS["plan_count"][lang])])
    body = [
        html.Tr(
            [
                html.Td(f"{row.name_zh} {row.name_en}"),
                html.Td(str(int(row.plan_count)) if pd.notna(row.plan_count) else t("no_plan", lang)),
            ]
        )
        for row in rows.itertuples()
    ]
    return html.Table(
        [html.Caption(t("map_table_caption", lang)), html.Thead(header), html.Tbody(body)],
        className="data-table",
    )


def page(figure, summary: pd.DataFrame, data_date: str, lang: str = "zh") -> html.Div:
    return html.Div(
        [
            html.Header(
                [
                    html.H1([t("title", "zh"), html.Span(" / " + t("title", "en"), className="title-en")]),
                    html.P(f"{t('subtitle', 'zh')} · {t('subtitle', 'en')}", className="subtitle"),
                    html.P(f"{t('data_date', 'zh')} / {t('data_date', 'en')}: {data_date}", className="data-date"),
                ],
                className="page-header",
            ),
            html.Main(
                [
                    dcc.Loading(
                        dcc.Graph(
                            id="map",
                            figure=figure,
                            config=GRAPH_CONFIG,
                            className="map-graph",
                            style={
                                "aspectRatio": "4 / 3",
                                "width": "min(100%, calc(80vh * 4 / 3))",
                                "margin": "0 auto",
                            },
                        ),
                        type="default",
                    ),
                    html.Details(
                        [html.Summary(t("map_table_caption", lang)), map_table(summary, lang)],
                        className="map-table",
                    ),
                ]
            ),
            html.Footer(html.P(t("source_line", lang), className="source-line")),
        ],
        className="page",
        lang="zh-CN" if lang == "zh" else "en",
    )
