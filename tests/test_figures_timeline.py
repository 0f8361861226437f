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
