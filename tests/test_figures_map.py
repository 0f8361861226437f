import pytest

from dashboard import geo
from dashboard.data import load_dataset
from dashboard.figures.map import NO_PLAN_GREY, province_map
from dashboard.metrics import province_summary


@pytest.fixture(scope="module")
def summary():
    return province_summary(load_dataset(), geo.province_codes())


def build(summary, metric="plan_count", lang="zh"):
    return province_map(summary, geo.provinces_geojson(), geo.south_china_sea_geojson(), metric, lang)


def main_traces(fig):
    return [tr for tr in fig.data if tr.type == "choropleth" and tr.geo == "geo"]


def test_main_map_covers_all_34_provinces_once(summary):
    fig = build(summary)
    locations = [code for tr in main_traces(fig) for code in tr.locations]
    assert sorted(locations) == sorted(geo.province_codes())


def test_no_plan_provinces_are_grey_and_say_so(summary):
    fig = build(summary)
    grey = next(tr for tr in main_traces(fig) if tr.colorscale and tr.colorscale[0][1] == NO_PLAN_GREY)
    assert "650000" in grey.locations and "310000" not in grey.locations
    assert len(grey.locations) == 17
    text = dict(zip(grey.locations, grey.hovertext, strict=True))
    assert "暂无收录" in text["650000"] and "新疆" in text["650000"] and "Xinjiang" in text["650000"]


def test_values_and_hover_in_both_languages(summary):
    for lang, expected in (("zh", "规划数量: 3 项"), ("en", "Number of plans: 3")):
        fig = build(summary, lang=lang)
        coloured = next(tr for tr in main_traces(fig) if tr.coloraxis)
        values = dict(zip(coloured.locations, coloured.z, strict=True))
        assert values["310000"] == 3 and values["330000"] == 5
        hover = dict(zip(coloured.locations, coloured.hovertext, strict=True))["310000"]
        assert expected in hover and "上海市" in hover and "Shanghai" in hover


def test_amount_metric_uses_units_on_the_legend(summary):
    fig = build(summary, metric="industry_scale_cny", lang="zh")
    assert any(text.endswith("亿元") for text in fig.layout.coloraxis.colorbar.ticktext)
    hover = dict(zip(main_traces(fig)[1].locations, main_traces(fig)[1].hovertext, strict=True))
    assert "3500亿元" in hover["310000"]
    fig_en = build(summary, metric="industry_scale_cny", lang="en")
    assert any("billion" in text for text in fig_en.layout.coloraxis.colorbar.ticktext)


def test_south_china_sea_inset_and_conic_projection(summary):
    fig = build(summary)
    assert fig.layout.geo.projection.type == "conic equal area"
    assert list(fig.layout.geo.projection.parallels) == [25, 47]
    inset = [tr for tr in fig.data if tr.geo == "geo2"]
    assert any(tr.type == "choropleth" and "460000" in tr.locations for tr in inset)
    assert any(tr.type == "scattergeo" for tr in inset)
    assert any(a.text == "南海诸岛" for a in fig.layout.annotations)


def test_geometry_is_not_duplicated_in_the_main_map(summary):
    fig = build(summary)
    features = [f["id"] for tr in main_traces(fig) for f in tr.geojson["features"]]
    assert len(features) == 34


def test_amount_formats():
    from dashboard.i18n import format_cny

    assert format_cny(350_000_000_000, "zh") == "3500亿元"
    assert format_cny(200_000, "zh") == "20万元"
    assert format_cny(126_350_000_000, "zh") == "1263.5亿元"
    assert format_cny(350_000_000_000, "en") == "CNY 350 billion"
    assert format_cny(1_000_000, "en") == "CNY 1 million"
    assert format_cny(200_000, "en") == "CNY 200 thousand"
