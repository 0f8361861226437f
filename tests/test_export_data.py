import csv
import json
import subprocess
import sys


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "export-data", *args], capture_output=True, text=True, timeout=60
    )


def test_json_contract():
    result = run("--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    plans = {p["plan_id"]: p for p in data["plans"]}
    for plan in plans.values():
        for key in ("plan_id", "province_code", "city_code", "district_code", "title_zh", "announced",
                    "target_year", "source_id", "targets", "subsidies"):  # fmt: skip
            assert key in plan
    assert plans["P00"]["province_code"] is None
    shanghai = plans["P03"]
    target = next(t for t in shanghai["targets"] if t["target_id"] == "T02")
    assert (target["metric"], target["value"], target["unit"], target["qualifier"], target["year"]) == (
        "industry_scale_cny", 350000000000, "CNY", "more_than", 2025)  # fmt: skip
    assert "3500亿元" in target["quote"]
    rent = plans["P05"]["subsidies"][0]
    assert rent["rate_pct"] == [50, 70, 100] and rent["area_m2_max"] == 2000 and rent["duration_years"] == 3
    operating = plans["P02"]["subsidies"][0]
    assert (operating["base_cny"], operating["step_cny"], operating["step_m2"]) == (200000, 50000, 100)
    assert plans["P05"]["district_code"] == "110112"
    assert target["basis"] == "metaverse"
    assert len(data["coverage"]) == 34
    assert {c["result"] for c in data["coverage"]} <= {"plans_recorded", "none_found", "not_searched"}
    assert all(s["checked_on"] for s in data["sources"])


def test_json_to_file(tmp_path):
    out = tmp_path / "data.json"
    assert run("--format", "json", "-o", str(out)).returncode == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["plans"]) >= 27


def test_csv_tables(tmp_path):
    result = run("--format", "csv", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    with (tmp_path / "out" / "subsidies.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["subsidy_id"] for r in rows} >= {"Q01", "Q02"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "coverage.csv",
        "plans.csv",
        "sources.csv",
        "subsidies.csv",
        "targets.csv",
    ]


def test_csv_needs_a_folder():
    result = run("--format", "csv")
    assert result.returncode == 2 and "give a folder with -o DIR" in result.stderr
