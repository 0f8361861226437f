"""GIS outputs: the layers read back with geopandas (and Debian's ogrinfo) agree with the map's own tables;
the spatial checks of ``validate`` catch a plan or a point in the wrong place."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard import GEODATA_DIR
from dashboard.__main__ import main
from dashboard.charts.presets import chart_data
from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries
from dashboard.model import gis
from dashboard.model.aggregates import Aggregates
from dashboard.state import State
from tests.conftest import read_rows, set_cell, table, write_rows

gpd = pytest.importorskip("geopandas")  # a declared dependency: missing only if the install is broken

MAP_COLUMNS = {  # the map's metric (its table's column) -> the layer's attribute
    "plan_count": "plans",
    "latest_target_year": "target_yr",
    "industry_scale_cny": "scale_cny",
    "max_subsidy_cny": "subsidy_mx",
}


@pytest.fixture(scope="module")
def agg() -> Aggregates:
    return Aggregates(load_dataset(), boundaries.province_codes(), boundaries.places())


@pytest.fixture(scope="module")
def geopackage(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gis") / "plans.gpkg"
    assert main(["export-data", "--format", "gpkg", "-o", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def client():
    from dashboard.web.app import create_app

    return create_app().server.test_client()


def same(a, b) -> bool:
    """Equal values, with every kind of empty (None, NaN, pd.NA) equal to each other."""
    empty_a = a is None or (not isinstance(a, str) and pd.isna(a))
    empty_b = b is None or (not isinstance(b, str) and pd.isna(b))
    if empty_a or empty_b:
        return empty_a and empty_b
    try:
        return math.isclose(float(a), float(b))  # a number, or a number read from the CSV's text
    except (TypeError, ValueError):
        return str(a) == str(b)


def map_table(agg, state: State) -> pd.DataFrame:
    data = chart_data(agg, "map", state)
    return data.set_index(data.columns[0])


def test_the_geopackage_has_three_layers_in_wgs84_with_short_names(geopackage):
    import pyogrio

    assert [name for name, _ in pyogrio.list_layers(geopackage)] == list(gis.LAYERS)
    for name in gis.LAYERS:
        layer = gpd.read_file(geopackage, layer=name)
        assert layer.crs.to_epsg() == 4326, name
        assert len(layer) > 0, name
        for column in layer.columns:
            assert column.isascii() and len(column) <= 10, (name, column)  # a Shapefile keeps the name
            assert column == "geometry" or column in gis.FIELDS, (name, column)  # documented


def test_provinces_carry_the_numbers_the_map_shows(agg, geopackage):
    layer = gpd.read_file(geopackage, layer="provinces").set_index("adcode")
    assert sorted(layer.index) == sorted(boundaries.province_codes())
    for metric, column in MAP_COLUMNS.items():
        shown = map_table(agg, State(metric=metric))
        for code, row in shown.iterrows():
            assert same(layer.at[code, column], row[metric]), (metric, code)
    shown = map_table(agg, State(metric="industry_scale_cny"))
    for code, row in shown.iterrows():
        assert same(layer.at[code, "scale_base"], row["basis"]), code
        assert same(layer.at[code, "coverage"], row["coverage"]), code
        assert same(layer.at[code, "searched"], row["searched_on"]), code
        assert layer.at[code, "name_zh"] == row["name_zh"] and layer.at[code, "name_en"] == row["name_en"]


def test_the_largest_scale_target_keeps_its_qualifier_and_first_announcements_match_the_plans(agg, geopackage):
    layer = gpd.read_file(geopackage, layer="provinces").set_index("adcode")
    plans = {p["plan_id"]: p for p in table("plans")}
    scale = [t for t in table("targets") if t["metric"] == "industry_scale_cny"]
    for code in layer.index:
        own = [t for t in scale if plans[t["plan_id"]]["province_code"] == code]
        if not own:
            assert same(layer.at[code, "scale_cny"], None) and same(layer.at[code, "scale_qual"], None)
            continue
        largest = max(float(t["value"]) for t in own)
        assert layer.at[code, "scale_cny"] == largest
        assert layer.at[code, "scale_qual"] in {t["qualifier"] for t in own if float(t["value"]) == largest}
        dates = [p["announced"] for p in plans.values() if p["province_code"] == code and p["announced"]]
        assert same(layer.at[code, "first_ann"], min(dates) if dates else None)


def test_cities_carry_the_numbers_of_each_drill_down_map(agg, geopackage):
    layer = gpd.read_file(geopackage, layer="cities").set_index("adcode")
    placed = {p["district_code"] or p["city_code"] for p in table("plans") if p["level"] in ("city", "district")}
    units = {code for code in layer.index}
    # every place with a plan falls in a unit of the layer (the unit itself, or the city above a district)
    for code in placed:
        place = boundaries.places()[code]
        assert code in units or place.city_code in units, code
    for province in sorted(set(layer["province"])):
        for metric, column in MAP_COLUMNS.items():
            shown = map_table(agg, State(metric=metric, drill=province))
            for code in layer.index[layer["province"] == province]:
                assert same(layer.at[code, column], shown.at[code, metric]), (province, metric, code)
    assert (layer["plans"] > 0).all()


def test_plans_are_points_at_their_places_with_their_words_intact(geopackage):
    layer = gpd.read_file(geopackage, layer="plans").set_index("plan_id")
    expected = [p for p in table("plans") if p["level"] in ("city", "district")]
    assert sorted(layer.index) == sorted(p["plan_id"] for p in expected)
    sources = {s["source_id"]: s for s in table("sources")}
    for plan in expected:
        row = layer.loc[plan["plan_id"]]
        place = boundaries.places()[plan["district_code"] or plan["city_code"]]
        assert (row.geometry.x, row.geometry.y) == pytest.approx((place.lon, place.lat))
        assert row["title_zh"] == plan["title_zh"] and row["area_zh"] == plan["area_zh"]  # Chinese intact
        assert row["title_en"] == plan["title_en"] and row["level"] == plan["level"]
        assert same(row["announced"], plan["announced"] or None)
        assert same(row["target_yr"], plan["target_year"] or None)
        assert same(row["source_url"], sources[plan["source_id"]]["url"] or None)


def test_a_shapefile_round_trip_keeps_every_attribute_name(agg, tmp_path):
    layer = gis.province_layer(agg)
    layer.to_file(tmp_path / "provinces.shp", encoding="utf-8")
    back = gpd.read_file(tmp_path / "provinces.shp")
    assert list(back.columns) == list(layer.columns)
    assert list(back["name_zh"]) == list(layer["name_zh"])


def test_geojson_layers_from_the_command_line(agg, tmp_path):
    for name in gis.LAYERS:
        path = tmp_path / f"{name}.geojson"
        assert main(["export-data", "--format", "geojson", "--layer", name, "-o", str(path)]) == 0
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert data["type"] == "FeatureCollection" and data["name"] == name
        back = gpd.read_file(path)
        expected = gis.layer(agg, name)
        assert len(back) == len(expected) and back.crs.to_epsg() == 4326
        key = "plan_id" if name == "plans" else "adcode"
        assert list(back[key]) == list(expected[key])
        assert "上海市" in text or name != "provinces"  # Chinese written as text, not escapes
    assert main(["export-data", "--format", "geojson"]) == 2  # a file is needed
    assert main(["export-data", "--format", "gpkg", "-o", str(tmp_path / "no" / "such" / "x.gpkg")]) == 1


def test_ogrinfo_opens_the_geopackage_as_qgis_would(geopackage):
    ogrinfo = shutil.which("ogrinfo")
    assert ogrinfo, "ogrinfo is missing: scripts/test.sh installs Debian's gdal-bin"
    summary = subprocess.run(
        [ogrinfo, "-ro", "-so", "-al", str(geopackage)], capture_output=True, text=True, check=True
    )
    assert "Warning" not in summary.stderr  # a GeoPackage version Debian's and QGIS's GDAL read fully
    for name in gis.LAYERS:
        assert f"Layer name: {name}" in summary.stdout
    assert summary.stdout.count('ID["EPSG",4326]') == len(gis.LAYERS)
    for field in ("plans: Integer", "scale_cny: Real", "name_zh: String", "target_yr: Integer"):
        assert field in summary.stdout.replace(" (0.0)", ""), field
    shanghai = subprocess.run(
        [ogrinfo, "-ro", "-q", str(geopackage), "provinces", "-where", "adcode = '310000'", "-geom=NO"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "name_zh (String) = 上海市" in shanghai.stdout
    assert f"plans (Integer) = {sum(p['province_code'] == '310000' for p in table('plans'))}" in shanghai.stdout


def test_the_data_view_offers_the_gis_files_and_they_are_the_same_layers(client, tmp_path):
    from dashboard.model.dataset_export import GIS_FILES

    for name, (_, layer) in GIS_FILES.items():
        response = client.get(f"/download/{name}")
        assert response.status_code == 200, name
        assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'
        assert response.headers["ETag"] and "public" in response.headers["Cache-Control"]
        path = tmp_path / name
        path.write_bytes(response.get_data())
        back = gpd.read_file(path, layer=layer or "provinces")
        assert len(back) > 0 and back.crs.to_epsg() == 4326
        again = client.get(f"/download/{name}", headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304
    assert client.get("/download/passwd").status_code == 404


def test_the_app_starts_and_answers_without_loading_geopandas():
    script = (
        "import sys; from dashboard.web.app import create_app; app = create_app(); "
        "c = app.server.test_client(); assert c.get('/?view=data').status_code == 200; "
        "print('geopandas' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "False"


# --------------------------------------------------------------------------- spatial checks in validate


def validate(data_dir: Path, geodata_dir: Path = GEODATA_DIR) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", "--data-dir", str(data_dir), "--geodata-dir", str(geodata_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def a_district_plan() -> dict:
    """A district-level plan in a province with prefecture cities (not a 直辖市)."""
    return next(p for p in table("plans") if p["level"] == "district" and p["city_code"])


def test_the_shipped_data_passes_the_spatial_checks():
    result = validate(Path("policy_data").resolve())
    assert result.returncode == 0, result.stderr


def test_validate_catches_a_plan_whose_city_is_wrong(data_copy):
    plan = a_district_plan()
    places = boundaries.places()
    district = places[plan["district_code"]]
    other = next(
        p
        for p in places.values()
        if p.level == "city" and p.province_code == district.province_code and p.adcode != district.city_code
    )
    line = set_cell(data_copy, "plans", plan["plan_id"], "city_code", other.adcode)
    result = validate(data_copy)
    assert result.returncode == 1
    expected = (
        f"plans.csv:{line}: district_code: '{district.adcode}': the point of {district.name_zh} lies in "
        f"{places[district.city_code].name_zh} ({district.city_code}), not in its city {other.name_zh} ({other.adcode})"
    )
    assert expected in result.stderr


def test_validate_catches_a_plan_placed_in_the_wrong_province(data_copy):
    plan = a_district_plan()
    places = boundaries.places()
    district = places[plan["district_code"]]
    elsewhere = next(
        p
        for p in places.values()
        if p.level == "district" and p.province_code != district.province_code and p.city_code
    )
    line = set_cell(data_copy, "plans", plan["plan_id"], "district_code", elsewhere.adcode)
    result = validate(data_copy)
    assert result.returncode == 1
    province = places[district.province_code]
    expected = (
        f"plans.csv:{line}: district_code: '{elsewhere.adcode}': the point of {elsewhere.name_zh} lies in "
        f"{places[elsewhere.province_code].name_zh} ({elsewhere.province_code}), not in its province "
        f"{province.name_zh} ({province.adcode})"
    )
    assert expected in result.stderr


def test_validate_catches_a_point_moved_out_of_its_province(data_copy, tmp_path):
    plan = a_district_plan()
    geodata = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR, geodata)
    header, rows = read_rows(geodata / "places.csv")
    places = boundaries.places()
    far = next(p for p in places.values() if p.level == "district" and p.province_code != plan["province_code"])
    for index, row in enumerate(rows):
        if row[0] == plan["district_code"]:
            row[header.index("lon")], row[header.index("lat")] = str(far.lon), str(far.lat)
            line = index + 2
    write_rows(geodata / "places.csv", header, rows)
    result = validate(data_copy, geodata)
    assert result.returncode == 1
    name = places[plan["district_code"]].name_zh
    own, lies = places[plan["province_code"]], places[far.province_code]
    assert (
        f"places.csv:{line}: lon,lat: '{far.lon},{far.lat}': the point of {name} ({plan['district_code']}) lies in "
        f"{lies.name_zh} ({lies.adcode}), not in the province its adcode names, {own.name_zh} ({own.adcode})"
    ) in result.stderr
    assert f"not in its province {own.name_zh} ({own.adcode})" in result.stderr  # and the plan there, too


def test_a_provinces_counties_as_a_layer_match_its_county_map(agg):
    province = next(c for c in sorted({p["province_code"] for p in table("plans") if p["level"] == "district"})
                    if boundaries.has_counties(c))  # fmt: skip
    layer = gis.unit_layer(agg, province, counties=True).set_index("adcode")
    assert list(layer.index) == [f["id"] for f in boundaries.county_geojson(province)["features"]]
    assert layer.crs.to_epsg() == 4326 and set(layer["province"]) == {province}
    for metric, column in MAP_COLUMNS.items():
        shown = map_table(agg, State(metric=metric, drill=province, units="county"))
        for code in layer.index:
            assert same(layer.at[code, column], shown.at[code, metric]), (metric, code)
    assert layer["plans"].sum() >= 1
