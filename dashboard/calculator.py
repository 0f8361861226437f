"""What would my firm get here? Apply each subsidy row's rule (policy_data/README.md, "Calculator
semantics") to one firm's case, region by region, with the arithmetic shown.

Rules come from the data (``rule``, ``applies_to`` and the numeric fields); nothing here knows a region.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import pandas as pd

from dashboard.i18n import label
from dashboard.metrics import Aggregates
from dashboard.tables import place_label

PROFILES = ("tenant", "operator", "talent", "specialized", "buyer")
LIMITS = {"area": (1, 1_000_000), "rent": (0, 1_000), "years": (1, 5), "price": (0, 100_000_000_000)}


class InputError(ValueError):
    """A firm's case that cannot be calculated, with the reason."""


@dataclass(frozen=True)
class Firm:
    area: float  # m²
    rent: float  # 元/m²/day
    years: int
    profiles: tuple[str, ...]
    price: float | None = None  # 元, when buying an office

    def __post_init__(self) -> None:
        for name in ("area", "rent", "years", "price"):
            value = getattr(self, name)
            if value is None:
                continue
            low, high = LIMITS[name]
            if not isinstance(value, int | float) or math.isnan(value) or not low <= value <= high:
                raise InputError(f"{name} must be between {low} and {high:,}, not {value}")
        if int(self.years) != self.years:
            raise InputError(f"years must be a whole number from 1 to 5, not {self.years}")
        object.__setattr__(self, "years", int(self.years))
        unknown = [p for p in self.profiles if p not in PROFILES]
        if unknown or not self.profiles:
            raise InputError(
                f"profile must be one or more of {', '.join(PROFILES)}, not {', '.join(unknown) or 'none'}"
            )
        if "buyer" in self.profiles and self.price is None:
            raise InputError("the buyer profile needs --price (the office price in 元)")

    @property
    def yearly_rent(self) -> float:
        return self.area * self.rent * 365


@dataclass
class Outcome:
    subsidy_id: str
    kind: str
    min_cny: int = 0
    max_cny: int = 0
    formula: str = ""
    quote: str = ""
    reason: str = ""  # why it does not apply (empty when it does)
    conditions: list[str] = field(default_factory=list)


def _money(value: float) -> str:
    return f"{value:,.0f}"


def apply_rule(row: pd.Series, firm: Firm) -> Outcome:
    """One subsidy row for one firm: the amount range and the formula, or why it does not apply."""
    out = Outcome(row["subsidy_id"], row["kind"], quote=row["quote"])
    who = row["applies_to"]
    if who != "any" and who not in firm.profiles:
        out.reason = f"for {who} firms only (profile {who})"
        return out
    rule = row["rule"]
    if rule == "none":
        if row["kind"] == "fund":
            out.reason = "a fund invests; it pays no set amount to a firm"
        elif pd.notna(row.get("loan_principal_cap_cny")):
            out.reason = f"caps the loan principal ({_money(row['loan_principal_cap_cny'])} 元), not the interest paid"
        else:
            out.reason = "no amount or rate is stated"
        return out
    if rule == "formula_per_year":
        return _formula(row, firm, out)
    if rule == "rent_share":
        return _rent_share(row, firm, out)
    return _cap(row, firm, out)


