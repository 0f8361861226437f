from collections import Counter

import pandas as pd
import pytest

from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries as geo
from dashboard.model.aggregates import DIRECT_KINDS, Aggregates, subsidy_amount
from tests.conftest import plans_in, table


@pytest.fixture(scope="module")
def agg():
    return Aggregates(load_dataset(), geo.province_codes(), geo.places())


def test_one_row_per_province(agg):
    summary = agg.province_summary
    assert list(summary.index) == geo.province_codes()
    assert summary.loc["310000", "name_zh"] == "上海市" and summary.loc["310000", "name_en"] == "Shanghai"


def test_counts_include_city_and_district_plans(agg):
    counts = Counter(p["province_code"] for p in table("plans") if p["province_code"])
    summary = agg.province_summary
    assert {code: int(n) for code, n in summary["plan_count"].dropna().items()} == dict(counts)
    levels = {p["level"] for p in plans_in("330000")}
    assert {"province", "city", "district"} <= levels  # 浙江's count takes every level


def test_provinces_without_plans_are_missing_not_zero(agg):
    summary = agg.province_summary
    with_plans = {p["province_code"] for p in table("plans") if p["province_code"]}
    for code in summary.index:
        assert pd.isna(summary.loc[code, "plan_count"]) == (code not in with_plans)
    assert summary["plan_count"].dropna().min() >= 1


def test_coverage_columns_come_from_the_coverage_table(agg):
    summary = agg.province_summary
    for row in table("coverage"):
        assert summary.loc[row["province_code"], "coverage_result"] == row["result"]
        assert summary.loc[row["province_code"], "coverage_searched_on"] == (row["searched_on"] or None)


def test_value_metrics(agg):
    summary = agg.province_summary
    shanghai = plans_in("310000")
    ids = {p["plan_id"] for p in shanghai}
    scale = [float(t["value"]) for t in table("targets") if t["plan_id"] in ids and t["metric"] == "industry_scale_cny"]
    assert summary.loc["310000", "industry_scale_cny"] == max(scale)
    assert summary.loc["310000", "latest_target_year"] == max(
        int(p["target_year"]) for p in shanghai if p["target_year"]
    )
    assert summary.loc["110000", "first_announced"] == min(p["announced"] for p in plans_in("110000") if p["announced"])
    # A fund's size is not a subsidy to a firm: the largest direct subsidy leaves funds out.
    zhejiang = {p["plan_id"] for p in plans_in("330000")}
    direct = [q for q in table("subsidies") if q["plan_id"] in zhejiang and q["kind"] in DIRECT_KINDS]
    amounts = [float(q["max_cny"] or q["base_cny"]) for q in direct if q["max_cny"] or q["base_cny"]]
    assert summary.loc["330000", "max_subsidy_cny"] == max(amounts)


def test_subsidy_kind_and_announcement_date(agg):
    summary = agg.province_summary
    funds = agg.metric_values(summary, "max_subsidy_cny", kind="fund").dropna()
    province = {p["plan_id"]: p["province_code"] for p in table("plans")}
    expected: dict[str, float] = {}
    for q in table("subsidies"):
        if q["kind"] == "fund" and q["fund_size_cny"] and province[q["plan_id"]]:
            code = province[q["plan_id"]]
            expected[code] = max(expected.get(code, 0), float(q["fund_size_cny"]))
    assert {code: float(v) for code, v in funds.items()} == expected
    early = agg.metric_values(summary, "announced_by", date="2022-01")
    later = agg.metric_values(summary, "announced_by", date="2022-06")
    assert early.notna().sum() < later.notna().sum()
    shanghai_by_2022_01 = [p for p in plans_in("310000") if p["announced"] and p["announced"][:7] <= "2022-01"]
    assert early.loc["310000"] == len(shanghai_by_2022_01)  # the 2021-12-30 electronics plan
    dates = [p["announced"] for p in table("plans") if len(p["announced"]) >= 7]
    published = [s["published"] for s in table("sources") if s["published"]]
    assert agg.months[0] == min(dates)[:7] and agg.months[-1] == max(published)[:7]


def test_subsidy_amount_prefers_the_cap_then_the_formula_base():
    assert subsidy_amount(pd.Series({"max_cny": 1_000_000, "base_cny": None})) == 1_000_000
    assert subsidy_amount(pd.Series({"max_cny": None, "base_cny": 200_000})) == 200_000
    assert subsidy_amount(pd.Series({"max_cny": None, "base_cny": None})) is None


def test_markers_are_city_and_district_plans(agg):
    markers = agg.markers().set_index("adcode")
    tongzhou = [p for p in plans_in("110000") if p["district_code"] == "110112"]
    assert markers.loc["110112", "plan_count"] == len(tongzhou)  # 北京城市副中心: measures and action plan
    assert markers.loc["110112", "name_zh"] == "北京市通州区"
    assert markers.loc["500112", "name_zh"] == "重庆市渝北区"
    assert "310000" not in markers.index  # province-level plans are the choropleth, not markers


def test_unit_summary_counts_district_plans_in_their_city(agg):
    units = agg.unit_summary(["330100", "330200"])
    hangzhou = [p for p in plans_in("330000") if p["city_code"] == "330100" and p["level"] in ("city", "district")]
    assert units.loc["330100", "plan_count"] == len(hangzhou)  # 杭州's own plans and its districts'
    ningbo = [p for p in plans_in("330000") if p["city_code"] == "330200"]
    assert pd.isna(units.loc["330200", "plan_count"]) == (not ningbo)


def test_announced_in_a_year_keeps_only_that_year_s_plans(agg):
    for year in sorted({p["announced"][:4] for p in table("plans") if p["announced"]}):
        expected = Counter(
            p["province_code"] for p in table("plans") if p["announced"].startswith(year) and p["province_code"]
        )
        summary = agg.announced_in(year).province_summary
        assert {code: int(n) for code, n in summary["plan_count"].dropna().items()} == dict(expected), year
        ids = {p["plan_id"] for p in table("plans") if p["announced"].startswith(year)}
        assert set(agg.announced_in(year).subsidies["plan_id"]) <= ids
    assert agg.announced_in("") is agg


def test_markers_follow_the_month(agg):
    month = agg.months[len(agg.months) // 2]
    shown = agg.announced_by(month).markers()
    plans = [p for p in table("plans") if len(p["announced"]) >= 7 and p["announced"][:7] <= month]
    places = {p["district_code"] or p["city_code"] for p in plans if p["level"] in ("city", "district")}
    assert set(shown["adcode"]) == {code for code in places if code}
    assert len(shown) < len(agg.markers())
