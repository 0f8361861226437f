"""Regions and rows every screen shares: the plans of a region, its title, a plan's place, subsidy rows
with their region. Used alike by the side panel, the tables, the charts and the calculator."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.i18n import t
from dashboard.model.aggregates import Aggregates


def present(value) -> bool:
    """A table cell that holds a value (not None, NaN or pandas' NA)."""
    return value is not None and not (not isinstance(value, str) and pd.isna(value))


def plans_of_region(agg: Aggregates, code: str) -> pd.DataFrame:
    """Plans in a province (all levels), or drawn at a city (with its districts) or a district."""
    plans = agg.plans
    if code in agg.province_codes:
        selected = plans[plans["province_code"] == code]
    else:
        place = agg.places.get(code)
        if place is None:
            return plans.iloc[0:0]
        in_city = plans["place_code"].map(lambda c: present(c) and agg.places[c].city_code == code)
        selected = plans[(plans["place_code"] == code) | (in_city if place.level == "city" else False)]
    return selected.sort_values("announced", na_position="last", key=lambda s: s.fillna("9999"))


def region_title_parts(agg: Aggregates, code: str) -> tuple[str, str]:
    """The Chinese name (with its city for a district) and the English one ("" where we have none)."""
    zh, en = agg.name(code, "zh"), agg.name(code, "en")
    place = agg.places.get(code)
    prefix = ""
    if place and place.level == "district":
        parent = place.city_code or place.province_code
        prefix = agg.name(parent, "zh")
    return f"{prefix}{zh}", (en if en != zh else "")


def region_title(agg: Aggregates, code: str, lang: str) -> str:
    """Chinese name first (with its city for a district), the English name beside it where we have one."""
    zh, en = region_title_parts(agg, code)
    return f"{zh} {en}" if en else zh


def region_name(agg: Aggregates, code: str, lang: str) -> str:
    """A region's name in one language, a district with its city (杭州市上城区); "" is the nation."""
    if not code:
        return t("national", lang)
    place = agg.places.get(code)
    name = agg.name(code, lang)
    if place and place.level == "district" and (lang == "zh" or name == place.name_zh):
        parent = place.city_code or place.province_code
        return f"{agg.name(parent, 'zh')}{place.name_zh}"
    return name


def place_label(agg: Aggregates, plan: pd.Series, lang: str) -> str:
    """Province (in the page language), then the place as the source names it."""
    if not isinstance(plan["province_code"], str):
        return t("national", lang)
    province = agg.name(plan["province_code"], lang)
    same = plan["area_zh"] == agg.name(plan["province_code"], "zh")
    area = plan["area_en"] if lang == "en" and present(plan.get("area_en")) else plan["area_zh"]
    return province if same else f"{province} · {area}"


def subsidy_rows(agg: Aggregates, kind: str = "all", lang: str = "zh") -> pd.DataFrame:
    """Subsidies with a display ``region``; all kinds or one."""
    plans = agg.plans.set_index("plan_id")
    rows = agg.subsidies if kind == "all" else agg.subsidies[agg.subsidies["kind"] == kind]
    return rows.assign(region=[place_label(agg, plans.loc[p], lang) for p in rows["plan_id"]])


def plan_title(plan, lang: str) -> str:
    """The title in the page language: in English our translation, marked as such (the source's Chinese
    title stays the reference)."""
    if lang == "en" and present(plan.get("title_en")):
        return f"{plan['title_en']} (translation)"
    return str(plan["title_zh"])


def quoted_title(plan, lang: str) -> str:
    """The title as a reader sees it in running text: 《…》 in Chinese, “…” in English."""
    return f"“{plan_title(plan, lang)}”" if lang == "en" else f"《{plan_title(plan, lang)}》"


def plan_status(plan: pd.Series, today: dt.date | None = None) -> tuple[str, int | None]:
    """Where a plan stands: ``draft``, ``forecast``, ``period_ended`` or ``in_period`` (with the end year
    of its plan period), or ``period_unknown`` when the source states no period. Whether a later plan
    replaced it is not in the data, so it is never claimed."""
    if plan["status"] in ("draft", "forecast"):
        return plan["status"], None
    end = plan["period_end"]
    if not present(end):
        return "period_unknown", None
    today = today or dt.date.today()
    return ("period_ended" if int(end) < today.year else "in_period"), int(end)


def own_plans_first(agg: Aggregates, code: str, plans: pd.DataFrame) -> pd.DataFrame:
    """A region's own plans first (a province's provincial plans), then its cities' and districts';
    newest first within each, undated last."""
    own = plans["place_code"].isna() if code in agg.province_codes else plans["place_code"] == code
    dated = plans["announced"].fillna("")
    order = pd.DataFrame({"own": ~own.to_numpy(), "undated": (dated == "").to_numpy(), "date": dated.to_numpy()})
    order.index = plans.index
    ranked = order.sort_values(["own", "undated", "date"], ascending=[True, True, False], kind="stable").index
    return plans.loc[ranked]
