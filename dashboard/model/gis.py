"""The plans joined to the boundaries, as GeoDataFrames in EPSG:4326: one function per layer, used by
every GIS output (``export-data --format gpkg|geojson``, the data view's downloads) and by notebooks.

- :func:`province_layer`: the 34 provinces with the aggregates the map shows
- :func:`unit_layer`: a province's cities (districts in a 直辖市) or counties, with the same aggregates
- :func:`city_layer`: every city/district unit that has plans, across provinces (the GeoPackage's ``cities``)
- :func:`plan_points`: each city- or district-level plan at its place's point

Attribute names have at most 10 ASCII characters, so a Shapefile or GeoPackage round trip keeps them
(``FIELDS`` says what each holds). geopandas is imported by the functions, never at import: the app's
start-up does not load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from dashboard.geo import boundaries, spatial
from dashboard.model.aggregates import Aggregates

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

LAYERS = ("provinces", "cities", "plans")
# The summary's columns under names a Shapefile keeps (≤ 10 characters).
SUMMARY_FIELDS = {
    "name_zh": "name_zh",
    "name_en": "name_en",
    "plan_count": "plans",
    "latest_target_year": "target_yr",
    "first_announced": "first_ann",
    "industry_scale_cny": "scale_cny",
    "industry_scale_qualifier": "scale_qual",
    "industry_scale_basis": "scale_base",
    "industry_scale_area": "scale_area",
    "max_subsidy_cny": "subsidy_mx",
}
COVERAGE_FIELDS = {"coverage_result": "coverage", "coverage_searched_on": "searched"}
PLAN_FIELDS = {
    "plan_id": "plan_id",
    "level": "level",
    "place_code": "adcode",
    "province_code": "province",
    "city_code": "city",
    "area_zh": "area_zh",
    "area_en": "area_en",
    "title_zh": "title_zh",
    "title_en": "title_en",
    "issuer_zh": "issuer_zh",
    "doc_type": "doc_type",
    "status": "status",
    "announced": "announced",
    "period_start": "start_yr",
    "period_end": "end_yr",
    "target_year": "target_yr",
    "source_id": "source_id",
}
# What each attribute holds, in both languages (the README's GIS section and the GeoPackage's description).
FIELDS = {
    "adcode": ("行政区划代码（GB/T 2260）", "administrative division code (GB/T 2260)"),
    "name_zh": ("中文名称", "name in Chinese"),
    "name_en": ("英文名称", "name in English"),
    "level": ("层级：province / city / district", "level: province, city or district"),
    "province": ("所属省级行政区代码", "adcode of its province"),
    "city": ("所属地级市代码（如有）", "adcode of its city, where it has one"),
    "plans": ("规划数量", "number of plans"),
    "target_yr": ("最晚目标年份", "latest target year"),
    "first_ann": ("最早发布日期", "first announcement (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "scale_cny": ("最大产业规模目标（元）", "largest industry-scale target (CNY)"),
    "scale_qual": ("该目标的限定词（见数据说明）", "that target's qualifier (see the codebook)"),
    "scale_base": ("该目标的口径（见数据说明）", "that target's basis (see the codebook)"),
    "scale_area": ("提出该目标的规划所属地区", "the area of the plan that states it"),
    "subsidy_mx": ("最大单项直接补贴（元）", "largest single direct subsidy (CNY)"),
    "coverage": ("检索结果：has_plans / none_found / not_searched", "search result"),
    "searched": ("检索日期", "date searched"),
    "plan_id": ("规划编号", "plan id"),
    "area_zh": ("规划所属地区", "area of the plan (Chinese)"),
    "area_en": ("规划所属地区（英文）", "area of the plan (English)"),
    "title_zh": ("标题", "title (Chinese)"),
    "title_en": ("标题（英文）", "title (English)"),
    "issuer_zh": ("发文机关", "issuer"),
    "doc_type": ("文件类型", "document type"),
    "status": ("状态", "status"),
    "announced": ("发布日期", "announced"),
    "start_yr": ("规划期起始年", "first year of the plan's period"),
    "end_yr": ("规划期结束年", "last year of the plan's period"),
    "source_id": ("来源编号", "source id"),
    "source_url": ("来源网址", "source URL"),
}


def _attributes(summary: pd.DataFrame, fields: dict[str, str]) -> pd.DataFrame:
    frame = summary[list(fields)].rename(columns=fields)
    for column in ("plans", "target_yr"):
        frame[column] = frame[column].astype("Int32")  # a 32-bit Integer field: what every GIS reads
    for column in ("scale_cny", "subsidy_mx"):
        frame[column] = frame[column].astype("float64")
    return frame


def _joined(shapes: gpd.GeoDataFrame, attributes: pd.DataFrame) -> gpd.GeoDataFrame:
    """Attributes joined to their polygons on the adcode (every polygon kept, in the file's order)."""
    import geopandas as gpd

    attributes = attributes.rename_axis("adcode").reset_index().drop(columns=["name_zh"])
    joined = shapes.merge(attributes, on="adcode", how="left", validate="one_to_one")
    columns = [c for c in joined.columns if c != "geometry"] + ["geometry"]  # the geometry last, as GIS tools list it
    return gpd.GeoDataFrame(joined[columns], geometry="geometry", crs=spatial.WGS84)


def province_layer(agg: Aggregates) -> gpd.GeoDataFrame:
    """The provinces with what the map shows of each: plan count, latest target year, first announcement,
    the largest industry-scale target with its qualifier, basis and area, the largest direct subsidy, and
    whether a province without plans was searched."""
    shapes = spatial.province_polygons()
    attributes = _attributes(agg.province_summary, {**SUMMARY_FIELDS, **COVERAGE_FIELDS})
    layer = _joined(shapes, attributes)
    layer.insert(1, "level", "province")
    return layer


def unit_layer(agg: Aggregates, province_code: str, counties: bool = False) -> gpd.GeoDataFrame:
    """A province's cities (districts in a 直辖市), or its counties, with the same aggregates; a unit counts
    the plans drawn at it and, for a city, at its districts (as the drill-down map does)."""
    shapes = spatial.unit_polygons(province_code, counties)
    attributes = _attributes(agg.unit_summary(list(shapes["adcode"])), SUMMARY_FIELDS)
    layer = _joined(shapes, attributes)
    levels = {code: place.level for code, place in agg.places.items()}
    layer.insert(1, "level", layer["adcode"].map(levels))
    layer.insert(2, "province", province_code)
    return layer


def city_layer(agg: Aggregates) -> gpd.GeoDataFrame:
    """Every city (district in a 直辖市) that has plans drawn at it or at its districts, in adcode order."""
    import geopandas as gpd

    provinces = sorted({c for c in agg.plans["province_code"].dropna() if boundaries.has_subdivisions(c)})
    layers = [unit_layer(agg, code) for code in provinces]
    if not layers:
        return unit_layer(agg, boundaries.province_codes()[0]).iloc[0:0]
    every = pd.concat(layers, ignore_index=True)
    with_plans = every[every["plans"].fillna(0) > 0].sort_values("adcode").reset_index(drop=True)
    return gpd.GeoDataFrame(with_plans, geometry="geometry", crs=spatial.WGS84)


def plan_points(agg: Aggregates) -> gpd.GeoDataFrame:
    """Each city- or district-level plan at its place's point (geodata/places.csv), with its title, level,
    dates, target year and source; province-level and national plans have no point and are not here."""
    import geopandas as gpd

    plans = agg.plans[agg.plans["place_code"].notna()]
    frame = plans[list(PLAN_FIELDS)].rename(columns=PLAN_FIELDS).reset_index(drop=True)
    for column in ("start_yr", "end_yr", "target_yr"):
        frame[column] = frame[column].astype("Int32")
    frame["source_url"] = frame["source_id"].map(agg.sources_by_id["url"]).astype(object)
    places = [agg.places[code] for code in frame["adcode"]]
    where = spatial.points([p.lon for p in places], [p.lat for p in places], frame.index)
    return gpd.GeoDataFrame(frame, geometry=where, crs=spatial.WGS84)


def layer(agg: Aggregates, name: str) -> gpd.GeoDataFrame:
    """One of :data:`LAYERS` by name."""
    builders = {"provinces": province_layer, "cities": city_layer, "plans": plan_points}
    if name not in builders:
        raise ValueError(f"unknown layer {name!r}: one of {', '.join(LAYERS)}")
    return builders[name](agg)


def layers(agg: Aggregates) -> dict[str, gpd.GeoDataFrame]:
    """The three layers of the GeoPackage, by name."""
    return {name: layer(agg, name) for name in LAYERS}
