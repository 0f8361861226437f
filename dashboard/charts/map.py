"""The choropleth maps: China by province (with the 南海诸岛 inset every map published in China carries)
and one province by city, one metric at a time.

Colours come from one trace per geo subplot whose geometry never changes; what a metric, kind, date or
language changes (z, hover text, colour bar) is computed by :func:`map_values`, so the app can send only
that as a ``Patch``. Grey bands at the foot of the colour bar mark "no plan recorded" and "not stated".
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import FONT_FAMILY, plain
from dashboard.i18n import METRICS, format_value, t

NOT_SEARCHED_COLOUR = "#efe6d2"  # pale sand: unknown, not "nothing"
NO_PLAN_GREY = "#d9d9d9"
NOT_STATED_GREY = "#f0f0f0"
MARKER_COLOUR = "#d95f02"  # orange against blues: distinct for every common colour-vision deficiency
BORDER = "#ffffff"
# z bands: [0, 0.07) not searched, [0.07, 0.14) searched but no plan (or, in a drill-down, no plan
# recorded), [0.14, 0.21) plans but metric not stated, [0.25, 1] the value (light → dark blue). Each band
# is wide enough for its label on the colour bar.
Z_NOT_SEARCHED, Z_NO_PLAN, Z_NOT_STATED, Z_LOW = 0.035, 0.105, 0.175, 0.25
COLORSCALE = [
    [0.0, NOT_SEARCHED_COLOUR],
    [0.07, NOT_SEARCHED_COLOUR],
    [0.07, NO_PLAN_GREY],
    [0.14, NO_PLAN_GREY],
    [0.14, NOT_STATED_GREY],
    [0.21, NOT_STATED_GREY],
    [0.21, "#c6dbef"],
    [0.25, "#c6dbef"],
    [0.6, "#4292c6"],
    [1.0, "#08306b"],
]
INSET_CODES = ("460000", "440000", "450000", "350000", "710000", "810000", "820000")
PROJECTION = {"type": "conic equal area", "parallels": [25, 47], "rotation": {"lon": 105}}
MAINLAND = {"lonaxis": {"range": [73, 136]}, "lataxis": {"range": [16.5, 54]}}
INSET = {
    "lonaxis": {"range": [107, 123]},
    "lataxis": {"range": [3, 23]},
    "center": {"lon": 115, "lat": 13},
    "projection": {**PROJECTION, "rotation": {"lon": 115}},
}
GEO_BASE = {
    "visible": False,
    "showland": False,
    "showocean": False,
    "showcountries": False,
    "showcoastlines": False,
    "showlakes": False,
    "showrivers": False,
    "bgcolor": "rgba(0,0,0,0)",
}
# Trace order of the national map; callbacks patch by these indices.
MAIN, MARKERS, LINE, INSET_MAP, INSET_LINE = range(5)


def _ticks(values: list[float], unit: str, lang: str) -> list[tuple[float, str]]:
    """Tick values (in data units) for the colour bar."""
    low, high = min(values), max(values)
    if unit == "CNY":
        decades = [10.0**k for k in range(math.ceil(math.log10(low)), math.floor(math.log10(high)) + 1)]
        picks = sorted({low, high, *decades})
    elif unit in ("count", "year"):
        step = max(1, math.ceil((high - low) / 5))
        picks = list(range(int(low), int(high) + 1, step))
        if picks[-1] != high:
            picks.append(high)
    else:
        picks = sorted({low, high})
    return [(v, format_value(v, unit, lang)) for v in picks]


def _scale(unit: str):
    return (lambda v: math.log10(v)) if unit == "CNY" else (lambda v: float(v))


def _no_plan(row: pd.Series, name: str, lang: str, no_plan: str = "") -> tuple[float, str]:
    """Band and hover text of a region without plans: searched and none found, not searched, or (for
    the cities and counties of a drill-down, which have no coverage row) simply none recorded.
    ``no_plan`` says why a region with plans has none here (none announced in the chosen year)."""
    result = row.get("coverage_result")
    if no_plan and result not in ("not_searched", "none_found"):
        return Z_NO_PLAN, f"{name}<br>{plain(no_plan)}"
    if result == "not_searched":
        return Z_NOT_SEARCHED, f"{name}<br>{t('not_searched', lang)}"
    if result == "none_found":
        note = row.get(f"coverage_note_{lang}")
        text = t("none_found_on", lang).format(date=row["coverage_searched_on"])
        return Z_NO_PLAN, f"{name}<br>{text}" + (f"<br>{plain(note)}" if isinstance(note, str) and note else "")
    return Z_NO_PLAN, f"{name}<br>{t('no_plan', lang)}"


def map_values(
    summary: pd.DataFrame,
    values: pd.Series,
    metric: str,
    lang: str,
    date: str = "",
    label: str = "",
    notes: dict[str, str] | None = None,
    no_plan: str = "",
) -> dict:
    """z, hover text and colour bar for ``values`` over the regions of ``summary`` (same index).

    A region without plans gets a "no plan" band (searched / not searched where the summary carries
    the coverage table); one with plans but no value the "not stated" band. ``label`` replaces the
    metric's name; ``notes`` add a line to a region's hover (e.g. the basis of its target).
    """
    spec = METRICS[metric]
    unit = spec["unit"]
    known = [float(v) for v in values.dropna() if float(v) > 0 or unit != "CNY"]
    scale = _scale(unit)
    if known:
        lo, hi = scale(min(known)), scale(max(known))
    else:
        lo = hi = 0.0

    def normalise(v: float) -> float:
        return 1.0 if hi == lo else Z_LOW + (1 - Z_LOW) * (scale(v) - lo) / (hi - lo)

    label = label or spec[lang]
    if metric == "announced_by" and date:
        label = f"{label} ({date})"
    notes = notes or {}
    z, hover = [], []
    for code, row in summary.iterrows():
        value = values.get(code)
        recorded = pd.notna(row["plan_count"])
        # "Announced by" a date: a province whose plans all came later had none recorded yet.
        has_plans = recorded and (metric != "announced_by" or pd.notna(value))
        name = f"<b>{plain(row['name_zh'])}</b>" + (
            f" {plain(row['name_en'])}" if row["name_en"] != row["name_zh"] else ""
        )
        note = f"<br>{plain(notes[code])}" if notes.get(code) else ""
        if value is not None and pd.notna(value) and (float(value) > 0 or unit != "CNY"):
            z.append(normalise(float(value)))
            count = f"<br>{int(row['plan_count'])} {t('plans', lang)}" if has_plans else ""
            hover.append(f"{name}<br>{label}: {format_value(float(value), unit, lang)}{note}{count}")
        elif has_plans:
            z.append(Z_NOT_STATED)
            hover.append(f"{name}<br>{label}: {t('not_stated', lang)}<br>{int(row['plan_count'])} {t('plans', lang)}")
        elif recorded:  # plans, but none announced by the date
            z.append(Z_NO_PLAN)
            hover.append(f"{name}<br>{t('no_plan', lang)}")
        else:
            band, text = _no_plan(row, name, lang, no_plan)
            z.append(band)
            hover.append(text)
    ticks = _ticks(known, unit, lang) if known else []
    searched = "coverage_result" in summary.columns
    bands = []
    if searched or Z_NOT_SEARCHED in z:  # the key names the band even while no region is in it
        bands.append((Z_NOT_SEARCHED, t("not_searched", lang)))
    bands.append((Z_NO_PLAN, t("none_found" if searched and metric != "announced_by" else "no_plan", lang)))
    if Z_NOT_STATED in z:
        bands.append((Z_NOT_STATED, t("not_stated", lang)))
    tickvals = [v for v, _ in bands] + [normalise(v) for v, _ in ticks]
    ticktext = [text for _, text in bands] + [text for _, text in ticks]
    return {
        "z": z,
        "hovertext": hover,
        "colorbar": {"title": {"text": label}, "tickvals": tickvals, "ticktext": ticktext},
    }


def _markers_trace(markers: pd.DataFrame, lang: str, visible: bool, geo: str = "geo") -> go.Scattergeo:
    hover = [
        f"<b>{plain(m.name_en if lang == 'en' and hasattr(m, 'name_en') else m.name_zh)}</b><br>{m.plan_count} {t('plans', lang)}<br>"
        + "<br>".join(
            f"· {plain(x)}" for x in (m.titles_en if lang == "en" and hasattr(m, "titles_en") else m.titles)[:4]
        )
        for m in markers.itertuples()
    ]
    return go.Scattergeo(
        lon=list(markers["lon"]) if len(markers) else [],
        lat=list(markers["lat"]) if len(markers) else [],
        customdata=list(markers["adcode"]) if len(markers) else [],
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        mode="markers",
        marker={
            # Small enough not to cover a province's own value (无锡滨湖 sat on 上海): 6 px, up to 11 px.
            "size": marker_sizes(markers),
            "color": MARKER_COLOUR,
            "line": {"color": "#ffffff", "width": 1},
            "opacity": 0.9,
        },
        geo=geo,
        visible=visible,
        showlegend=True,  # the key says what the dots are, in the app and in exports
        name=t("markers_legend", lang),
    )


SELECTED = "#e6550d"


def outline(codes: list[str], selected: str | list[str]) -> dict:
    """Region borders, the selected region's (or regions') drawn thick in orange so they are found."""
    chosen = {selected} if isinstance(selected, str) else set(selected)
    return {
        "color": [SELECTED if code in chosen else BORDER for code in codes],
        "width": [2.5 if code in chosen else 0.6 for code in codes],
    }


def marker_sizes(markers: pd.DataFrame) -> list[float]:
    return [6 + 1.25 * (min(int(n), 5) - 1) for n in markers["plan_count"]] if len(markers) else []


def markers_values(markers: pd.DataFrame, lang: str) -> dict:
    """What a Patch replaces when the markers change (another year or month): positions, ids, hover, sizes."""
    trace = _markers_trace(markers, lang, True)
    return {
        "lon": list(trace.lon),
        "lat": list(trace.lat),
        "customdata": list(trace.customdata),
        "hovertext": list(trace.hovertext),
        "size": marker_sizes(markers),
    }


def _line_trace(scs_geojson: dict, geo: str, lang: str) -> go.Scattergeo:
    lons: list = []
    lats: list = []
    for feature in scs_geojson["features"]:
        for part in feature["geometry"]["coordinates"]:
            lons += [p[0] for p in part] + [None]
            lats += [p[1] for p in part] + [None]
    return go.Scattergeo(
        lon=lons,
        lat=lats,
        mode="lines",
        line={"color": "#7f7f7f", "width": 1},
        hoverinfo="skip",
        geo=geo,
        showlegend=False,
        name=t("south_china_sea", lang),
    )


def _choropleth(codes: list[str], values: dict, geo: str, show_scale: bool) -> go.Choropleth:
    """A choropleth without its geometry: see :func:`_attach_geojson`."""
    return go.Choropleth(
        featureidkey="id",
        locations=codes,
        z=values["z"],
        zmin=0,
        zmax=1,
        colorscale=COLORSCALE,
        showscale=show_scale,
        colorbar={"thickness": 12, "len": 0.55, "x": 0.93, "y": 0.68, **values["colorbar"]},
        hovertext=values["hovertext"],
        hovertemplate="%{hovertext}<extra></extra>",
        marker={"line": {"color": BORDER, "width": 0.6}},
        geo=geo,
        showlegend=False,
    )


def _attach_geojson(fig: go.Figure, trace: int, geojson: dict) -> None:
    # go.Figure deep-copies every trace it is given (~0.1 s for the provinces, 0.2 s with the inset);
    # assigning the geometry to the built figure keeps a reference instead. Nothing mutates it.
    fig.data[trace].geojson = geojson


def inset_values(values: dict, codes: list[str]) -> dict:
    """The inset's slice of :func:`map_values` (its provinces, in ``INSET_CODES`` order)."""
    position = {code: i for i, code in enumerate(codes)}
    keep = [position[c] for c in INSET_CODES if c in position]
    return {
        "z": [values["z"][i] for i in keep],
        "hovertext": [values["hovertext"][i] for i in keep],
        "colorbar": values["colorbar"],
    }


