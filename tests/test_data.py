"""The dataset loader: the real data is valid; each kind of bad input gives one precise message."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.data import DatasetError, load_dataset
from tests.conftest import read_rows, set_cell, write_rows

MESSAGE = re.compile(r"^[\w./-]+:(\d+|-): [\w -]+: '.*': .+$")


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(DatasetError) as info:
        load_dataset(data_dir)
    lines = [str(p) for p in info.value.problems]
    for line in lines:
        assert MESSAGE.match(line), line
    return lines


def test_bundled_dataset_is_valid():
    dataset = load_dataset()
    assert len(dataset.plans) >= 27
    # Every province section of the source article has at least one plan.
    provinces = set(dataset.plans["province_code"].dropna())
    assert len(provinces) == 17
    assert dataset.plans["plan_id"].is_unique


def test_every_number_has_a_quote_and_source():
    dataset = load_dataset()
    for table in (dataset.targets, dataset.subsidies):
        assert table["quote"].str.strip().str.len().min() >= 2
        assert table["source_id"].isin(dataset.sources["source_id"]).all()


def test_shanghai_scale_target_is_normalised():
    targets = load_dataset().targets.set_index("target_id")
    shanghai = targets.loc["T02"]
    assert shanghai["value"] == 350_000_000_000
    assert shanghai["qualifier"] == "more_than"
    assert "3500亿元" in shanghai["quote"]


def test_formula_and_tiered_subsidies_keep_their_structure():
    subsidies = load_dataset().subsidies.set_index("subsidy_id")
    jiangning = subsidies.loc["Q01"]
    assert (jiangning["base_cny"], jiangning["step_cny"], jiangning["step_m2"]) == (200_000, 50_000, 100)
    assert (jiangning["area_m2_min"], jiangning["duration_years"], jiangning["duration_qualifier"]) == (
        400,
        3,
        "at_least",
    )
    tongzhou = subsidies.loc["Q02"]
    assert tongzhou["rate_pct"] == "50;70;100"
    assert (tongzhou["area_m2_max"], tongzhou["duration_years"], tongzhou["duration_qualifier"]) == (2000, 3, "up_to")


BAD_CELLS = [
    # (table, row id, column, bad value, expected fragment of the message)
    ("plans", "P05", "district_code", "12345", "district_code: '12345': does not match the pattern"),
    ("plans", "P05", "district_code", "110199", "district_code: '110199': not a district adcode in geodata/places.csv"),
    ("plans", "P16", "city_code", "330100", "city_code: '330100': 杭州市 is in province 330000, not 350000"),
    ("plans", "P09", "district_code", "320115", "district_code: '320115': 江宁区 is in province 320000, not 330000"),
    ("plans", "P02", "city_code", "320200", "city_code: '320200': 江宁区 (320115) is in city 320100"),
    ("plans", "P03", "province_code", "320100", "province_code: '320100': not a province adcode"),
    ("plans", "P05", "level", "county", "level: 'county': not one of national, province, city, district"),
    ("plans", "P05", "announced", "2022-02-30", "announced: '2022-02-30': not a calendar date"),
    ("plans", "P05", "announced", "2022/02/03", "announced: '2022/02/03': does not match the pattern"),
    ("plans", "P16", "target_year", "2099", "target_year: '2099': above the maximum 2050"),
    ("plans", "P16", "target_year", "2021", "target_year: '2021': before the announcement (2022-03-18)"),
    ("plans", "P13", "period_end", "2020", "period_end: '2020': ends before it starts (2022)"),
    ("plans", "P00", "province_code", "110000", "province_code: '110000': a national plan has no adcode"),
    ("plans", "P06", "source_id", "S99", "source_id: 'S99': no such id in sources.csv"),
    ("plans", "P06", "summary_zh", "", "summary_zh: '': required value is empty"),
    (
        "subsidies",
        "Q01",
        "base_cny",
        "20万",
        "base_cny: '20万': not a whole number; write amounts in 元 as digits (20万 → 200000)",
    ),
    ("subsidies", "Q11", "max_cny", "-5", "max_cny: '-5': below the minimum 0"),
    ("subsidies", "Q11", "kind", "bonus", "kind: 'bonus': not one of rent, operating"),
    ("subsidies", "Q11", "max_cny", "100000", "max_cny: '100000': the quote does not state this value"),
    ("subsidies", "Q11", "max_qualifier", "", "max_qualifier: '': needed with max_cny"),
    ("subsidies", "Q02", "rate_pct", "50;170", "rate_pct: '50;170': 170% is not a share of cost"),
    ("subsidies", "Q02", "rate_pct", "50;60;100", "rate_pct: '50;60;100': the quote does not state 60%"),
    ("subsidies", "Q05", "quote", "", "quote: '': required value is empty"),
    ("subsidies", "Q02", "rule", "formula_per_year", "base_cny: '': rule formula_per_year needs base_cny"),
    ("subsidies", "Q02", "rule", "bonus", "rule: 'bonus': not one of cap, formula_per_year, rent_share, none"),
    ("subsidies", "Q05", "plan_id", "P99", "plan_id: 'P99': no such id in plans.csv"),
    ("targets", "T02", "value", "35000000000", "value: '35000000000': the quote does not state this value"),
    ("targets", "T19", "value", "1.28", "value: '1.28': the quote does not state this value"),
    ("targets", "T02", "unit", "count", "unit: 'count': metric industry_scale_cny is measured in CNY"),
    ("targets", "T15", "value_max", "", "value_max: '': a range needs its upper end"),
    ("targets", "T03", "value_max", "12", "value_max: '12': only a range has an upper end"),
    ("targets", "T03", "target_id", "T02", "target_id: 'T02': duplicate id (first on line"),
    ("targets", "T03", "qualifier", "about", "qualifier: 'about': not one of exact"),
    ("sources", "S05", "url", "", "url: '': a web page needs its address"),
]


@pytest.mark.parametrize(("table", "row_id", "column", "value", "expected"), BAD_CELLS)
def test_bad_cell_is_reported_precisely(data_copy, table, row_id, column, value, expected):
    line = set_cell(data_copy, table, row_id, column, value)
    problems = problems_of(data_copy)
    matching = [p for p in problems if expected in p]
    assert matching, problems
    assert matching[0].startswith(f"{table}.csv:{line}: ") or column in ("target_id",), matching


def test_missing_column(data_copy):
    path = data_copy / "plans.csv"
    header, rows = read_rows(path)
    drop = header.index("level")
    write_rows(
        path, [h for i, h in enumerate(header) if i != drop], [[c for i, c in enumerate(r) if i != drop] for r in rows]
    )
    assert "plans.csv:1: level: '': column is missing from the header" in problems_of(data_copy)


def test_unknown_column(data_copy):
    path = data_copy / "sources.csv"
    header, rows = read_rows(path)
    write_rows(path, [*header, "comment"], [[*r, "x"] for r in rows])
    assert "sources.csv:1: comment: 'comment': unknown column" in problems_of(data_copy)


def test_row_with_wrong_cell_count(data_copy):
    path = data_copy / "sources.csv"
    text = path.read_text(encoding="utf-8") + "S90,web_page\n"
    path.write_text(text, encoding="utf-8")
    line = text.count("\n")
    assert any(p.startswith(f"sources.csv:{line}: -: 'S90,web_page': row has 2 cells") for p in problems_of(data_copy))


def test_non_utf8_file(data_copy):
    path = data_copy / "plans.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    problems = problems_of(data_copy)
    assert any(p.startswith("plans.csv:2: -: ") and "not UTF-8 text; save the file as UTF-8" in p for p in problems)


def test_missing_file(data_copy):
    (data_copy / "targets.csv").unlink()
    assert any(p.startswith("targets.csv:-: -: '': file is missing") for p in problems_of(data_copy))


def test_empty_file(data_copy):
    (data_copy / "subsidies.csv").write_text("", encoding="utf-8")
    assert "subsidies.csv:-: -: '': the file is empty; it needs at least a header row" in problems_of(data_copy)


def test_all_problems_are_reported_at_once(data_copy):
    set_cell(data_copy, "plans", "P05", "level", "county")
    set_cell(data_copy, "subsidies", "Q01", "base_cny", "20万")
    set_cell(data_copy, "targets", "T02", "unit", "count")
    problems = problems_of(data_copy)
    assert {p.split(":")[0] for p in problems} >= {"plans.csv", "subsidies.csv", "targets.csv"}


def test_excel_bom_and_full_width_digits_are_accepted(data_copy):
    set_cell(data_copy, "plans", "P16", "target_year", "２０２４")
    path = data_copy / "plans.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    dataset = load_dataset(data_copy)
    assert dataset.plans.set_index("plan_id").loc["P16", "target_year"] == 2024


@pytest.mark.parametrize("command", ["validate", "serve"])
def test_cli_reports_problems_without_traceback(data_copy, command):
    set_cell(data_copy, "plans", "P05", "district_code", "110199")
    args = [sys.executable, "-m", "dashboard", command, "--data-dir", str(data_copy)]
    if command == "serve":
        args += ["--port", "0"]
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "plans.csv:7: district_code: '110199': not a district adcode in geodata/places.csv" in result.stderr


def test_cli_validate_reports_valid():
    result = subprocess.run([sys.executable, "-m", "dashboard", "validate"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "valid (" in result.stdout
