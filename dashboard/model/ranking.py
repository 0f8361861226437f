"""Who set what, for which year: regions ranked by one target metric, each with its largest matching target
(value, qualifier, year, basis, quote, the plan that states it). A highlighted region without a matching
target keeps a row of its own, with no value (never 0)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.model.aggregates import SCALE_BASES, Aggregates, in_year
from dashboard.model.regions import present


@dataclass(frozen=True)
class RankingFilter:
    target: str = "industry_scale_cny"
    year: str = ""  # the year the target refers to; empty = any
    basis: str = "all"  # industry scale only: all four bases of the industry itself, one of them, or driven
    status: str = "all"  # issued | draft | all
    level: str = "all"  # national | province | city | district | all
    announced: str = ""  # only plans announced in this year
    highlight: tuple[str, ...] = ()


COLUMNS = [
    "region_code",
    "province_code",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "year",
    "basis",
    "metric",
    "quote",
    "source_id",
    "target_id",
    "plan_id",
    "title_zh",
    "title_en",
    "level",
    "status",
    "announced",
    "highlighted",
    "stated",
]


def matching_targets(agg: Aggregates, f: RankingFilter) -> pd.DataFrame:
    """The targets that meet the filter, joined to their plan's place, level, status and date."""
    targets = agg.targets
    if f.target == "industry_scale_cny" and f.basis == "driven":
        targets = targets[targets["metric"] == "driven_industry_cny"]
    elif f.target == "industry_scale_cny" and f.basis in SCALE_BASES:
        targets = targets[(targets["metric"] == "industry_scale_cny") & (targets["basis"] == f.basis)]
    else:
        targets = targets[targets["metric"] == f.target]
    if f.year:
        targets = targets[targets["year"] == int(f.year)]
    rows = targets.merge(
        agg.plans[["plan_id", "title_zh", "title_en", "level", "status", "announced"]], on="plan_id", how="left"
    )
    if f.status != "all":
        rows = rows[rows["status"] == f.status]
    if f.level != "all":
        rows = rows[rows["level"] == f.level]
    if f.announced:
        rows = rows[in_year(rows["announced"], f.announced)]
    return rows


def _is_highlighted(code, province, highlight: tuple[str, ...]) -> bool:
    return code in highlight or (present(province) and province in highlight)


def ranking_rows(agg: Aggregates, f: RankingFilter) -> pd.DataFrame:
    """One row per region (the plan's city or district, else its province; national plans as one row):
    its largest matching target, largest first; then a row without value for each highlighted region
    that has none."""
    rows = matching_targets(agg, f)
    rows = rows.assign(region_code=rows["place_code"].where(rows["place_code"].notna(), rows["province_code"]))
    rows["region_code"] = rows["region_code"].fillna("")  # a national plan
    rows = rows.sort_values(["value", "target_id"], ascending=[False, True], kind="stable")
    best = rows.drop_duplicates("region_code").copy()
    best["highlighted"] = [
        _is_highlighted(c, p, f.highlight) for c, p in zip(best["region_code"], best["province_code"], strict=True)
    ]
    best["stated"] = True
    missing = [code for code in f.highlight if not _covers(best, code)]
    empty = pd.DataFrame(
        [
            {"region_code": code, "province_code": code[:2] + "0000", "highlighted": True, "stated": False}
            for code in missing
        ],
        columns=COLUMNS,
    )
    frames = [frame for frame in (best[COLUMNS], empty) if len(frame)]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    return out.astype(
        {"value": "Float64", "value_max": "Float64", "year": "Int64", "stated": bool, "highlighted": bool}
    )


def _covers(best: pd.DataFrame, code: str) -> bool:
    """Whether a highlighted region has a row: its own, or (for a province) one of its cities' or districts'."""
    return bool(((best["region_code"] == code) | (best["province_code"] == code)).any())
