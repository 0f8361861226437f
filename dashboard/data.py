"""Load and validate the curated dataset (policy_data/) into typed tables.

The tables are checked against the Table Schema in the bundled ``datapackage.json`` (the app's
contract) and against the facts around them: adcodes in our geodata, years, and each number
against the quote that states it. All problems are collected, then raised together as one
:class:`DatasetError` whose lines read ``file:row: column: value: what is wrong``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import DEFAULT_DATA_DIR, GEODATA_DIR
from dashboard import quotes as quote_numbers
from dashboard.geo import GeodataError, places, province_codes

SCHEMA_PATH = DEFAULT_DATA_DIR / "datapackage.json"
TABLES = ("sources", "plans", "targets", "subsidies", "coverage")
# Research-note shorthand ("核心产业 >300亿元", "~1000亿元"): a source's own words never read like this.
SHORTHAND = re.compile(r"[<>≤≥~～＜＞≈]")
# The metrics whose amount needs its basis (what the industry covers), and the bases each allows.
BASIS_OF_METRIC = {
    "industry_scale_cny": ("core", "metaverse", "related", "xr"),
    "driven_industry_cny": ("driven",),
}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # line in the file; the header is line 1
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        value = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        return f"{self.file}:{self.row or '-'}: {self.column or '-'}: {value!r}: {self.message}"


class DatasetError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"the dataset has {len(problems)} problem(s):\n{lines}")


@dataclass(frozen=True)
class Dataset:
    sources: pd.DataFrame
    plans: pd.DataFrame
    targets: pd.DataFrame
    subsidies: pd.DataFrame
    coverage: pd.DataFrame
    data_dir: Path

    @property
    def data_date(self) -> str:
        """The latest date any source was published: what the data is current to."""
        return str(self.sources["published"].dropna().max())


def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- reading files


# A table of the real dataset is ~100 KB and the 10,000-plan benchmark's ~5 MB; bigger is a mistake or an attack.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_ROWS = 200_000


def _open_no_follow(path, flags):
    # O_NONBLOCK: a FIFO swapped in after the check cannot block the reader.
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


def _read_csv(path: Path, problems: list[Problem]) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    name = path.name
    try:
        info = path.lstat()  # the entry itself: a link is not followed out of the folder
    except FileNotFoundError:
        problems.append(Problem(name, None, "", "", f"file is missing from {path.parent}"))
        return None
    except OSError as exc:
        problems.append(Problem(name, None, "", "", f"cannot read the file: {exc.strerror}"))
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.append(
            Problem(
                name, None, "", "", "not a regular file (a link, folder, pipe or device): put the table itself here"
            )
        )
        return None
    if info.st_size > MAX_FILE_BYTES:
        problems.append(
            Problem(
                name, None, "", str(info.st_size), f"larger than {MAX_FILE_BYTES // 2**20} MB: not a table of plans"
            )
        )
        return None
    try:
        with open(path, "rb", opener=_open_no_follow) as f:  # noqa: PTH123 - Path.open takes no opener
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.append(Problem(name, None, "", "", f"cannot read the file: {exc.strerror}"))
        return None
    try:
        text = raw.decode("utf-8-sig")  # a BOM, as Excel writes it, is fine
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(name, line, "", f"0x{raw[exc.start]:02x}", "not UTF-8 text; save the file as UTF-8 (CSV UTF-8)")
        )
        return None
    if not text.strip():
        problems.append(Problem(name, None, "", "", "the file is empty; it needs at least a header row"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
        rows = []
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, cells))
            if len(rows) > MAX_ROWS:
                problems.append(
                    Problem(name, reader.line_num, "", "", f"more than {MAX_ROWS:,} rows: not a table of plans")
                )
                return None
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, "", "", f"not a readable CSV: {exc}"))
        return None
    return header, rows


# --------------------------------------------------------------------------- schema checks

_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
# 15 significant digits are exact in a float (the tables' number type); 1e15 元 is a thousand times
# any budget in the plans. Longer digit strings are typing errors, not amounts.
MAX_DIGITS = 15


def _amount_hint(text: str) -> str:
    found = quote_numbers.mentions(text)
    if len(found) == 1 and found[0].money:
        return f"; write amounts in 元 as digits ({text} → {found[0].value:.0f})"
    return ""


def _convert(field: dict, text: str) -> tuple[object, str | None]:
    """The typed value of a non-empty cell, or an error message."""
    kind = field["type"]
    if kind in ("integer", "number"):
        if not (_INTEGER if kind == "integer" else _NUMBER).match(text):
            return None, ("not a whole number" if kind == "integer" else "not a number") + _amount_hint(text)
        if len(text.lstrip("-").replace(".", "").lstrip("0")) > MAX_DIGITS:
            return None, f"too many digits (more than {MAX_DIGITS}): a typing error?"
        return (int(text) if kind == "integer" else float(text)), None
    return text, None


def _check_constraints(field: dict, value: object) -> str | None:
    c = field.get("constraints", {})
    if "enum" in c and value not in c["enum"]:
        return f"not one of {', '.join(c['enum'])}"
    if "pattern" in c and not re.fullmatch(c["pattern"], str(value)):
        return f"does not match the pattern {c['pattern']}"
    if "minimum" in c and value < c["minimum"]:
        return f"below the minimum {c['minimum']}"
    if "maximum" in c and value > c["maximum"]:
        return f"above the maximum {c['maximum']}"
    if "minLength" in c and len(str(value).strip()) < c["minLength"]:
        return f"shorter than {c['minLength']} characters"
    return None


def _typed_rows(name: str, resource: dict, parsed, problems: list[Problem]) -> list[dict]:
    """Rows as dicts of typed values (None where empty), with each row's line as ``_line``."""
    file = resource["path"]
    fields = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    header, rows = parsed
    for column in expected:
        if column not in header:
            problems.append(Problem(file, 1, column, "", "column is missing from the header"))
    for position, column in enumerate(header):
        if column not in expected:
            problems.append(Problem(file, 1, column or f"column {position + 1}", column, "unknown column"))
        elif header.index(column) != position:
            problems.append(Problem(file, 1, column, column, "column appears twice in the header"))
    if any(c not in header for c in expected):
        return []

    out = []
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append(
                Problem(
                    file, line, "", ",".join(cells)[:60], f"row has {len(cells)} cells, the header has {len(header)}"
                )
            )
            continue
        record: dict = {"_line": line}
        for field in fields:
            name_ = field["name"]
            text = cells[header.index(name_)].strip()
            if field["type"] in ("integer", "number") or "pattern" in field.get("constraints", {}):
                text = unicodedata.normalize("NFKC", text)  # full-width digits ２０００ → 2000
            if text == "":
                record[name_] = None
                if field.get("constraints", {}).get("required"):
                    problems.append(Problem(file, line, name_, "", "required value is empty"))
                continue
            value, error = _convert(field, text)
            error = error or _check_constraints(field, value)
            if error:
                problems.append(Problem(file, line, name_, text, error))
                value = None
            record[name_] = value
        out.append(record)

    for key in resource["schema"].get("primaryKey", []):
        seen: dict = {}
        for record in out:
            value = record.get(key)
            if value is None:
                continue
            if value in seen:
                problems.append(
                    Problem(file, record["_line"], key, str(value), f"duplicate id (first on line {seen[value]})")
                )
            else:
                seen[value] = record["_line"]
    return out


