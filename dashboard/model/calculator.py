"""What would my firm get here? Apply each subsidy row's rule (policy_data/README.md, "Calculator
semantics") to one firm's case, region by region, with the arithmetic shown.

A measure that applies to the firm falls in one of four groups, and only the first is added up:

- ``formula``: an amount the firm can compute from the rules (rent shares, per-m² operating subsidies,
  a stated fixed amount): a min–max; regions are ranked by these;
- ``cap``: "up to" amounts paid at the authority's discretion (最高…): shown as caps, never summed;
- ``unstated``: the measure applies but the text states no amount or rate (e.g. rent for ≤1000 m², 3 years);
- ``fund``: funds and loan-principal caps: no amount paid to a firm.

Measures from consultation drafts are shown apart and never counted; the rest are "not applicable",
each with the reason. Rules come from the data; nothing here knows a region.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field

import pandas as pd

from dashboard.i18n import label, t
from dashboard.model.aggregates import Aggregates
from dashboard.model.regions import place_label, present
from dashboard.model.subsidy_text import conditions as conditions_text

PROFILES = ("tenant", "operator", "talent", "specialized", "buyer", "project")
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
    group: str = ""  # formula | cap | unstated | fund, when it applies
    note: str = ""  # for unstated and fund: why there is no amount


MESSAGES = {
    "profile": ("仅适用于{who_zh}（需勾选该情况）", "only for: {who_en} (profile {who})"),
    "fund": ("产业基金用于投资，不向企业支付固定金额", "a fund invests; it pays no set amount to a firm"),
    "loan": (
        "1000万元类上限为贴息贷款额度（{cap} 元），不是所贴利息",
        "caps the loan principal (CNY {cap}), not the interest paid",
    ),
    "no_amount": ("原文未列金额或比例", "no amount or rate is stated"),
    "min_area": ("面积须不少于 {floor} ㎡（当前 {area} ㎡）", "needs at least {floor} m² (firm: {area} m²)"),
    "at_least_years": (
        "承诺至少 {n} 年；超出 {n} 年的部分不确定",
        "at least {n} years are promised; years beyond {n} are not guaranteed",
    ),
    "needs_rent": ("需要填写租金（元/㎡/天）", "needs the rent (CNY/m²/day)"),
    "area_cap": ("超过 {area} ㎡ 的面积不予补贴", "area above {area} m² is not subsidised"),
    "year_cap": ("超过 {n} 年的部分不予补贴", "years above {n} are not subsidised"),
    "tier": ("原文未说明适用哪一档", "which tier applies is not stated"),
    "draft": (
        "征求意见稿中的条款，尚未生效，不计入",
        "from a consultation draft, not in force: not counted",
    ),
    "period": ("规划期 {start}–{end}", "plan period {start}–{end}"),
    "ended": ("（已结束）", " (ended)"),
    "validity_unknown": ("有效期未说明", "validity not stated"),
    "announced": ("{date} 发布", "announced {date}"),
    "date_unknown": ("发布日期不详", "announcement date unknown"),
    "share_cap": ("每年最高 {cap} 元", "at most CNY {cap} a year"),
    "share_cap_total": ("合计最高 {cap} 元", "at most CNY {cap} in all"),
    "buyer": (
        "仅适用于购置办公用房的企业（需勾选并填写价格）",
        "for firms buying an office (profile buyer, with --price)",
    ),
    "upper_bound": (
        "“最高”为上限：原文未给下限时最低按 0 计",
        "an upper bound: the minimum is 0 unless the text gives one",
    ),
}


# The words of a formula, so it reads in the page's language: 1,314,000 元/年 / CNY 1,314,000 a year.
WORDS = {
    "yuan": ("{v} 元", "CNY {v}"),
    "per_year": ("{v} 元/年", "CNY {v} a year"),
    "years": ("{v} 年", "{v} years"),
    "rent_unit": ("{v} 元/m²/天", "CNY {v}/m²/day"),
    "up_to": ("最高 {v}", "up to {v}"),
    "at_most": ("，不超过{v}", ", at most {v}"),
    "office_price": ("购房价格 {v}", "the office price {v}"),
    "rent_paid": ("已付租金 {v}", "the rent paid {v}"),
}


def words(key: str, lang: str, value) -> str:
    return WORDS[key][0 if lang == "zh" else 1].format(v=value)


def message(key: str, lang: str, **values) -> str:
    return MESSAGES[key][0 if lang == "zh" else 1].format(**values)


def _money(value: float) -> str:
    return f"{value:,.0f}"


def apply_rule(row: pd.Series, firm: Firm, lang: str = "en") -> Outcome:
    """One subsidy row for one firm: the amount range and the formula, or why it does not apply."""
    out = Outcome(row["subsidy_id"], row["kind"], quote=row["quote"])
    who = row["applies_to"]
    if who != "any" and who not in firm.profiles:
        out.reason = message(
            "profile", lang, who=who, who_zh=label("profile", who, "zh"), who_en=label("profile", who, "en")
        )
        return out
    rule = row["rule"]
    if rule == "none":
        if row["kind"] == "fund":
            out.group, out.note = "fund", message("fund", lang)
        elif pd.notna(row.get("loan_principal_cap_cny")):
            out.group, out.note = "fund", message("loan", lang, cap=_money(row["loan_principal_cap_cny"]))
        else:
            out.group, out.note = "unstated", message("no_amount", lang)
        return out
    if rule == "formula_per_year":
        out = _formula(row, firm, out, lang)
    elif rule == "rent_share":
        out = _rent_share(row, firm, out, lang)
    else:
        out = _cap(row, firm, out, lang)
    if not out.reason:
        out.group = "cap" if rule == "cap" and (row.get("max_qualifier") != "exact" or who == "project") else "formula"
    return out


def _formula(row, firm: Firm, out: Outcome, lang: str) -> Outcome:
    floor_area = int(row["area_m2_min"])
    if firm.area < floor_area:
        out.reason = message("min_area", lang, floor=floor_area, area=f"{firm.area:g}")
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
    yearly_text = (
        f"{_money(row['base_cny'])} + {steps} × {_money(row['step_cny'])} = {words('per_year', lang, _money(yearly))}"
    )
    years_text = f"{min_years}" if min_years == max_years else f"{min_years}–{max_years}"
    total = _money(out.min_cny) + (f"–{_money(out.max_cny)}" if out.max_cny != out.min_cny else "")
    out.formula = f"{yearly_text}; × {words('years', lang, years_text)} = {words('yuan', lang, total)}"
    if qualifier == "at_least":
        out.conditions.append(message("at_least_years", lang, n=duration))
    return out


def _rent_share(row, firm: Firm, out: Outcome, lang: str) -> Outcome:
    if firm.rent <= 0:
        out.reason = message("needs_rent", lang)
        return out
    rates = [float(r) for r in str(row["rate_pct"]).split(";")]
    area = min(firm.area, row["area_m2_max"]) if pd.notna(row.get("area_m2_max")) else firm.area
    years = firm.years
    if pd.notna(row.get("duration_years")) and row.get("duration_qualifier") in ("up_to", "exact"):
        years = min(years, int(row["duration_years"]))
    yearly_rent = area * firm.rent * 365
    # A share of the rent may also be capped ("最高200万元/年"): per year, or over the whole period.
    cap = float(row["max_cny"]) if pd.notna(row.get("max_cny")) else None
    per_year = cap if cap is not None and row.get("per") == "year" else float("inf")
    in_all = cap if cap is not None and row.get("per") != "year" else float("inf")
    low = min(min(yearly_rent * min(rates) / 100, per_year) * years, in_all)
    high = min(min(yearly_rent * max(rates) / 100, per_year) * years, in_all)
    out.min_cny, out.max_cny = round(low), round(high)
    out.formula = (
        f"{area:g} m² × {words('rent_unit', lang, f'{firm.rent:g}')} × 365 = {words('per_year', lang, _money(yearly_rent))}; "
        f"× {words('years', lang, years)} × {'/'.join(f'{r:g}%' for r in rates)} = "
        f"{words('yuan', lang, f'{_money(out.min_cny)}–{_money(out.max_cny)}')}"
    )
    if cap is not None:
        key = "share_cap" if row.get("per") == "year" else "share_cap_total"
        out.formula += f" ({message(key, lang, cap=_money(cap))})"
        out.conditions.append(message(key, lang, cap=_money(cap)))
    if area < firm.area:
        out.conditions.append(message("area_cap", lang, area=f"{area:g}"))
    if years < firm.years:
        out.conditions.append(message("year_cap", lang, n=years))
    out.conditions.append(message("tier", lang))
    return out


def _cap(row, firm: Firm, out: Outcome, lang: str) -> Outcome:
    cap = float(row["max_cny"])
    kind = row["kind"]
    if kind == "office_purchase":
        if "buyer" not in firm.profiles or firm.price is None:
            out.reason = message("buyer", lang)
            return out
        allowed, basis = firm.price, words("office_price", lang, words("yuan", lang, _money(firm.price)))
    elif kind == "rent":
        if firm.rent <= 0:
            out.reason = message("needs_rent", lang)
            return out
        allowed = firm.yearly_rent * firm.years
        paid = f"{firm.area:g} m² × {firm.rent:g} × 365 × {firm.years} = {words('yuan', lang, _money(allowed))}"
        basis = words("rent_paid", lang, paid)
    else:
        allowed, basis = cap, ""
    if row.get("per") == "year":  # "每年最高X": X for each year, within the years the text allows
        years = firm.years
        if pd.notna(row.get("duration_years")) and row.get("duration_qualifier") in ("up_to", "exact"):
            years = min(years, int(row["duration_years"]))
        yearly_cap, cap = cap, cap * years
        allowed = allowed if kind in ("rent", "office_purchase") else cap
        yearly = f"{words('yuan', lang, _money(yearly_cap))} × {words('years', lang, years)}"
        basis = (yearly + (f"; {basis}" if basis else "")).strip()
    out.max_cny = round(min(cap, allowed))
    if row.get("max_qualifier") == "exact" and row.get("applies_to") != "project":  # a stated amount, not a cap
        out.min_cny = out.max_cny
        out.formula = words("yuan", lang, _money(out.max_cny)) + (f" ({basis})" if basis else "")
        return out
    out.formula = (
        words("up_to", lang, words("yuan", lang, _money(cap)))
        + (words("at_most", lang, basis) if basis else "")
        + f" → {words('yuan', lang, f'0–{_money(out.max_cny)}')}"
    )
    out.conditions.append(message("upper_bound", lang))
    return out


def validity(plan: pd.Series, lang: str, today: dt.date) -> tuple[str, str, bool]:
    """(announcement, period of validity, whether that period has ended) of the plan a measure is in."""
    announced = plan["announced"]
    when = message("announced", lang, date=announced) if present(announced) else message("date_unknown", lang)
    start, end = plan["period_start"], plan["period_end"]
    if not present(end):
        return when, message("validity_unknown", lang), False
    ended = int(end) < today.year
    period = message("period", lang, start=int(start) if present(start) else "", end=int(end))
    return when, period + (message("ended", lang) if ended else ""), ended


def _new_region(agg: Aggregates, code: str, plan: pd.Series, lang: str) -> dict:
    return {
        "region_code": code,
        "region_name_zh": place_label(agg, plan, "zh"),
        "region_name": place_label(agg, plan, lang),
        "min_cny": 0,  # formula amounts only
        "max_cny": 0,
        "cap_max_cny": 0,  # the largest single discretionary cap (never a sum)
        **{group: [] for group in GROUP_KEYS.values()},
        "drafts": [],
        "not_applicable": [],
    }


# Outcome group → the region's list it goes in (``rules`` are the computable amounts).
GROUP_KEYS = {"formula": "rules", "cap": "caps", "unstated": "unstated", "fund": "funds"}


def _record(outcome: Outcome, row: pd.Series, plan: pd.Series, lang: str, today: dt.date) -> dict:
    announced, period, ended = validity(plan, lang, today)
    return {
        "subsidy_id": outcome.subsidy_id,
        "kind": outcome.kind,
        "kind_label": label("kind", outcome.kind, lang),
        "applies_to": label("applies_to", row["applies_to"], lang),
        "description": row["description_zh"] if lang == "zh" else row["description_en"],
        "terms": conditions_text(row, lang),
        "quote": outcome.quote,
        "source_id": row["source_id"],
        "plan_title_zh": plan["title_zh"],
        "announced": announced,
        "validity": period,
        "ended": ended,
    }


def calculate(agg: Aggregates, firm: Firm, lang: str = "zh", today: dt.date | None = None) -> dict:
    """Per region: the measures that apply, in their four groups, and those that do not (with why);
    regions ranked by the amounts a firm can compute, then by how many measures apply."""
    today = today or dt.date.today()
    plans = agg.plans.set_index("plan_id")
    regions: dict[str, dict] = {}
    for _, row in agg.subsidies.iterrows():
        plan = plans.loc[row["plan_id"]]
        code = plan["place_code"] if isinstance(plan["place_code"], str) else plan["province_code"]
        region = regions.setdefault(code, _new_region(agg, code, plan, lang))
        outcome = apply_rule(row, firm, lang)
        record = _record(outcome, row, plan, lang, today)
        if outcome.reason:
            region["not_applicable"].append({**record, "reason": outcome.reason})
        elif plan["status"] == "draft":  # a proposal, not an offer: shown, never counted
            region["drafts"].append({**record, "reason": message("draft", lang), "note": outcome.note})
        else:
            amounts = {"min_cny": outcome.min_cny, "max_cny": outcome.max_cny, "formula": outcome.formula}
            entry = {**record, **amounts, "conditions": outcome.conditions, "note": outcome.note}
            region[GROUP_KEYS[outcome.group]].append(entry)
            if outcome.group == "formula":
                region["min_cny"] += outcome.min_cny
                region["max_cny"] += outcome.max_cny
            elif outcome.group == "cap":
                region["cap_max_cny"] = max(region["cap_max_cny"], outcome.max_cny)
    ordered = sorted(regions.values(), key=_rank_key)
    return {"inputs": {**asdict(firm), "profiles": list(firm.profiles)}, "regions": ordered}


def _rank_key(region: dict) -> tuple:
    applying = sum(len(region[key]) for key in ("rules", "caps", "unstated"))
    return (-region["max_cny"], -region["min_cny"], -applying, -region["cap_max_cny"], region["region_code"])


GROUP_TITLES = {
    "caps": ("酌情给予的上限（不计入合计）", "discretionary cap, not added"),
    "unstated": ("适用，但原文未列金额", "applies, no amount stated"),
    "funds": ("基金或贷款额度（不向企业支付固定金额）", "fund or loan principal, no amount paid to a firm"),
    "drafts": ("征求意见稿，未生效", "consultation draft, not in force"),
    "not_applicable": ("不适用", "not applicable"),
}


def _detail(group: str, item: dict) -> str:
    if group == "caps":
        return item["formula"]
    if group in ("unstated", "funds"):
        return f"{item['terms']} ({item['note']})"
    if group == "drafts":
        return item["terms"]
    return item["reason"]


def table_text(result: dict, lang: str = "zh") -> str:
    """A plain-text table of the result, for the command line."""
    zh = lang == "zh"
    lines = [
        f"{'地区' if zh else 'region':<28} {'最低 元' if zh else 'min CNY':>14} {'最高 元' if zh else 'max CNY':>14}  {'可计算的规则' if zh else 'computable rules'}"
    ]
    for region in result["regions"]:
        rules = "; ".join(f"{r['subsidy_id']} {r['formula']} [{r['validity']}]" for r in region["rules"]) or "—"
        lines.append(
            f"{region['region_name']:<28} {_money(region['min_cny']):>14} {_money(region['max_cny']):>14}  {rules}"
        )
        for group, title in GROUP_TITLES.items():
            for item in region[group]:
                lines.append(
                    f"{'':<28} {'':>14} {'':>14}  {item['subsidy_id']} {title[0 if zh else 1]}: {_detail(group, item)}"
                )
    lines.append(t("calc_banner", lang))
    return "\n".join(lines)
