from dashboard.charts.subsidies import subsidy_chart
from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries as geo
from dashboard.model.aggregates import Aggregates
from dashboard.model.regions import subsidy_rows
from dashboard.web.views.subsidies import subsidy_table
from tests.conftest import table


def test_chart_in_yuan_by_kind_linear_and_log():
    agg = Aggregates(load_dataset(), geo.province_codes(), geo.places())
    rows = subsidy_rows(agg, "all", "zh")
    fig = subsidy_chart(rows, "zh", "log")
    assert fig.layout.xaxis.type == "log"
    bars = {q: x for trace in fig.data for q, x in zip(trace.customdata, trace.x, strict=True)}
    names = {q: name for trace in fig.data for q, name in zip(trace.customdata, trace.y, strict=True)}
    assert bars["Q01"] == 200_000 and names["Q01"] == "江苏省 · 江宁高新区 · 运营补贴"  # no internal ids
    assert bars["Q12"] == 5_000_000
    assert "Q08" not in bars  # a loan principal is not an amount paid
    funds = {q["subsidy_id"] for q in table("subsidies") if q["kind"] == "fund"}
    assert funds and not funds & set(bars)  # a fund pays no set amount: not beside the subsidies
    only_funds = subsidy_chart(subsidy_rows(agg, "fund", "zh"), "zh")
    assert {q for trace in only_funds.data for q in trace.customdata} & funds  # unless funds are chosen
    assert subsidy_chart(rows, "en", "linear").layout.xaxis.type == "linear"


def test_table_sorted_by_amount_with_conditions():
    agg = Aggregates(load_dataset(), geo.province_codes(), geo.places())
    columns, records = subsidy_table(subsidy_rows(agg, "rent", "en"), "en")
    assert [c["id"] for c in columns][:4] == ["region", "kind", "applies_to", "amount_cny"]
    amounts = [r["amount_cny"] for r in records]
    stated = [a for a in amounts if a is not None]
    assert stated == sorted(stated, reverse=True) and amounts[: len(stated)] == stated  # unstated last
    caps = [float(q["max_cny"]) for q in table("subsidies") if q["kind"] == "rent" and q["max_cny"]]
    assert records[0]["amount_cny"] == max(caps)
    assert {r["conditions"] for r in records} >= {
        "tiers of 50% / 70% / 100% of rent; subsidised area ≤ 2000 m²; up to 3 years"
    }
