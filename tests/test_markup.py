"""Text from the dataset is shown as text in every chart, never as plotly markup (links, tags)."""

import json

from dashboard.charts import presets as charts
from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries as geo
from dashboard.model.aggregates import Aggregates
from dashboard.state import State
from tests.conftest import set_cell

PAYLOAD = '<a href="javascript:alert(1)">点我</a><img src=x onerror=alert(1)>'


def test_dataset_markup_is_escaped_in_chart_labels(data_copy):
    set_cell(data_copy, "plans", "P01", "title_zh", PAYLOAD)
    agg = Aggregates(load_dataset(data_copy), geo.province_codes(), geo.places())
    for chart, state in (
        ("timeline", State(view="timeline")),
        ("map", State()),
        ("compare", State(regions="310000,330000")),
    ):
        text = json.dumps(charts.presented_figure(agg, chart, state, "2026-11-24").to_plotly_json(), ensure_ascii=False)
        assert "<a href" not in text and "<img" not in text, chart
    timeline = json.dumps(charts.chart_figure(agg, "timeline", State()).to_plotly_json(), ensure_ascii=False)
    assert '&lt;a href=\\"javascript:alert(1)\\"&gt;点我' in timeline  # shown as typed


def test_region_names_are_escaped_in_the_calculator_and_keep_the_subsidy_order(data_copy):
    from dashboard.charts.subsidies import calculator_chart
    from dashboard.model.calculator import Firm, calculate
    from dashboard.model.regions import subsidy_rows

    set_cell(data_copy, "plans", "P05", "area_zh", PAYLOAD)  # 北京城市副中心: a tenant's rent share
    set_cell(data_copy, "plans", "P14", "area_zh", "A&B <x> 区")
    agg = Aggregates(load_dataset(data_copy), geo.province_codes(), geo.places())
    result = calculate(agg, Firm(1000, 5, 3, ("tenant", "specialized")))
    text = json.dumps(calculator_chart(result["regions"], "zh").to_plotly_json(), ensure_ascii=False)
    assert "<a href" not in text and "<img" not in text and "&lt;a href" in text
    fig = charts.chart_figure(agg, "subsidies", State(view="subsidies"))
    names = [name for trace in fig.data for name in trace.y]
    assert set(fig.layout.yaxis.categoryarray) == set(names)  # every bar has its place in the order
    order = list(fig.layout.yaxis.categoryarray)
    amounts = subsidy_rows(agg).set_index("subsidy_id")
    row_of = {name: q for trace in fig.data for name, q in zip(trace.y, trace.customdata, strict=True)}
    ranked = [amounts.loc[row_of[name], "amount_cny"] for name in order]
    assert ranked == sorted(ranked)  # smallest at the bottom, as drawn
    assert any("A&amp;B &lt;x&gt; 区" in name for name in names)
