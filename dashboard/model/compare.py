"""Two to four regions side by side, as text cells: plans, latest target year, announcements, targets and
subsidies. A province's column names the city or district a figure comes from, so a reader never takes a
city's target for its province's. The app renders it as a table, the compare embed as HTML."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import METRICS, basis_tag, format_target, format_value, label, t
from dashboard.model.aggregates import Aggregates
from dashboard.model.regions import plans_of_region, present, quoted_title, region_title
from dashboard.model.subsidy_text import conditions


def _where(agg: Aggregates, code: str, plan_id: str, lang: str) -> str:
    """「（杭州市上城区）」 when a figure in ``code``'s column is stated by another place's plan."""
    plan = agg.plans.set_index("plan_id").loc[plan_id]
    place = plan["place_code"]
    if not present(place) or place == code:
        return ""
    name = plan["area_en"] if lang == "en" and present(plan.get("area_en")) else plan["area_zh"]
    return f"（{name}）" if lang == "zh" else f" ({name})"


def _target_text(agg: Aggregates, code: str, row, lang: str) -> str:
    value_max = None if pd.isna(row.value_max) else row.value_max
    year = f" ({int(row.year)})" if pd.notna(row.year) else ""
    subject = row.subject_zh if lang == "zh" else row.description_en
    value = format_target(row.value, value_max, row.unit, row.qualifier, lang)
    return f"{subject}: {value}{year}{basis_tag(row.basis, lang)}{_where(agg, code, row.plan_id, lang)}"


def compare_rows(agg: Aggregates, codes: list[str], lang: str) -> tuple[list[str], list[tuple[str, list[list[str]]]]]:
    """Column headings (the regions), and rows: (heading, one list of text items per region)."""
    plans_by_code = {code: plans_of_region(agg, code) for code in codes}

    def latest_year(plans) -> list[str]:
        return [format_value(plans["target_year"].max(), "year", lang)] if plans["target_year"].notna().any() else []

    def announced(code, plans) -> list[str]:
        return [
            f"{p['announced'] if present(p['announced']) else t('date_unknown', lang)} {quoted_title(p, lang)}"
            f"{_where(agg, code, p['plan_id'], lang)}"
            for _, p in plans.iterrows()
        ]

    def targets(code, plans) -> list[str]:
        rows = agg.targets[agg.targets["plan_id"].isin(plans["plan_id"])]
        return [_target_text(agg, code, r, lang) for r in rows.itertuples()]

    def subsidies(code, plans) -> list[str]:
        rows = agg.subsidies[agg.subsidies["plan_id"].isin(plans["plan_id"])]
        return [
            f"{label('kind', r['kind'], lang)}: {conditions(r, lang)}{_where(agg, code, r['plan_id'], lang)}"
            for _, r in rows.iterrows()
        ]

    pairs = list(plans_by_code.items())
    rows = [
        (METRICS["plan_count"][lang], [[str(len(p))] for _, p in pairs]),
        (METRICS["latest_target_year"][lang], [latest_year(p) for _, p in pairs]),
        (t("announced", lang), [announced(c, p) for c, p in pairs]),
        (t("targets", lang), [targets(c, p) for c, p in pairs]),
        (t("subsidies", lang), [subsidies(c, p) for c, p in pairs]),
    ]
    return [region_title(agg, code, lang) for code in codes], rows
