"""Subsidy rules in words, in Chinese and English, from their structured fields."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import format_cny

_DURATION = {
    "exact": ("{n}年", "{n} years"),
    "at_least": ("不少于{n}年", "at least {n} years"),
    "up_to": ("不超过{n}年", "up to {n} years"),
}


def _has(row: pd.Series, column: str) -> bool:
    value = row.get(column)
    return value is not None and not (not isinstance(value, str) and pd.isna(value))


def conditions(row: pd.Series, lang: str) -> str:
    """The conditions, tiers, caps and durations of one subsidy row, joined in one line."""
    zh = lang == "zh"
    parts: list[str] = []
    if _has(row, "area_m2_min"):
        parts.append(f"面积≥{int(row['area_m2_min'])}㎡" if zh else f"area ≥ {int(row['area_m2_min'])} m²")
    if _has(row, "base_cny"):
        base = format_cny(row["base_cny"], lang)
        parts.append(f"每年{base}" if zh else f"{base} a year")
    if _has(row, "step_cny") and _has(row, "step_m2"):
        step, area = format_cny(row["step_cny"], lang), int(row["step_m2"])
        parts.append(f"每增加{area}㎡再加{step}" if zh else f"+{step} per extra {area} m²")
    if _has(row, "rate_pct"):
        tiers = " / ".join(f"{r}%" for r in str(row["rate_pct"]).split(";"))
        if row.get("kind") == "loan_interest":  # a share of the interest, not of the rent
            parts.append(f"贴息比例{tiers}" if zh else f"{tiers} of the interest")
        else:
            parts.append(f"按租金{tiers}分档补贴" if zh else f"tiers of {tiers} of rent")
    if _has(row, "area_m2_max"):
        parts.append(
            f"补贴面积≤{int(row['area_m2_max'])}㎡" if zh else f"subsidised area ≤ {int(row['area_m2_max'])} m²"
        )
    if _has(row, "max_cny"):
        amount = format_cny(row["max_cny"], lang)
        per_year = row.get("per") == "year"
        if row.get("max_qualifier") == "up_to":
            parts.append(
                ("每年" if per_year else "") + f"最高{amount}"
                if zh
                else f"up to {amount}" + (" a year" if per_year else "")
            )
        else:
            parts.append(amount)
    if _has(row, "fund_size_cny"):
        size = format_cny(row["fund_size_cny"], lang)
        order = row.get("fund_size_qualifier") == "order_of_magnitude"
        parts.append(
            (f"基金规模{size}级" if order else f"基金规模{size}")
            if zh
            else (f"fund of the order of {size}" if order else f"fund of {size}")
        )
    if _has(row, "loan_principal_cap_cny"):
        loan = format_cny(row["loan_principal_cap_cny"], lang)
        parts.append(f"贴息贷款额度最高{loan}" if zh else f"interest subsidy on loans up to {loan}")
    if _has(row, "duration_years"):
        template = _DURATION.get(row.get("duration_qualifier") or "exact")[0 if zh else 1]
        parts.append(template.format(n=int(row["duration_years"])))
    if not parts:
        parts.append("未列金额" if zh else "no amount stated")
    return "；".join(parts) if zh else "; ".join(parts)
