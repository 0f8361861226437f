"""``python -m dashboard export-data``: the whole dataset as nested JSON or as the flat CSV tables, or
joined to the boundaries for GIS (a GeoPackage of three layers, or one layer as GeoJSON).

JSON contract (documented in policy_data/README.md): ``{"plans": [...], "sources": [...]}``;
each plan carries its ``targets`` and ``subsidies`` as nested lists; empty cells are null;
``rate_pct`` tiers become a list of numbers.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd

from dashboard.data.csvfile import csv_text
from dashboard.data.dataset import TABLES, Dataset
from dashboard.model import gis
from dashboard.model.aggregates import Aggregates


def _records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for row in frame.to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                clean[key] = None
            elif hasattr(value, "item"):  # numpy / pandas scalars
                clean[key] = value.item()
            else:
                clean[key] = value
        out.append(clean)
    return out


def _number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def dataset_json(dataset: Dataset) -> dict:
    targets = _records(dataset.targets)
    subsidies = _records(dataset.subsidies)
    for subsidy in subsidies:
        if subsidy["rate_pct"] is not None:
            subsidy["rate_pct"] = [_number(r) for r in subsidy["rate_pct"].split(";")]
    for target in targets:
        for key in ("value", "value_max"):
            if isinstance(target[key], float) and target[key].is_integer():
                target[key] = int(target[key])
    plans = _records(dataset.plans)
    for plan in plans:
        plan["targets"] = [
            {k: v for k, v in t.items() if k != "plan_id"} for t in targets if t["plan_id"] == plan["plan_id"]
        ]
        plan["subsidies"] = [
            {k: v for k, v in s.items() if k != "plan_id"} for s in subsidies if s["plan_id"] == plan["plan_id"]
        ]
    return {
        "data_date": dataset.data_date,
        "plans": plans,
        "sources": _records(dataset.sources),
        "coverage": _records(dataset.coverage),
    }


def write_json(dataset: Dataset) -> str:
    return json.dumps(dataset_json(dataset), ensure_ascii=False, indent=2) + "\n"


def write_csv_tables(dataset: Dataset, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        path = out_dir / f"{name}.csv"
        path.write_text(csv_text(getattr(dataset, name)), encoding="utf-8")
        written.append(path)
    return written


# The GIS files the data view offers, by file name: (format, layer).
GIS_FILES = {
    "china-metaverse-plans.gpkg": ("gpkg", ""),
    "china-metaverse-provinces.geojson": ("geojson", "provinces"),
    "china-metaverse-cities.geojson": ("geojson", "cities"),
    "china-metaverse-plan-points.geojson": ("geojson", "plans"),
}
GIS_MEDIA_TYPES = {"gpkg": "application/geopackage+sqlite3", "geojson": "application/geo+json"}


def _description(agg: Aggregates, layer: str) -> str:
    what = {
        "provinces": "省级行政区及其元宇宙规划汇总 / provinces with their metaverse plans summarised",
        "cities": "有规划的市（直辖市为区）/ cities (districts in a municipality) with plans",
        "plans": "市、区级规划的位置 / city- and district-level plans at their place",
    }[layer]
    return f"{what}; 数据截至 / data as of {agg.dataset.data_date}; EPSG:4326"


def write_geopackage(agg: Aggregates, path: Path) -> Path:
    """The three layers (provinces, cities, plans) in one GeoPackage, EPSG:4326, each with a description."""
    path = Path(path)
    path.unlink(missing_ok=True)  # a GeoPackage is a database: writing into an old one would add to it
    for name, layer in gis.layers(agg).items():
        layer.to_file(
            path,
            layer=name,
            driver="GPKG",
            # GeoPackage 1.2: what the GDAL in today's QGIS and Debian reads without a warning
            dataset_options={"VERSION": "1.2"},
            layer_options={"DESCRIPTION": _description(agg, name)},
        )
    return path


def write_geojson(agg: Aggregates, path: Path, layer: str = "provinces") -> Path:
    """One layer as an RFC 7946 GeoJSON file (WGS 84, UTF-8)."""
    frame = gis.layer(agg, layer)
    path = Path(path)
    path.unlink(missing_ok=True)
    frame.to_file(path, layer=layer, driver="GeoJSON", layer_options={"RFC7946": "YES"})
    return path


def gis_bytes(agg: Aggregates, fmt: str, layer: str = "provinces") -> bytes:
    """A GeoPackage or GeoJSON file's bytes (written to a temporary folder: GDAL writes files)."""
    with tempfile.TemporaryDirectory(prefix="metaverse-map-gis-") as folder:
        if fmt == "gpkg":
            return write_geopackage(agg, Path(folder) / "layers.gpkg").read_bytes()
        return write_geojson(agg, Path(folder) / f"{layer}.geojson", layer).read_bytes()
