"""The committed geodata: province shapes, the South China Sea line and a point per city/district.

Everything joins on GB/T 2260 adcodes (six-digit strings), never on names.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import orjson

from dashboard import GEODATA_DIR

PROVINCE_NAMES_EN = {
    "110000": "Beijing", "120000": "Tianjin", "130000": "Hebei", "140000": "Shanxi",
    "150000": "Inner Mongolia", "210000": "Liaoning", "220000": "Jilin", "230000": "Heilongjiang",
    "310000": "Shanghai", "320000": "Jiangsu", "330000": "Zhejiang", "340000": "Anhui",
    "350000": "Fujian", "360000": "Jiangxi", "370000": "Shandong", "410000": "Henan",
    "420000": "Hubei", "430000": "Hunan", "440000": "Guangdong", "450000": "Guangxi",
    "460000": "Hainan", "500000": "Chongqing", "510000": "Sichuan", "520000": "Guizhou",
    "530000": "Yunnan", "540000": "Xizang (Tibet)", "610000": "Shaanxi", "620000": "Gansu",
    "630000": "Qinghai", "640000": "Ningxia", "650000": "Xinjiang", "710000": "Taiwan",
    "810000": "Hong Kong", "820000": "Macao",
}  # fmt: skip


# English names of the cities and districts the dataset names (standard pinyin forms); others show Chinese.
PLACE_NAMES_EN = {
    "110100": "Beijing", "110112": "Tongzhou District", "130600": "Baoding", "210100": "Shenyang",
    "210102": "Heping District", "320100": "Nanjing", "320115": "Jiangning District", "320200": "Wuxi",
    "320211": "Binhu District", "330100": "Hangzhou", "330110": "Yuhang District", "330114": "Qiantang District",
    "340100": "Hefei", "350200": "Xiamen", "420100": "Wuhan", "440100": "Guangzhou", "440112": "Huangpu District",
    "440300": "Shenzhen", "440304": "Futian District", "460100": "Haikou", "460200": "Sanya",
    "500112": "Yubei District", "510100": "Chengdu", "110101": "Dongcheng District", "310100": "Shanghai",
    "310109": "Hongkou District", "320500": "Suzhou", "320583": "Kunshan", "330102": "Shangcheng District",
    "370100": "Jinan", "370200": "Qingdao", "370700": "Weifang", "410100": "Zhengzhou",
    "440111": "Baiyun District", "440115": "Nansha District", "500118": "Yongchuan District", "610400": "Xianyang",
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    adcode: str
    level: str  # province | city | district
    name_zh: str
    province_code: str
    city_code: str | None
    lon: float | None
    lat: float | None


class GeodataError(RuntimeError):
    """A committed geodata file is missing or unreadable."""


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GeodataError(
            f"{path}: cannot read geodata ({exc.strerror}); run python -m dashboard build-geodata"
        ) from exc


@cache
def places(geodata_dir: Path = GEODATA_DIR) -> dict[str, Place]:
    """Every province, prefecture city and county-level division, by adcode."""
    rows = csv.DictReader(_read(geodata_dir / "places.csv").splitlines())
    return {
        row["adcode"]: Place(
            adcode=row["adcode"],
            level=row["level"],
            name_zh=row["name_zh"],
            province_code=row["province_code"],
            city_code=row["city_code"] or None,
            lon=float(row["lon"]) if row["lon"] else None,
            lat=float(row["lat"]) if row["lat"] else None,
        )
        for row in rows
    }


def _read_geojson(path: Path) -> dict:
    try:
        collection = json.loads(_read(path))
    except json.JSONDecodeError as exc:
        raise GeodataError(f"{path}: not valid GeoJSON ({exc})") from exc
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or not all(
        isinstance(f, dict) and isinstance(f.get("id"), str) and isinstance(f.get("geometry"), dict) for f in features
    ):
        raise GeodataError(f"{path}: not a FeatureCollection of features with an id and a geometry")
    return collection


@cache
def provinces_geojson(geodata_dir: Path = GEODATA_DIR) -> dict:
    """The 34 provincial-level divisions as a FeatureCollection; feature ids are adcodes."""
    return _read_geojson(geodata_dir / "provinces.geojson")


@cache
def south_china_sea_geojson(geodata_dir: Path = GEODATA_DIR) -> dict:
    """The ten-dash line, for the 南海诸岛 inset."""
    return _read_geojson(geodata_dir / "south_china_sea.geojson")


def province_codes(geodata_dir: Path = GEODATA_DIR) -> list[str]:
    return [feature["id"] for feature in provinces_geojson(geodata_dir)["features"]]


def province_name(adcode: str, lang: str = "zh") -> str:
    if lang == "en":
        return PROVINCE_NAMES_EN.get(adcode, adcode)
    place = places().get(adcode)
    return place.name_zh if place else adcode


def has_subdivisions(province_code: str, geodata_dir: Path = GEODATA_DIR) -> bool:
    return (geodata_dir / "subdivisions" / f"{province_code}.geojson").is_file()


def has_counties(province_code: str, geodata_dir: Path = GEODATA_DIR) -> bool:
    return (geodata_dir / "counties" / f"{province_code}.geojson").is_file()


@cache
def county_geojson(province_code: str, geodata_dir: Path = GEODATA_DIR) -> dict:
    """A province's county-level divisions (not built for a 直辖市, whose subdivisions already are)."""
    return _read_geojson(geodata_dir / "counties" / f"{province_code}.geojson")


@cache
def subdivision_geojson(province_code: str, geodata_dir: Path = GEODATA_DIR) -> dict:
    """A province's cities (its districts in a 直辖市), loaded only when a drill-down asks for them."""
    return _read_geojson(geodata_dir / "subdivisions" / f"{province_code}.geojson")


# ---------------------------------------------------------------------------- geometry files for the page
# The app's map references its outlines by URL instead of carrying them in every figure: the browser
# fetches each file once (both geo subplots share it) and keeps it, versioned by content, for a year.
_GEOMETRY_NAME = re.compile(r"^(provinces|cities-\d{6}|counties-\d{6})$")


def geometry_name(drill: str = "", counties: bool = False) -> str:
    """The file name of the outlines a map draws: the provinces, or a province's cities, or its counties
    where the boundaries have them (as :func:`dashboard.charts.presets.map_inputs` draws)."""
    if not drill:
        return "provinces"
    return f"counties-{drill}" if counties and has_counties(drill) else f"cities-{drill}"


@cache
def geometry_file(name: str) -> tuple[str, bytes] | None:
    """(content version, GeoJSON bytes) of a named geometry file; None for a name that is none."""
    if not _GEOMETRY_NAME.match(name):
        return None
    kind, _, code = name.partition("-")
    try:
        if kind == "provinces":
            geojson = provinces_geojson()
        elif not has_subdivisions(code) or (kind == "counties" and not has_counties(code)):
            return None
        else:
            geojson = county_geojson(code) if kind == "counties" else subdivision_geojson(code)
    except GeodataError:
        return None
    body = orjson.dumps(geojson)
    return hashlib.sha256(body).hexdigest()[:12], body


def geometry_path(name: str) -> str:
    """The versioned URL path of a geometry file (``/geo/provinces.<version>.json``)."""
    found = geometry_file(name)
    if found is None:
        raise GeodataError(f"no geometry file {name!r}")
    return f"/geo/{name}.{found[0]}.json"
