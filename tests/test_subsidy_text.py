import pytest

from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries as geo
from dashboard.model.aggregates import Aggregates
from dashboard.model.subsidy_text import conditions


@pytest.fixture(scope="module")
def rows():
    agg = Aggregates(load_dataset(), geo.province_codes(), geo.places())
    return agg.subsidies.set_index("subsidy_id", drop=False)


def test_formula_subsidy_in_words(rows):
    assert conditions(rows.loc["Q01"], "zh") == "面积≥400㎡；每年20万元；每增加100㎡再加5万元；不少于3年"
    assert conditions(rows.loc["Q01"], "en") == (
        "area ≥ 400 m²; CNY 200 thousand a year; +CNY 50 thousand per extra 100 m²; at least 3 years"
    )


def test_tiered_rent_subsidy_in_words(rows):
    assert conditions(rows.loc["Q02"], "zh") == "按租金50% / 70% / 100%分档补贴；补贴面积≤2000㎡；不超过3年"
    assert (
        conditions(rows.loc["Q02"], "en")
        == "tiers of 50% / 70% / 100% of rent; subsidised area ≤ 2000 m²; up to 3 years"
    )


def test_caps_funds_and_loans(rows):
    assert conditions(rows.loc["Q11"], "zh") == "最高100万元"
    assert conditions(rows.loc["Q04"], "en") == "fund of the order of CNY 10 billion"
    assert conditions(rows.loc["Q08"], "zh") == "贴息贷款额度最高1000万元"
    assert conditions(rows.loc["Q03"], "en") == "no amount stated"
