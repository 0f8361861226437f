"""The facts around the schema: adcodes and places in our geodata, dates and periods, each number against
the quote that states it, subsidy rules complete, sources dated, coverage agreeing with the plans."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from dashboard.data import quotes as quote_numbers
from dashboard.data.problems import Problem
from dashboard.geo.boundaries import places, province_codes

# Research-note shorthand ("核心产业 >300亿元", "~1000亿元"): a source's own words never read like this.
SHORTHAND = re.compile(r"[<>≤≥~～＜＞≈]")
# The metrics whose amount needs its basis (what the industry covers), and the bases each allows.
BASIS_OF_METRIC = {
    "industry_scale_cny": ("core", "metaverse", "related", "xr"),
    "driven_industry_cny": ("driven",),
}

# --------------------------------------------------------------------------- domain checks


def check_places(plans: list[dict], problems: list[Problem], geodata_dir: Path) -> None:
    known = places(geodata_dir)
    file = "plans.csv"
    required = {
        "national": (),
        "province": ("province_code",),
        "city": ("province_code", "city_code"),
        "district": ("province_code", "district_code"),
    }
    for p in plans:
        line, level = p["_line"], p.get("level")
        if level is None:
            continue
        for column in ("province_code", "city_code", "district_code"):
            if p.get(column) is None and column in required[level]:
                problems.append(Problem(file, line, column, "", f"a {level}-level plan needs a {column}"))
        if level == "national":
            for column in ("province_code", "city_code", "district_code"):
                if p.get(column):
                    problems.append(Problem(file, line, column, p[column], "a national plan has no adcode"))
        if level in ("province", "city") and p.get("district_code"):
            problems.append(
                Problem(file, line, "district_code", p["district_code"], f"a {level}-level plan has no district")
            )
        if level == "province" and p.get("city_code"):
            problems.append(Problem(file, line, "city_code", p["city_code"], "a province-level plan has no city"))

        for column, wanted in (("province_code", "province"), ("city_code", "city"), ("district_code", "district")):
            code = p.get(column)
            if code is None:
                continue
            place = known.get(code)
            if place is None or place.level != wanted:
                what = f"a {place.level}" if place else "no place"
                problems.append(
                    Problem(file, line, column, code, f"not a {wanted} adcode in geodata/places.csv ({what})")
                )
                continue
            province = p.get("province_code")
            if wanted != "province" and province and place.province_code != province:
                problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        code,
                        f"{place.name_zh} is in province {place.province_code}, not {province}",
                    )
                )
            if wanted == "district":
                city = p.get("city_code")
                if place.city_code and city != place.city_code:
                    problems.append(
                        Problem(
                            file,
                            line,
                            "city_code",
                            city or "",
                            f"{place.name_zh} ({code}) is in city {place.city_code}",
                        )
                    )


def _parse_partial_date(text: str) -> dt.date | None:
    parts = [int(x) for x in text.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def check_plans(plans: list[dict], problems: list[Problem]) -> None:
    for p in plans:
        line = p["_line"]
        announced = p.get("announced")
        if announced and _parse_partial_date(announced) is None:
            problems.append(Problem("plans.csv", line, "announced", announced, "not a calendar date"))
        if announced and not p.get("announced_source_id"):
            problems.append(
                Problem("plans.csv", line, "announced_source_id", "", "an announcement date needs its source")
            )
        start, end, target = p.get("period_start"), p.get("period_end"), p.get("target_year")
        if start and end and start > end:
            problems.append(Problem("plans.csv", line, "period_end", str(end), f"ends before it starts ({start})"))
        if announced and target and target < int(announced[:4]):
            problems.append(
                Problem("plans.csv", line, "target_year", str(target), f"before the announcement ({announced})")
            )


_METRIC_UNITS = {"_cny": "CNY", "_pct": "percent"}


def check_targets(targets: list[dict], problems: list[Problem]) -> None:
    for t in targets:
        line, metric, unit, value = t["_line"], t.get("metric"), t.get("unit"), t.get("value")
        if metric and unit:
            wanted = next((u for suffix, u in _METRIC_UNITS.items() if metric.endswith(suffix)), "count")
            if unit != wanted:
                problems.append(Problem("targets.csv", line, "unit", unit, f"metric {metric} is measured in {wanted}"))
        if unit == "CNY" and value is not None and value != int(value):
            problems.append(Problem("targets.csv", line, "value", _fmt(value), "amounts in 元 are whole numbers"))
        ranged, value_max = t.get("qualifier") == "range", t.get("value_max")
        if ranged and value_max is None:
            problems.append(Problem("targets.csv", line, "value_max", "", "a range needs its upper end"))
        if not ranged and value_max is not None:
            problems.append(Problem("targets.csv", line, "value_max", _fmt(value_max), "only a range has an upper end"))
        if ranged and value_max is not None and value is not None and value_max < value:
            problems.append(
                Problem("targets.csv", line, "value_max", _fmt(value_max), f"below the lower end {_fmt(value)}")
            )
        basis, allowed = t.get("basis"), BASIS_OF_METRIC.get(metric or "")
        if allowed and basis is None:
            problems.append(
                Problem("targets.csv", line, "basis", "", f"metric {metric} needs its basis ({', '.join(allowed)})")
            )
        elif allowed and basis not in allowed:
            other = next((m for m, bases in BASIS_OF_METRIC.items() if basis in bases), None)
            problems.append(Problem("targets.csv", line, "basis", basis, f"goes with metric {other}, not {metric}"))
        elif basis is not None and metric and not allowed:
            problems.append(Problem("targets.csv", line, "basis", basis, "only industry-scale targets have a basis"))
        quote = t.get("quote")
        _check_shorthand("targets.csv", line, quote, problems)
        if quote and unit:
            for column in ("value", "value_max"):
                number = t.get(column)
                if number is not None and not quote_numbers.states(quote, number, unit):
                    problems.append(
                        Problem(
                            "targets.csv", line, column, _fmt(number), f"the quote does not state this value: {quote}"
                        )
                    )


# (column, unit the quote states it in, the column that must come with it)
_SUBSIDY_NUMBERS = (
    ("max_cny", "CNY", "max_qualifier"),
    ("base_cny", "CNY", "step_m2"),
    ("step_cny", "CNY", "step_m2"),
    ("step_m2", "m2", "step_cny"),
    ("area_m2_min", "m2", None),
    ("area_m2_max", "m2", None),
    ("duration_years", "years", "duration_qualifier"),
    ("fund_size_cny", "CNY", "fund_size_qualifier"),
    ("loan_principal_cap_cny", "CNY", None),
)


# The fields each calculation rule reads (see the codebook): a rule without them cannot be applied.
RULE_FIELDS = {
    "cap": ("max_cny",),
    "formula_per_year": ("base_cny", "step_cny", "step_m2", "area_m2_min"),
    "rent_share": ("rate_pct",),
    "none": (),
}


def check_subsidies(subsidies: list[dict], problems: list[Problem]) -> None:
    for s in subsidies:
        line, quote = s["_line"], s.get("quote")
        _check_shorthand("subsidies.csv", line, quote, problems)
        for column in RULE_FIELDS.get(s.get("rule") or "none", ()):
            if s.get(column) is None:
                problems.append(Problem("subsidies.csv", line, column, "", f"rule {s['rule']} needs {column}"))
        for column, unit, companion in _SUBSIDY_NUMBERS:
            value = s.get(column)
            if value is None:
                continue
            if companion and s.get(companion) is None:
                problems.append(Problem("subsidies.csv", line, companion, "", f"needed with {column}"))
            if quote and not quote_numbers.states(quote, value, unit):
                problems.append(
                    Problem("subsidies.csv", line, column, _fmt(value), f"the quote does not state this value: {quote}")
                )
        for qualifier, column in (("max_qualifier", "max_cny"), ("duration_qualifier", "duration_years"),
                                  ("fund_size_qualifier", "fund_size_cny")):  # fmt: skip
            if s.get(qualifier) and s.get(column) is None:
                problems.append(
                    Problem("subsidies.csv", line, qualifier, s[qualifier], f"qualifies nothing: {column} is empty")
                )
        if (s.get("max_cny") is not None or s.get("base_cny") is not None) and s.get("per") is None:
            problems.append(Problem("subsidies.csv", line, "per", "", "say whether the amount is per year or in total"))
        low, high = s.get("area_m2_min"), s.get("area_m2_max")
        if low is not None and high is not None and low >= high:
            problems.append(Problem("subsidies.csv", line, "area_m2_max", str(high), f"not above area_m2_min {low}"))
        rates = s.get("rate_pct")
        if rates:
            for rate in rates.split(";"):
                if not 0 < float(rate) <= 100:
                    problems.append(
                        Problem("subsidies.csv", line, "rate_pct", rates, f"{rate}% is not a share of cost")
                    )
                elif quote and not quote_numbers.states(quote, float(rate), "percent"):
                    problems.append(
                        Problem("subsidies.csv", line, "rate_pct", rates, f"the quote does not state {rate}%")
                    )


def _check_shorthand(file: str, line: int, quote: str | None, problems: list[Problem]) -> None:
    if quote and SHORTHAND.search(quote):
        mark = SHORTHAND.search(quote).group()
        problems.append(
            Problem(file, line, "quote", quote, f"{mark!r} is note shorthand, not the source's words; quote the page")
        )


def check_sources(sources: list[dict], problems: list[Problem]) -> None:
    for s in sources:
        if s.get("kind") == "web_page" and not s.get("url"):
            problems.append(Problem("sources.csv", s["_line"], "url", "", "a web page needs its address"))
        for column in ("published", "checked_on"):
            value = s.get(column)
            if value and _parse_partial_date(value) is None:
                problems.append(Problem("sources.csv", s["_line"], column, value, "not a calendar date"))


COVERAGE_RESULTS_WITH_PLANS = ("plans_recorded",)


def check_coverage(coverage: list[dict], plans: list[dict], problems: list[Problem], geodata_dir: Path) -> None:
    """One row per provincial-level division; its result agrees with the plans table."""
    file = "coverage.csv"
    divisions = province_codes(geodata_dir)
    with_plans = {p["province_code"] for p in plans if p.get("province_code")}
    seen = set()
    for row in coverage:
        line, code, result = row["_line"], row.get("province_code"), row.get("result")
        if code is None:
            continue
        seen.add(code)
        if code not in divisions:
            problems.append(Problem(file, line, "province_code", code, "not a provincial-level division"))
            continue
        if result == "plans_recorded" and code not in with_plans:
            problems.append(Problem(file, line, "result", result, "plans.csv has no plan in this division"))
        if result in ("none_found", "not_searched") and code in with_plans:
            problems.append(Problem(file, line, "result", result, "plans.csv has plans in this division"))
        searched_on = row.get("searched_on")
        if result == "not_searched" and searched_on:
            problems.append(Problem(file, line, "searched_on", searched_on, "a division not searched has no date"))
        if result in ("plans_recorded", "none_found") and not searched_on:
            problems.append(Problem(file, line, "searched_on", "", f"result {result} needs the date of the search"))
        if searched_on and _parse_partial_date(searched_on) is None:
            problems.append(Problem(file, line, "searched_on", searched_on, "not a calendar date"))
    if coverage:
        for code in divisions:
            if code not in seen:
                problems.append(Problem(file, None, "province_code", code, "division missing from the table"))


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
