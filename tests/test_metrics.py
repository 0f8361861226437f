import pandas as pd
import pytest

from dashboard.data import load_dataset
from dashboard.geo import province_codes
from dashboard.metrics import province_summary


@pytest.fixture(scope="module")
def summary():
    return province_summary(load_dataset(), province_codes())


def test_one_row_per_province(summary):
    assert list(summary.index) == province_codes()
    assert summary.loc["310000", "name_zh"] == "上海市" and summary.loc["310000", "name_en"] == "Shanghai"


def test_counts_include_city_and_district_plans(summary):
    # 浙江: the provincial guidance and action plan, 杭州's plenum, 未来科技城 and 钱塘区.
    assert summary.loc["330000", "plan_count"] == 5
    assert summary.loc["310000", "plan_count"] == 3


def test_provinces_without_plans_are_missing_not_zero(summary):
    assert pd.isna(summary.loc["650000", "plan_count"])
    assert pd.isna(summary.loc["710000", "plan_count"])
    assert summary["plan_count"].dropna().min() >= 1
    assert summary["plan_count"].notna().sum() == 17


def test_value_metrics(summary):
    assert summary.loc["310000", "industry_scale_cny"] == 350_000_000_000
    assert summary.loc["330000", "max_subsidy_cny"] == 100_000_000
    assert summary.loc["320000", "latest_target_year"] == 2026
    assert summary.loc["110000", "first_announced"] == "2022-02"
