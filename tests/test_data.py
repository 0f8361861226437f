"""The dataset loader: the real data is valid; each kind of bad input gives one precise message."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.data.dataset import DatasetError, load_dataset
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
    # The seed article's 17 province sections each keep their plans, whatever later sources add.
    article = dataset.plans[dataset.plans["source_id"] == "S00"]
    assert article["province_code"].dropna().nunique() == 17
    assert dataset.plans["plan_id"].is_unique
    # Every provincial-level division has one coverage row, and it agrees with the plans.
    coverage = dataset.coverage.set_index("province_code")
    assert len(coverage) == 34
    with_plans = set(dataset.plans["province_code"].dropna())
    assert set(coverage.index[coverage["result"] == "plans_recorded"]) == with_plans


def test_no_quote_is_note_shorthand():
    dataset = load_dataset()
    for table in (dataset.targets, dataset.subsidies):
        assert not table["quote"].str.contains(r"[<>≤≥~～]").any()


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
    ("plans", "P06", "source_id", "S9999", "source_id: 'S9999': no such id in sources.csv"),
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
    ("sources", "S05", "checked_on", "2026-02-30", "checked_on: '2026-02-30': not a calendar date"),
    ("sources", "S05", "checked_on", "", "checked_on: '': required value is empty"),
    ("targets", "T02", "quote", "元宇宙产业规模 >3500亿元", "quote: '元宇宙产业规模 >3500亿元': '>' is note shorthand"),
    ("targets", "T02", "quote", "~3500亿元", "quote: '~3500亿元': '~' is note shorthand"),
    ("subsidies", "Q05", "quote", "≤一亿元", "quote: '≤一亿元': '≤' is note shorthand"),
    (
        "targets",
        "T02",
        "basis",
        "",
        "basis: '': metric industry_scale_cny needs its basis (core, metaverse, related, xr)",
    ),
    (
        "targets",
        "T02",
        "basis",
        "driven",
        "basis: 'driven': goes with metric driven_industry_cny, not industry_scale_cny",
    ),
    ("targets", "T03", "basis", "core", "basis: 'core': only industry-scale targets have a basis"),
    ("targets", "T02", "basis", "whole", "basis: 'whole': not one of core, metaverse, related, driven, xr"),
    ("coverage", "310000", "result", "none_found", "result: 'none_found': plans.csv has plans in this division"),
    ("coverage", "310000", "searched_on", "", "searched_on: '': result plans_recorded needs the date of the search"),
    ("coverage", "310000", "result", "maybe", "result: 'maybe': not one of plans_recorded, none_found, not_searched"),
    ("coverage", "310000", "province_code", "310100", "province_code: '310100': does not match the pattern"),
]


@pytest.mark.parametrize(("table", "row_id", "column", "value", "expected"), BAD_CELLS)
def test_bad_cell_is_reported_precisely(data_copy, table, row_id, column, value, expected):
    line = set_cell(data_copy, table, row_id, column, value)
    problems = problems_of(data_copy)
    matching = [p for p in problems if expected in p]
    assert matching, problems
    assert matching[0].startswith(f"{table}.csv:{line}: ") or column in ("target_id",), matching


def test_coverage_claims_follow_the_plans(data_copy):
    dataset = load_dataset(data_copy)
    without = sorted(set(dataset.coverage["province_code"]) - set(dataset.plans["province_code"].dropna()))
    if without:  # a division with no plan cannot claim to have plans recorded
        line = set_cell(data_copy, "coverage", without[0], "result", "plans_recorded")
        expected = f"coverage.csv:{line}: result: 'plans_recorded': plans.csv has no plan in this division"
        assert expected in problems_of(data_copy)
    set_cell(data_copy, "coverage", "310000", "result", "not_searched")
    assert any("searched_on: '" in p and "a division not searched has no date" in p for p in problems_of(data_copy))


def test_coverage_needs_every_division(data_copy):
    path = data_copy / "coverage.csv"
    header, rows = read_rows(path)
    write_rows(path, header, [r for r in rows if r[0] != "650000"])
    assert "coverage.csv:-: province_code: '650000': division missing from the table" in problems_of(data_copy)


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


def test_every_place_in_the_data_has_an_english_name():
    from dashboard.geo.boundaries import PLACE_NAMES_EN
    from tests.conftest import table

    plans = table("plans")
    codes = {c for p in plans for c in (p["city_code"], p["district_code"]) if c}
    assert codes <= set(PLACE_NAMES_EN), sorted(codes - set(PLACE_NAMES_EN))
    assert all(p["area_en"] and p["title_en"] for p in plans)
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in p["title_en"]) for p in plans)  # English, not a copy
