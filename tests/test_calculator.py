"""The subsidy calculator: the codebook's worked examples, edge cases and one test per rule."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries as geo
from dashboard.model.aggregates import Aggregates
from dashboard.model.calculator import Firm, InputError, apply_rule, calculate


@pytest.fixture(scope="module")
def agg():
    return Aggregates(load_dataset(), geo.province_codes(), geo.places())


@pytest.fixture(scope="module")
def rows(agg):
    return agg.subsidies.set_index("subsidy_id", drop=False)


def region(result, code):
    return next(r for r in result["regions"] if r["region_code"] == code)


def test_nanjing_operator_formula(agg):
    result = calculate(agg, Firm(1000, 0, 3, ("operator",)))
    jiangning = region(result, "320115")
    assert (jiangning["min_cny"], jiangning["max_cny"]) == (1_500_000, 1_500_000)
    assert "200,000 + 6 × 50,000 = 500,000" in jiangning["rules"][0]["formula"]
    maxima = [r["max_cny"] for r in result["regions"]]
    assert maxima == sorted(maxima, reverse=True)  # sorted by maximum


def test_beijing_tiered_rent(agg):
    beijing = region(calculate(agg, Firm(1000, 5, 3, ("tenant",))), "110112")
    assert (beijing["min_cny"], beijing["max_cny"]) == (2_737_500, 5_475_000)
    assert "1,825,000 元/年" in beijing["rules"][0]["formula"]


def test_formula_edges(rows):
    q01 = rows.loc["Q01"]
    assert apply_rule(q01, Firm(400, 0, 3, ("operator",))).max_cny == 600_000  # exactly 400 m²: the base
    assert apply_rule(q01, Firm(499, 0, 1, ("operator",))).max_cny == 200_000  # a step needs a full 100 m²
    below = apply_rule(q01, Firm(399, 0, 3, ("operator",)))
    assert below.reason.startswith("needs at least 400 m²") and below.max_cny == 0
    longer = apply_rule(q01, Firm(1000, 0, 5, ("operator",)))  # 不少于三年: 3 years guaranteed, 5 possible
    assert (longer.min_cny, longer.max_cny) == (1_500_000, 2_500_000)


def test_rent_share_caps_area_and_years(rows):
    q02 = rows.loc["Q02"]
    big = apply_rule(q02, Firm(3000, 5, 5, ("tenant",)))
    assert big.max_cny == 2000 * 5 * 365 * 3  # only 2000 m² and 3 years are subsidised
    assert "area above 2000 m² is not subsidised" in big.conditions
    assert "years above 3 are not subsidised" in big.conditions
    assert apply_rule(q02, Firm(100, 0, 1, ("tenant",))).reason == "needs the rent (CNY/m²/day)"


def test_rent_share_with_a_yearly_cap():
    # "按实际支付租金的最高50%给予补助,单家企业最高200万元/年,最长补助期三年" (杭州上城区)
    row = pd.Series(
        {"subsidy_id": "Qx", "kind": "rent", "applies_to": "tenant", "rule": "rent_share", "rate_pct": "50",
         "max_cny": 2_000_000, "per": "year", "area_m2_max": None, "duration_years": 3,
         "duration_qualifier": "up_to", "quote": "…"}
    )  # fmt: skip
    small = apply_rule(row, Firm(1000, 5, 2, ("tenant",)))
    assert small.max_cny == round(1000 * 5 * 365 * 0.5) * 2  # under the cap: half the rent
    big = apply_rule(row, Firm(10_000, 5, 5, ("tenant",)))
    assert big.max_cny == 2_000_000 * 3  # capped each year, and only 3 years
    assert "at most CNY 2,000,000 a year" in big.conditions
    total = apply_rule(pd.Series({**row.to_dict(), "per": "total"}), Firm(10_000, 5, 5, ("tenant",)))
    assert total.max_cny == 2_000_000  # a cap over the whole period


def test_a_yearly_cap_counts_each_allowed_year():
    # "给予最长3年每年最高1000万元的研发投入补助" (南沙)
    row = pd.Series(
        {"subsidy_id": "Qy", "kind": "startup_rnd", "applies_to": "any", "rule": "cap", "max_cny": 10_000_000,
         "per": "year", "duration_years": 3, "duration_qualifier": "up_to", "quote": "…"}
    )  # fmt: skip
    assert apply_rule(row, Firm(100, 0, 2, ("tenant",))).max_cny == 20_000_000
    assert apply_rule(row, Firm(100, 0, 5, ("tenant",))).max_cny == 30_000_000  # only 3 years
    assert apply_rule(pd.Series({**row.to_dict(), "per": "total"}), Firm(100, 0, 5, ("tenant",))).max_cny == 10_000_000


def applying(result, *groups):
    return {r["subsidy_id"] for region in result["regions"] for g in groups for r in region[g]}


def test_drafts_and_project_awards_are_not_counted_for_every_firm(agg):
    drafts = set(agg.plans.loc[agg.plans["status"] == "draft", "plan_id"])
    firm = Firm(1000, 5, 3, ("tenant", "operator", "talent", "specialized", "project"))
    result = calculate(agg, firm, "en")
    from_drafts = set(agg.subsidies.loc[agg.subsidies["plan_id"].isin(drafts), "subsidy_id"])
    assert from_drafts and not applying(result, "rules", "caps", "unstated", "funds") & from_drafts
    assert from_drafts == applying(result, "drafts") | applying(result, "not_applicable") & from_drafts
    assert all(
        r["reason"] == "from a consultation draft, not in force: not counted"
        for region in result["regions"]
        for r in region["drafts"]
    )
    projects = set(agg.subsidies.loc[agg.subsidies["applies_to"] == "project", "subsidy_id"])
    tenant_only = calculate(agg, Firm(1000, 5, 3, ("tenant",)), "en")
    assert not projects & applying(tenant_only, "rules", "caps", "unstated")
    assert projects - from_drafts <= applying(result, "rules", "caps", "unstated")  # with the profile they apply
    assert not projects & applying(result, "rules")  # competitive awards are never a computable amount


def test_caps_are_upper_bounds_limited_by_the_case(rows):
    talent = apply_rule(rows.loc["Q05"], Firm(100, 1, 1, ("talent",)))
    assert (talent.min_cny, talent.max_cny) == (0, 100_000_000)
    rent = apply_rule(rows.loc["Q11"], Firm(100, 2, 1, ("specialized",)))
    assert rent.max_cny == 100 * 2 * 365  # less than the 100万 cap: the rent actually paid
    purchase = apply_rule(rows.loc["Q12"], Firm(100, 2, 1, ("specialized", "buyer"), price=3_000_000))
    assert purchase.max_cny == 3_000_000
    assert "buyer" in apply_rule(rows.loc["Q12"], Firm(100, 2, 1, ("specialized",))).reason


def test_rules_without_an_amount_say_why(rows):
    firm = Firm(100, 2, 1, ("talent",))
    fund, loan, rent = (apply_rule(rows.loc[q], firm) for q in ("Q04", "Q08", "Q07"))
    assert (fund.group, loan.group, rent.group) == ("fund", "fund", "unstated")
    assert not (fund.reason or loan.reason or rent.reason)  # they apply: never "not applicable"
    assert "fund" in fund.note and "loan principal" in loan.note
    assert rent.note == "no amount or rate is stated"
    assert apply_rule(rows.loc["Q05"], Firm(100, 2, 1, ("tenant",))).reason == (
        "only for: Founded by high-level talent (profile talent)"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"area": -5}, "area must be between 1 and 1,000,000"),
        ({"area": 1e9}, "area must be between"),
        ({"years": 0}, "years must be between 1 and 5"),
        ({"years": 2.5}, "whole number"),
        ({"rent": -1}, "rent must be between 0 and 1,000"),
        ({"profiles": ("landlord",)}, "profile must be one or more of"),
        ({"profiles": ("buyer",)}, "needs --price"),
        ({"area": float("nan")}, "area must be between"),
    ],
)
def test_absurd_inputs_are_rejected(kwargs, message):
    base = {"area": 100, "rent": 1, "years": 1, "profiles": ("tenant",), "price": None}
    with pytest.raises(InputError, match=message):
        Firm(**{**base, **kwargs})


def test_cli_json_contract():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "calc",
            "--area",
            "300",
            "--rent",
            "4",
            "--years",
            "2",
            "--profile",
            "tenant",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["inputs"] == {"area": 300, "rent": 4, "years": 2, "profiles": ["tenant"], "price": None}
    for entry in data["regions"]:
        assert set(entry) >= {"region_code", "region_name_zh", "min_cny", "max_cny", "rules", "not_applicable"}
    assert [r["max_cny"] for r in data["regions"]] == sorted((r["max_cny"] for r in data["regions"]), reverse=True)
    tongzhou = next(r for r in data["regions"] if r["region_code"] == "110112")
    assert (tongzhou["min_cny"], tongzhou["max_cny"]) == (438_000, 876_000)  # 300 m² × 4 × 365 × 2 × 50%/100%
    assert set(tongzhou["rules"][0]) >= {"subsidy_id", "kind", "min_cny", "max_cny", "formula", "quote"}
    assert "not offers" in data["note"]


def test_cli_rejects_bad_input_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "calc", "--area", "-1", "--years", "3", "--profile", "tenant"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "calc: area must be between" in result.stderr and "Traceback" not in result.stderr


INVESTOR = Firm(800, 4.5, 3, ("tenant", "talent"))


def test_the_ranking_is_led_by_amounts_a_firm_can_compute(agg):
    """800 m² at 4.5 元/m²/day for 3 years, talent founders: regions rank by what the rules let the firm
    compute; "up to" caps never add up into a region's total."""
    result = calculate(agg, INVESTOR, "en")
    regions = result["regions"]
    computable = [r for r in regions if r["rules"]]
    assert computable and regions[: len(computable)] == computable  # every computable region first
    assert [r["max_cny"] for r in computable] == sorted((r["max_cny"] for r in computable), reverse=True)
    for region in regions:
        assert region["max_cny"] == sum(r["max_cny"] for r in region["rules"])
        assert region["min_cny"] == sum(r["min_cny"] for r in region["rules"])
        assert region["cap_max_cny"] == max((r["max_cny"] for r in region["caps"]), default=0)
    rows = agg.subsidies.set_index("subsidy_id")
    caps = applying(result, "caps")
    assert caps and all(rows.loc[q, "rule"] == "cap" for q in caps)
    assert all(rows.loc[q, "rule"] in ("rent_share", "formula_per_year", "cap") for q in applying(result, "rules"))


