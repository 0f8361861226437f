import pytest

from dashboard import geo
from dashboard.data import load_dataset
from dashboard.figures import map as map_fig
from dashboard.i18n import format_cny
from dashboard.metrics import Aggregates


@pytest.fixture(scope="module")
def agg():
    return Aggregates(load_dataset(), geo.province_codes(), geo.places())


def build(agg, metric="plan_count", lang="zh", kind="all", date=""):
    summary = agg.province_summary
    values = map_fig.map_values(summary, agg.metric_values(summary, metric, kind, date), metric, lang, date)
    fig = map_fig.province_map(
        summary, values, geo.provinces_geojson(), geo.south_china_sea_geojson(), agg.markers(), lang
    )
    return (
        fig,
        dict(zip(fig.data[map_fig.MAIN].locations, fig.data[map_fig.MAIN].z, strict=True)),
        dict(zip(fig.data[map_fig.MAIN].locations, fig.data[map_fig.MAIN].hovertext, strict=True)),
    )


def test_main_map_covers_all_34_provinces_once(agg):
    fig, z, _ = build(agg)
    assert sorted(fig.data[map_fig.MAIN].locations) == sorted(geo.province_codes())
    assert len(fig.data[map_fig.MAIN].geojson["features"]) == 34


def test_no_plan_provinces_get_the_grey_band_and_say_so(agg):
    _, z, hover = build(agg)
    assert z["650000"] == map_fig.Z_NO_PLAN
    assert sum(1 for v in z.values() if v == map_fig.Z_NO_PLAN) == 17
    assert "暂无收录" in hover["650000"] and "新疆" in hover["650000"] and "Xinjiang" in hover["650000"]
    assert map_fig.COLORSCALE[0][1] == map_fig.NO_PLAN_GREY


def test_values_order_the_colours_and_hover_has_units_in_both_languages(agg):
    _, z, hover = build(agg)
    assert z["330000"] == 1.0  # 浙江 has the most plans
    assert map_fig.Z_LOW <= z["310000"] < z["330000"]
    assert "规划数量: 3 项" in hover["310000"] and "上海市" in hover["310000"] and "Shanghai" in hover["310000"]
    _, _, hover_en = build(agg, lang="en")
    assert "Number of plans: 3" in hover_en["310000"]
    assert "no plan recorded" in hover_en["650000"]


def test_amount_metric_legend_and_not_stated_band(agg):
    fig, z, hover = build(agg, metric="industry_scale_cny")
    ticktext = fig.data[map_fig.MAIN].colorbar.ticktext
    assert "3500亿元" in ticktext and "暂无收录" in ticktext and "规划未列此项" in ticktext
    assert "超过" not in hover["310000"] and "3500亿元" in hover["310000"]
    assert z["110000"] == map_fig.Z_NOT_STATED  # Beijing has plans but no industry-scale target
    fig_en, _, _ = build(agg, metric="industry_scale_cny", lang="en")
    assert "CNY 350 billion" in fig_en.data[map_fig.MAIN].colorbar.ticktext


def test_date_changes_which_provinces_are_coloured(agg):
    _, early, _ = build(agg, metric="announced_by", date="2022-01")
    _, late, _ = build(agg, metric="announced_by", date="2023-11")
    coloured = lambda z: {c for c, v in z.items() if v >= map_fig.Z_LOW}  # noqa: E731
    assert coloured(early) < coloured(late)


def test_south_china_sea_inset_markers_and_projection(agg):
    fig, _, _ = build(agg)
    assert fig.layout.geo.projection.type == "conic equal area"
    assert list(fig.layout.geo.projection.parallels) == [25, 47]
    inset = fig.data[map_fig.INSET_MAP]
    assert inset.geo == "geo2" and "460000" in inset.locations
    assert fig.data[map_fig.INSET_LINE].geo == "geo2"
    assert any(a.text == "南海诸岛" for a in fig.layout.annotations)
    markers = fig.data[map_fig.MARKERS]
    assert "110112" in markers.customdata and len(markers.lon) == len(agg.markers())


def test_subdivision_map_fits_the_province(agg):
    units = geo.subdivision_geojson("330000")
    codes = [f["id"] for f in units["features"]]
    summary = agg.unit_summary(codes)
    values = map_fig.map_values(summary, summary["plan_count"].astype("Float64"), "plan_count", "zh")
    fig = map_fig.subdivision_map(summary, values, units, agg.markers(), "zh")
    assert list(fig.layout.geo.lonaxis.range)[0] < 118.1 < 123 < list(fig.layout.geo.lonaxis.range)[1]
    assert "330100" in fig.data[0].locations and len(codes) == 11


def test_amount_formats():
    assert format_cny(350_000_000_000, "zh") == "3500亿元"
    assert format_cny(200_000, "zh") == "20万元"
    assert format_cny(126_350_000_000, "zh") == "1263.5亿元"
    assert format_cny(350_000_000_000, "en") == "CNY 350 billion"
    assert format_cny(1_000_000, "en") == "CNY 1 million"
    assert format_cny(200_000, "en") == "CNY 200 thousand"


def test_county_drill_down_colours_counties_by_their_own_plans(agg):
    from dashboard import charts
    from dashboard.state import State

    state = State(drill="320000", units="county")
    summary, values, metric, units = charts.map_inputs(agg, state)
    assert len(units["features"]) == len(summary) == 95  # 江苏's county-level divisions
    assert values["320115"] >= 1  # 南京江宁区 has its own plan
    assert values.get("320100") is None  # a city is not a unit here
    fig = charts.map_figure(agg, state)
    assert fig.data[map_fig.MAIN].geojson is units
    assert charts.chart_title(agg, "map", state)[0].startswith("江苏省 Jiangsu（区县）")
    # A 直辖市 has no separate county level: its districts are the drill-down already.
    assert charts.map_inputs(agg, State(drill="110000", units="county"))[3] is geo.subdivision_geojson("110000")


def test_every_figure_uses_only_the_traces_of_the_partial_plotly_bundle(agg):
    from dashboard import charts, plotlyjs
    from dashboard.state import State

    states = [
        ("map", State()),
        ("map", State(drill="330000")),
        ("map", State(drill="330000", units="county")),
        ("timeline", State(view="timeline")),
        ("subsidies", State(view="subsidies")),
        ("compare", State(view="compare", regions="310000,110000")),
    ]
    for chart, state in states:
        fig = charts.presented_figure(agg, chart, state, "2026-11-24")
        assert {trace.type for trace in fig.data} <= plotlyjs.TRACE_TYPES, chart
    from dashboard.calculator import Firm, calculate
    from dashboard.figures.subsidies import calculator_chart

    result = calculate(agg, Firm(area=1000, rent=5, years=3, profiles=("tenant", "operator")))
    assert {trace.type for trace in calculator_chart(result["regions"], "zh").data} <= plotlyjs.TRACE_TYPES