def _formula(row, firm: Firm, out: Outcome) -> Outcome:
    floor_area = int(row["area_m2_min"])
    if firm.area < floor_area:
        out.reason = f"needs at least {floor_area} m² (firm: {firm.area:g} m²)"
        return out
    steps = int((firm.area - floor_area) // int(row["step_m2"]))
    yearly = int(row["base_cny"]) + steps * int(row["step_cny"])
    duration = int(row["duration_years"]) if pd.notna(row.get("duration_years")) else firm.years
    qualifier = row.get("duration_qualifier")
    if qualifier == "at_least":
        min_years, max_years = min(firm.years, duration), firm.years
    elif qualifier == "up_to":
        min_years = max_years = min(firm.years, duration)
    else:
        min_years = max_years = min(firm.years, duration)
    out.min_cny, out.max_cny = yearly * min_years, yearly * max_years
    yearly_text = f"{_money(row['base_cny'])} + {steps} × {_money(row['step_cny'])} = {_money(yearly)} 元/年"
    years_text = f"{min_years}" if min_years == max_years else f"{min_years}–{max_years}"
    out.formula = f"{yearly_text}; × {years_text} 年 = {_money(out.min_cny)}" + (
        f"–{_money(out.max_cny)} 元" if out.max_cny != out.min_cny else " 元"
    )
    if qualifier == "at_least":
        out.conditions.append(f"at least {duration} years are promised; years beyond {duration} are not guaranteed")
    return out


def _rent_share(row, firm: Firm, out: Outcome) -> Outcome:
    if firm.rent <= 0:
        out.reason = "needs the rent (元/m²/day)"
        return out
    rates = [float(r) for r in str(row["rate_pct"]).split(";")]
    area = min(firm.area, row["area_m2_max"]) if pd.notna(row.get("area_m2_max")) else firm.area
    years = firm.years
    if pd.notna(row.get("duration_years")) and row.get("duration_qualifier") in ("up_to", "exact"):
        years = min(years, int(row["duration_years"]))
    yearly_rent = area * firm.rent * 365
    out.min_cny = round(yearly_rent * years * min(rates) / 100)
    out.max_cny = round(yearly_rent * years * max(rates) / 100)
    out.formula = (
        f"{area:g} m² × {firm.rent:g} 元/m²/天 × 365 = {_money(yearly_rent)} 元/年; × {years} 年 × "
        f"{'/'.join(f'{r:g}%' for r in rates)} = {_money(out.min_cny)}–{_money(out.max_cny)} 元"
    )
    if area < firm.area:
        out.conditions.append(f"area above {area:g} m² is not subsidised")
    if years < firm.years:
        out.conditions.append(f"years above {years} are not subsidised")
    out.conditions.append("which tier applies is not stated")
    return out


def _cap(row, firm: Firm, out: Outcome) -> Outcome:
    cap = float(row["max_cny"])
    kind = row["kind"]
    if kind == "office_purchase":
        if "buyer" not in firm.profiles or firm.price is None:
            out.reason = "for firms buying an office (profile buyer, with --price)"
            return out
        allowed, basis = firm.price, f"the office price {_money(firm.price)} 元"
    elif kind == "rent":
        if firm.rent <= 0:
            out.reason = "needs the rent (元/m²/day)"
            return out
        allowed = firm.yearly_rent * firm.years
        basis = f"the rent paid {firm.area:g} m² × {firm.rent:g} × 365 × {firm.years} = {_money(allowed)} 元"
    else:
        allowed, basis = cap, ""
    out.max_cny = round(min(cap, allowed))
    out.formula = f"最高 {_money(cap)} 元" + (f", at most {basis}" if basis else "") + f" → 0–{_money(out.max_cny)} 元"
    out.conditions.append("an upper bound: the minimum is 0 unless the text gives one")
    return out


def calculate(agg: Aggregates, firm: Firm, lang: str = "zh") -> dict:
    """Per region: applicable rules with min/max and formula, and what does not apply; sorted by maximum."""
    plans = agg.plans.set_index("plan_id")
    regions: dict[str, dict] = {}
    for _, row in agg.subsidies.iterrows():
        plan = plans.loc[row["plan_id"]]
        code = plan["place_code"] if isinstance(plan["place_code"], str) else plan["province_code"]
        region = regions.setdefault(
            code,
            {
                "region_code": code,
                "region_name_zh": place_label(agg, plan, "zh"),
                "region_name": place_label(agg, plan, lang),
                "min_cny": 0,
                "max_cny": 0,
                "rules": [],
                "not_applicable": [],
            },
        )
        outcome = apply_rule(row, firm)
        record = {
            "subsidy_id": outcome.subsidy_id,
            "kind": outcome.kind,
            "kind_label": label("kind", outcome.kind, lang),
            "quote": outcome.quote,
            "source_id": row["source_id"],
        }
        if outcome.reason:
            region["not_applicable"].append({**record, "reason": outcome.reason})
            continue
        region["rules"].append(
            {
                **record,
                "min_cny": outcome.min_cny,
                "max_cny": outcome.max_cny,
                "formula": outcome.formula,
                "conditions": outcome.conditions,
            }
        )
        region["min_cny"] += outcome.min_cny
        region["max_cny"] += outcome.max_cny
    ordered = sorted(regions.values(), key=lambda r: (-r["max_cny"], -r["min_cny"], r["region_code"]))
    return {"inputs": {**asdict(firm), "profiles": list(firm.profiles)}, "regions": ordered}


def table_text(result: dict, lang: str = "zh") -> str:
    """A plain-text table of the result, for the command line."""
    lines = [f"{'region':<28} {'min 元':>14} {'max 元':>14}  rules"]
    for region in result["regions"]:
        rules = "; ".join(f"{r['subsidy_id']} {r['formula']}" for r in region["rules"]) or "—"
        lines.append(
            f"{region['region_name']:<28} {_money(region['min_cny']):>14} {_money(region['max_cny']):>14}  {rules}"
        )
        for item in region["not_applicable"]:
            lines.append(f"{'':<28} {'':>14} {'':>14}  {item['subsidy_id']} not applicable: {item['reason']}")
    lines.append("Estimates from published plan texts, not offers; amounts are announced caps, not disbursements.")
    return "\n".join(lines)
