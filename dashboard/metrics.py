"""Per-province aggregates, computed once from the validated tables.

A province with no plan in the data has no row values (NaN), never 0: the map shows it as
"no plan recorded".
"""

from __future__ import annotations

import pandas as pd

from dashboard.data import Dataset
from dashboard.geo import province_name


def province_summary(dataset: Dataset, province_codes: list[str]) -> pd.DataFrame:
    """One row per province code with its names, plan_count, latest_target_year, industry_scale_cny,
    max_subsidy_cny and first_announced; NaN where nothing is recorded."""
    plans = dataset.plans[dataset.plans["province_code"].notna()]
    by_province = plans.groupby("province_code")
    summary = pd.DataFrame(index=pd.Index(province_codes, name="province_code"))
    summary["name_zh"] = [province_name(code, "zh") for code in province_codes]
    summary["name_en"] = [province_name(code, "en") for code in province_codes]
    summary["plan_count"] = by_province.size().astype("Int64")
    summary["latest_target_year"] = by_province["target_year"].max()
    summary["first_announced"] = by_province["announced"].min()

    province_of_plan = plans.set_index("plan_id")["province_code"]
    targets = dataset.targets[dataset.targets["metric"] == "industry_scale_cny"]
    scale = targets.assign(province_code=targets["plan_id"].map(province_of_plan))
    summary["industry_scale_cny"] = scale.groupby("province_code")["value"].max()

    subsidies = dataset.subsidies.assign(province_code=dataset.subsidies["plan_id"].map(province_of_plan))
    summary["max_subsidy_cny"] = subsidies.groupby("province_code")["max_cny"].max()
    return summary
