from collections import Counter

import pytest

from dashboard.charts import map as map_fig
from dashboard.charts import presets as charts
from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries as geo
from dashboard.i18n import format_cny, label
from dashboard.model.aggregates import Aggregates
from dashboard.state import State
from tests.conftest import table


@pytest.fixture(scope="module")
def agg():
    return Aggregates(load_dataset(), geo.province_codes(), geo.places())


def build(agg, metric="plan_count", lang="zh", kind="all", date=""):
    summary = agg.province_summary
    values = charts.map_view(agg, State(metric=metric, lang=lang, kind=kind, date=date))[4]
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


def test_provinces_without_plans_say_whether_they_were_searched(agg):
    fig, z, hover = build(agg)
    coverage = {row["province_code"]: row for row in table("coverage")}
    none_found = {code for code, row in coverage.items() if row["result"] == "none_found"}
    not_searched = {code for code, row in coverage.items() if row["result"] == "not_searched"}
    assert {code for code, v in z.items() if v == map_fig.Z_NO_PLAN} == none_found
    assert {code for code, v in z.items() if v == map_fig.Z_NOT_SEARCHED} == not_searched
    for code in none_found:
        assert f"检索日期 {coverage[code]['searched_on']}" in hover[code] and coverage[code]["note_zh"] in hover[code]
    assert "已检索，未发现规划" in fig.data[map_fig.MAIN].colorbar.ticktext
    _, _, hover_en = build(agg, lang="en")
    for code in none_found:
        assert f"Searched, no metaverse plan found (as of {coverage[code]['searched_on']})" in hover_en[code]
    assert map_fig.COLORSCALE[2][1] == map_fig.NO_PLAN_GREY


def test_not_searched_is_its_own_band(agg):
    summary = agg.province_summary.copy()
    summary.loc["650000", "coverage_result"] = "not_searched"
    values = map_fig.map_values(summary, summary["plan_count"].astype("Float64"), "plan_count", "en")
    position = list(summary.index).index("650000")
    assert values["z"][position] == map_fig.Z_NOT_SEARCHED and "not searched yet" in values["hovertext"][position]
    assert "not searched yet" in values["colorbar"]["ticktext"]
    assert map_fig.COLORSCALE[0][1] == map_fig.NOT_SEARCHED_COLOUR != map_fig.NO_PLAN_GREY


def test_values_order_the_colours_and_hover_has_units_in_both_languages(agg):
    _, z, hover = build(agg)
    counts = Counter(p["province_code"] for p in table("plans") if p["province_code"])
    most = max(counts.values())
    assert {code for code, v in z.items() if v == 1.0} == {c for c, n in counts.items() if n == most}
    fewest = min(counts, key=counts.get)
    assert map_fig.Z_LOW <= z[fewest] <= z[max(counts, key=counts.get)]
    shanghai = counts["310000"]
    assert (
        f"规划数量: {shanghai} 项" in hover["310000"] and "上海市" in hover["310000"] and "Shanghai" in hover["310000"]
    )
    _, _, hover_en = build(agg, lang="en")
    assert f"Number of plans: {shanghai}" in hover_en["310000"]


def own_scale_targets() -> dict[str, tuple[float, str, str]]:
    """Each province's largest industry-scale target of its own industry (all bases but driven): value,
    basis and the place of the plan that states it (the first in the table among equal values)."""
    plans = {p["plan_id"]: p for p in table("plans")}
    best: dict[str, tuple[float, str, str]] = {}
    for t in table("targets"):
        plan = plans[t["plan_id"]]
        code = plan["province_code"]
        if t["metric"] == "industry_scale_cny" and code and float(t["value"]) > best.get(code, (0, "", ""))[0]:
            best[code] = (float(t["value"]), t["basis"], plan["area_zh"])
    return best


def test_amount_metric_legend_basis_and_not_stated_band(agg):
    fig, z, hover = build(agg, metric="industry_scale_cny")
    ticktext = fig.data[map_fig.MAIN].colorbar.ticktext
    best = own_scale_targets()
    top = max(best, key=lambda c: best[c][0])
    assert format_cny(best[top][0], "zh") in ticktext and "已检索，未发现规划" in ticktext
    for code, (value, basis, area) in best.items():
        assert format_cny(value, "zh") in hover[code] and f"产业口径: {label('basis', basis, 'zh')}" in hover[code]
        # A city's or district's figure names its plan's place, so it is not read as the province's own.
        assert (f"出自: {area}" in hover[code]) == (area != geo.province_name(code, "zh"))
    assert "超过" not in hover[top]  # the qualifier is in the panel, not the hover
    stated = {p["province_code"] for p in table("plans")} - set(best) - {""}
    assert stated and all(z[code] == map_fig.Z_NOT_STATED for code in stated)  # plans, but no such target
    assert "规划未列此项" in ticktext
    fig_en, _, hover_en = build(agg, metric="industry_scale_cny", lang="en")
    assert format_cny(best[top][0], "en") in fig_en.data[map_fig.MAIN].colorbar.ticktext
    assert f"Basis: {label('basis', best[top][1], 'en')}" in hover_en[top]


def test_one_basis_restricts_the_industry_scale_map(agg):
    province = {p["plan_id"]: p["province_code"] for p in table("plans")}
    for basis in ("core", "related", "driven"):
        expected: dict[str, float] = {}
        for t in table("targets"):
            if t["basis"] == basis and province[t["plan_id"]]:
                code = province[t["plan_id"]]
                expected[code] = max(expected.get(code, 0), float(t["value"]))
        values = agg.metric_values(agg.province_summary, "industry_scale_cny", basis=basis).dropna()
        assert {code: float(v) for code, v in values.items()} == expected, basis


def test_date_changes_which_provinces_are_coloured(agg):
    _, early, _ = build(agg, metric="announced_by", date="2022-01")
    _, late, _ = build(agg, metric="announced_by", date=agg.months[-1])
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
    from dashboard.charts import plotlyjs

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
    from dashboard.charts.subsidies import calculator_chart
    from dashboard.model.calculator import Firm, calculate

    result = calculate(agg, Firm(area=1000, rent=5, years=3, profiles=("tenant", "operator")))
    assert {trace.type for trace in calculator_chart(result["regions"], "zh").data} <= plotlyjs.TRACE_TYPES


def test_a_presenter_s_regions_are_outlined_on_the_exported_map():
    from dashboard.charts import presets
    from dashboard.data.dataset import load_dataset
    from dashboard.state import State

    agg = Aggregates(load_dataset(), geo.province_codes(), geo.places())
    fig = presets.presented_figure(agg, "map", State(highlight="310000,330000", title="T", note="N"), "2025-11-28")
    main = fig.data[map_fig.MAIN]
    widths = dict(zip(main.locations, main.marker.line.width, strict=True))
    assert widths["310000"] == widths["330000"] > widths["110000"]
    assert fig.layout.title.text == "<b>T</b>" and fig.layout.annotations[-1].text.startswith("N<br>")
