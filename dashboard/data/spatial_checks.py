"""The spatial checks of ``validate``: the plans' places and the shipped points against the shipped polygons.

- every city- or district-level plan's place (its point in geodata/places.csv) lies in its province's
  polygon and, where the plan names a city, in that city's;
- every city's and district's point lies in the province its adcode names (the first two digits).

A point counts as inside when it is within the outlines' simplification error of the polygon
(:data:`dashboard.geo.spatial.TOLERANCE_M`). geopandas does the joins; it is loaded only when these run
(``python -m dashboard validate``, the tests), never on the app's start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from dashboard.data.problems import Problem
from dashboard.geo import boundaries, spatial

TOLERANCE_M = spatial.TOLERANCE_M


class PlacedPlan(NamedTuple):
    line: int  # in plans.csv
    column: str  # district_code or city_code: the adcode the plan is drawn at
    place: boundaries.Place
    province: str | None  # the plan's province_code
    city: str | None  # the plan's city_code


def _named(code: str | None, names: dict[str, str]) -> str:
    return f"{names.get(code, code)} ({code})" if code else "no polygon of the shipped boundaries"


def check_plan_places(plans: list[dict], problems: list[Problem], geodata_dir: Path) -> None:
    known = boundaries.places(geodata_dir)
    rows = []
    for plan in plans:
        column = {"district": "district_code", "city": "city_code"}.get(plan.get("level"))
        place = known.get(plan.get(column)) if column else None
        if place is None or place.lon is None or place.lat is None:
            continue  # no place or an unknown adcode: check_places reports it
        rows.append(PlacedPlan(plan["_line"], column, place, plan.get("province_code"), plan.get("city_code")))
    if not rows:
        return
    index = pd.RangeIndex(len(rows))
    where = spatial.points([r.place.lon for r in rows], [r.place.lat for r in rows], index)
    provinces = spatial.province_polygons(geodata_dir)
    names = dict(zip(provinces["adcode"], provinces["name_zh"], strict=True))
    _report(rows, "province", where, provinces, names, problems)

    # Cities, province by province (a 直辖市's subdivisions are districts: its plans name no city).
    by_province: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        if row.city and row.province and boundaries.has_subdivisions(row.province, geodata_dir):
            by_province.setdefault(row.province, []).append(i)
    for province_code, indices in by_province.items():
        cities = spatial.unit_polygons(province_code, geodata_dir=geodata_dir)
        city_names = dict(zip(cities["adcode"], cities["name_zh"], strict=True))
        city_names.update({c: p.name_zh for c, p in known.items() if c not in city_names})
        subset = [rows[i] for i in indices]
        _report(subset, "city", where.loc[indices], cities, city_names, problems)


def _report(rows: list[PlacedPlan], what: str, where, shapes, names, problems: list[Problem]) -> None:
    """One problem per plan whose point lies farther than the tolerance from its ``what`` (province or
    city) polygon."""
    expected = pd.Series([getattr(r, what) for r in rows], index=where.index)
    distance = spatial.distance_m(where, shapes, expected)
    lies = spatial.lies_in(where, shapes)
    for row, (i, code) in zip(rows, expected.items(), strict=True):
        if pd.isna(distance[i]) or distance[i] <= TOLERANCE_M:
            continue
        problems.append(
            Problem(
                "plans.csv",
                row.line,
                row.column,
                row.place.adcode,
                f"the point of {row.place.name_zh} lies in {_named(lies[i], names)}, not in its {what} "
                f"{_named(code, names)}",
            )
        )


def check_place_points(problems: list[Problem], geodata_dir: Path) -> None:
    """Every city's and district's point lies in the province its adcode names."""
    located = [(line, p) for line, p in enumerate(boundaries.places(geodata_dir).values(), start=2)]
    located = [(line, p) for line, p in located if p.level != "province" and p.lon is not None and p.lat is not None]
    index = pd.RangeIndex(len(located))
    where = spatial.points([p.lon for _, p in located], [p.lat for _, p in located], index)
    provinces = spatial.province_polygons(geodata_dir)
    names = dict(zip(provinces["adcode"], provinces["name_zh"], strict=True))
    expected = pd.Series([p.adcode[:2] + "0000" for _, p in located], index=index)
    distance = spatial.distance_m(where, provinces, expected)
    far = distance[(distance > TOLERANCE_M) | distance.isna()].index
    lies = spatial.lies_in(where.loc[far], provinces)
    for i in far:
        line, place = located[i]
        problems.append(
            Problem(
                "places.csv",
                line,
                "lon,lat",
                f"{place.lon},{place.lat}",
                f"the point of {place.name_zh} ({place.adcode}) lies in {_named(lies[i], names)}, "
                f"not in the province its adcode names, {_named(expected[i], names)}",
            )
        )


def spatial_problems(plans: list[dict], geodata_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    check_place_points(problems, geodata_dir)
    check_plan_places(plans, problems, geodata_dir)
    return problems
