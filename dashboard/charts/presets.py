"""Each chart for a view state: the same figures serve the app, the embed pages and the export command.

``chart_figure`` builds the bare figure; ``presented_figure`` adds what a chart needs once it leaves the
app: title, subtitle, source line and data date.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import map as map_fig
from dashboard.charts.ranking import ranking_chart
from dashboard.charts.style import FONT_FAMILY, plain
from dashboard.charts.subsidies import subsidy_chart
from dashboard.charts.timeline import timeline
from dashboard.geo import boundaries
from dashboard.i18n import METRICS, label, t
from dashboard.model.aggregates import Aggregates, in_year, scale_origin
from dashboard.model.ranking import RankingFilter, ranking_rows
from dashboard.model.regions import plans_of_region, region_name, region_title, subsidy_rows
from dashboard.state import State

CHARTS = ("map", "ranking", "timeline", "subsidies", "compare")
# The settings each chart is drawn from: two states that agree on these draw the same chart, so caches
# key on them alone (a calculator area or a search text never makes a new map).
CHART_FIELDS = {
    "map": ("lang", "metric", "kind", "basis", "date", "drill", "units", "markers", "announced"),
    "ranking": ("lang", "target", "year", "basis", "status", "level", "announced", "highlight"),
    "timeline": ("lang", "province", "level", "doctype", "announced"),
    "subsidies": ("lang", "kind", "scale"),
    "compare": ("lang", "regions"),
}


# What a presenter sets for a chart that leaves the app (exports, embeds): not part of the drawing.
PRESENTATION_FIELDS = ("title", "note", "size", "highlight")


def chart_state(chart: str, state: State) -> State:
    """``state`` with every setting the chart does not read set to its default."""
    keep = CHART_FIELDS.get(chart, ())
    return State(**{name: getattr(state, name) for name in keep})


def export_state(chart: str, state: State) -> State:
    """The settings a chart's file depends on: what draws it, and the presenter's title, note, size and
    highlighted regions."""
    keep = (*CHART_FIELDS.get(chart, ()), *PRESENTATION_FIELDS)
    return State(**{name: getattr(state, name) for name in dict.fromkeys(keep)})


class ChartError(ValueError):
    """A chart that cannot be drawn for these settings (e.g. compare with one region)."""


def province_names(agg: Aggregates, lang: str) -> dict[str, str]:
    return {code: agg.name(code, lang) for code in agg.province_codes}


def map_inputs(agg: Aggregates, state: State) -> tuple[pd.DataFrame, pd.Series, str, dict | None]:
    """Summary, values and metric of the map for ``state``; the drill-down geometry when drilling.
    With an announcement year, every metric is computed over the plans announced in that year."""
    agg = agg.announced_in(state.announced)
    if state.drill:
        counties = state.units == "county" and boundaries.has_counties(state.drill)
        units = boundaries.county_geojson(state.drill) if counties else boundaries.subdivision_geojson(state.drill)
        summary = agg.unit_summary([f["id"] for f in units["features"]])
        metric = "plan_count" if state.metric == "announced_by" else state.metric
        values = agg.metric_values(summary, metric, basis=state.basis) if metric == "industry_scale_cny" else None
        return summary, summary[metric].astype("Float64") if values is None else values, metric, units
    summary = agg.province_summary
    values = agg.metric_values(summary, state.metric, state.kind, state.date, state.basis)
    return summary, values, state.metric, None


def metric_label(metric: str, state: State) -> str:
    """The metric's name, with the subsidy kind or the industry basis it is restricted to."""
    lang = state.lang
    name = METRICS[metric][lang]
    restriction = ""
    if metric == "max_subsidy_cny" and state.kind != "all":
        restriction = label("kind", state.kind, lang)
    if metric == "industry_scale_cny" and state.basis != "all":
        restriction = label("basis", state.basis, lang)
    if state.announced:
        year = f"{state.announced}年发布" if lang == "zh" else f"announced in {state.announced}"
        restriction = (
            f"{restriction}，{year}"
            if restriction and lang == "zh"
            else f"{restriction}, {year}"
            if restriction
            else year
        )
    if not restriction:
        return name
    return f"{name}（{restriction}）" if lang == "zh" else f"{name} ({restriction})"


def scale_notes(summary: pd.DataFrame, state: State) -> dict[str, str]:
    """What each region's industry-scale figure covers and which plan states it, for its hover: a
    policymaker must not compare a core-industry target with one for related industries unawares, nor
    take a city's target for its province's."""
    lang = state.lang
    notes = {}
    for code, origin in scale_origin(summary, state.basis).dropna(subset=["basis"]).iterrows():
        note = f"{t('basis', lang)}: {label('basis', origin['basis'], lang)}"
        if isinstance(origin["area"], str) and origin["area"] != summary.loc[code, "name_zh"]:
            note += f" · {t('stated_by', lang)}: {origin['area']}"
        notes[code] = note
    return notes


