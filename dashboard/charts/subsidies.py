"""Subsidies compared across regions in one unit (元): a bar per subsidy with a stated amount."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import FONT_FAMILY, plain
from dashboard.i18n import format_cny, label, t

# Okabe–Ito: a qualitative palette safe for colour-vision deficiencies.
KIND_COLOURS = {
    "rent": "#0072B2",
    "operating": "#E69F00",
    "office_purchase": "#009E73",
    "talent": "#CC79A7",
    "startup_rnd": "#56B4E9",
    "loan_interest": "#999999",
    "project_grant": "#D55E00",
    "fund": "#000000",
}
# A loan principal is not the subsidy paid, so it is listed in the table but not drawn as an amount.
CHARTED_COLUMNS = ("max_cny", "base_cny", "fund_size_cny")


def charted_amount(row: pd.Series) -> float | None:
    for column in CHARTED_COLUMNS:
        value = row.get(column)
        if value is not None and pd.notna(value):
            return float(value)
    return None


def bar_names(rows: pd.DataFrame, lang: str) -> pd.Series:
    """Region and kind in words (上海市 · 房租补贴), numbered where one region has several of a kind."""
    base = [f"{r.region} · {label('kind', r.kind, lang)}" for r in rows.itertuples()]
    seen: dict[str, int] = {}
    names = []
    for name in base:
        seen[name] = seen.get(name, 0) + 1
        names.append(plain(name if seen[name] == 1 else f"{name} ({seen[name]})"))
    return pd.Series(names, index=rows.index)


def subsidy_chart(rows: pd.DataFrame, lang: str = "zh", scale: str = "linear") -> go.Figure:
    """``rows``: subsidies with ``region`` (a display name) and the subsidy fields; sorted by amount.
    A fund's size is drawn only when funds alone are shown: it pays no set amount to a firm, and beside
    the grants it would flatten every other bar."""
    rows = rows.assign(amount=rows.apply(charted_amount, axis=1)).dropna(subset=["amount"])
    if set(rows["kind"]) != {"fund"}:
        rows = rows[rows["kind"] != "fund"]
    rows = rows.sort_values("amount", kind="stable")
    rows = rows.assign(bar=bar_names(rows, lang))
    fig = go.Figure()
    for kind, group in rows.groupby("kind", sort=False):
        names = list(group["bar"])
        descriptions = group["description_zh"] if lang == "zh" else group["description_en"]
        hover = [
            f"<b>{plain(r.region)}</b><br>{label('kind', kind, lang)}: {plain(d)}<br>{format_cny(r.amount, lang)}"
            + (f" ({'每年' if lang == 'zh' else 'a year'})" if r.per == "year" else "")
            for r, d in zip(group.itertuples(), descriptions, strict=True)
        ]
        fig.add_trace(
            go.Bar(
                x=list(group["amount"]),
                y=names,
                orientation="h",
                name=label("kind", kind, lang),
                customdata=list(group["subsidy_id"]),  # which row each bar is (tests, click-through)
                marker={"color": KIND_COLOURS.get(kind, "#666666")},
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                text=[format_cny(v, lang) for v in group["amount"]],
                textposition="outside",
                cliponaxis=False,
            )
        )
    order = list(rows["bar"])
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": 12, "color": "#212121"},
        height=max(300, 34 * len(order) + 120),
        margin={"l": 10, "r": 60, "t": 30, "b": 40},
        xaxis={
            "type": "log" if scale == "log" else "linear",
            "title": {"text": "元" if lang == "zh" else "CNY"},
            "gridcolor": "#eeeeee",
        },
        yaxis={"categoryorder": "array", "categoryarray": order, "automargin": True},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "title": {"text": t("kind", lang)}},
        barmode="overlay",
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    return fig


def calculator_chart(regions: list[dict], lang: str = "zh") -> go.Figure:
    """Min–max bars per region (from ``calculator.calculate``), largest maximum on top."""
    shown = [r for r in regions if r["max_cny"] > 0][::-1]
    names = [plain(r["region_name"]) for r in shown]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=[r["max_cny"] - r["min_cny"] for r in shown],
            base=[r["min_cny"] for r in shown],
            orientation="h",
            marker={"color": "#4292c6"},
            hovertext=[
                f"{plain(r['region_name'])}<br>{format_cny(r['min_cny'], lang)} – {format_cny(r['max_cny'], lang)}"
                for r in shown
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            text=[f"{format_cny(r['min_cny'], lang)} – {format_cny(r['max_cny'], lang)}" for r in shown],
            textposition="outside",
            cliponaxis=False,
        )
    )
    # A range of zero width (min = max) still needs a mark.
    fig.add_trace(
        go.Scatter(
            y=names, x=[r["max_cny"] for r in shown], mode="markers", hoverinfo="skip",
            marker={"symbol": "line-ns", "size": 16, "line": {"width": 3, "color": "#08306b"}},
        )
    )  # fmt: skip
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": 12, "color": "#212121"},
        height=max(200, 40 * len(shown) + 90),
        margin={"l": 10, "r": 220, "t": 20, "b": 40},  # room for "CNY 1.97 million – CNY 3.94 million"
        xaxis={"title": {"text": "元" if lang == "zh" else "CNY"}, "gridcolor": "#eeeeee", "rangemode": "tozero"},
        yaxis={"automargin": True},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        showlegend=False,
    )
    return fig
