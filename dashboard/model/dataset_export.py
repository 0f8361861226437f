"""``python -m dashboard export-data``: the whole dataset as nested JSON or as the flat CSV tables.

JSON contract (documented in policy_data/README.md): ``{"plans": [...], "sources": [...]}``;
each plan carries its ``targets`` and ``subsidies`` as nested lists; empty cells are null;
``rate_pct`` tiers become a list of numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from dashboard.data.csvfile import csv_text
from dashboard.data.dataset import TABLES, Dataset


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
