import pandas as pd
import pytest

from dashboard import geo
from dashboard.data import load_dataset
from dashboard.metrics import Aggregates, subsidy_amount


@pytest.fixture(scope="module")
def agg():
    return Aggregates(load_dataset(), geo.province_codes(), geo.places())


def test_one_row_per_province(agg):
    summary = agg.province_summary
    assert list(summary.index) == geo.province_codes()
    assert summary.loc["310000", "name_zh"] == "上海市" and summary.loc["310000", "name_en"] == "Shanghai"


def test_counts_include_city_and_district_plans(agg):
    # 浙江: the provincial guidance and action plan, 杭州's plenum, 未来科技城 and 钱塘区.
    assert agg.province_summary.loc["330000", "plan_count"] == 5
    assert agg.province_summary.loc["310000", "plan_count"] == 3


def test_provinces_without_plans_are_missing_not_zero(agg):
    summary = agg.province_summary
    assert pd.isna(summary.loc["650000", "plan_count"])
    assert summary["plan_count"].dropna().min() >= 1
    assert summary["plan_count"].notna().sum() == 17


def test_value_metrics(agg):
    summary = agg.province_summary
    assert summary.loc["310000", "industry_scale_cny"] == 350_000_000_000
    assert summary.loc["330000", "max_subsidy_cny"] == 100_000_000
    assert summary.loc["320000", "latest_target_year"] == 2026
    assert summary.loc["110000", "first_announced"] == "2022-02"
    # A fund's size is not a subsidy to a firm: Shanghai has no direct subsidy recorded.
    assert pd.isna(summary.loc["310000", "max_subsidy_cny"])


def test_subsidy_kind_and_announcement_date(agg):
    summary = agg.province_summary
    funds = agg.metric_values(summary, "max_subsidy_cny", kind="fund")
    assert funds.dropna().to_dict() == {"310000": 10_000_000_000}
    early = agg.metric_values(summary, "announced_by", date="2022-01")
    later = agg.metric_values(summary, "announced_by", date="2022-06")
    assert early.notna().sum() < later.notna().sum()
    assert early.loc["310000"] == 1  # the 2021-12-30 electronics plan
    assert agg.months[0] == "2021-12" and agg.months[-1] == "2023-11"


def test_subsidy_amount_prefers_the_cap_then_the_formula_base():
    assert subsidy_amount(pd.Series({"max_cny": 1_000_000, "base_cny": None})) == 1_000_000
    assert subsidy_amount(pd.Series({"max_cny": None, "base_cny": 200_000})) == 200_000
    assert subsidy_amount(pd.Series({"max_cny": None, "base_cny": None})) is None


def test_markers_are_city_and_district_plans(agg):
    markers = agg.markers().set_index("adcode")
    assert markers.loc["110112", "plan_count"] == 2  # 北京城市副中心: measures and action plan
    assert markers.loc["110112", "name_zh"] == "北京市通州区"
    assert markers.loc["500112", "name_zh"] == "重庆市渝北区"
    assert "310000" not in markers.index  # province-level plans are the choropleth, not markers


def test_unit_summary_counts_district_plans_in_their_city(agg):
    units = agg.unit_summary(["330100", "330200"])
    assert units.loc["330100", "plan_count"] == 3  # 杭州 plenum + 未来科技城 + 钱塘区
    assert pd.isna(units.loc["330200", "plan_count"])
