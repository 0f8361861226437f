"""The ranking: regions as horizontal bars, largest target first, each labelled with its qualifier and
year; highlighted regions in orange; drafts hatched; a highlighted region without a target keeps its row,
labelled "no target stated" (never a bar of 0)."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import FONT_FAMILY, plain
from dashboard.i18n import format_target, label, t

BAR = "#3182bd"
HIGHLIGHT = "#e6550d"
ROW_PX = 40  # two lines: the region and its value


def _scale(unit: str, lang: str) -> tuple[float, str]:
    """Divisor and axis title: amounts in 亿元 (Chinese) or CNY billion (English)."""
    if unit == "CNY":
        return (1e8, "亿元") if lang == "zh" else (1e9, "CNY billion")
    if unit == "percent":
        return 1, "%"
    return 1, ""


def _wrap(text: str, width: int = 34) -> str:
    return "<br>".join(plain(line) for line in textwrap.wrap(str(text), width)) if text else ""


def value_text(row, lang: str) -> str:
    """超过3500亿元（2025年） / more than CNY 350 billion (2025)."""
    value_max = row.value_max if pd.notna(row.value_max) else None
    text = format_target(float(row.value), value_max, row.unit, row.qualifier, lang)
    if pd.notna(row.year):
        text += f"（{int(row.year)}年）" if lang == "zh" else f" ({int(row.year)})"
    return text


def _hover(row, name: str, lang: str) -> str:
    lines = [f"<b>{plain(name)}</b>", plain(value_text(row, lang))]
    if isinstance(row.basis, str) and row.basis:
        lines.append(f"{t('basis', lang)}: {label('basis', row.basis, lang)}")
    status = label("status", row.status, lang)
    title = f"《{plain(row.title_zh)}》"
    if lang == "en" and isinstance(row.title_en, str):
        title = f"{plain(row.title_en)} (translation)<br>{title}"
    lines.append(f"{title} · {status}" + (f" · {row.announced}" if row.announced else ""))
    lines.append(f"{t('quote_note', lang)}: 「{_wrap(row.quote)}」 ({row.source_id})")
    return "<br>".join(lines)


def _row_label(name: str, row, lang: str) -> str:
    shown = f"<b>{plain(name)}</b>" if row.highlighted else plain(name)
    value = plain(value_text(row, lang)) if row.stated else t("no_target_stated", lang)
    return f'{shown}<br><span style="font-size:11px;color:#616161">{value}</span>'


def _axis_title(metric_name: str, unit_title: str, lang: str) -> str:
    if not unit_title:
        return plain(metric_name)
    return f"{plain(metric_name)}（{unit_title}）" if lang == "zh" else f"{plain(metric_name)} ({unit_title})"


def ranking_chart(rows: pd.DataFrame, names: dict[str, str], lang: str, metric_name: str) -> go.Figure:
    """``rows`` from ``model.ranking.ranking_rows``; ``names`` region code → label in ``lang``."""
    stated = rows[rows["stated"].astype(bool)]
    unit = stated["unit"].iloc[0] if len(stated) else "count"
    divisor, unit_title = _scale(unit, lang)
    # Each row's label carries the region (bold when highlighted) and its value in words, left of the
    # bars: the axis makes room for it at any width, so a value is never cut off at the chart's edge.
    labels = [_row_label(names.get(r.region_code, r.region_code), r, lang) for r in rows.itertuples()]
    colours = [HIGHLIGHT if h else BAR for h in rows["highlighted"]]
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=[float(v) / divisor if s else None for v, s in zip(rows["value"], rows["stated"], strict=True)],
        orientation="h",
        marker={
            "color": colours,
            "pattern": {"shape": ["/" if s == "draft" else "" for s in rows["status"]], "fillmode": "overlay"},
        },
        hovertext=[
            _hover(r, names.get(r.region_code, r.region_code), lang) if r.stated else "" for r in rows.itertuples()
        ],
        hoverinfo="text",
        hoverlabel={"align": "left"},
        showlegend=False,
    )
    unstated = rows[~rows["stated"].astype(bool)]
    if len(unstated):
        fig.add_scatter(
            y=[labels[i] for i in unstated.index],
            x=[0] * len(unstated),
            mode="markers",  # keeps the row (its label says "no target stated"); nothing is drawn
            marker={"opacity": 0},
            hoverinfo="skip",
            showlegend=False,
        )
    largest = max((float(v) / divisor for v in stated["value"]), default=1)
    fig.update_layout(
        font={"family": FONT_FAMILY},
        height=max(260, 120 + ROW_PX * len(rows)),
        margin={"l": 10, "r": 30, "t": 30, "b": 50},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        xaxis={
            "title": {"text": _axis_title(metric_name, unit_title, lang)},
            "range": [0, largest * 1.05],
            "gridcolor": "#eeeeee",
            "zeroline": True,
        },
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        bargap=0.3,
        meta={"rows": len(rows), "stated": int(len(stated))},
    )
    return fig
