"""The national choropleth: one metric per province, grey where no plan is recorded, with the
South China Sea islands (南海诸岛) inset every map published in China carries."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import FONT_FAMILY
from dashboard.i18n import METRICS, format_value, t

NO_PLAN_GREY = "#d9d9d9"
BORDER = "#ffffff"
# Single-hue sequential scale: readable with every common colour-vision deficiency.
COLORSCALE = [[0.0, "#c6dbef"], [0.5, "#4292c6"], [1.0, "#08306b"]]
# Provinces drawn in the inset window (the islands belong to 海南; the rest is context).
INSET_CODES = ("460000", "440000", "450000", "350000", "710000", "810000", "820000")
MAINLAND = {"lonaxis": {"range": [73, 136]}, "lataxis": {"range": [16.5, 54]}}
INSET = {
    "lonaxis": {"range": [107, 123]},
    "lataxis": {"range": [3, 23]},
    "center": {"lon": 115, "lat": 13},
    "projection": {"type": "conic equal area", "parallels": [25, 47], "rotation": {"lon": 115}},
}
PROJECTION = {"type": "conic equal area", "parallels": [25, 47], "rotation": {"lon": 105}}


def _features(geojson: dict, codes: set[str]) -> dict:
    return {"type": "FeatureCollection", "features": [f for f in geojson["features"] if f["id"] in codes]}


def _line_coords(scs_geojson: dict) -> tuple[list, list]:
    lons: list = []
    lats: list = []
    for feature in scs_geojson["features"]:
        for part in feature["geometry"]["coordinates"]:
            lons += [p[0] for p in part] + [None]
            lats += [p[1] for p in part] + [None]
    return lons, lats


def _hover(row: pd.Series, metric: str, lang: str) -> str:
    spec = METRICS[metric]
    name = f"<b>{row['name_zh']}</b> {row['name_en']}"
    value = row[metric]
    shown = format_value(value, spec["unit"], lang) if pd.notna(value) else "—"
    count = int(row["plan_count"])
    plans = f"{count} {t('plans', lang)}"
    return f"{name}<br>{spec[lang]}: {shown}<br>{plans}"


def _color_values(values: pd.Series, unit: str) -> tuple[list[float], dict]:
    """z values and colorbar ticks; amounts in 元 span decades, so they are coloured on a log scale."""
    if unit != "CNY":
        return [float(v) for v in values], {}
    logs = [math.log10(float(v)) for v in values]
    return logs, {"log": True}


def province_map(
    summary: pd.DataFrame,
    provinces_geojson: dict,
    scs_geojson: dict,
    metric: str = "plan_count",
    lang: str = "zh",
) -> go.Figure:
    """Choropleth of ``metric`` over the 34 provinces of ``summary`` (indexed by adcode)."""
    spec = METRICS[metric]
    has_value = summary[metric].notna()
    coloured = summary[has_value]
    grey = summary[~has_value]

    z, scale = _color_values(coloured[metric], spec["unit"])
    colorbar = {"title": {"text": f"{spec[lang]}"}, "thickness": 12, "len": 0.5, "x": 0.93, "y": 0.7}
    if scale.get("log") and z:
        lo, hi = math.floor(min(z)), math.ceil(max(z))
        ticks = list(range(lo, hi + 1))
        colorbar.update(tickvals=ticks, ticktext=[format_value(10**v, "CNY", lang) for v in ticks])
    elif spec["unit"] in ("count", "year") and len(coloured):
        colorbar.update(dtick=1, tickformat="d")

    coloured_hover = [_hover(row, metric, lang) for _, row in coloured.iterrows()]
    grey_hover = [f"<b>{row['name_zh']}</b> {row['name_en']}<br>{t('no_plan', lang)}" for _, row in grey.iterrows()]
    codes_coloured = list(coloured.index)
    codes_grey = list(grey.index)

    def value_trace(geo: str, codes: list[str], show_scale: bool) -> go.Choropleth:
        keep = [i for i, c in enumerate(codes_coloured) if c in codes]
        return go.Choropleth(
            geojson=_features(provinces_geojson, set(codes)),
            featureidkey="id",
            locations=[codes_coloured[i] for i in keep],
            z=[z[i] for i in keep],
            coloraxis="coloraxis",
            hovertext=[coloured_hover[i] for i in keep],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={"line": {"color": BORDER, "width": 0.6}},
            geo=geo,
            name=spec[lang],
            showlegend=False,
        )

    def grey_trace(geo: str, codes: list[str]) -> go.Choropleth:
        keep = [i for i, c in enumerate(codes_grey) if c in codes]
        return go.Choropleth(
            geojson=_features(provinces_geojson, set(codes)),
            featureidkey="id",
            locations=[codes_grey[i] for i in keep],
            z=[0] * len(keep),
            colorscale=[[0, NO_PLAN_GREY], [1, NO_PLAN_GREY]],
            showscale=False,
            hovertext=[grey_hover[i] for i in keep],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={"line": {"color": BORDER, "width": 0.6}},
            geo=geo,
            name=t("no_plan", lang),
            showlegend=False,
        )

    lons, lats = _line_coords(scs_geojson)

    def line_trace(geo: str) -> go.Scattergeo:
        return go.Scattergeo(
            lon=lons, lat=lats, mode="lines", line={"color": "#7f7f7f", "width": 1},
            hoverinfo="skip", geo=geo, showlegend=False, name=t("south_china_sea", lang),
        )  # fmt: skip

    inset = [c for c in INSET_CODES if c in summary.index]
    fig = go.Figure(
        [
            grey_trace("geo", codes_grey),
            value_trace("geo", codes_coloured, True),
            line_trace("geo"),
            grey_trace("geo2", inset),
            value_trace("geo2", inset, False),
            line_trace("geo2"),
        ]
    )
    zmin = min(z) if z else 0
    zmax = max(z) if z else 1
    geo_common = {
        "projection": PROJECTION,
        "visible": False,
        "showland": False,
        "showocean": False,
        "showcountries": False,
        "showcoastlines": False,
        "showlakes": False,
        "showrivers": False,
        "bgcolor": "rgba(0,0,0,0)",
    }
    fig.update_layout(
        # The page keeps the figure at a 4:3 aspect, so these domains put the inset in the sea at the
        # map's lower right, where Chinese maps carry it.
        geo={**geo_common, **MAINLAND, "domain": {"x": [0, 0.9], "y": [0, 1]}},
        geo2={
            **geo_common,
            **INSET,
            "domain": {"x": [0.74, 0.88], "y": [0.03, 0.33]},
            "showframe": True,
            "framecolor": "#9e9e9e",
            "framewidth": 1,
        },
        coloraxis={
            "colorscale": COLORSCALE,
            "cmin": zmin if zmin != zmax else zmin - 1,
            "cmax": zmax,
            "colorbar": colorbar,
        },
        annotations=[
            {
                "text": t("south_china_sea", lang),
                "x": 0.81,
                "y": 0.035,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": 10, "color": "#616161"},
            }
        ],
        font={"family": FONT_FAMILY, "size": 13, "color": "#212121"},
        margin={"l": 0, "r": 0, "t": 10, "b": 10},
        paper_bgcolor="#ffffff",
        dragmode=False,
        uirevision="map",
    )
    return fig