def test_a_rule_for_the_firm_s_profile_is_never_not_applicable(agg):
    """钱塘's rent subsidy for talent founders (≤1000 m², 3 years) fits this firm: it shows, with its terms."""
    result = calculate(agg, INVESTOR, "en")
    profiles = set(INVESTOR.profiles) | {"any"}
    issued = set(agg.plans.loc[agg.plans["status"] != "draft", "plan_id"])
    for region in result["regions"]:
        for item in region["not_applicable"]:
            row = agg.subsidies.set_index("subsidy_id").loc[item["subsidy_id"]]
            # only a profile mismatch, a missing input or an unmet floor puts a measure here
            assert row["applies_to"] not in profiles or "needs" in item["reason"], item
    unstated = {r["subsidy_id"]: r for region in result["regions"] for r in region["unstated"]}
    talent_rent = agg.subsidies[
        (agg.subsidies["kind"] == "rent") & (agg.subsidies["applies_to"] == "talent")
        & (agg.subsidies["rule"] == "none") & agg.subsidies["plan_id"].isin(issued)
    ]  # fmt: skip
    assert len(talent_rent)
    for q in talent_rent["subsidy_id"]:
        assert q in unstated and "1000 m²" in unstated[q]["terms"]


def test_each_measure_says_when_it_was_announced_and_how_long_it_holds(agg):
    import datetime as dt

    plans = agg.plans.set_index("plan_id")
    result = calculate(agg, Firm(1000, 5, 3, ("tenant", "operator", "talent", "project")), "en", dt.date(2026, 11, 25))
    items = [
        r for region in result["regions"] for g in ("rules", "caps", "unstated", "funds", "drafts") for r in region[g]
    ]
    assert items
    subsidies = agg.subsidies.set_index("subsidy_id")
    for item in items:
        plan = plans.loc[subsidies.loc[item["subsidy_id"], "plan_id"]]
        end = plan["period_end"]
        if pd.isna(end):
            assert item["validity"] == "validity not stated" and not item["ended"]
        else:
            assert f"–{int(end)}" in item["validity"]
            assert item["ended"] == (int(end) < 2026) and item["validity"].endswith("(ended)") == item["ended"]
        expected = (
            f"announced {plan['announced']}" if isinstance(plan["announced"], str) else "announcement date unknown"
        )
        assert item["announced"] == expected
        assert item["description"] == subsidies.loc[item["subsidy_id"], "description_en"]
