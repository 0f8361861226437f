"""Pieces every view uses: component ids, labelled fields, dropdown options, graph settings, and the
``View`` a view module declares (its controls, its content, its callbacks)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import NamedTuple

import plotly.graph_objects as go
from dash import ALL, dcc, html

from dashboard.i18n import label, t
from dashboard.model.aggregates import Aggregates
from dashboard.model.regions import region_title_parts
from dashboard.state import State

# The toolbar keeps zoom and pan. Its camera saved an untitled, unsourced 689×516 "plot-image.png" and
# its link offered to upload the chart to Plotly's cloud: 下载 / Download is the way out of a chart.
MODEBAR_REMOVE = ["select2d", "lasso2d", "toImage", "sendDataToCloud"]
GRAPH_CONFIG = {
    # plotly.js fetches a world topojson for every geo subplot; ours (empty layers) is served locally.
    "topojsonURL": "/assets/topojson/",
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "modeBarButtonsToRemove": MODEBAR_REMOVE,
}
TABLE_HEADER_STYLE = {"fontWeight": "600", "backgroundColor": "#f5f5f5"}


class View(NamedTuple):
    """One view of the app, as its module declares it. ``controls`` and ``content`` build the parts of
    the page shell for a state; ``register`` adds the view's callbacks; ``aside`` (optional) a side
    column such as the map's region panel."""

    name: str
    controls: Callable[[State, Aggregates], list]
    content: Callable[[State, Aggregates], list]
    register: Callable  # (app, AppContext) -> None
    aside: Callable[[State], list] | None = None


def ctl(name: str) -> dict:
    """The id of a control whose value is part of the URL state."""
    return {"type": "ctl", "name": name}


def vid(name: str) -> dict:
    """The id of a component that only exists in one view. Callbacks address it with ``i: ALL``, so
    when its view is not on the page they update nothing instead of failing."""
    return {"vid": name, "i": 0}


def VALL(name: str) -> dict:  # noqa: N802 - reads like the ALL wildcard it wraps
    """All components of one view-only id (none when its view is not on the page)."""
    return {**vid(name), "i": ALL}


def any_open(*toggles: list | None) -> bool:
    """Whether any of these <details> is open, from the n_clicks of their <summary> (VALL inputs): each
    click or key press on a summary toggles it, and assets/share.js closes pop-ups on Esc by a click too, so
    an odd count is an open one. Content nobody sees is then not sent."""
    return any(isinstance(n, int) and n % 2 for clicks in toggles for n in clicks or [])


def field(text: str, control, wrapper_id: dict | None = None, hidden: bool = False) -> html.Div:
    """A labelled control; ``wrapper_id`` lets a callback show or hide it."""
    kwargs = {"id": wrapper_id} if wrapper_id else {}
    target = getattr(control, "id", None)  # the label names its control (a search box, a dropdown's button)
    label_for = (
        {"htmlFor": json.dumps(target, sort_keys=True, separators=(",", ":"))} if isinstance(target, dict) else {}
    )
    return html.Div(
        [html.Label(text, className="control-label", **label_for), control],
        className="control",
        style={"display": "none"} if hidden else {},
        **kwargs,
    )


def enum_options(enum: str, values, lang: str, all_label: str) -> list[dict]:
    """Dropdown options for a codebook enum, "all" first under its own label."""
    return [{"label": all_label if v == "all" else label(enum, v, lang), "value": v} for v in values]


def enum_dropdown(name: str, enum: str, values, value: str, lang: str) -> html.Div:
    """A labelled dropdown over a codebook enum, with "all" (the ``name`` control of the URL state)."""
    options = enum_options(enum, values, lang, t("all", lang))
    return field(t(name, lang), dropdown(lang, id=ctl(name), options=options, value=value, clearable=False))


def two_names(zh: str, en: str | None) -> list:
    """A name in both languages, each marked with its own (screen readers switch voice; the language
    tests know the Chinese name is data, not an untranslated label)."""
    return [html.Span(zh, lang="zh-CN"), *([" ", html.Span(en, lang="en")] if en and en != zh else [])]


def in_chinese(text, tag=html.Span, **props):
    """The sources' own Chinese words (a quote, a title, an issuer), marked as Chinese on either page."""
    return tag(text, lang="zh-CN", **props)


def place_option(zh: str, en: str, value: str, indent: bool = False) -> dict:
    """A dropdown option naming a place in both languages; typing either name finds it."""
    return {"label": html.Span(["　" if indent else "", *two_names(zh, en)]), "value": value, "search": f"{zh} {en}"}


def region_options(agg: Aggregates) -> list[dict]:
    """Every province (one without plans still answers "searched, none found" or "not searched"), then
    the cities and districts that have plans."""
    options = [place_option(r.name_zh, r.name_en, code) for code, r in agg.province_summary.iterrows()]
    for m in agg.markers().sort_values("adcode").itertuples():
        options.append(place_option(m.name_zh, m.name_en, m.adcode, indent=True))
    return options


def announcement_years(agg: Aggregates) -> list[str]:
    """The years in which the recorded plans were announced, newest first."""
    return sorted({d[:4] for d in agg.plans["announced"].dropna() if d}, reverse=True)


def announced_field(state: State, agg: Aggregates) -> html.Div:
    """ "Announced in" a year: the same control (and URL parameter) on the map, ranking, timeline and data."""
    lang = state.lang
    options = [{"label": t("any_year", lang), "value": ""}] + [
        {"label": y, "value": y} for y in announcement_years(agg)
    ]
    menu = dropdown(lang, id=ctl("announced"), options=options, value=state.announced, clearable=False)
    return field(t("announced_in", lang), menu)


DROPDOWN_LABELS = {
    "zh": {
        "select_all": "全选",
        "deselect_all": "全部清除",
        "selected_count": "已选 {num_selected} 项",
        "search": "搜索",
        "clear_search": "清除搜索",
        "clear_selection": "清除所选",
        "no_options_found": "没有匹配的选项",
    },
}


def dropdown_labels(lang: str) -> dict | None:
    """Dash's own dropdown strings in the page language (English is Dash's default)."""
    return DROPDOWN_LABELS.get(lang)


def dropdown(lang: str, **props) -> dcc.Dropdown:
    """A dcc.Dropdown whose own strings (search, "no options found", "N selected") speak the page's
    language; English is Dash's own."""
    labels = dropdown_labels(lang)
    return dcc.Dropdown(**props, **({"labels": labels} if labels else {}))


def region_heading(agg: Aggregates, code: str) -> list:
    """A region's two names, each marked with its language."""
    return two_names(*region_title_parts(agg, code))


def graph_height(fig) -> dict:
    """Charts whose height grows with their rows: size the graph to the figure (width stays fluid)."""
    return {"height": f"{fig.layout.height}px"}


def empty_figure() -> go.Figure:
    fig = go.Figure()
    fig.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=200, paper_bgcolor="#ffffff")
    return fig