def map_view(agg: Aggregates, state: State) -> tuple[pd.DataFrame, pd.Series, str, dict | None, dict]:
    """``map_inputs`` plus the coloured values (z, hover text, colour bar) a figure or a Patch carries."""
    summary, values, metric, units = map_inputs(agg, state)
    notes = scale_notes(summary, state) if metric == "industry_scale_cny" else None
    no_plan = t("none_announced_in", state.lang).format(year=state.announced) if state.announced else ""
    shown = map_fig.map_values(
        summary, values, metric, state.lang, state.date or agg.months[-1], metric_label(metric, state), notes, no_plan
    )
    return summary, values, metric, units, shown


def shown_markers(agg: Aggregates, state: State) -> pd.DataFrame:
    """The city and district markers the map shows: those of the plans announced in the chosen year,
    or by the chosen month when the map counts plans announced by a date."""
    scoped = agg.announced_in(state.announced)
    if state.metric == "announced_by" and not state.drill:
        scoped = scoped.announced_by(state.date)
    return scoped.markers()


def map_figure(agg: Aggregates, state: State, view: tuple | None = None) -> go.Figure:
    summary, _, _, units, shown = view or map_view(agg, state)
    markers = shown_markers(agg, state)
    if units is not None:
        in_province = markers[markers["province_code"] == state.drill] if len(markers) else markers
        return map_fig.subdivision_map(summary, shown, units, in_province, state.lang, state.markers == "1")
    return map_fig.province_map(
        summary,
        shown,
        boundaries.provinces_geojson(),
        boundaries.south_china_sea_geojson(),
        markers,
        state.lang,
        state.markers == "1",
    )


def filtered_plans(agg: Aggregates, state: State) -> pd.DataFrame:
    plans = agg.plans
    if state.province:
        plans = plans[plans["province_code"] == state.province]
    if state.level != "all":
        plans = plans[plans["level"] == state.level]
    if state.doctype != "all":
        plans = plans[plans["doc_type"] == state.doctype]
    if state.announced:
        plans = plans[in_year(plans["announced"], state.announced)]
    return plans


def compare_plans(agg: Aggregates, state: State) -> pd.DataFrame:
    codes = state.compare_regions
    if len(codes) < 2:
        raise ChartError(t("compare_need_two", state.lang))
    plan_ids = set().union(*(set(plans_of_region(agg, c)["plan_id"]) for c in codes))
    return agg.plans[agg.plans["plan_id"].isin(plan_ids)]


def ranking_filter(state: State) -> RankingFilter:
    return RankingFilter(
        target=state.target,
        year=state.year,
        basis=state.basis,
        status=state.status,
        level=state.level,
        announced=state.announced,
        highlight=tuple(state.highlighted),
    )


def ranking_metric_name(state: State) -> str:
    """The ranked metric, with the industry basis it is restricted to."""
    name = label("target_metric", state.target, state.lang)
    if state.target != "industry_scale_cny" or state.basis == "all":
        return name
    basis = label("basis", state.basis, state.lang)
    return f"{name}（{basis}）" if state.lang == "zh" else f"{name} ({basis})"


def ranking_figure(agg: Aggregates, state: State) -> go.Figure:
    rows = ranking_rows(agg, ranking_filter(state))
    names = {code: region_name(agg, code, state.lang) for code in rows["region_code"]}
    return ranking_chart(rows, names, state.lang, ranking_metric_name(state))


def chart_figure(agg: Aggregates, chart: str, state: State) -> go.Figure:
    if chart == "map":
        return map_figure(agg, state)
    if chart == "ranking":
        return ranking_figure(agg, state)
    if chart == "timeline":
        return timeline(filtered_plans(agg, state), agg.targets, province_names(agg, state.lang), state.lang)
    if chart == "subsidies":
        return subsidy_chart(subsidy_rows(agg, state.kind, state.lang), state.lang, state.scale)
    if chart == "compare":
        return timeline(compare_plans(agg, state), agg.targets, province_names(agg, state.lang), state.lang)
    raise ChartError(f"unknown chart {chart!r}: one of {', '.join(CHARTS)}")


def chart_data(agg: Aggregates, chart: str, state: State) -> pd.DataFrame:
    """The data behind a chart, as a table (for its CSV download)."""
    if chart == "map":
        summary, values, metric, _ = map_inputs(agg, state)
        data = summary[["name_zh", "name_en", "plan_count"]].assign(**{metric: values})
        if metric == "industry_scale_cny":
            data = data.assign(basis=scale_origin(summary, state.basis)["basis"])
        if "coverage_result" in summary.columns:
            data = data.assign(coverage=summary["coverage_result"], searched_on=summary["coverage_searched_on"])
        return data.reset_index()
    if chart == "ranking":
        rows = ranking_rows(agg, ranking_filter(state))
        names = [region_name(agg, code, state.lang) for code in rows["region_code"]]
        return rows.assign(region=names).drop(columns=["stated"])
    if chart == "subsidies":
        return subsidy_rows(agg, state.kind, state.lang).drop(columns=["place_code"], errors="ignore")
    plans = filtered_plans(agg, state) if chart == "timeline" else compare_plans(agg, state)
    return plans.drop(columns=["place_code", "announced_month"], errors="ignore")