def _check_foreign_keys(
    package: dict, tables: dict[str, list[dict]], problems: list[Problem], unreadable: set[str]
) -> None:
    for resource in package["resources"]:
        for fk in resource["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"]
            if target in unreadable:  # already reported; every reference to it would be noise
                continue
            known = {r[fk["reference"]["fields"]] for r in tables.get(target, [])}
            for record in tables.get(resource["name"], []):
                value = record.get(fk["fields"])
                if value is not None and value not in known:
                    problems.append(
                        Problem(
                            resource["path"], record["_line"], fk["fields"], str(value), f"no such id in {target}.csv"
                        )
                    )


# --------------------------------------------------------------------------- domain checks


def _check_places(plans: list[dict], problems: list[Problem], geodata_dir: Path) -> None:
    known = places(geodata_dir)
    file = "plans.csv"
    required = {
        "national": (),
        "province": ("province_code",),
        "city": ("province_code", "city_code"),
        "district": ("province_code", "district_code"),
    }
    for p in plans:
        line, level = p["_line"], p.get("level")
        if level is None:
            continue
        for column in ("province_code", "city_code", "district_code"):
            if p.get(column) is None and column in required[level]:
                problems.append(Problem(file, line, column, "", f"a {level}-level plan needs a {column}"))
        if level == "national":
            for column in ("province_code", "city_code", "district_code"):
                if p.get(column):
                    problems.append(Problem(file, line, column, p[column], "a national plan has no adcode"))
        if level in ("province", "city") and p.get("district_code"):
            problems.append(
                Problem(file, line, "district_code", p["district_code"], f"a {level}-level plan has no district")
            )
        if level == "province" and p.get("city_code"):
            problems.append(Problem(file, line, "city_code", p["city_code"], "a province-level plan has no city"))

        for column, wanted in (("province_code", "province"), ("city_code", "city"), ("district_code", "district")):
            code = p.get(column)
            if code is None:
                continue
            place = known.get(code)
            if place is None or place.level != wanted:
                what = f"a {place.level}" if place else "no place"
                problems.append(
                    Problem(file, line, column, code, f"not a {wanted} adcode in geodata/places.csv ({what})")
                )
                continue
            province = p.get("province_code")
            if wanted != "province" and province and place.province_code != province:
                problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        code,
                        f"{place.name_zh} is in province {place.province_code}, not {province}",
                    )
                )
            if wanted == "district":
                city = p.get("city_code")
                if place.city_code and city != place.city_code:
                    problems.append(
                        Problem(
                            file,
                            line,
                            "city_code",
                            city or "",
                            f"{place.name_zh} ({code}) is in city {place.city_code}",
                        )
                    )


