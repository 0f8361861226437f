"""Per-region aggregates, computed once from the validated tables.

A region with no plan in the data has no value (NaN), never 0: the map shows it as "no plan recorded".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.geo.boundaries import PLACE_NAMES_EN, Place, province_name

# "Largest single subsidy" compares what one firm could receive; a fund's size is not that, and a loan
# principal is not the interest subsidised, so they only count when their own kind is chosen.
DIRECT_KINDS = ("rent", "operating", "office_purchase", "talent", "startup_rnd", "project_grant")
# An industry-scale target covers its core, the metaverse industry, related industries or VR/XR; the
# industries a plan says it drives are another metric. "All" compares the plans' own industries only.
SCALE_BASES = ("core", "metaverse", "related", "xr")
SCALE_METRICS = ("industry_scale_cny", "driven_industry_cny")


def subsidy_amount(row: pd.Series) -> float | None:
    """The stated amount of one subsidy in 元: its cap, a formula's yearly base, or a fund's size."""
    for column in ("max_cny", "base_cny", "fund_size_cny", "loan_principal_cap_cny"):
        value = row.get(column)
        if value is not None and pd.notna(value):
            return float(value)
    return None


def in_year(dates: pd.Series, year: str) -> pd.Series:
    """Which partial dates (2023, 2023-06, 2023-06-16) fall in ``year``; an unknown date in none."""
    return dates.fillna("").astype(str).str.startswith(year)


def month_range(first: str, last: str) -> list[str]:
    return [str(p) for p in pd.period_range(first[:7], last[:7], freq="M")]


def plan_place(plan: pd.Series) -> str | None:
    """The adcode a city- or district-level plan is drawn at."""
    if plan["level"] == "district":
        return plan["district_code"]
    if plan["level"] == "city":
        return plan["city_code"]
    return None


@dataclass
class Aggregates:
    """Everything the views aggregate, built once at start-up and looked up per request."""

    dataset: Dataset
    province_codes: list[str]
    places: dict[str, Place]

    @cached_property
    def plans(self) -> pd.DataFrame:
        plans = self.dataset.plans.copy()
        plans["place_code"] = plans.apply(plan_place, axis=1)
        plans["announced_month"] = plans["announced"].map(lambda d: d[:7] if d and len(d) >= 7 else None)
        return plans

    @cached_property
    def sources_by_id(self) -> pd.DataFrame:
        return self.dataset.sources.set_index("source_id")

    @cached_property
    def subsidies(self) -> pd.DataFrame:
        subsidies = self.dataset.subsidies.copy()
        subsidies["amount_cny"] = subsidies.apply(subsidy_amount, axis=1)
        return subsidies.merge(self.plans[["plan_id", "province_code", "place_code"]], on="plan_id", how="left")

    @cached_property
    def targets(self) -> pd.DataFrame:
        return self.dataset.targets.merge(self.plans[["plan_id", "province_code", "place_code"]], on="plan_id")

    @cached_property
    def months(self) -> list[str]:
        """The date slider's range: the first announcement month to the data date."""
        known = self.plans["announced"].dropna()
        last = self.dataset.data_date[:7]
        # A bare year counts from its January; with no announcement dated at all, the range is one month.
        first = min((d[:7] if len(d) >= 7 else f"{d[:4]}-01" for d in known), default=last)
        return month_range(min(first, last), last)

    @cached_property
    def province_summary(self) -> pd.DataFrame:
        summary = summarise(self.province_codes, "province_code", self.plans, self.targets, self.subsidies, self.name)
        coverage = self.dataset.coverage.set_index("province_code")
        for column in ("result", "searched_on", "note_zh", "note_en", "searched_for"):
            summary[f"coverage_{column}"] = coverage[column].reindex(summary.index)
        return summary

    def announced_in(self, year: str) -> Aggregates:
        """The same aggregates over the plans announced in ``year`` only (with their targets and
        subsidies); ``self`` when no year is given. Built once per year."""
        if not year:
            return self
        return self._subset(f"in:{year}", in_year(self.dataset.plans["announced"], year))

    def announced_by(self, month: str) -> Aggregates:
        """The aggregates over the plans announced up to ``month`` (YYYY-MM); ``self`` when none is given."""
        if not month or month >= self.months[-1]:
            return self
        announced = self.dataset.plans["announced"].fillna("")
        # As the "announced by" metric counts: a plan dated to the year only has no month yet.
        first_month = announced.map(lambda d: d[:7] if len(d) >= 7 else "9999")
        return self._subset(f"by:{month}", first_month <= month)

    def _subset(self, key: str, keep: pd.Series) -> Aggregates:
        subsets = self.__dict__.setdefault("_subsets", {})
        if key not in subsets:
            data = self.dataset
            plans = data.plans[keep.to_numpy()]
            ids = set(plans["plan_id"])
            subset = replace(
                data,
                plans=plans,
                targets=data.targets[data.targets["plan_id"].isin(ids)],
                subsidies=data.subsidies[data.subsidies["plan_id"].isin(ids)],
            )
            subsets[key] = Aggregates(subset, self.province_codes, self.places)
        return subsets[key]

    def name(self, code: str, lang: str) -> str:
        if code in self.province_codes:
            return province_name(code, lang)
        if lang == "en" and code in PLACE_NAMES_EN:
            return PLACE_NAMES_EN[code]
        place = self.places.get(code)
        return place.name_zh if place else code

    def unit_summary(self, codes: list[str]) -> pd.DataFrame:
        """The same columns for the cities or districts of a drill-down. A unit counts the plans drawn at
        it and, for a city, at its districts; province-level plans are not spread over the units."""
        units = set(codes)

        def unit_of(place_code: str | None) -> str | None:
            if place_code in units:
                return place_code
            place = self.places.get(place_code) if place_code else None
            return place.city_code if place and place.city_code in units else None

        # Few distinct places, many plans: resolve each place once, then map (linear in plans, no Python loop).
        place_codes = self.plans["place_code"]
        unit_of_place = {code: unit_of(code) for code in place_codes.dropna().unique()}
        unit_of_plan = pd.Series(place_codes.map(unit_of_place).to_numpy(), index=self.plans["plan_id"])
        plans = self.plans.assign(unit_code=unit_of_plan.to_numpy())
        targets = self.targets.assign(unit_code=self.targets["plan_id"].map(unit_of_plan))
        subsidies = self.subsidies.assign(unit_code=self.subsidies["plan_id"].map(unit_of_plan))
        return summarise(codes, "unit_code", plans, targets, subsidies, self.name)

    def metric_values(
        self, summary: pd.DataFrame, metric: str, kind: str = "all", date: str = "", basis: str = "all"
    ) -> pd.Series:
        """One value per region of ``summary`` for a map metric; NaN where nothing is recorded."""
        if metric == "industry_scale_cny":
            return summary[scale_column(basis)].astype("Float64")
        if metric == "announced_by":
            month = date or self.months[-1]
            announced = self.plans["announced_month"].notna() & (self.plans["announced_month"] <= month)
            counts = self.plans[announced].groupby("province_code").size()
            return counts.reindex(summary.index).astype("Float64")
        if metric == "max_subsidy_cny" and kind != "all":
            subsidies = self.subsidies[self.subsidies["kind"] == kind]
            return subsidies.groupby("province_code")["amount_cny"].max().reindex(summary.index).astype("Float64")
        return summary[metric].astype("Float64")

    def markers(self) -> pd.DataFrame:
        """One row per city/district that has plans: adcode, names, lon/lat, plan count and titles."""
        return self._markers

    @cached_property
    def _markers(self) -> pd.DataFrame:
        plans = self.plans[self.plans["place_code"].notna()]
        rows = []
        for code, group in plans.groupby("place_code"):
            place = self.places[code]
            # A district is named with its city, or its province in a 直辖市 (重庆市渝北区).
            parent = (place.city_code or place.province_code) if place.level == "district" else None
            rows.append(
                {
                    "adcode": code,
                    "province_code": place.province_code,
                    "name_zh": (self.places[parent].name_zh if parent else "") + place.name_zh,
                    "name_en": self.name(code, "en") + (f", {self.name(parent, 'en')}" if parent else ""),
                    "lon": place.lon,
                    "lat": place.lat,
                    "level": place.level,
                    "plan_count": len(group),
                    "titles": list(group["title_zh"]),
                    "titles_en": list(group["title_en"]) if "title_en" in group else list(group["title_zh"]),
                    "areas": sorted(set(group["area_zh"])),
                }
            )
        return pd.DataFrame(rows)


