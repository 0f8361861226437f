"""The tables' files read safely and typed by their Table Schema (``datapackage.json``): types, required
fields, enums, ranges, uniqueness, foreign keys. Every problem is collected, none raised here."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import unicodedata
from pathlib import Path

from dashboard.data import quotes as quote_numbers
from dashboard.data.problems import Problem

# --------------------------------------------------------------------------- reading files


# A table of the real dataset is ~100 KB and the 10,000-plan benchmark's ~5 MB; bigger is a mistake or an attack.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_ROWS = 200_000


def _open_no_follow(path, flags):
    # O_NONBLOCK: a FIFO swapped in after the check cannot block the reader.
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


def read_csv(path: Path, problems: list[Problem]) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
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


def typed_rows(name: str, resource: dict, parsed, problems: list[Problem]) -> list[dict]:
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


def check_foreign_keys(
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