def _parse_partial_date(text: str) -> dt.date | None:
    parts = [int(x) for x in text.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def _check_plans(plans: list[dict], problems: list[Problem]) -> None:
    for p in plans:
        line = p["_line"]
        announced = p.get("announced")
        if announced and _parse_partial_date(announced) is None:
            problems.append(Problem("plans.csv", line, "announced", announced, "not a calendar date"))
        if announced and not p.get("announced_source_id"):
            problems.append(
                Problem("plans.csv", line, "announced_source_id", "", "an announcement date needs its source")
            )
        start, end, target = p.get("period_start"), p.get("period_end"), p.get("target_year")
        if start and end and start > end:
            problems.append(Problem("plans.csv", line, "period_end", str(end), f"ends before it starts ({start})"))
        if announced and target and target < int(announced[:4]):
            problems.append(
                Problem("plans.csv", line, "target_year", str(target), f"before the announcement ({announced})")
            )


_METRIC_UNITS = {"_cny": "CNY", "_pct": "percent"}


def _check_targets(targets: list[dict], problems: list[Problem]) -> None:
    for t in targets:
        line, metric, unit, value = t["_line"], t.get("metric"), t.get("unit"), t.get("value")
        if metric and unit:
            wanted = next((u for suffix, u in _METRIC_UNITS.items() if metric.endswith(suffix)), "count")
            if unit != wanted:
                problems.append(Problem("targets.csv", line, "unit", unit, f"metric {metric} is measured in {wanted}"))
        if unit == "CNY" and value is not None and value != int(value):
            problems.append(Problem("targets.csv", line, "value", _fmt(value), "amounts in 元 are whole numbers"))
        ranged, value_max = t.get("qualifier") == "range", t.get("value_max")
        if ranged and value_max is None:
            problems.append(Problem("targets.csv", line, "value_max", "", "a range needs its upper end"))
        if not ranged and value_max is not None:
            problems.append(Problem("targets.csv", line, "value_max", _fmt(value_max), "only a range has an upper end"))
        if ranged and value_max is not None and value is not None and value_max < value:
            problems.append(
                Problem("targets.csv", line, "value_max", _fmt(value_max), f"below the lower end {_fmt(value)}")
            )
        basis, allowed = t.get("basis"), BASIS_OF_METRIC.get(metric or "")
        if allowed and basis is None:
            problems.append(
                Problem("targets.csv", line, "basis", "", f"metric {metric} needs its basis ({', '.join(allowed)})")
            )
        elif allowed and basis not in allowed:
            other = next((m for m, bases in BASIS_OF_METRIC.items() if basis in bases), None)
            problems.append(Problem("targets.csv", line, "basis", basis, f"goes with metric {other}, not {metric}"))
        elif basis is not None and metric and not allowed:
            problems.append(Problem("targets.csv", line, "basis", basis, "only industry-scale targets have a basis"))
        quote = t.get("quote")
        _check_shorthand("targets.csv", line, quote, problems)
        if quote and unit:
            for column in ("value", "value_max"):
                number = t.get(column)
                if number is not None and not quote_numbers.states(quote, number, unit):
                    problems.append(
                        Problem(
                            "targets.csv", line, column, _fmt(number), f"the quote does not state this value: {quote}"
                        )
                    )


# (column, unit the quote states it in, the column that must come with it)
_SUBSIDY_NUMBERS = (
    ("max_cny", "CNY", "max_qualifier"),
    ("base_cny", "CNY", "step_m2"),
    ("step_cny", "CNY", "step_m2"),
    ("step_m2", "m2", "step_cny"),
    ("area_m2_min", "m2", None),
    ("area_m2_max", "m2", None),
    ("duration_years", "years", "duration_qualifier"),
    ("fund_size_cny", "CNY", "fund_size_qualifier"),
    ("loan_principal_cap_cny", "CNY", None),
)


# The fields each calculation rule reads (see the codebook): a rule without them cannot be applied.
RULE_FIELDS = {
    "cap": ("max_cny",),
    "formula_per_year": ("base_cny", "step_cny", "step_m2", "area_m2_min"),
    "rent_share": ("rate_pct",),
    "none": (),
}


def _check_subsidies(subsidies: list[dict], problems: list[Problem]) -> None:
    for s in subsidies:
        line, quote = s["_line"], s.get("quote")
        _check_shorthand("subsidies.csv", line, quote, problems)
        for column in RULE_FIELDS.get(s.get("rule") or "none", ()):
            if s.get(column) is None:
                problems.append(Problem("subsidies.csv", line, column, "", f"rule {s['rule']} needs {column}"))
        for column, unit, companion in _SUBSIDY_NUMBERS:
            value = s.get(column)
            if value is None:
                continue
            if companion and s.get(companion) is None:
                problems.append(Problem("subsidies.csv", line, companion, "", f"needed with {column}"))
            if quote and not quote_numbers.states(quote, value, unit):
                problems.append(
                    Problem("subsidies.csv", line, column, _fmt(value), f"the quote does not state this value: {quote}")
                )
        for qualifier, column in (("max_qualifier", "max_cny"), ("duration_qualifier", "duration_years"),
                                  ("fund_size_qualifier", "fund_size_cny")):  # fmt: skip
            if s.get(qualifier) and s.get(column) is None:
                problems.append(
                    Problem("subsidies.csv", line, qualifier, s[qualifier], f"qualifies nothing: {column} is empty")
                )
        if (s.get("max_cny") is not None or s.get("base_cny") is not None) and s.get("per") is None:
            problems.append(Problem("subsidies.csv", line, "per", "", "say whether the amount is per year or in total"))
        low, high = s.get("area_m2_min"), s.get("area_m2_max")
        if low is not None and high is not None and low >= high:
            problems.append(Problem("subsidies.csv", line, "area_m2_max", str(high), f"not above area_m2_min {low}"))
        rates = s.get("rate_pct")
        if rates:
            for rate in rates.split(";"):
                if not 0 < float(rate) <= 100:
                    problems.append(
                        Problem("subsidies.csv", line, "rate_pct", rates, f"{rate}% is not a share of cost")
                    )
                elif quote and not quote_numbers.states(quote, float(rate), "percent"):
                    problems.append(
                        Problem("subsidies.csv", line, "rate_pct", rates, f"the quote does not state {rate}%")
                    )


def _check_shorthand(file: str, line: int, quote: str | None, problems: list[Problem]) -> None:
    if quote and SHORTHAND.search(quote):
        mark = SHORTHAND.search(quote).group()
        problems.append(
            Problem(file, line, "quote", quote, f"{mark!r} is note shorthand, not the source's words; quote the page")
        )


def _check_sources(sources: list[dict], problems: list[Problem]) -> None:
    for s in sources:
        if s.get("kind") == "web_page" and not s.get("url"):
            problems.append(Problem("sources.csv", s["_line"], "url", "", "a web page needs its address"))
        for column in ("published", "checked_on"):
            value = s.get(column)
            if value and _parse_partial_date(value) is None:
                problems.append(Problem("sources.csv", s["_line"], column, value, "not a calendar date"))


COVERAGE_RESULTS_WITH_PLANS = ("plans_recorded",)


def _check_coverage(coverage: list[dict], plans: list[dict], problems: list[Problem], geodata_dir: Path) -> None:
    """One row per provincial-level division; its result agrees with the plans table."""
    file = "coverage.csv"
    divisions = province_codes(geodata_dir)
    with_plans = {p["province_code"] for p in plans if p.get("province_code")}
    seen = set()
    for row in coverage:
        line, code, result = row["_line"], row.get("province_code"), row.get("result")
        if code is None:
            continue
        seen.add(code)
        if code not in divisions:
            problems.append(Problem(file, line, "province_code", code, "not a provincial-level division"))
            continue
        if result == "plans_recorded" and code not in with_plans:
            problems.append(Problem(file, line, "result", result, "plans.csv has no plan in this division"))
        if result in ("none_found", "not_searched") and code in with_plans:
            problems.append(Problem(file, line, "result", result, "plans.csv has plans in this division"))
        searched_on = row.get("searched_on")
        if result == "not_searched" and searched_on:
            problems.append(Problem(file, line, "searched_on", searched_on, "a division not searched has no date"))
        if result in ("plans_recorded", "none_found") and not searched_on:
            problems.append(Problem(file, line, "searched_on", "", f"result {result} needs the date of the search"))
        if searched_on and _parse_partial_date(searched_on) is None:
            problems.append(Problem(file, line, "searched_on", searched_on, "not a calendar date"))
    if coverage:
        for code in divisions:
            if code not in seen:
                problems.append(Problem(file, None, "province_code", code, "division missing from the table"))


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


# --------------------------------------------------------------------------- entry point


def _frame(resource: dict, records: list[dict]) -> pd.DataFrame:
    columns = [f["name"] for f in resource["schema"]["fields"]]
    frame = pd.DataFrame.from_records(records, columns=columns) if records else pd.DataFrame(columns=columns)
    for field in resource["schema"]["fields"]:
        if field["type"] == "integer":
            frame[field["name"]] = frame[field["name"]].astype("Int64")
        elif field["type"] == "number":
            frame[field["name"]] = frame[field["name"]].astype("Float64")
        else:
            frame[field["name"]] = frame[field["name"]].astype("object").where(frame[field["name"]].notna(), None)
    return frame


def load_dataset(data_dir: Path = DEFAULT_DATA_DIR, geodata_dir: Path = GEODATA_DIR) -> Dataset:
    """Read, check and type every table; raise :class:`DatasetError` listing every problem."""
    data_dir = Path(data_dir)
    package = schema()
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DatasetError([Problem(str(data_dir), None, "", "", "no such data directory")])

    tables: dict[str, list[dict]] = {}
    unreadable: set[str] = set()
    resources = {r["name"]: r for r in package["resources"]}
    for name in TABLES:
        parsed = _read_csv(data_dir / resources[name]["path"], problems)
        tables[name] = _typed_rows(name, resources[name], parsed, problems) if parsed else []
        if not tables[name]:
            unreadable.add(name)
    _check_foreign_keys(package, tables, problems, unreadable)
    try:
        _check_places(tables["plans"], problems, geodata_dir)
    except GeodataError as exc:
        problems.append(Problem("places.csv", None, "", "", str(exc)))
    _check_plans(tables["plans"], problems)
    _check_targets(tables["targets"], problems)
    _check_subsidies(tables["subsidies"], problems)
    _check_sources(tables["sources"], problems)
    if not tables["plans"] and not any(p.file == "plans.csv" for p in problems):  # read, but header-only
        problems.append(Problem("plans.csv", None, "", "", "the table has no rows: a map needs at least one plan"))
    if tables["sources"] and not any(s.get("published") for s in tables["sources"]):
        problems.append(
            Problem("sources.csv", None, "published", "", "no source has a date: the data date is the latest of them")
        )
    try:
        if "plans" not in unreadable:  # an unreadable plans table is reported already; nothing to agree with
            _check_coverage(tables["coverage"], tables["plans"], problems, geodata_dir)
    except GeodataError as exc:
        problems.append(Problem("provinces.geojson", None, "", "", str(exc)))
    if problems:
        raise DatasetError(problems)
    frames = {name: _frame(resources[name], tables[name]) for name in TABLES}
    return Dataset(**frames, data_dir=data_dir)