def _layout(fig: go.Figure, lang: str) -> None:
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": 13, "color": "#212121"},
        margin={"l": 0, "r": 0, "t": 10, "b": 10},
        paper_bgcolor="#ffffff",
        dragmode=False,
        hoverlabel={"font": {"family": FONT_FAMILY}},
        legend={
            "x": 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top", "bgcolor": "rgba(255,255,255,0.85)",
            "font": {"size": 11}, "itemclick": False, "itemdoubleclick": False,
        },
    )  # fmt: skip


def province_map(
    summary: pd.DataFrame,
    values: dict,
    provinces_geojson: dict,
    scs_geojson: dict,
    markers: pd.DataFrame,
    lang: str = "zh",
    show_markers: bool = True,
) -> go.Figure:
    """The national map; ``values`` from :func:`map_values` over ``summary`` (34 provinces)."""
    codes = list(summary.index)
    inset_geojson = {
        "type": "FeatureCollection",
        "features": [f for f in provinces_geojson["features"] if f["id"] in INSET_CODES],
    }
    inset_codes = [c for c in INSET_CODES if c in codes]
    fig = go.Figure(
        [
            _choropleth(codes, values, "geo", True),
            _markers_trace(markers, lang, show_markers),
            _line_trace(scs_geojson, "geo", lang),
            _choropleth(inset_codes, inset_values(values, codes), "geo2", False),
            _line_trace(scs_geojson, "geo2", lang),
        ]
    )
    _attach_geojson(fig, MAIN, provinces_geojson)
    _attach_geojson(fig, INSET_MAP, inset_geojson)
    # The page keeps the figure at a 4:3 aspect, so these domains put the inset in the sea at the map's
    # lower right, where Chinese maps carry it.
    fig.update_layout(
        geo={**GEO_BASE, **MAINLAND, "projection": PROJECTION, "domain": {"x": [0, 0.9], "y": [0, 1]}},
        geo2={
            **GEO_BASE,
            **INSET,
            "domain": {"x": [0.74, 0.88], "y": [0.03, 0.33]},
            "showframe": True,
            "framecolor": "#9e9e9e",
            "framewidth": 1,
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
        uirevision="national",
    )
    _layout(fig, lang)
    return fig


def _bounds(geojson: dict) -> tuple[float, float, float, float]:
    """West, south, east, north of every coordinate in a FeatureCollection of (multi)polygons."""
    lons: list[float] = []
    lats: list[float] = []

    def walk(coords) -> None:
        if coords and isinstance(coords[0], int | float):
            lons.append(coords[0])
            lats.append(coords[1])
        else:
            for item in coords:
                walk(item)

    for feature in geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    return min(lons), min(lats), max(lons), max(lats)


def subdivision_map(
    summary: pd.DataFrame,
    values: dict,
    geojson: dict,
    markers: pd.DataFrame,
    lang: str = "zh",
    show_markers: bool = True,
) -> go.Figure:
    """One province by its cities (or districts, in a 直辖市), framed on the province."""
    codes = list(summary.index)
    fig = go.Figure([_choropleth(codes, values, "geo", True), _markers_trace(markers, lang, show_markers)])
    _attach_geojson(fig, MAIN, geojson)
    west, south, east, north = _bounds(geojson)
    pad_x, pad_y = (east - west) * 0.04, (north - south) * 0.04
    fig.update_layout(
        geo={
            **GEO_BASE,
            "projection": {**PROJECTION, "rotation": {"lon": (west + east) / 2}},
            "lonaxis": {"range": [west - pad_x, east + pad_x]},
            "lataxis": {"range": [south - pad_y, north + pad_y]},
            "center": {"lon": (west + east) / 2, "lat": (south + north) / 2},
            "domain": {"x": [0, 0.9], "y": [0, 1]},
        },
        uirevision=f"drill-{codes[0][:2] if codes else ''}",
    )
    _layout(fig, lang)
    return fig
