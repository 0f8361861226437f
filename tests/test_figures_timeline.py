import html

import pandas as pd

from dashboard.charts.timeline import REFERENCE_YEARS, timeline
from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries as geo
from tests.conftest import plans_in


def names(lang):
    return {code: geo.province_name(code, lang) for code in geo.province_codes()}


def test_plans_from_announcement_to_target_year_with_reference_lines():
    data = load_dataset()
    fig = timeline(data.plans, data.targets, names("zh"), "zh")
    starts, targets = fig.data[1], fig.data[2]
    assert len(starts.x) == data.plans["announced"].notna().sum()
    assert len(targets.x) == data.plans["target_year"].notna().sum()
    assert {shape.x0 for shape in fig.layout.shapes} == {f"{y}-12-31" for y in REFERENCE_YEARS}
    shanghai = [h for h in targets.hovertext if "元宇宙新赛道方案" in h][0]
    assert "元宇宙产业规模: 超过3500亿元 (2025)" in shanghai


def test_english_hover_and_filtered_rows():
    data = load_dataset()
    plans = data.plans[data.plans["province_code"] == "310000"]
    fig = timeline(plans, data.targets, names("en"), "en")
    assert len(fig.layout.yaxis.categoryarray) == len(plans) == len(plans_in("310000"))
    assert all(label.startswith("Shanghai") for label in fig.layout.yaxis.categoryarray)
    assert any("more than CNY 350 billion (2025)" in h for h in fig.data[2].hovertext)


def test_labels_carry_whole_titles_wrapped_never_cut():
    from dashboard.charts.timeline import plan_label
    from tests.conftest import table

    for plan in table("plans"):
        label = plan_label(pd.Series(plan), "X")
        lines = label.split("<br>")
        assert "…" not in label
        assert "".join(lines[1:]) == html.escape(plan["title_zh"], quote=False)


def test_a_timeline_title_says_whose_plans_and_the_source_line_names_no_map():
    from dashboard.charts import presets
    from dashboard.data.dataset import load_dataset
    from dashboard.geo import boundaries
    from dashboard.model.aggregates import Aggregates
    from dashboard.state import State

    agg = Aggregates(load_dataset(), boundaries.province_codes(), boundaries.places())
    fig = presets.presented_figure(agg, "timeline", State(province="310000", lang="en"), "2025-11-28")
    assert fig.layout.title.text.startswith("<b>Shanghai:")
    source = fig.layout.annotations[-1].text
    assert "boundaries" not in source and "Source:" in source
    assert "底图" in presets.presented_figure(agg, "map", State(), "2025-11-28").layout.annotations[-1].text