def chart_title(agg: Aggregates, chart: str, state: State) -> tuple[str, str]:
    lang = state.lang
    if chart == "map":
        metric = metric_label(state.metric, state)
        where = "中国各省" if lang == "zh" else "China by province"
        if state.drill:
            where = region_title(agg, state.drill, lang)
            if state.units == "county" and boundaries.has_counties(state.drill):
                where += "（区县）" if lang == "zh" else " (counties)"
        extra = ""
        if state.metric == "announced_by":
            extra = (
                f"（截至{state.date or agg.months[-1]}）" if lang == "zh" else f" (by {state.date or agg.months[-1]})"
            )
        subtitle = t("scale_subtitle", lang) if state.metric == "industry_scale_cny" else t("subtitle", lang)
        return f"{where}：{metric}{extra}" if lang == "zh" else f"{where}: {metric}{extra}", subtitle
    if chart == "ranking":
        return ranking_title(agg, state), t("subtitle", lang)
    if chart == "timeline":
        return timeline_title(agg, state), t("subtitle", lang)
    if chart == "subsidies":
        kind = t("all", lang) if state.kind == "all" else label("kind", state.kind, lang)
        return t("subsidies_title", lang), f"{t('kind', lang)}: {kind}"
    names = " · ".join(region_title(agg, c, lang) for c in state.compare_regions)
    return (f"对比：{names}" if lang == "zh" else f"Compare: {names}"), t("timeline_title", lang)


def timeline_title(agg: Aggregates, state: State) -> str:
    """Whose plans, with which filters: 上海市：规划从发布到目标年份（区县级，2023年发布）."""
    lang = state.lang
    if not (state.province or state.level != "all" or state.doctype != "all" or state.announced):
        return t("timeline_title", lang)
    where = region_name(agg, state.province, lang) if state.province else ("各地" if lang == "zh" else "All regions")
    parts = []
    if state.level != "all":
        parts.append(label("level", state.level, lang))
    if state.doctype != "all":
        parts.append(label("doc_type", state.doctype, lang))
    if state.announced:
        parts.append(f"{state.announced}年发布" if lang == "zh" else f"announced in {state.announced}")
    title = t("timeline_of", lang).format(where=where)
    if not parts:
        return title
    return f"{title}（{'，'.join(parts)}）" if lang == "zh" else f"{title} ({', '.join(parts)})"


def ranking_title(agg: Aggregates, state: State) -> str:
    """What is ranked, for which year, at which level, of which documents: 2025年产业规模目标（省级，已发布）."""
    lang = state.lang
    metric = ranking_metric_name(state)
    parts = []
    if state.level != "all":
        level = label("level", state.level, lang)
        parts.append(level if lang == "zh" else f"{level.lower()} level")
    if state.status != "all":
        status = label("status", state.status, lang)
        parts.append(status if lang == "zh" else status.lower())
    if state.announced:
        parts.append(f"{state.announced}年发布" if lang == "zh" else f"announced in {state.announced}")
    if lang == "zh":
        head = f"{state.year}年{metric}目标" if state.year else f"{metric}目标"
        return head + (f"（{'，'.join(parts)}）" if parts else "") + "排名"
    head = f"{metric} targets for {state.year}" if state.year else f"{metric} targets"
    return f"Regions ranked by {head[0].lower()}{head[1:]}" + (f" ({', '.join(parts)})" if parts else "")


def presented_figure(agg: Aggregates, chart: str, state: State, data_date: str) -> go.Figure:
    """The chart with title, subtitle, source line and data date, ready to leave the app."""
    fig = chart_figure(agg, chart, state)
    title, subtitle = chart_title(agg, chart, state)
    title = state.title or title  # a presenter's own title replaces ours; the subtitle still says what is shown
    lang = state.lang
    # Boundaries are credited only where a map is drawn.
    source = f"{t('source_line' if chart == 'map' else 'source_line_data', lang)} · {t('data_date', lang)}: {data_date}"
    if state.note:
        source = f"{plain(state.note)}<br>{source}"
    if chart == "map" and state.highlighted:  # the presenter's regions outlined
        codes = list(fig.data[map_fig.MAIN].locations)
        fig.data[map_fig.MAIN].marker.line = map_fig.outline(codes, state.highlighted)
    margin = fig.layout.margin
    fig.update_layout(
        title={
            "text": f"<b>{plain(title)}</b>",
            "subtitle": {"text": subtitle, "font": {"size": 13, "color": "#616161", "family": FONT_FAMILY}},
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 0.985,
            "yanchor": "top",
            "font": {"family": FONT_FAMILY, "size": 18},
        },
        margin={"l": max(margin.l or 0, 10), "r": max(margin.r or 0, 10), "t": 80, "b": 110 if state.note else 90},
    )
    fig.add_annotation(
        text=source,
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        yshift=-60,  # below the axis labels and the legend
        showarrow=False,
        font={"size": 10, "color": "#616161", "family": FONT_FAMILY},
    )
    return fig
