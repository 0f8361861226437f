"""Text from the dataset is shown as text in every chart, never as plotly markup (links, tags)."""

import json

from dashboard import charts, geo
from dashboard.data import load_dataset
from dashboard.metrics import Aggregates
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
