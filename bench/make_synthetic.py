"""A synthetic dataset for the scale benchmark: N plans (default 10,000) spread over all county-level
divisions, valid against our schema (quotes state their numbers), written as the five CSV tables.

    .venv/bin/python bench/make_synthetic.py OUT_DIR [--plans 10000]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.data.dataset import schema  # noqa: E402
from dashboard.geo.boundaries import places  # noqa: E402

KINDS = ["rent", "operating", "talent", "startup_rnd", "project_grant"]


def fields(name: str) -> list[str]:
    resource = next(r for r in schema()["resources"] if r["name"] == name)
    return [f["name"] for f in resource["schema"]["fields"]]


def write(path: Path, name: str, rows: list[dict]) -> None:
    with (path / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields(name), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def generate(out: Path, n_plans: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    counties = sorted((p for p in places().values() if p.level == "district"), key=lambda p: p.adcode)
    out.mkdir(parents=True, exist_ok=True)
    sources = [
        {
            "source_id": "S00",
            "kind": "article",
            "title_zh": "合成数据 / synthetic",
            "used_for": "benchmark",
            "published": "2023-11",
            "checked_on": "2023-11-30",
        }
    ]
    plans, targets, subsidies = [], [], []
    for i in range(n_plans):
        county = counties[i % len(counties)]
        year = rng.choice([2024, 2025, 2026, 2027])
        month = rng.randint(1, 12)
        plan_id = f"P{i:05d}"
        plans.append(
            {
                "plan_id": plan_id, "level": "district", "province_code": county.province_code,
                "city_code": county.city_code or "", "district_code": county.adcode, "area_zh": county.name_zh,
                "area_en": county.name_zh, "title_zh": f"{county.name_zh}元宇宙产业发展行动计划（合成 {i}）",
                "title_en": f"Metaverse action plan (synthetic {i})", "title_kind": "document",
                "announced": f"2022-{month:02d}", "announced_source_id": "S00", "period_start": 2022,
                "period_end": year, "target_year": year, "doc_type": "action_plan", "scope": "metaverse",
                "status": "issued", "summary_zh": "合成数据", "summary_en": "synthetic", "source_id": "S00",
            }
        )  # fmt: skip
        scale = rng.randint(1, 500)
        targets.append(
            {
                "target_id": f"T{i:05d}", "plan_id": plan_id, "metric": "industry_scale_cny", "basis": "metaverse", "subject_zh": "产业规模",
                "description_en": "industry", "value": scale * 100_000_000, "unit": "CNY", "qualifier": "more_than",
                "year": year, "quote": f"产业规模突破{scale}亿元", "source_id": "S00",
            }
        )  # fmt: skip
        if i % 5 == 0:
            cap = rng.randint(1, 1000)
            subsidies.append(
                {
                    "subsidy_id": f"Q{i:05d}", "plan_id": plan_id, "kind": rng.choice(KINDS), "applies_to": "any",
                    "rule": "cap", "description_zh": "合成补贴", "description_en": "synthetic", "max_cny": cap * 10_000,
                    "max_qualifier": "up_to", "per": "total", "quote": f"最高{cap}万元", "source_id": "S00",
                }
            )  # fmt: skip
    write(out, "sources", sources)
    write(out, "plans", plans)
    write(out, "targets", targets)
    write(out, "subsidies", subsidies)
    with_plans = {p["province_code"] for p in plans}
    provinces = sorted(p.adcode for p in places().values() if p.level == "province")
    coverage = [
        {"province_code": code, "result": "plans_recorded" if code in with_plans else "none_found",
         "searched_on": "2023-11-30", "searched_for": "synthetic"}
        for code in provinces
    ]  # fmt: skip
    write(out, "coverage", coverage)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=10_000)
    args = parser.parse_args()
    generate(args.out, args.plans)
    print(args.out)


if __name__ == "__main__":
    main()