def scale_column(basis: str) -> str:
    """The summary column of the largest industry-scale target of one basis (or of all but driven)."""
    return "industry_scale_cny" if basis == "all" else f"industry_scale_cny:{basis}"


def scale_origin(summary: pd.DataFrame, basis: str = "all") -> pd.DataFrame:
    """For each region with an industry-scale figure (all bases, or one): the figure's basis and the place
    of the plan that states it; empty where there is no figure. One answer for hover, table and export."""
    column = scale_column(basis)
    stated = summary[column].notna()
    bases = summary["industry_scale_basis"] if basis == "all" else pd.Series(basis, index=summary.index)
    areas = summary["industry_scale_area" if basis == "all" else f"{column}:area"]
    return pd.DataFrame({"basis": bases.where(stated), "area": areas.where(stated)}, index=summary.index)


def summarise(codes: list[str], key: str, plans, targets, subsidies, name) -> pd.DataFrame:
    """One row per code: names, plan_count, latest_target_year, first_announced, industry_scale_cny,
    max_subsidy_cny (direct support only); NaN where nothing is recorded."""
    by_region = plans[plans[key].notna()].groupby(key)
    summary = pd.DataFrame(index=pd.Index(codes, name=key))
    summary["name_zh"] = [name(code, "zh") for code in codes]
    summary["name_en"] = [name(code, "en") for code in codes]
    summary["plan_count"] = by_region.size().astype("Int64")
    summary["latest_target_year"] = by_region["target_year"].max()
    summary["first_announced"] = by_region["announced"].min()
    scale = targets[targets["metric"].isin(SCALE_METRICS)]
    # Stable: of equal figures the first in the table wins, so the basis shown does not flicker.
    own = scale[scale["metric"] == "industry_scale_cny"].sort_values("value", ascending=False, kind="stable")
    summary["industry_scale_cny"] = own.groupby(key)["value"].max()
    largest = own.drop_duplicates(key).set_index(key)
    summary["industry_scale_basis"] = largest["basis"]
    summary["industry_scale_qualifier"] = largest["qualifier"]  # exact, at least, about… (the codebook's)
    # Which plan states it: a province's largest figure may be a city's (潍坊 in 山东).
    area = plans.set_index("plan_id")["area_zh"]
    summary["industry_scale_area"] = largest["plan_id"].map(area)
    for basis in (*SCALE_BASES, "driven"):
        of_basis = scale[scale["basis"] == basis].sort_values("value", ascending=False, kind="stable")
        of_basis = of_basis.drop_duplicates(key)
        summary[scale_column(basis)] = of_basis.set_index(key)["value"]
        summary[f"{scale_column(basis)}:area"] = of_basis.set_index(key)["plan_id"].map(area)
    direct = subsidies[subsidies["kind"].isin(DIRECT_KINDS)]
    summary["max_subsidy_cny"] = direct.groupby(key)["amount_cny"].max()
    return summary
